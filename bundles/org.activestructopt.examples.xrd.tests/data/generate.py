"""Reference data for the XRD example's tests. Run with Debian's /usr/bin/python3 (pymatgen, cctbx, numpy) in this
directory:  /usr/bin/python3 generate.py

Structures (written by pymatgen):
  NaCl.cif        rock salt, conventional cell (8 atoms), a = 5.6402 A
  rutile.cif      TiO2, P4_2/mnm, a = 4.594, c = 2.959 A (6 atoms)
  distorted.cif   rutile 1x1x2 with every atom displaced by 0.07 A (seeded), so space group P1: lines split
References:
  structure_factors.tsv  file, h, k, l, |F|^2 from cctbx (direct summation, scattering table it1992, atoms at rest)
                         for every reflection with d >= 1.2 A (both h and -h)
  pymatgen_lines.tsv     file, 2theta, intensity scaled to 100, from pymatgen's XRDCalculator (Cu K-alpha1,
                         2theta 10-90 degrees); pymatgen's form factors are its own fit, not IT1992's
  distorted_xrd.dat      a measured-pattern stand-in for a job: 2theta, intensity of distorted.cif from pymatgen's
                         lines broadened by Gaussians (FWHM 0.1 degrees) on 10-80 degrees, step 0.02, max 100
"""
import numpy as np
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifWriter
from pymatgen.analysis.diffraction.xrd import XRDCalculator
from cctbx import xray, crystal, miller
from cctbx.array_family import flex

nacl = Structure.from_spacegroup("Fm-3m", Lattice.cubic(5.6402), ["Na", "Cl"], [[0, 0, 0], [0.5, 0.5, 0.5]])
rutile = Structure.from_spacegroup("P4_2/mnm", Lattice.tetragonal(4.594, 2.959), ["Ti", "O"],
                                   [[0, 0, 0], [0.3048, 0.3048, 0]])
distorted = rutile.copy()
distorted.make_supercell([1, 1, 2])
rng = np.random.default_rng(7)
for i in range(len(distorted)):
    v = rng.normal(size=3)
    distorted.translate_sites([i], 0.07 * v / np.linalg.norm(v), frac_coords=False, to_unit_cell=True)

structures = {"NaCl.cif": nacl, "rutile.cif": rutile, "distorted.cif": distorted}
for name, s in structures.items():
    CifWriter(s).write_file(name)

with open("structure_factors.tsv", "w") as out:
    out.write("# file\th\tk\tl\t|F|^2 (cctbx, it1992, direct, B=0)\n")
    for name, s in structures.items():
        # read back what the tests read, so both use the rounded CIF coordinates
        s = Structure.from_file(name)
        lat = s.lattice
        sym = crystal.symmetry(unit_cell=(lat.a, lat.b, lat.c, lat.alpha, lat.beta, lat.gamma), space_group_symbol="P1")
        scatterers = flex.xray_scatterer()
        for i, site in enumerate(s):
            el = site.specie.symbol
            scatterers.append(xray.scatterer(label=el + str(i), site=tuple(site.frac_coords), u=0.0,
                                             scattering_type=el))
        xs = xray.structure(crystal_symmetry=sym, scatterers=scatterers)
        xs.scattering_type_registry(table="it1992")
        ms = miller.build_set(crystal_symmetry=sym, anomalous_flag=True, d_min=1.2)
        f = xs.structure_factors(d_min=1.2, algorithm="direct", anomalous_flag=True).f_calc()
        f = f.common_set(ms)
        for hkl, v in zip(f.indices(), f.data()):
            out.write("%s\t%d\t%d\t%d\t%.10g\n" % (name, hkl[0], hkl[1], hkl[2], abs(v) ** 2))

calc = XRDCalculator(wavelength="CuKa1")
with open("pymatgen_lines.tsv", "w") as out:
    out.write("# file\t2theta\tintensity (max 100)  pymatgen XRDCalculator, CuKa1 = %.5f A\n" % calc.wavelength)
    for name in structures:
        p = calc.get_pattern(Structure.from_file(name), scaled=True, two_theta_range=(10, 90))
        for x, y in zip(p.x, p.y):
            out.write("%s\t%.8f\t%.8f\n" % (name, x, y))

p = calc.get_pattern(Structure.from_file("distorted.cif"), scaled=True, two_theta_range=(5, 85))
x = np.arange(10, 80 + 1e-9, 0.02)
sigma = 0.1 / (2 * np.sqrt(2 * np.log(2)))
y = np.zeros_like(x)
for t, i in zip(p.x, p.y):
    y += i * np.exp(-0.5 * ((x - t) / sigma) ** 2)
y *= 100 / y.max()
np.savetxt("distorted_xrd.dat", np.column_stack([x, y]), fmt="%.4f %.8g",
           header="2theta (degrees)  intensity: pymatgen lines of distorted.cif, Gaussian FWHM 0.1 (generate.py)")
print("written")
