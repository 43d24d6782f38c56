#!/usr/bin/python3
"""Larch's chi(R) of the measured Ni foil, the reference of SpectraViewTest's R-space checks.

Run with Debian's Python (python3-xraylarch 0.9.58):  cd data/measured && /usr/bin/python3 generate_chir.py
Reads ni_metal_rt.xdi with larch.io.read_ascii (columns energy, mutrans, i0; Larch's XDI reader needs libxdifile,
which Debian does not ship), then pre_edge (Larch's defaults), autobk (rbkg=1, kweight=2, otherwise Larch's
defaults) and xftf with k 3-12, k-weight 2, as the Spectra view transforms a measured target, with two windows:
Hanning dk=1 and Kaiser-Bessel dk=4.

Writes ni_chir.dat: columns r chir_mag_hanning chir_mag_kaiser (Larch's R grid, rmax_out 10), and ni_chir_peaks.dat:
lines "window r_peak mag_peak" for the largest |chi(R)| of each window.
"""
import os

import numpy as np
from larch import Interpreter
from larch.io import read_ascii
from larch.xafs import pre_edge, autobk, xftf

HERE = os.path.dirname(os.path.abspath(__file__))
WINDOWS = [('hanning', 1.0), ('kaiser', 4.0)]


def main():
    session = Interpreter()
    g = read_ascii(os.path.join(HERE, 'ni_metal_rt.xdi'), labels="energy mutrans i0")
    energy = np.asarray(g.energy, dtype=float)
    mu = np.asarray(g.mutrans, dtype=float)
    pre_edge(energy, mu, group=g, _larch=session)
    autobk(energy, mu, group=g, e0=g.e0, edge_step=g.edge_step, rbkg=1.0, kweight=2, calc_uncertainties=False,
           _larch=session)
    mags = []
    r = None
    for win, dk in WINDOWS:
        xftf(g.k, g.chi, group=g, kmin=3, kmax=12, kweight=2, dk=dk, window=win, rmax_out=10, _larch=session)
        r = np.asarray(g.r)
        mags.append(np.asarray(g.chir_mag))
    with open(os.path.join(HERE, 'ni_chir.dat'), 'w') as f:
        f.write('# Larch 0.9.58 pre_edge + autobk(rbkg=1, kweight=2) + xftf(kmin=3, kmax=12, kweight=2) '
                'on ni_metal_rt.xdi (generate_chir.py)\n')
        f.write('# r chir_mag_hanning(dk=1) chir_mag_kaiser(dk=4)\n')
        for row in zip(r, *mags):
            f.write(' '.join(repr(float(v)) for v in row) + '\n')
    with open(os.path.join(HERE, 'ni_chir_peaks.dat'), 'w') as f:
        f.write('# window r_peak mag_peak: the largest |chi(R)| of ni_chir.dat (generate_chir.py)\n')
        for (win, dk), m in zip(WINDOWS, mags):
            i = int(np.argmax(m))
            f.write('%s %r %r\n' % (win, float(r[i]), float(m[i])))
            print(win, dk, 'peak at', r[i], 'magnitude', m[i], 'e0', g.e0)


if __name__ == '__main__':
    main()
