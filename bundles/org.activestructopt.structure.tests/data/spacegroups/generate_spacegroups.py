#!/usr/bin/python3
"""Generate the space-group table read by org.activestructopt.structure.symmetry.SpaceGroup.

Run with Debian's interpreter (python3-cctbx and python3-spglib load only there):

    /usr/bin/python3 generate_spacegroups.py \
        ../../../org.activestructopt.structure/src/org/activestructopt/structure/symmetry/spacegroups.txt

Sources
-------
* cctbx.sgtbx (python3-cctbx): symmetry operations (coset representatives and centring vectors, generated from the
  Hall symbol) and the Wyckoff table (letter, multiplicity, representative coordinate triplet) of every setting.
* spglib (python3-spglib): Hall symbol, short and full Hermann-Mauguin symbols, Schoenflies symbol and point group of
  the same setting (found by comparing complete operation sets), and the oriented site-symmetry symbols (".m.",
  "-3m.", ...), read from spglib's symmetry dataset of a test crystal with one atom on the Wyckoff position.

Settings written: for each of the 230 types cctbx's default setting, which is the ITA standard setting with unique
axis b / cell choice 1 for monoclinic groups, hexagonal axes for the seven R groups and origin choice 2 for the 24
groups with two origins. Also written: origin choice 1 of those 24 groups and rhombohedral axes of the R groups.

Checks (the script stops on the first failure)
-------
* the operation set of each setting equals the one spglib builds from its own Hall-symbol database;
* the Wyckoff multiplicities of each group add up correctly: the general position has multiplicity |G|, every
  orbit listed has multiplicity / (number of centring vectors) distinct members;
* for every Wyckoff position a crystal with random lattice parameters (generic for its crystal system), one atom
  orbit on the position with random free parameters and one orbit in general position is recognised by spglib
  as the same space-group type, with the atoms on the position given a Wyckoff letter of the same multiplicity
  and a site-symmetry point group whose type agrees with cctbx's;
* 1731 Wyckoff positions in the 230 default settings (the number in ITA volume A).

File format (one record per line, fields separated by '|', lines starting with '#' are comments)
-----------
  G|number|setting|short HM|full HM|extended HM|Hall|Schoenflies|point group|crystal system
  C|centring vectors separated by ';' (always starts with 0,0,0)
  O|coset representatives separated by ';' (identity first)
  W|letter|multiplicity|oriented site symmetry|coordinate triplets of one centring coset, separated by ';'
The file is UTF-8: the 27th Wyckoff position of Pmmm is letter alpha (U+03B1), as in ITA.
Wyckoff records follow their group from the general position (highest letter) down to 'a'.
"""
import sys
from fractions import Fraction

import numpy as np
import spglib
from cctbx import sgtbx

RNG = np.random.default_rng(20240611)
TWO_ORIGIN_SUFFIX = ":2"
R_SUFFIX = ":H"

CRYSTAL_SYSTEMS = [(2, "triclinic"), (15, "monoclinic"), (74, "orthorhombic"), (142, "tetragonal"),
                   (167, "trigonal"), (194, "hexagonal"), (230, "cubic")]


def crystal_system(number):
    return next(name for last, name in CRYSTAL_SYSTEMS if number <= last)


# ---------------------------------------------------------------------------------------------------------------
# Exact affine maps: (3x3 integer matrix, 3 Fractions), written as ITA-style triplets "x-y,-y,-z+1/2".

def parse_triplet(text):
    rows, shifts = [], []
    for part in text.replace(" ", "").split(","):
        coeff = [0, 0, 0]
        const = Fraction(0)
        i = 0
        while i < len(part):
            sign = 1
            if part[i] in "+-":
                sign = -1 if part[i] == "-" else 1
                i += 1
            j = i
            while j < len(part) and part[j] not in "+-":
                j += 1
            term = part[i:j]
            i = j
            if term and term[-1] in "xyz":
                factor = term[:-1].rstrip("*")
                coeff["xyz".index(term[-1])] += sign * (int(factor) if factor else 1)
            else:
                const += sign * Fraction(term)
        rows.append(coeff)
        shifts.append(const)
    assert len(rows) == 3, text
    return rows, shifts


def format_triplet(rows, shifts):
    parts = []
    for coeff, const in zip(rows, shifts):
        s = ""
        for c, v in zip(coeff, "xyz"):
            if c == 0:
                continue
            mag = "" if abs(c) == 1 else str(abs(c))
            s += ("-" if c < 0 else ("+" if s else "")) + mag + v
        if const != 0 or not s:
            if s:
                s += ("+" if const > 0 else "-") + str(abs(const))
            else:
                s = str(const)
        parts.append(s)
    return ",".join(parts)


def reduce_mod1(shifts):
    return [s - (s.numerator // s.denominator) for s in shifts]


def compose(r, t, rows, shifts):
    """(r, t) applied after (rows, shifts)."""
    new_rows = [[sum(r[i][k] * rows[k][j] for k in range(3)) for j in range(3)] for i in range(3)]
    new_shifts = [sum(r[i][k] * shifts[k] for k in range(3)) + t[i] for i in range(3)]
    return new_rows, new_shifts


def cctbx_op(op):
    assert op.r().den() == 1
    num = op.r().num()
    r = [list(num[0:3]), list(num[3:6]), list(num[6:9])]
    t = [Fraction(n, op.t().den()) for n in op.t().num()]
    return r, t


# ---------------------------------------------------------------------------------------------------------------

def spglib_hall_numbers():
    by_number = {}
    for hall in range(1, 531):
        by_number.setdefault(spglib.get_spacegroup_type(hall)["number"], []).append(hall)
    return by_number


def op_key(r, t):
    return (tuple(int(v) for v in np.asarray(r).ravel()),
            tuple(int(round(float(x) * 24)) % 24 for x in t))


def matching_hall_number(number, ops, halls):
    wanted = {op_key(r, t) for r, t in ops}
    for hall in halls[number]:
        db = spglib.get_symmetry_from_database(hall)
        got = {op_key(r, t) for r, t in zip(db["rotations"], db["translations"])}
        if got == wanted:
            return hall
    raise SystemExit(f"group {number}: no spglib Hall setting has the cctbx operations")


def random_lattice(system, rhombohedral_axes):
    a, b, c = RNG.uniform(4.0, 7.0, 3)
    al, be, ga = 90.0, 90.0, 90.0
    if system == "triclinic":
        al, be, ga = RNG.uniform(70, 110, 3)
    elif system == "monoclinic":
        be = RNG.uniform(95, 115)
    elif system == "tetragonal":
        b = a
    elif system in ("trigonal", "hexagonal"):
        b, ga = a, 120.0
        if rhombohedral_axes:
            b = c = a
            al = be = ga = RNG.uniform(65, 80)
    elif system == "cubic":
        b = c = a
    al, be, ga = np.radians([al, be, ga])
    cx = np.cos(be)
    cy = (np.cos(al) - np.cos(be) * np.cos(ga)) / np.sin(ga)
    return np.array([[a, 0, 0], [b * np.cos(ga), b * np.sin(ga), 0], [c * cx, c * cy, c * np.sqrt(1 - cx**2 - cy**2)]])


def evaluate(rows, shifts, params):
    return np.array(rows, dtype=float) @ params + np.array([float(s) for s in shifts])


def unique_points(points, tol=1e-6):
    out = []
    for p in points:
        p = p - np.floor(p)
        if not any(np.all(np.abs((p - q) - np.round(p - q)) < tol) for q in out):
            out.append(p)
    return out


def group_record(symbol, halls, out, site_symbols_by_letter=None):
    sgi = sgtbx.space_group_info(symbol)
    sg, sgtype = sgi.group(), sgi.type()
    number = sgtype.number()
    lookup = sgtype.lookup_symbol()
    setting = lookup.split(":")[1] if ":" in lookup else ""
    system = crystal_system(number)

    centring = [[Fraction(n, t.den()) for n in t.num()] for t in sg.ltr()]
    cosets = []
    for op in sg.all_ops():  # centring translations outermost, then the centre of symmetry, then the rotations
        r, t = cctbx_op(op)
        if not any(r == r2 and all((a - b - c).denominator == 1 for a, b, c in zip(t, t2, cv))
                   for r2, t2 in cosets for cv in centring):
            cosets.append((r, t))
    assert centring[0] == [0, 0, 0] and cosets[0] == ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0])
    all_ops = [(r, [ti + ci for ti, ci in zip(t, c)]) for c in centring for r, t in cosets]
    assert len(all_ops) == sg.order_z()

    hall = matching_hall_number(number, all_ops, halls)
    info = spglib.get_spacegroup_type(hall)
    out.append("|".join(["G", str(number), setting, info["international_short"], info["international_full"],
                         lookup, info["hall_symbol"], info["schoenflies"], info["pointgroup_international"], system]))
    out.append("C|" + ";".join(format_triplet([[0] * 3] * 3, c) for c in centring))
    out.append("O|" + ";".join(format_triplet(r, reduce_mod1(t)) for r, t in cosets))

    table = sgi.wyckoff_table()
    assert table.position(0).multiplicity() == sg.order_z()
    letters = {}
    for i in range(table.size()):
        pos = table.position(i)
        # ITA names the 27th position of Pmmm alpha; cctbx writes '@'.
        letter, mult = pos.letter().replace("@", "\u03b1"), pos.multiplicity()
        rep_rows, rep_shifts = parse_triplet(str(pos.special_op_simplified()))
        triplets, seen = [], set()
        for r, t in cosets:
            rows, shifts = compose(r, t, rep_rows, rep_shifts)
            shifts = reduce_mod1(shifts)
            key = None
            for c in centring:
                k = (tuple(map(tuple, rows)), tuple(reduce_mod1([s + ci for s, ci in zip(shifts, c)])))
                if k in seen:
                    key = k
            if key is None:
                seen.add((tuple(map(tuple, rows)), tuple(shifts)))
                triplets.append((rows, shifts))
        if len(triplets) * len(centring) != mult:
            raise SystemExit(f"{lookup} {letter}: {len(triplets)} triplets x {len(centring)} centrings != {mult}")

        if site_symbols_by_letter is not None:
            site = site_symbols_by_letter[letter]  # same positions as with hexagonal axes
        else:
            site = spglib_site_symmetry(number, hall, system, setting == "R", triplets, centring, cosets, mult,
                                        pos.point_group_type(), f"{lookup} {mult}{letter}")
        letters[letter] = site
        out.append("|".join(["W", letter, str(mult), site, ";".join(format_triplet(r, s) for r, s in triplets)]))
    return number, setting, letters, table.size()


def spglib_site_symmetry(number, hall, system, rhombohedral, triplets, centring, cosets, mult, pg_type, where):
    for attempt in range(5):
        lattice = random_lattice(system, rhombohedral)
        params = RNG.uniform(0.05, 0.95, 3)
        special = unique_points([evaluate(r, s, params) + np.array([float(x) for x in c])
                                 for r, s in triplets for c in centring])
        if len(special) != mult:
            raise SystemExit(f"{where}: {len(special)} distinct points at random parameters, expected {mult}")
        general_point = RNG.uniform(0.05, 0.95, 3)
        general = unique_points([np.array(r, dtype=float) @ general_point + np.array([float(x) for x in t])
                                 + np.array([float(x) for x in c]) for c in centring for r, t in cosets])
        positions = np.array(special + general)
        numbers = [1] * len(special) + [2] * len(general)
        data = spglib.get_symmetry_dataset((lattice, positions, numbers), symprec=1e-4, hall_number=hall)
        if data is None or data["number"] != number:
            continue  # an accidental extra symmetry of the random test crystal: draw another one
        letters = set(data["wyckoffs"][: len(special)])
        sites = set(data["site_symmetry_symbols"][: len(special)])
        if len(letters) != 1 or len(sites) != 1:
            raise SystemExit(f"{where}: spglib splits the orbit into {letters} {sites}")
        site = sites.pop()
        if site.replace(".", "") != pg_type and not same_point_group(site, str(pg_type)):
            raise SystemExit(f"{where}: spglib site symmetry {site} vs cctbx {pg_type}")
        return site
    raise SystemExit(f"{where}: spglib did not recognise space group {number} in 5 random crystals")


# Point-group types whose oriented ITA symbol, dots removed, differs from cctbx's conventional name.
POINT_GROUP_SYNONYMS = {"2mm": "mm2", "m2m": "mm2", "-4m2": "-42m", "-62m": "-6m2", "321": "32", "312": "32",
                        "3m1": "3m", "31m": "3m", "-3m1": "-3m", "-31m": "-3m"}


def same_point_group(oriented, cctbx_name):
    stripped = oriented.replace(".", "")
    return POINT_GROUP_SYNONYMS.get(stripped, stripped) == POINT_GROUP_SYNONYMS.get(cctbx_name, cctbx_name)


def main(path):
    halls = spglib_hall_numbers()
    out = ["# Space groups in ITA settings. Generated by generate_spacegroups.py (bundle org.activestructopt.structure.tests,",
           "# data/spacegroups/) from python3-cctbx %s and python3-spglib %s; see that script for format and checks."
           % (cctbx_version(), spglib.__version__)]
    total_default = 0
    for number in range(1, 231):
        default = sgtbx.space_group_info(number).type().lookup_symbol()
        num, setting, letters, count = group_record(default, halls, out)
        total_default += count
        if default.endswith(TWO_ORIGIN_SUFFIX):
            group_record(default[: -len(TWO_ORIGIN_SUFFIX)] + ":1", halls, out)
        elif default.endswith(R_SUFFIX):
            group_record(default[: -len(R_SUFFIX)] + ":R", halls, out, site_symbols_by_letter=letters)
        print(number, default, count, file=sys.stderr)
    if total_default != 1731:
        raise SystemExit(f"{total_default} Wyckoff positions in the default settings, ITA has 1731")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def cctbx_version():
    try:
        import importlib.metadata as md
        return md.version("cctbx")
    except Exception:
        import subprocess
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-cctbx"],
                              capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main(sys.argv[1])
