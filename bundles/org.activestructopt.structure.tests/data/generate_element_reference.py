#!/usr/bin/python3
"""Writes data/element_reference.csv: values of an independent source for ElementTest.

Element.java is generated from ASE's tables (masses IUPAC 2013/2016, Cordero radii); this file holds what *pymatgen*
2022.11.7 says instead (its own periodic_table.json masses and its CovalentRadius table, also from Cordero 2008),
so the test compares two independently maintained tables. Run: /usr/bin/python3 data/generate_element_reference.py
"""
import csv
import os
import warnings

warnings.simplefilter("ignore")
from pymatgen.core.periodic_table import Element
from pymatgen.analysis.molecule_structure_comparator import CovalentRadius

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "element_reference.csv")
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["z", "symbol", "pymatgen_mass", "pymatgen_covalent_radius", "pymatgen_X"])
    for z in range(1, 104):
        e = Element.from_Z(z)
        r = CovalentRadius.radius.get(e.symbol, "")
        x = e.X
        w.writerow([z, e.symbol, float(e.atomic_mass), r, "" if x != x else x])
print("wrote", out)
