#!/usr/bin/python3
"""Writes xmu.dat: a hand-made file in the layout FEFF 9 writes, NOT a FEFF calculation.

FEFF 9/10 is not packaged in Debian, so this fixture exercises the xmu.dat parser and the XANES pipeline on the FEFF 9
layout: '#'-comment header (with the 'Mu=' Fermi level and the 'xsedge+ 50' normalisation line), then six columns
omega (eV), e (eV relative to the edge), k (1/angstrom, negative below the Fermi level), mu, mu0, chi. The numbers
are a smooth Cu K-edge-like model (arctan edge, a white line, damped oscillations); only their layout is FEFF's.
"""
import numpy as np

E_EDGE = 8992.0   # absolute energy of e = 0, eV
MU_F = -3.7       # Fermi level on the e scale, eV
e = np.concatenate([np.arange(-15.0, 10.0, 0.5), np.arange(10.0, 61.0, 1.0)])
k = np.sign(e - MU_F) * np.sqrt(np.abs(e - MU_F) / 3.80998)
mu0 = 0.5 + np.arctan((e - MU_F) / 1.5) / np.pi
mu0 = mu0 * (1 - 0.001 * np.clip(e, 0, None))
osc = 0.08 * np.exp(-((e - 8.0) / 5.0) ** 2) + 0.04 * np.sin(np.clip(k, 0, None) * 5.1) * np.exp(-0.15 * np.abs(k))
mu = mu0 + osc * (e > MU_F)
chi = mu - mu0
header = """# Cu fcc, hand-made FEFF 9 layout for parser tests (see make_xmu.py)
# # Source:  ActiveStructOpt fixture
# POT  Non-SCF, core-hole, AFOLP (folp(0)= 1.150)
# Abs   Z=29 Rmt= 1.451 Rnm= 1.504 K  shell
# Pot 1 Z=29 Rmt= 1.357 Rnm= 1.395
# Gam_ch=1.729E+00 H-L exch Vi= 0.000E+00 Vr= 0.000E+00
# Mu=-3.700E+00 kf=1.821E+00 Vint=-1.637E+01 Rs_int= 1.992
# FMS rfms=  6.0000
# PATH  Rmax= 6.000,  Keep_limit= 0.00, Heap_limit 0.00  Pwcrit= 2.50%
# S02=1.000  Temp= 300.00  Debye_temp= 315.00  Global_sig2= 0.00000
# Energy zero shift, vr, vi  0.00000E+00  0.00000E+00
#    0/   0 paths used
# xsedge+ 50, used to normalize mu        2.4820E-04
# -----------------------------------------------------------------------
#  omega    e    k    mu    mu0     chi     @#
"""
with open("xmu.dat", "w") as f:
    f.write(header)
    for row in zip(E_EDGE + e, e, k, mu, mu0, chi):
        f.write("%12.3f %10.3f %7.3f %12.5E %12.5E %12.5E\n" % row)
