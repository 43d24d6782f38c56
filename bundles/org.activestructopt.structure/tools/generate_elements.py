#!/usr/bin/python3
"""Regenerates the constant table of org.activestructopt.structure.Element.

Run with Debian's interpreter (python3-ase and python3-pymatgen installed):
    /usr/bin/python3 tools/generate_elements.py
from the bundle directory. Rewrites the lines between the BEGIN/END GENERATED
markers in src/org/activestructopt/structure/Element.java.

Sources (all read from the installed packages, nothing typed by hand except
the Pyykko radii below):
  * symbol, English name, atomic mass: ase.data (ASE 3.22.1)
    atomic_masses_iupac2016 = IUPAC standard atomic weights 2013
    (Meija et al., Pure Appl. Chem. 88 (2016) 265-291, Table 1; conventional
    values of Table 3 for interval elements; mass of the longest-lived isotope
    (Table 4) for elements without a standard atomic weight).
  * covalent radius: ase.data.covalent_radii = Cordero et al.,
    Dalton Trans. 2008, 2832-2838, doi:10.1039/b801115j (C sp3, low-spin
    Mn/Fe/Co). ASE has no value beyond Cm (it stores a 0.2 placeholder);
    for Bk..Lr we use the single-bond covalent radii of Pyykko & Atsumi,
    Chem. Eur. J. 15 (2009) 186-197, doi:10.1002/chem.200800987.
  * Pauling electronegativity: pymatgen/core/periodic_table.json ("X"),
    pymatgen 2022.11.7; absent (NaN) for He, Ne, Ar. Used only to order
    formulas the way pymatgen does.
"""
import json
import math
import os
import re

import ase.data
import pymatgen.core

PYYKKO_2009 = {"Bk": 1.68, "Cf": 1.68, "Es": 1.65, "Fm": 1.67, "Md": 1.73, "No": 1.76, "Lr": 1.61}

HERE = os.path.dirname(os.path.abspath(__file__))
JAVA = os.path.join(HERE, "..", "src", "org", "activestructopt", "structure", "Element.java")
PT = os.path.join(os.path.dirname(pymatgen.core.__file__), "periodic_table.json")


def main():
    table = json.load(open(PT))
    lines = []
    for z in range(1, 104):
        sym = ase.data.chemical_symbols[z]
        name = ase.data.atomic_names[z]
        mass = float(ase.data.atomic_masses_iupac2016[z])
        radius = float(ase.data.covalent_radii[z])
        if sym in PYYKKO_2009:
            assert radius == 0.2, sym  # ASE placeholder for "missing"
            radius = PYYKKO_2009[sym]
        x = table[sym].get("X")
        xs = "Double.NaN" if x is None or (isinstance(x, float) and math.isnan(x)) else repr(float(x))
        lines.append(f'    {sym}({z}, "{name}", {mass!r}, {radius!r}, {xs}),\n')
    src = open(JAVA).read()
    new, n = re.subn(r"(// BEGIN GENERATED[^\n]*\n).*?([ \t]*// END GENERATED)",
                     lambda m: m.group(1) + "".join(lines) + m.group(2), src, flags=re.S)
    if n != 1:
        raise SystemExit("markers not found in " + JAVA)
    open(JAVA, "w").write(new)
    print("wrote", len(lines), "elements to", os.path.normpath(JAVA))


if __name__ == "__main__":
    main()
