"""The bundled example of `aso refine --example`: rutile TiO2 (12 sites) whose atoms were displaced by 0.07 Angstrom; find them from its PDF.

Run with Debian's /usr/bin/python3 (pymatgen writes the structures), then make the target G(r) with our own simulator:
    releng/aso simulate pdf --structure target.cif --rmin 1 --rmax 10 --rstep 0.01 --qmax 25 --out target.nxs
The target is a simulated stand-in for a measured PDF; target.cif is kept so the result can be checked against it.
"""
import numpy as np
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifWriter

rutile = Structure.from_spacegroup("P4_2/mnm", Lattice.tetragonal(4.594, 2.959), ["Ti", "O"],
                                   [[0, 0, 0], [0.3048, 0.3048, 0]])
rutile.make_supercell([1, 1, 2])
CifWriter(rutile).write_file("start.cif")

rng = np.random.default_rng(2026)
target = rutile.copy()
for i in range(len(target)):
    d = rng.normal(size=3)
    target.translate_sites([i], 0.07 * d / np.linalg.norm(d), frac_coords=False, to_unit_cell=True)
CifWriter(target).write_file("target.cif")
