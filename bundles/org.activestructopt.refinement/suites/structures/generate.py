"""Writes the crystal structures of the benchmark suites (run with Debian's /usr/bin/python3, which sees pymatgen).

Every structure is built by pymatgen from its space group, cell and Wyckoff positions as published (sources below),
written as a symmetrised CIF, and checked here against the bond lengths the same literature reports, so that a typo in
a parameter or a wrong origin choice cannot slip through: the script stops if a check fails. generate.log holds the
output of the last run.

    cd bundles/org.activestructopt.refinement/suites/structures && /usr/bin/python3 generate.py > generate.log
"""
import sys

from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifWriter

# name: (space group, lattice, species, Wyckoff representatives, source,
#        {pair: (expected nearest distance in angstrom, tolerance)})
STRUCTURES = {
    # Burdett, Hughbanks, Miller, Richardson, Smith, J. Am. Chem. Soc. 109 (1987) 3639 (neutron, 15 K)
    "TiO2-rutile": ("P4_2/mnm", Lattice.tetragonal(4.5937, 2.9587), ["Ti", "O"],
                    [[0, 0, 0], [0.30478, 0.30478, 0]], "Burdett et al. 1987",
                    {("Ti", "O"): (1.949, 0.005)}),
    # same paper; pymatgen's I4_1/amd is origin choice 1 (Ti at 0 0 0, O at 0 0 z)
    "TiO2-anatase": ("I4_1/amd", Lattice.tetragonal(3.7845, 9.5143), ["Ti", "O"],
                     [[0, 0, 0], [0, 0, 0.2081]], "Burdett et al. 1987",
                     {("Ti", "O"): (1.934, 0.005)}),
    # cubic perovskite at room temperature
    "SrTiO3-cubic": ("Pm-3m", Lattice.cubic(3.905), ["Sr", "Ti", "O"],
                     [[0, 0, 0], [0.5, 0.5, 0.5], [0.5, 0.5, 0]], "a = 3.905 A (room temperature)",
                     {("Ti", "O"): (1.9525, 0.001)}),
    # cubic BaTiO3 just above its Curie temperature (about 400 K)
    "BaTiO3-cubic": ("Pm-3m", Lattice.cubic(4.006), ["Ba", "Ti", "O"],
                     [[0, 0, 0], [0.5, 0.5, 0.5], [0.5, 0.5, 0]], "a = 4.006 A (above T_C)",
                     {("Ti", "O"): (2.003, 0.001)}),
    # tetragonal ferroelectric BaTiO3 at room temperature: cell and displacements along c of the size reported by
    # neutron diffraction (e.g. Harada, Pedersen, Barnea, Acta Cryst. A26 (1970) 336), rounded; Ti has one short
    # (1.86 A) and one long (2.17 A) bond along c
    "BaTiO3-P4mm": ("P4mm", Lattice.tetragonal(3.994, 4.038), ["Ba", "Ti", "O", "O"],
                    [[0, 0, 0], [0.5, 0.5, 0.5135], [0.5, 0.5, -0.025], [0.5, 0, 0.485]], "after Harada et al. 1970",
                    {("Ti", "O"): (1.83, 0.05)}),
    # CaTiO3 as a cubic perovskite of the room-temperature volume (Pnma, 223.6 A^3 for Z = 4: a = 3.826 A); the
    # start of a tilt transition
    "CaTiO3-cubic": ("Pm-3m", Lattice.cubic(3.826), ["Ca", "Ti", "O"],
                     [[0, 0, 0], [0.5, 0.5, 0.5], [0.5, 0.5, 0]], "pseudo-cubic cell of Pnma CaTiO3",
                     {("Ti", "O"): (1.913, 0.001)}),
    # Yamanaka, Takeuchi, Z. Kristallogr. 165 (1983) 65; origin choice 1 (Mg at 0 0 0), u = 0.387
    "MgAl2O4-spinel": ("Fd-3m", Lattice.cubic(8.0832), ["Mg", "Al", "O"],
                       [[0, 0, 0], [0.625, 0.625, 0.625], [0.387, 0.387, 0.387]], "spinel, u = 0.387 (origin 1)",
                       {("Mg", "O"): (1.92, 0.01), ("Al", "O"): (1.93, 0.01)}),
    # Lewis, Schwarzenbach, Flack, Acta Cryst. A38 (1982) 733
    "Al2O3-corundum": ("R-3c", Lattice.hexagonal(4.7589, 12.991), ["Al", "O"],
                       [[0, 0, 0.35216], [0.30624, 0, 0.25]], "Lewis et al. 1982",
                       {("Al", "O"): (1.855, 0.005)}),
    # R-3m layered LiNiO2 (alpha-NaFeO2 type), cell of stoichiometric LiNiO2, Ni-O 1.97 A
    "LiNiO2": ("R-3m", Lattice.hexagonal(2.8783, 14.1941), ["Ni", "Li", "O"],
               [[0, 0, 0], [0, 0, 0.5], [0, 0, 0.2584]], "R-3m, a = 2.878, c = 14.194 A, z(O) = 0.2584",
               {("Ni", "O"): (1.97, 0.01), ("Li", "O"): (2.11, 0.01)}),
    # Abrahams, Bernstein, Acta Cryst. B25 (1969) 1233 (wurtzite ZnO)
    "ZnO-wurtzite": ("P6_3mc", Lattice.hexagonal(3.2498, 5.2066), ["Zn", "O"],
                     [[1 / 3, 2 / 3, 0], [1 / 3, 2 / 3, 0.3819]], "Abrahams and Bernstein 1969",
                     {("Zn", "O"): (1.974, 0.005)}),
    # Levien, Prewitt, Weidner, Am. Mineral. 65 (1980) 920 (alpha-quartz, P3_221; origin shifted by c/3 x 2 so that
    # Si sits on pymatgen's 3a position x 0 2/3)
    "SiO2-quartz": ("P3_221", Lattice.hexagonal(4.9134, 5.4052), ["Si", "O"],
                    [[0.4697, 0, 2 / 3], [0.4135, 0.2669, 0.1191 + 2 / 3]], "Levien et al. 1980",
                    {("Si", "O"): (1.604, 0.005)}),
    "CeO2-fluorite": ("Fm-3m", Lattice.cubic(5.411), ["Ce", "O"],
                      [[0, 0, 0], [0.25, 0.25, 0.25]], "a = 5.411 A",
                      {("Ce", "O"): (2.343, 0.002)}),
    "NaCl-rocksalt": ("Fm-3m", Lattice.cubic(5.640), ["Na", "Cl"],
                      [[0, 0, 0], [0.5, 0.5, 0.5]], "a = 5.640 A",
                      {("Na", "Cl"): (2.820, 0.001)}),
    "Si-diamond": ("Fd-3m", Lattice.cubic(5.431), ["Si"], [[0, 0, 0]], "a = 5.431 A",
                   {("Si", "Si"): (2.352, 0.002)}),
    "Cu-fcc": ("Fm-3m", Lattice.cubic(3.615), ["Cu"], [[0, 0, 0]], "a = 3.615 A",
               {("Cu", "Cu"): (2.556, 0.002)}),
}


# structures whose conventional cell is too large for a 20-30 site problem: their primitive cell is written as well
PRIMITIVE = {"MgAl2O4-spinel"}


def nearest(s, a, b):
    """Shortest distance between a site of element a and one of element b."""
    best = float("inf")
    for site in s:
        if str(site.specie) != a:
            continue
        for n in s.get_neighbors(site, 4.0):
            if str(n.specie) == b:
                best = min(best, n.nn_distance)
    return best


failed = False
for name, (group, lattice, species, coords, source, checks) in STRUCTURES.items():
    s = Structure.from_spacegroup(group, lattice, species, coords)
    line = f"{name}: {group}, {len(s)} sites, {s.composition.reduced_formula}, {source};"
    for (a, b), (expected, tol) in checks.items():
        d = nearest(s, a, b)
        ok = abs(d - expected) <= tol
        failed |= not ok
        line += f" {a}-{b} {d:.3f} A (expected {expected} +- {tol}){'' if ok else ' FAILED'}"
    print(line)
    CifWriter(s, symprec=0.01).write_file(f"{name}.cif")
    if name in PRIMITIVE:
        # the primitive cell has no standard setting to symmetrise in: written in P1
        p = s.get_primitive_structure()
        print(f"{name}-primitive: {len(p)} sites, a b c = {p.lattice.abc[0]:.4f} {p.lattice.abc[1]:.4f} "
              f"{p.lattice.abc[2]:.4f}, angles {p.lattice.angles[0]:.2f} {p.lattice.angles[1]:.2f} "
              f"{p.lattice.angles[2]:.2f}")
        CifWriter(p).write_file(f"{name}-primitive.cif")
sys.exit(1 if failed else 0)
