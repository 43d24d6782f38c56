"""Generate structure pairs and pymatgen StructureMatcher verdicts for the Java matcher tests.

Run from this directory with Debian's interpreter (pymatgen is only installed there):

    /usr/bin/python3 generate.py

Writes pairs.json (designed cases) and random_pairs.json (random compositions of the same transformations, many near
the tolerances), each a list of cases, each with the matcher settings, the two structures (lattice rows in
Angstrom, species, fractional coordinates) and pymatgen's answers for exactly the numbers stored in the file:
``fit`` = StructureMatcher.fit(a, b) and ``rms``/``max_dist`` = StructureMatcher.get_rms_dist(a, b)
(null when pymatgen returns None). Coordinates are rounded before pymatgen sees them, so the Java test
compares against the verdict on the very same input. Also writes niggli.tsv (see write_niggli).
"""
import json
import platform

import numpy as np
import pymatgen
from pymatgen.analysis.structure_matcher import StructureMatcher
from pymatgen.core import Lattice, Structure

DIGITS = 10
rng = np.random.default_rng(20240527)


# ---------------------------------------------------------------- crystals
def crystals():
    c = {}
    c["LiNiO2"] = Structure.from_spacegroup(
        "R-3m", Lattice.hexagonal(2.88, 14.19), ["Ni", "Li", "O"], [[0, 0, 0], [0, 0, 0.5], [0, 0, 0.258]])
    c["LiCoO2"] = Structure.from_spacegroup(
        "R-3m", Lattice.hexagonal(2.816, 14.05), ["Co", "Li", "O"], [[0, 0, 0], [0, 0, 0.5], [0, 0, 0.26]])
    c["Cu"] = Structure.from_spacegroup("Fm-3m", Lattice.cubic(3.615), ["Cu"], [[0, 0, 0]])
    c["NaCl"] = Structure.from_spacegroup("Fm-3m", Lattice.cubic(5.64), ["Na", "Cl"], [[0, 0, 0], [0.5, 0.5, 0.5]])
    c["SrTiO3"] = Structure.from_spacegroup(
        "Pm-3m", Lattice.cubic(3.905), ["Sr", "Ti", "O"], [[0, 0, 0], [0.5, 0.5, 0.5], [0.5, 0.5, 0]])
    c["rutile"] = Structure.from_spacegroup(
        "P4_2/mnm", Lattice.tetragonal(4.594, 2.959), ["Ti", "O"], [[0, 0, 0], [0.3053, 0.3053, 0]])
    c["anatase"] = Structure.from_spacegroup(
        "I4_1/amd", Lattice.tetragonal(3.785, 9.514), ["Ti", "O"], [[0, 0.75, 0.125], [0, 0.75, 0.3333]])
    c["ZnO_wurtzite"] = Structure.from_spacegroup(
        "P6_3mc", Lattice.hexagonal(3.25, 5.207), ["Zn", "O"], [[1 / 3, 2 / 3, 0], [1 / 3, 2 / 3, 0.3825]])
    c["ZnO_zincblende"] = Structure.from_spacegroup(
        "F-43m", Lattice.cubic(4.58), ["Zn", "O"], [[0, 0, 0], [0.25, 0.25, 0.25]])
    c["Si"] = Structure.from_spacegroup("Fd-3m", Lattice.cubic(5.431), ["Si"], [[0, 0, 0]])
    # baddeleyite, monoclinic ZrO2 (P2_1/c): a low-symmetry cell with a non-right angle
    c["ZrO2_mono"] = Structure.from_spacegroup(
        "P2_1/c", Lattice.monoclinic(5.1507, 5.2028, 5.3156, 99.197), ["Zr", "O", "O"],
        [[0.2754, 0.0395, 0.2083], [0.0700, 0.3317, 0.3447], [0.4496, 0.7569, 0.4792]])
    return c


# ---------------------------------------------------------------- transformations
def shuffled(s):
    order = rng.permutation(len(s))
    return Structure(s.lattice, [s[i].species for i in order], [s[i].frac_coords for i in order])


def translated(s, shift=None):
    shift = rng.random(3) if shift is None else np.asarray(shift)
    return Structure(s.lattice, s.species, s.frac_coords + shift)


def perturbed(s, distance):
    """Every site moved by exactly `distance` Angstrom in a random direction."""
    v = rng.normal(size=(len(s), 3))
    v *= distance / np.linalg.norm(v, axis=1)[:, None]
    return Structure(s.lattice, s.species, s.cart_coords + v, coords_are_cartesian=True)


def supercell(s, m):
    t = s.copy()
    t.make_supercell(m)
    return t


def strained(s, eps):
    """Lattice rows scaled by diag(1 + eps) in the lattice basis; fractional coordinates kept."""
    m = s.lattice.matrix * (1 + np.asarray(eps, dtype=float))[:, None]
    return Structure(Lattice(m), s.species, s.frac_coords)


def sheared(s, gamma_deg):
    """Simple shear in Cartesian space, x += tan(gamma) * y (fractional coordinates kept)."""
    shear = np.eye(3)
    shear[1, 0] = np.tan(np.radians(gamma_deg))
    return Structure(Lattice(s.lattice.matrix @ shear), s.species, s.frac_coords)


def rotated(s, axis, angle_deg):
    axis = np.asarray(axis, dtype=float) / np.linalg.norm(axis)
    a = np.radians(angle_deg)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    r = np.eye(3) + np.sin(a) * k + (1 - np.cos(a)) * k @ k
    return Structure(Lattice(s.lattice.matrix @ r.T), s.species, s.frac_coords)


def rechosen(s, m):
    """Same crystal in another cell: new lattice rows = m @ old rows with an integer unimodular m."""
    m = np.asarray(m)
    assert abs(round(np.linalg.det(m))) == 1
    return Structure(Lattice(m @ s.lattice.matrix), s.species, s.frac_coords @ np.linalg.inv(m))


def inverted(s):
    return Structure(s.lattice, s.species, -s.frac_coords)


def antisite(s, el1, el2):
    sp = [str(x) for x in s.species]
    i, j = sp.index(el1), sp.index(el2)
    sp[i], sp[j] = sp[j], sp[i]
    return Structure(s.lattice, sp, s.frac_coords)


def substituted(s, old, new):
    return Structure(s.lattice, [new if str(x) == old else str(x) for x in s.species], s.frac_coords)


# ---------------------------------------------------------------- cases
def cases(c):
    lno, cu, nacl, sto = c["LiNiO2"], c["Cu"], c["NaCl"], c["SrTiO3"]
    rut, ana, zno, znob, si, zro2 = (c["rutile"], c["anatase"], c["ZnO_wurtzite"], c["ZnO_zincblende"], c["Si"],
                                     c["ZrO2_mono"])
    lno_prim = lno.get_primitive_structure()
    out = []

    def add(name, a, b, **settings):
        out.append((name, a, b, settings))

    # identity up to site order and origin
    for key in ["LiNiO2", "Cu", "NaCl", "SrTiO3", "rutile", "anatase", "ZnO_wurtzite", "Si", "ZrO2_mono"]:
        add(f"{key}: shuffled and translated copy", c[key], translated(shuffled(c[key])))
    # conventional vs primitive / supercells
    add("LiNiO2: hexagonal 12-site cell vs rhombohedral primitive", lno, lno_prim)
    add("Cu: conventional vs 1-atom primitive", cu, cu.get_primitive_structure())
    add("NaCl: 2x1x1 supercell vs conventional", supercell(nacl, [2, 1, 1]), shuffled(nacl))
    add("SrTiO3: 2x2x1 supercell vs unit cell", supercell(sto, [2, 2, 1]), translated(sto))
    add("rutile: 1x1x3 supercell vs unit cell", supercell(rut, [1, 1, 3]), rut)
    add("ZnO wurtzite: 2x1x2 supercell (16 sites) vs unit cell", supercell(zno, [2, 1, 2]), zno)
    add("LiNiO2: 2x1x1 vs 1x2x1 supercell, shuffled", supercell(lno, [2, 1, 1]),
        shuffled(supercell(lno, [1, 2, 1])))
    # small and large displacements
    for key in ["LiNiO2", "NaCl", "SrTiO3", "rutile", "ZnO_wurtzite", "ZrO2_mono"]:
        add(f"{key}: every site displaced 0.05 A", c[key], shuffled(perturbed(c[key], 0.05)))
        add(f"{key}: every site displaced 0.5 A", c[key], perturbed(c[key], 0.5))
    add("Cu: 2x2x2 supercell (32 sites) displaced 0.05 A vs unit cell", cu, perturbed(supercell(cu, [2, 2, 2]), 0.05))
    add("Si: every site displaced 0.25 A", si, perturbed(si, 0.25))
    add("LiNiO2: 2x1x1 supercell displaced 0.05 A vs 1x2x1, shuffled", supercell(lno, [2, 1, 1]),
        shuffled(perturbed(supercell(lno, [1, 2, 1]), 0.05)))
    add("LiNiO2: 2x1x1 supercell displaced 0.2 A vs primitive", lno_prim,
        shuffled(perturbed(supercell(lno, [2, 1, 1]), 0.2)))
    # strain
    add("LiNiO2: c strained +5%", lno, strained(lno, [0, 0, 0.05]))
    add("LiNiO2: c strained +25%", lno, strained(lno, [0, 0, 0.25]))
    add("LiNiO2: c strained +45%", lno, strained(lno, [0, 0, 0.45]))
    add("rutile: a +10%, c -10%", rut, strained(rut, [0.1, 0, -0.1]))
    add("rutile: a +30%, c -20%", rut, strained(rut, [0.3, 0, -0.2]))
    add("SrTiO3: isotropic +8% (volume only)", sto, strained(sto, [0.08, 0.08, 0.08]))
    add("ZrO2: sheared 3 degrees", zro2, sheared(zro2, 3))
    add("ZrO2: sheared 8 degrees", zro2, sheared(zro2, 8))
    add("ZnO wurtzite: sheared 4 degrees and displaced 0.05 A", zno, perturbed(sheared(zno, 4), 0.05))
    # rigid rotations, other cell choices, inversion
    add("SrTiO3: rigidly rotated 37 degrees about [1,2,3]", sto, rotated(sto, [1, 2, 3], 37))
    add("ZrO2: rigidly rotated 121 degrees about [0,1,1]", zro2, rotated(zro2, [0, 1, 1], 121))
    add("LiNiO2: cell re-chosen by [[1,1,0],[0,1,0],[0,0,1]]", lno, rechosen(lno, [[1, 1, 0], [0, 1, 0], [0, 0, 1]]))
    add("ZrO2: cell re-chosen by [[1,0,1],[0,1,0],[1,0,2]]", zro2,
        translated(rechosen(zro2, [[1, 0, 1], [0, 1, 0], [1, 0, 2]])))
    add("rutile: cell re-chosen by [[1,0,0],[1,1,0],[0,1,1]] and rotated", rut,
        rotated(rechosen(rut, [[1, 0, 0], [1, 1, 0], [0, 1, 1]]), [1, 0, 0], 90))
    add("ZnO wurtzite: inverted (polarity flipped)", zno, inverted(zno))
    add("ZrO2: inverted and displaced 0.05 A", zro2, perturbed(inverted(zro2), 0.05))
    # different crystals
    add("LiNiO2 vs LiCoO2 (different compound)", lno, c["LiCoO2"])
    add("TiO2: rutile vs anatase", rut, ana)
    add("ZnO: wurtzite vs zincblende", zno, znob)
    add("NaCl vs KCl on the same lattice", nacl, substituted(nacl, "Na", "K"))
    add("NaCl vs CsCl-type NaCl", nacl,
        Structure(Lattice.cubic(3.2), ["Na", "Cl"], [[0, 0, 0], [0.5, 0.5, 0.5]]))
    add("Cu fcc vs Cu bcc of equal volume", cu, Structure(Lattice.cubic(3.615 / 2 ** (1 / 3)), ["Cu", "Cu"],
                                                           [[0, 0, 0], [0.5, 0.5, 0.5]]))
    # antisite disorder
    add("LiNiO2: one Li/Ni antisite pair in a 2x1x1 cell", supercell(lno, [2, 1, 1]),
        antisite(supercell(lno, [2, 1, 1]), "Li", "Ni"))
    add("LiNiO2: 2x1x1 antisite pair vs 1x2x1 supercell displaced 0.05 A", antisite(supercell(lno, [2, 1, 1]), "Li", "Ni"),
        shuffled(perturbed(supercell(lno, [1, 2, 1]), 0.05)))
    add("SrTiO3 2x1x1: Sr/Ti antisite pair", supercell(sto, [2, 1, 1]), antisite(supercell(sto, [2, 1, 1]), "Sr", "Ti"))
    # other settings
    add("NaCl: 2x1x1 supercell vs conventional, primitive_cell=False", supercell(nacl, [2, 1, 1]), nacl,
        primitive_cell=False)
    add("SrTiO3: isotropic +8%, scale=False", sto, strained(sto, [0.08, 0.08, 0.08]), scale=False)
    add("SrTiO3: isotropic +30%, scale=False", sto, strained(sto, [0.3, 0.3, 0.3]), scale=False)
    add("LiNiO2: c +5%, ltol=0.02", lno, strained(lno, [0, 0, 0.05]), ltol=0.02)
    add("rutile: a +10%, c -10%, ltol=0.05", rut, strained(rut, [0.1, 0, -0.1]), ltol=0.05)
    add("ZrO2: sheared 3 degrees, angle_tol=1", zro2, sheared(zro2, 3), angle_tol=1)
    add("rutile: displaced 0.05 A, stol=0.02", rut, perturbed(rut, 0.05), stol=0.02)
    add("rutile: displaced 0.2 A, stol=0.1", rut, perturbed(rut, 0.2), stol=0.1)
    add("ZnO wurtzite: displaced 0.3 A, stol=0.5", zno, perturbed(zno, 0.3), stol=0.5)
    add("LiNiO2: 2x1x1 displaced 0.05 A vs 1x2x1, primitive_cell=False", supercell(lno, [2, 1, 1]),
        shuffled(perturbed(supercell(lno, [1, 2, 1]), 0.05)), primitive_cell=False)
    return out


def random_cases(n, seed=99):
    """Random compositions of the transformations above, many near the tolerances: these exposed the places where
    pymatgen's verdict hinges on its choice among equivalent reduced cells."""
    r = np.random.default_rng(seed)
    global rng
    saved, rng = rng, r
    c = crystals()
    keys = sorted(c)
    out = []
    while len(out) < n:
        key = keys[r.integers(len(keys))]
        a = c[key] if r.random() < 0.7 else c[key].get_primitive_structure()
        b = a.copy()
        ops = []
        if r.random() < 0.3 and len(b) <= 6:
            m = [1, 1, 1]
            m[r.integers(3)] = 2
            b = supercell(b, m)
            ops.append(f"supercell {m}")
        if r.random() < 0.4:
            b = rechosen(b, random_unimodular_from(r))
            ops.append("cell re-chosen")
        if r.random() < 0.5:
            eps = r.uniform(-0.25, 0.25, 3)
            b = strained(b, eps)
            ops.append("strain " + " ".join(f"{x:+.2f}" for x in eps))
        if r.random() < 0.3:
            sh = r.uniform(-8, 8)
            b = sheared(b, sh)
            ops.append(f"shear {sh:.1f} deg")
        if r.random() < 0.2:
            b = inverted(b)
            ops.append("inverted")
        if r.random() < 0.8:
            d = r.uniform(0, 0.6)
            b = perturbed(b, d)
            ops.append(f"displaced {d:.2f} A")
        b = translated(shuffled(b))
        if len(a) > 16 or len(b) > 16:
            continue
        settings = {}
        if r.random() < 0.3:
            settings = {["ltol", "stol", "angle_tol"][r.integers(3)]: float(r.choice([0.05, 0.1, 0.5, 1.0, 2.0]))}
        out.append((f"random {len(out)}: {key}: " + ", ".join(ops) + (f" {settings}" if settings else ""), a, b,
                    settings))
    rng = saved
    return out


def random_unimodular_from(r):
    while True:
        m = r.integers(-1, 2, size=(3, 3))
        if abs(round(np.linalg.det(m))) == 1:
            return m


def rounded(s):
    """The structure exactly as stored in the fixture (coordinates wrapped to [0, 1) and rounded)."""
    m = np.round(s.lattice.matrix, DIGITS)
    f = np.round(np.mod(s.frac_coords, 1.0), DIGITS)
    f[f >= 1.0] = 0.0
    return Structure(Lattice(m), [str(x) for x in s.species], f)


def as_json(s):
    return {"lattice": s.lattice.matrix.tolist(), "species": [str(x) for x in s.species],
            "frac": s.frac_coords.tolist()}


niggli_rng = np.random.default_rng(7)


def random_unimodular(max_entry=2):
    while True:
        m = niggli_rng.integers(-max_entry, max_entry + 1, size=(3, 3))
        if abs(round(np.linalg.det(m))) == 1:
            return m


def niggli_lattices():
    """Skewed descriptions of lattices, including ones with equal lengths or right angles, where the Niggli
    conditions hinge on their epsilon tests."""
    special = [Lattice.cubic(3.615), Lattice.hexagonal(2.88, 14.19), Lattice.tetragonal(4.594, 2.959),
               Lattice.from_parameters(3.6, 3.6, 3.6, 60, 60, 60), Lattice.monoclinic(5.15, 5.20, 5.32, 99.2),
               Lattice.orthorhombic(3.0, 4.0, 5.0), Lattice.from_parameters(2.5, 2.5, 2.5, 109.47, 109.47, 109.47)]
    out = []
    for lat in special:
        for _ in range(12):
            out.append(random_unimodular() @ lat.matrix)
    for _ in range(60):
        m = niggli_rng.normal(size=(3, 3)) * 3
        if abs(np.linalg.det(m)) > 2:
            out.append(m)
    return out


def write_niggli():
    """niggli.tsv: lattice rows (9 numbers); the Niggli cell a b c alpha beta gamma from cctbx (the reference
    implementation of Grosse-Kunstleve, Sauter & Adams, Acta Cryst. A60 (2004) 1-6); the rows (9 numbers) of
    pymatgen's get_niggli_reduced_lattice(). pymatgen picks one of the equivalent reduced bases by a search over
    lattice points, and the matcher depends on that choice. pymatgen 2022.11 also tests step A2 with metric values
    from before step A1 and sometimes stops at a cell that is not Niggli-reduced (angles mixing acute and obtuse,
    lengths out of order); there the Java test only checks against cctbx."""
    from cctbx import uctbx
    with open("niggli.tsv", "w") as f:
        f.write("# generated by generate.py: lattice rows a1 a2 a3 b1 b2 b3 c1 c2 c3 (Angstrom); cctbx niggli_cell() "
                "a b c alpha beta gamma; pymatgen get_niggli_reduced_lattice() rows\n")
        for m in niggli_lattices():
            m = np.round(m, DIGITS)
            g = m @ m.T
            cell = uctbx.unit_cell(metrical_matrix=(g[0, 0], g[1, 1], g[2, 2], g[0, 1], g[0, 2], g[1, 2]))
            ref = cell.niggli_cell().parameters()
            pmg = Lattice(m).get_niggli_reduced_lattice().matrix
            f.write("\t".join(f"{x:.10f}" for x in list(m.ravel()) + list(ref) + list(pmg.ravel())) + "\n")


def evaluate(case_list, path):
    records = []
    for name, a, b, settings in case_list:
        a, b = rounded(a), rounded(b)
        assert len(a) <= 32 and len(b) <= 32, name
        sm = StructureMatcher(**settings)
        fit = bool(sm.fit(a, b))
        rms = sm.get_rms_dist(a, b)
        records.append({
            "name": name,
            "settings": {"ltol": sm.ltol, "stol": sm.stol, "angle_tol": sm.angle_tol,
                         "primitive_cell": sm._primitive_cell, "scale": sm._scale},
            "a": as_json(a), "b": as_json(b),
            "pymatgen": {"fit": fit, "rms": None if rms is None else float(rms[0]),
                         "max_dist": None if rms is None else float(rms[1])},
        })
    doc = {"generator": "generate.py", "pymatgen": "python3-pymatgen 2022.11.7 (Debian)",
           "python": platform.python_version(), "pairs": records}
    with open(path, "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(path, len(records), "pairs;", sum(r["pymatgen"]["fit"] for r in records), "match")
    return records


def main():
    write_niggli()
    evaluate(cases(crystals()), "pairs.json")
    evaluate(random_cases(120), "random_pairs.json")


if __name__ == "__main__":
    main()
