#!/usr/bin/python3
"""Check that files written by org.activestructopt.structure.io.Poscar and ExtendedXyz are read by pymatgen and ASE.

PoscarTest and ExtendedXyzTest read every fixture of data/poscar and write it again to target/poscar-written of the
test bundle. Run, from the test bundle folder, after the tests:
    /usr/bin/python3 data/poscar/check_written.py target/poscar-written
Every written POSCAR must be read by pymatgen (Poscar.from_file) and ASE (format "vasp"), every written extended XYZ
by ASE (format "extxyz"), as the structure the fixture held: same lattice vectors (1e-9 Angstrom), same species in the
same order, same fractional coordinates (1e-9), and for POSCARs the same comment and selective-dynamics flags.
Exit status 0 when all checks pass.
"""
import glob
import json
import os
import sys
import warnings

import ase.io
import numpy as np
from pymatgen.io.vasp import Poscar

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))


def same(frame, lattice, species, frac, what):
    assert np.allclose(frame["lattice"], lattice, atol=1e-9, rtol=0), f"{what}: lattice {lattice}"
    assert list(frame["species"]) == list(species), f"{what}: species {species}"
    d = np.asarray(frame["frac"]) - np.asarray(frac)
    # the writer may keep coordinates as they are or wrap them; a lattice translation is the same site
    assert np.abs(d - np.round(d)).max() < 1e-9, f"{what}: fractional coordinates differ by {np.abs(d).max()}"


def check(path):
    name = os.path.basename(path)
    expected = json.load(open(os.path.join(HERE, name + ".json")))
    frames = expected["frames"]
    if name.endswith(".vasp"):
        p = Poscar.from_file(path, check_for_POTCAR=False)
        s = p.structure
        same(frames[0], s.lattice.matrix, [str(x) for x in s.species], s.frac_coords, name + " (pymatgen)")
        if expected["comment"] is not None:
            assert p.comment == expected["comment"], f"{name}: comment {p.comment!r}"
        sd = expected["selective_dynamics"]
        got = None if p.selective_dynamics is None else [[bool(x) for x in r] for r in p.selective_dynamics]
        assert got == sd, f"{name}: selective dynamics {got}"
        a = ase.io.read(path, format="vasp")
        same(frames[0], a.cell[:], a.get_chemical_symbols(), a.get_scaled_positions(wrap=False), name + " (ASE)")
    else:
        images = ase.io.read(path, index=":", format="extxyz")
        assert len(images) == len(frames), f"{name}: {len(images)} frames"
        for k, a in enumerate(images):
            same(frames[k], a.cell[:], a.get_chemical_symbols(), a.get_scaled_positions(wrap=False),
                 f"{name} frame {k} (ASE)")
            assert all(a.pbc), f"{name}: pbc {a.pbc}"


def main(folder):
    files = sorted(glob.glob(os.path.join(folder, "*.vasp")) + glob.glob(os.path.join(folder, "*.extxyz")))
    if not files:
        print("no written files in", folder, "- run the tests first")
        return 1
    failed = 0
    for f in files:
        try:
            check(f)
            print("ok  ", os.path.basename(f))
        except AssertionError as e:
            failed += 1
            print("FAIL", e)
    print(f"{len(files) - failed}/{len(files)} written files read back by pymatgen/ASE as the fixture")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "target/poscar-written"))
