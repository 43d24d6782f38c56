"""Writes resources/form-factors.tsv: the Cromer-Mann coefficients of the X-ray form factors of neutral atoms as the
International Tables for Crystallography Vol. C (1992), Table 6.1.1.4, give them, taken from cctbx's table "it1992":

    f0(s) = sum_i a_i exp(-b_i s^2) + c,   s = sin(theta) / lambda  (1/Angstrom, valid for s <= 2)

Run with Debian's /usr/bin/python3 (python3-cctbx) from this bundle's directory:
    /usr/bin/python3 tools/generate_form_factors.py
cctbx stores the coefficients as float32; they are written with 6 significant digits, the precision of the tables.
"""
from cctbx.eltbx import xray_scattering
from pymatgen.core.periodic_table import Element

rows = []
for z in range(1, 99):
    symbol = Element.from_Z(z).symbol
    try:
        g = xray_scattering.it1992(symbol, True).fetch()
    except (RuntimeError, ValueError):
        continue
    a, b = list(g.array_of_a()), list(g.array_of_b())
    if len(a) != 4:
        continue
    rows.append([symbol, z] + a + b + [g.c()])

with open("resources/form-factors.tsv", "w") as out:
    out.write("# Cromer-Mann coefficients of neutral atoms, International Tables Vol. C (1992) Table 6.1.1.4,\n")
    out.write("# from cctbx.eltbx.xray_scattering.it1992 (tools/generate_form_factors.py).\n")
    out.write("# f0(s) = a1 exp(-b1 s^2) + a2 exp(-b2 s^2) + a3 exp(-b3 s^2) + a4 exp(-b4 s^2) + c, s = sin(theta)/lambda\n")
    out.write("# symbol\tZ\ta1\ta2\ta3\ta4\tb1\tb2\tb3\tb4\tc\n")
    for r in rows:
        out.write("\t".join([r[0], str(r[1])] + ["%.6g" % v for v in r[2:]]) + "\n")
print(len(rows), "elements")
