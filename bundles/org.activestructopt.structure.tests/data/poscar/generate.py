#!/usr/bin/python3
"""Write POSCAR and extended XYZ fixtures with pymatgen and ASE, and what those tools read back from them.

Run from this folder with Debian's interpreter:   /usr/bin/python3 generate.py
For every fixture X.vasp / X.extxyz it writes X.vasp.json / X.extxyz.json:
    {"file": ..., "reader": "pymatgen" | "ase", "comment": <POSCAR comment line or null>,
     "selective_dynamics": [[bool, bool, bool], ...] or null   (true = the coordinate may move, VASP's "T"),
     "frames": [{"lattice": 3x3 rows in Angstrom, "species": [...], "frac": N x 3}, ...]}
The expectation is the writing tool's own reading of the file, so the Java reader is compared with an independent
implementation on exactly the bytes it reads.
"""
import json
import warnings

import ase.io
import numpy as np
from ase.build import bulk
from ase.calculators.singlepoint import SinglePointCalculator
from ase.constraints import FixAtoms
from pymatgen.core import Lattice, Structure
from pymatgen.io.ase import AseAtomsAdaptor
from pymatgen.io.vasp import Poscar

warnings.filterwarnings("ignore")
rng = np.random.default_rng(11)


def lno():
    return Structure.from_spacegroup("R-3m", Lattice.hexagonal(2.88, 14.19), ["Ni", "Li", "O"],
                                     [[0, 0, 0], [0, 0, 0.5], [0, 0, 0.258]])


def zro2():
    return Structure.from_spacegroup("P2_1/c", Lattice.monoclinic(5.1507, 5.2028, 5.3156, 99.197), ["Zr", "O", "O"],
                                     [[0.2754, 0.0395, 0.2083], [0.0700, 0.3317, 0.3447], [0.4496, 0.7569, 0.4792]])


def triclinic():
    lat = Lattice.from_parameters(4.1, 5.3, 6.2, 71.0, 83.5, 104.2)
    return Structure(lat, ["Si", "O", "O", "Al"], [[0.1, 0.2, 0.3], [0.45, 0.12, 0.77], [0.9, 0.6, 0.05],
                                                     [0.33, 0.81, 0.52]])


def frame(lattice, species, frac):
    return {"lattice": np.asarray(lattice).tolist(), "species": list(species), "frac": np.asarray(frac).tolist()}


def expect_pymatgen(name):
    p = Poscar.from_file(name, check_for_POTCAR=False)
    s = p.structure
    sd = p.selective_dynamics
    return {"file": name, "reader": "pymatgen", "comment": p.comment,
            "selective_dynamics": None if sd is None else [[bool(x) for x in row] for row in sd],
            "frames": [frame(s.lattice.matrix, [str(x) for x in s.species], s.frac_coords)]}


def expect_ase(name, fmt):
    images = ase.io.read(name, index=":", format=fmt)
    return {"file": name, "reader": "ase", "comment": None, "selective_dynamics": None,
            "frames": [frame(a.cell[:], a.get_chemical_symbols(), a.get_scaled_positions(wrap=False))
                       for a in images]}


def save(expected):
    with open(expected["file"] + ".json", "w") as f:
        json.dump(expected, f, indent=None, separators=(",", ": "))
        f.write("\n")
    print(expected["file"], len(expected["frames"][0]["species"]), "sites")


def main():
    # --- pymatgen Poscar
    Poscar(lno(), comment="LiNiO2 R-3m hexagonal setting").write_file("LiNiO2_pmg.vasp")
    save(expect_pymatgen("LiNiO2_pmg.vasp"))

    with open("ZrO2_pmg_cartesian.vasp", "w") as f:
        f.write(Poscar(zro2()).get_string(direct=False))
    save(expect_pymatgen("ZrO2_pmg_cartesian.vasp"))

    s = lno()
    flags = [[bool(rng.integers(2)) for _ in range(3)] for _ in range(len(s))]
    Poscar(s, selective_dynamics=flags, comment="selective dynamics").write_file("LiNiO2_pmg_selective.vasp")
    save(expect_pymatgen("LiNiO2_pmg_selective.vasp"))

    # VASP 4 style: no element line, symbols after the coordinates (pymatgen's vasp4_compatible)
    with open("triclinic_pmg_vasp4.vasp", "w") as f:
        f.write(Poscar(triclinic()).get_string(vasp4_compatible=True))
    save(expect_pymatgen("triclinic_pmg_vasp4.vasp"))

    # negative scale = cell volume; the lattice lines are deliberately not at that volume
    t = triclinic()
    raw = t.lattice.matrix * 0.8
    lines = ["negative scale is the volume", f"{-t.volume:.10f}"]
    lines += ["  ".join(f"{x:.10f}" for x in row) for row in raw]
    lines += ["Si O Al", "1 2 1", "Direct"]
    order = [0, 1, 2, 3]
    lines += ["  ".join(f"{x:.10f}" for x in t.frac_coords[i]) for i in order]
    with open("triclinic_volume_scale.vasp", "w") as f:
        f.write("\n".join(lines) + "\n")
    save(expect_pymatgen("triclinic_volume_scale.vasp"))

    # scale factor with Cartesian coordinates: both the lattice and the positions are multiplied by it
    lines = ["scaled Cartesian NaCl", "5.64", "1 0 0", "0 1 0", "0 0 1", "Na Cl", "4 4", "Cartesian"]
    na = [[0, 0, 0], [0, .5, .5], [.5, 0, .5], [.5, .5, 0]]
    cl = [[.5, .5, .5], [.5, 0, 0], [0, .5, 0], [0, 0, .5]]
    lines += [" ".join(str(x) for x in p) for p in na + cl]
    with open("NaCl_scaled_cartesian.vasp", "w") as f:
        f.write("\n".join(lines) + "\n")
    save(expect_pymatgen("NaCl_scaled_cartesian.vasp"))

    # --- ASE POSCAR (ase.io.write format='vasp': Cartesian by default, optional Direct, FixAtoms -> selective)
    a = AseAtomsAdaptor.get_atoms(lno())
    ase.io.write("LiNiO2_ase.vasp", a, format="vasp")
    save(expect_ase("LiNiO2_ase.vasp", "vasp"))

    cu = bulk("Cu", "fcc", a=3.615, cubic=True).repeat((2, 2, 1))
    cu.rattle(stdev=0.05, seed=3)
    ase.io.write("Cu_rattled_ase_direct.vasp", cu, format="vasp", direct=True)
    save(expect_ase("Cu_rattled_ase_direct.vasp", "vasp"))

    z = AseAtomsAdaptor.get_atoms(zro2())
    z.set_constraint(FixAtoms(indices=[0, 3, 5]))
    ase.io.write("ZrO2_ase_fixed.vasp", z, format="vasp", direct=True)
    e = expect_pymatgen("ZrO2_ase_fixed.vasp")  # pymatgen reads the selective-dynamics flags ASE wrote
    e["reader"] = "pymatgen (file written by ASE)"
    save(e)

    # --- ASE extended XYZ
    ase.io.write("LiNiO2_ase.extxyz", AseAtomsAdaptor.get_atoms(lno()), format="extxyz")
    save(expect_ase("LiNiO2_ase.extxyz", "extxyz"))

    frames = []
    for k in range(3):
        f = bulk("Cu", "fcc", a=3.615, cubic=True).repeat((2, 1, 1))
        f.rattle(stdev=0.03, seed=10 + k)
        f.calc = SinglePointCalculator(f, energy=-3.5 * len(f) + 0.01 * k,
                                       forces=rng.normal(size=(len(f), 3)) * 0.1)
        f.info["config_type"] = "rattled fcc"
        frames.append(f)
    ase.io.write("Cu_trajectory_ase.extxyz", frames, format="extxyz")
    save(expect_ase("Cu_trajectory_ase.extxyz", "extxyz"))

    tri = AseAtomsAdaptor.get_atoms(triclinic())
    tri.set_initial_charges([1.0, -0.5, -0.5, 0.0])
    tri.set_tags([1, 2, 2, 3])
    ase.io.write("triclinic_ase.extxyz", tri, format="extxyz")
    save(expect_ase("triclinic_ase.extxyz", "extxyz"))


if __name__ == "__main__":
    main()
