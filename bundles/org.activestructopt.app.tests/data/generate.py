"""Fixtures for the aso command-line tests, written by independent tools (run with Debian's /usr/bin/python3).

pymatgen writes the structures and decides the expected match verdicts; h5py writes the NeXus file.
"""
import json

import h5py
import numpy as np
from pymatgen.analysis.structure_matcher import StructureMatcher
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifWriter
from pymatgen.io.vasp import Poscar

rng = np.random.default_rng(7)

lno = Structure.from_spacegroup("R-3m", Lattice.hexagonal(2.88, 14.19), ["Ni", "Li", "O"],
                                [[0, 0, 0], [0, 0, 0.5], [0, 0, 0.258]])
CifWriter(lno, symprec=0.01).write_file("LiNiO2.cif")            # symmetrised: asymmetric unit + R-3m

moved = lno.copy()
moved.make_supercell([2, 1, 1])
for i in range(len(moved)):
    moved.translate_sites([i], rng.normal(0, 0.03, 3), frac_coords=False)
order = rng.permutation(len(moved))
moved = Structure.from_sites([moved[int(i)] for i in order])
Poscar(moved).write_file("LiNiO2-supercell-perturbed.vasp")

shifted = lno.copy()
shifted.translate_sites(list(range(len(shifted))), [0.1, 0.2, 0.3])
for i in range(len(shifted)):
    shifted.translate_sites([i], rng.normal(0, 0.02, 3), frac_coords=False)
shifted = Structure.from_sites([shifted[int(i)] for i in rng.permutation(len(shifted))])
Poscar(shifted).write_file("LiNiO2-shifted.vasp")

nacl = Structure.from_spacegroup("Fm-3m", Lattice.cubic(5.64), ["Na", "Cl"], [[0, 0, 0], [0.5, 0.5, 0.5]])
CifWriter(nacl).write_file("NaCl.cif")

cu = Structure.from_spacegroup("Fm-3m", Lattice.cubic(3.615), ["Cu"], [[0, 0, 0]])
CifWriter(cu, symprec=0.01).write_file("Cu.cif")

pairs = {"LiNiO2.cif~LiNiO2-supercell-perturbed.vasp": (lno, moved),
         "LiNiO2.cif~LiNiO2-shifted.vasp": (lno, shifted),
         "LiNiO2.cif~NaCl.cif": (lno, nacl)}
expected = {}
for options, matcher in {"defaults": StructureMatcher(),                      # ltol 0.2, stol 0.3, angle_tol 5
                         "no-primitive": StructureMatcher(primitive_cell=False)}.items():
    for name, (a, b) in pairs.items():
        rms = matcher.get_rms_dist(a, b)
        expected[f"{options}:{name}"] = None if rms is None else rms[0]
with open("expected-matches.json", "w") as f:
    json.dump(expected, f, indent=1)

# A PDF-like spectrum and an EXAFS-like one in one NeXus file, plus a file that is not HDF5 at all.
r = np.arange(1.0, 10.0 + 1e-9, 0.02)
k = np.arange(3.0, 12.0 + 1e-9, 0.05)
with h5py.File("two-spectra.nxs", "w") as f:
    f.attrs["NX_class"] = "NXroot"
    f.attrs["default"] = "entry"
    e = f.create_group("entry")
    e.attrs["NX_class"] = "NXentry"
    e.attrs["default"] = "pdf"
    p = e.create_group("pdf")
    p.attrs["NX_class"] = "NXdata"
    p.attrs["signal"] = "G"
    p.attrs["axes"] = ["r"]
    p["r"] = r
    p["r"].attrs["units"] = "angstrom"
    p["G"] = np.sin(3 * r) * np.exp(-r / 4)
    x = e.create_group("exafs")
    x.attrs["NX_class"] = "NXdata"
    x.attrs["signal"] = "chi"
    x.attrs["axes"] = ["k"]
    x["k"] = k
    x["k"].attrs["units"] = "1/angstrom"
    x["chi"] = np.sin(2 * 2.5 * k) * np.exp(-0.01 * k ** 2) / k
with open("not-hdf5.nxs", "w") as f:
    f.write("r G\n1.0 0.5\n")
