#!/usr/bin/python3
"""Check that CIFs written by org.activestructopt.structure.io.CifWriter are read by pymatgen and ASE.

CifWriterTest leaves LiNiO2.cif and triclinic.cif in target/cif-written of the test bundle. Run, from the test bundle
folder, after the tests:   /usr/bin/python3 data/cif/check_written.py target/cif-written
For every file, pymatgen's and ASE's readings must agree (lattice parameters to 1e-6, the same atoms with
fractional coordinates to 1e-6) and have no partial occupancies; LiNiO2 must be R-3m with Ni-O 1.977 A according to spglib.
Exit status 0 when all checks pass.
"""
import glob
import os
import sys
import warnings

import ase.io
import numpy as np
from pymatgen.io.ase import AseAtomsAdaptor
from pymatgen.io.cif import CifParser
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

warnings.filterwarnings("ignore")


def check(path):
    pmg = CifParser(path).get_structures(primitive=False)[0]
    ase_s = AseAtomsAdaptor.get_structure(ase.io.read(path, format="cif"))
    assert pmg.is_ordered, "pymatgen sees partial occupancy"
    assert np.allclose(pmg.lattice.abc, ase_s.lattice.abc, atol=1e-6), (pmg.lattice, ase_s.lattice)
    assert np.allclose(pmg.lattice.angles, ase_s.lattice.angles, atol=1e-6)
    # pymatgen's CifParser sorts sites by electronegativity, ASE keeps the file order: match them one to one
    assert len(pmg) == len(ase_s)
    unused = list(range(len(ase_s)))
    for site in pmg:
        for k in unused:
            d = site.frac_coords - ase_s[k].frac_coords
            if ase_s[k].specie == site.specie and np.abs(d - np.round(d)).max() < 1e-6:
                unused.remove(k)
                break
        else:
            raise AssertionError(f"ASE has no {site.specie} at {site.frac_coords}")
    result = f"{os.path.basename(path)}: {pmg.composition.reduced_formula}, {len(pmg)} atoms, pymatgen = ASE"
    if "LiNiO2" in path:
        sg = SpacegroupAnalyzer(pmg, symprec=1e-3).get_space_group_symbol()
        ni = [i for i, s in enumerate(pmg) if s.specie.symbol == "Ni"][0]
        no = sorted(round(n.nn_distance, 4) for n in pmg.get_neighbors(pmg[ni], 2.2) if n.specie.symbol == "O")
        assert sg == "R-3m" and no == [1.9767] * 6, (sg, no)
        result += f", {sg}, Ni-O {no}"
    return result


def main(folder):
    files = sorted(glob.glob(os.path.join(folder, "*.cif")))
    if not files:
        raise SystemExit(f"no CIF files in {folder}; run CifWriterTest first")
    for f in files:
        print(check(f))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/cif-written")
