"""Writes the structures of the LAMMPS energy tests twice, independently of the project's code: as extended XYZ (read by the
test through the project's CIF reader) and as LAMMPS data files by ASE's own writer (ase.io.lammpsdata), which the
test runs through `lmp` with an input it writes by hand. Run with Debian's Python: /usr/bin/python3 make_structures.py
"""
import numpy as np
from ase.build import bulk
from ase.io import write

rng = np.random.default_rng(7)
structures = {
    # primitive (rhombohedral, triclinic for LAMMPS) diamond Si, one atom moved
    "si-primitive": bulk("Si", "diamond", a=5.431),
    # conventional fcc Cu, 4 atoms, rattled
    "cu-fcc": bulk("Cu", "fcc", a=3.615, cubic=True),
    # zincblende SiC, 2x1x1 conventional supercell, rattled and sheared
    "sic-sheared": bulk("SiC", "zincblende", a=4.36, cubic=True).repeat((2, 1, 1)),
}
structures["si-primitive"].positions[1] += [0.05, -0.03, 0.02]
structures["cu-fcc"].rattle(0.05, rng=rng)
sic = structures["sic-sheared"]
cell = sic.cell.array.copy()
cell[1] += [0.3, 0.0, 0.0]
cell[2] += [0.2, 0.4, 0.0]
sic.set_cell(cell, scale_atoms=True)
sic.rattle(0.03, rng=rng)
for name, atoms in structures.items():
    write(f"{name}.xyz", atoms, format="extxyz")
    specorder = sorted(set(atoms.get_chemical_symbols()), key=atoms.get_chemical_symbols().index)
    write(f"{name}.data", atoms, format="lammps-data", specorder=specorder, units="metal")
    with open(f"{name}.types", "w") as f:
        f.write(" ".join(specorder) + "\n")
