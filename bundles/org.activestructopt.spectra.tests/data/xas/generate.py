#!/usr/bin/python3
"""Writes Larch's pre_edge / autobk / estimate_noise results on the measured Ni and FeO foils as plain columns.

Run with Debian's Python (python3-xraylarch 0.9.58):  /usr/bin/python3 generate.py
Reads ../measured/ni_metal_rt.xdi and ../measured/feo_rt1.xdi with larch.io.read_ascii (columns energy, mutrans, i0;
the XDI reader needs libxdifile, which Debian does not ship).

For each case NAME this writes
  NAME_mu.dat      columns: energy mu pre_edge post_edge norm flat bkg   (energy, mu: the input Larch read)
  NAME_chi.dat     columns: k chi                                         (Larch's k grid, kstep 0.05)
  NAME_scalars.dat lines "key value": e0 edge_step pre1 pre2 norm1 norm2 nnorm nvict
                   rbkg kweight kmin kmax dk clamp_lo clamp_hi nclamp nknots epsilon_k epsilon_r
The parameters of each case are given in CASES; anything not listed there is Larch's default:
  pre_edge: e0 from find_e0, pre1/pre2/norm1/norm2/nnorm chosen by Larch, nvict=0
  autobk:   kmin=0, kmax=end of data, dk=0.1, win='hanning', nfft=2048, kstep=0.05, nclamp=3, clamp_lo=0, clamp_hi=1
  estimate_noise (on autobk's chi): rmin=15, rmax=30, kweight=1, kmin=0, kmax=20, dk=4, kaiser window
"""
import os

import numpy as np
from larch import Interpreter
from larch.io import read_ascii
from larch.xafs import pre_edge, autobk, estimate_noise

HERE = os.path.dirname(os.path.abspath(__file__))
MEASURED = os.path.join(HERE, '..', 'measured')

# name, file, pre_edge keywords, autobk keywords
CASES = [
    ('ni', 'ni_metal_rt.xdi', {}, dict(rbkg=1.0, kweight=2)),
    ('feo', 'feo_rt1.xdi', {}, dict(rbkg=1.0, kweight=2)),
    # non-default parameters: given e0, explicit ranges, kmin/kmax, low clamp, kweight 1
    ('ni_custom', 'ni_metal_rt.xdi', dict(e0=8333.0, pre1=-150, pre2=-40, norm1=100, norm2=700, nnorm=2),
     dict(rbkg=1.2, kweight=1, kmin=0.5, kmax=14.0, dk=1.0, clamp_lo=1, clamp_hi=10)),
    ('feo_custom', 'feo_rt1.xdi', dict(nvict=1),
     dict(rbkg=0.9, kweight=3, kmax=13.0, win='kaiser', dk=3.0)),
]


def fmt(v):
    return repr(float(v))


def main():
    session = Interpreter()
    for name, fname, pre_kws, bkg_kws in CASES:
        g = read_ascii(os.path.join(MEASURED, fname), labels="energy mutrans i0")
        energy = np.asarray(g.energy, dtype=float)
        mu = np.asarray(g.mutrans, dtype=float)
        pre_edge(energy, mu, group=g, _larch=session, **pre_kws)
        autobk(energy, mu, group=g, e0=g.e0, edge_step=g.edge_step, calc_uncertainties=False,
               _larch=session, **bkg_kws)
        estimate_noise(g.k, g.chi, group=g, _larch=session)
        d = g.pre_edge_details
        args = dict(rbkg=1.0, kweight=1, kmin=0, kmax=None, dk=0.1, clamp_lo=0, clamp_hi=1, nclamp=3)
        args.update(bkg_kws)
        args['kmax'] = g.autobk_details.kmax
        with open(os.path.join(HERE, name + '_mu.dat'), 'w') as f:
            f.write('# Larch 0.9.58 pre_edge + autobk on ../measured/%s (generate.py)\n' % fname)
            f.write('# energy mu pre_edge post_edge norm flat bkg\n')
            for row in zip(energy, mu, g.pre_edge, g.post_edge, g.norm, g.flat, g.bkg):
                f.write(' '.join(fmt(v) for v in row) + '\n')
        with open(os.path.join(HERE, name + '_chi.dat'), 'w') as f:
            f.write('# Larch 0.9.58 autobk chi(k) (k-weight 0) on ../measured/%s (generate.py)\n' % fname)
            f.write('# k chi\n')
            for row in zip(g.k, g.chi):
                f.write(' '.join(fmt(v) for v in row) + '\n')
        with open(os.path.join(HERE, name + '_scalars.dat'), 'w') as f:
            f.write('# Larch 0.9.58 results and the parameters used, on ../measured/%s (generate.py)\n' % fname)
            given_e0 = pre_kws.get('e0')
            scal = [('e0', g.e0), ('edge_step', g.edge_step),
                    ('given_e0', given_e0 if given_e0 is not None else float('nan')),
                    ('pre1', d.pre1), ('pre2', d.pre2), ('norm1', d.norm1), ('norm2', d.norm2),
                    ('nnorm', d.nnorm), ('nvict', d.nvict)]
            scal += [(k, args[k]) for k in ('rbkg', 'kweight', 'kmin', 'kmax', 'dk', 'clamp_lo', 'clamp_hi', 'nclamp')]
            scal += [('window', {'hanning': 0, 'kaiser': 1}[bkg_kws.get('win', 'hanning')]),
                     ('nknots', g.autobk_details.nspl), ('epsilon_k', g.epsilon_k), ('epsilon_r', g.epsilon_r)]
            for k, v in scal:
                f.write('%s %s\n' % (k, fmt(v)))
        print(name, 'e0', g.e0, 'step', g.edge_step, 'nspl', g.autobk_details.nspl, 'kmax', g.autobk_details.kmax,
              'eps_k', g.epsilon_k, 'pre', d.pre1, d.pre2, 'norm', d.norm1, d.norm2, d.nnorm)


if __name__ == '__main__':
    main()
