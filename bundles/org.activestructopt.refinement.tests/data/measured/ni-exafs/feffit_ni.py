#!/usr/bin/python3
"""Larch feffit of the measured Ni foil (../ni_metal_rt.xdi) with paths from Debian's feff8l: the reference that
MeasuredExafsTest holds the active loop's refinement to.

Run with Debian's Python (python3-xraylarch 0.9.58, feff8l on PATH):  /usr/bin/python3 feffit_ni.py

1. mu(E) -> chi(k): larch.io.read_ascii (columns energy, mutrans, i0), pre_edge with Larch's defaults, autobk with
   rbkg=1.0, kweight=2 (everything else Larch's default): the parameters of the spectra tests' Larch fixture
   (spectra.tests/data/xas/generate.py, case 'ni'), which our Java pre-edge/autobk reproduce, so both sides fit the
   same chi(k).
2. FEFF: feff/feff.inp, written here card for card as the project's `exafs` simulator writes it for the job of
   MeasuredExafsTest (fcc Ni, a = 3.524 A, cluster radius RADIUS, RPATH = radius, NLEG 2 = single scattering, CRITERIA
   0 0 = every path kept, no DEBYE card = FEFF's sigma^2 is 0, so the fitted sigma2 is the whole static + thermal
   term), run with feff8l; the feffNNNN.dat it writes are kept in feff/.
   Why single scattering out to RADIUS: the project's objective compares k^2 chi(k) over k 3-14 (no Fourier filter),
   so the model must hold every shell that contributes there, and the active loop varies the lattice freely, which
   splits FEFF's degenerate paths; with single scattering and every path kept the spectrum stays continuous in the
   lattice. RADIUS lies in the gap between the 4th (4.98 A) and 5th (5.57 A) shells, away from both.
3. feffit in k space (fitspace 'k': the residual is (data - model) k^2 / epsilon_k on k 3-14 without a window,
   exactly the project's k-space loss up to the constant epsilon_k), kweight 2, R range 1-3 A for the number of
   independent points. Parameters: s02, e0 (one for all paths), sigma2 (one for all paths) and an isotropic
   expansion alpha with every path's deltar = alpha * reff (a lattice-only refinement of a cubic crystal).
   For information the same model is also fitted in R space (fitspace 'r', R 1-3 A, Hanning window dk 1): the
   JSON's "rspace" block. The test compares against the k-space fit.

Writes ni_metal_rt.chi: Larch's chi(k) (k-weight 0, columns k chi, kstep 0.05), the target of the project's job
(the bundled example measured-exafs and MeasuredExafsTest fit exactly the chi(k) feffit fits).
Writes feffit-ni.json: k/R ranges, the fitted values and standard uncertainties, the first-shell Ni-Ni distance
reff_1 (1 + alpha) and its uncertainty, R-factor, chi-square, reduced chi-square, n_idp, epsilon_k, the paths.
"""
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np
from larch import Interpreter
from larch.fitting import param_group, param, guess
from larch.io import read_ascii
from larch.xafs import pre_edge, autobk, feffpath, feffit, feffit_dataset, feffit_transform

HERE = os.path.dirname(os.path.abspath(__file__))
XDI = os.path.join(HERE, '..', 'ni_metal_rt.xdi')
FEFF_DIR = os.path.join(HERE, 'feff')

A = 3.524          # fcc Ni at room temperature
RADIUS = 5.42      # cluster radius = RPATH; 4th shell 4.98 A, 5th 5.57 A
KMIN, KMAX, KWEIGHT = 3.0, 14.0, 2
RMIN, RMAX = 1.0, 3.0
AUTOBK = dict(rbkg=1.0, kweight=2)


def number(v):
    """FeffInput.number: shortest exact decimal, '.0' on integers."""
    s = repr(float(v))
    return s


def cluster():
    """fcc lattice points within RADIUS of the origin, sorted by distance (ties by x, y, z)."""
    basis = [(0, 0, 0), (0, .5, .5), (.5, 0, .5), (.5, .5, 0)]
    n = int(np.ceil(RADIUS / A)) + 1
    atoms = []
    for i in range(-n, n + 1):
        for j in range(-n, n + 1):
            for k in range(-n, n + 1):
                for b in basis:
                    p = A * (np.array((i, j, k)) + b)
                    d = float(np.linalg.norm(p))
                    if d <= RADIUS + 1e-9:
                        atoms.append((round(d, 6), tuple(p)))
    atoms.sort()
    return atoms


def feff_inp():
    atoms = cluster()
    lines = ['TITLE ActiveStructOpt',
             'TITLE Ni K edge, absorber site 0, cluster radius %s A, %d atoms' % (number(RADIUS), len(atoms)),
             'EDGE K', 'S02 1.0', 'CONTROL 1 1 1 1 1 1', 'PRINT 1 0 0 0 0 3', 'EXCHANGE 0 0.0 0.0',
             'EXAFS 20.0', 'RPATH %s' % number(RADIUS), 'NLEG 2', 'CRITERIA 0.0 0.0', '',
             'POTENTIALS', '*  ipot   Z  tag', '      0  28  Ni', '      1  28  Ni', '',
             'ATOMS', '*       x           y           z    ipot  tag   distance   site']
    for i, (d, p) in enumerate(atoms):
        lines.append(' %11.5f %11.5f %11.5f  %3d  %-3s %10.5f   %d' % (p[0], p[1], p[2], 0 if i == 0 else 1, 'Ni',
                                                                     d, 0))
    lines.append('END')
    return '\n'.join(lines) + '\n'


def run_feff():
    if os.path.isdir(FEFF_DIR):
        shutil.rmtree(FEFF_DIR)
    os.makedirs(FEFF_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'feff.inp'), 'w') as f:
            f.write(feff_inp())
        subprocess.run(['feff8l'], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, 'feff.inp'), FEFF_DIR)
        names = sorted(n for n in os.listdir(tmp) if n.startswith('feff0') and n.endswith('.dat'))
        for n in names:
            shutil.copy(os.path.join(tmp, n), FEFF_DIR)
    return [os.path.join(FEFF_DIR, n) for n in names]


def fit(session, data, paths, fitspace):
    pars = param_group(s02=guess(0.8), e0=guess(0.0), sigma2=guess(0.006), alpha=guess(0.0), _larch=session)
    fpaths = [feffpath(p, s02='s02', e0='e0', sigma2='sigma2', deltar='alpha*reff', _larch=session)
              for p in paths]
    trans = feffit_transform(kmin=KMIN, kmax=KMAX, kweight=KWEIGHT, dk=1, window='hanning', rmin=RMIN, rmax=RMAX,
                             fitspace=fitspace, _larch=session)
    dset = feffit_dataset(data=data, paths=fpaths, transform=trans, _larch=session)
    out = feffit(pars, dset, _larch=session)
    reff1 = min(p.reff for p in fpaths)
    p = out.params
    r1 = reff1 * (1 + p['alpha'].value)
    res = dict(
        fitspace=fitspace,
        values={k: p[k].value for k in ('s02', 'e0', 'sigma2', 'alpha')},
        uncertainties={k: p[k].stderr for k in ('s02', 'e0', 'sigma2', 'alpha')},
        reff_first_shell=reff1, first_shell=r1, first_shell_uncertainty=reff1 * p['alpha'].stderr,
        a=A * (1 + p['alpha'].value), a_uncertainty=A * p['alpha'].stderr,
        R_factor=out.rfactor, chi2=out.chi_square, reduced_chi2=out.chi2_reduced, n_idp=out.n_independent,
        n_varys=out.nvarys, epsilon_k=float(np.mean(dset.epsilon_k)), epsilon_r=float(np.mean(dset.epsilon_r)))
    return res, dset, fpaths


def main():
    session = Interpreter()
    g = read_ascii(XDI, labels='energy mutrans i0')
    energy = np.asarray(g.energy, dtype=float)
    mu = np.asarray(g.mutrans, dtype=float)
    pre_edge(energy, mu, group=g, _larch=session)
    autobk(energy, mu, group=g, e0=g.e0, edge_step=g.edge_step, calc_uncertainties=False, _larch=session, **AUTOBK)
    with open(os.path.join(HERE, 'ni_metal_rt.chi'), 'w') as f:
        f.write('# chi(k) of the Ni foil ni_metal_rt.xdi (Ni K edge, room temperature, APS 13-ID-C; xraylarch\n')
        f.write('# examples/xafsdata, MIT): Larch 0.9.58 pre_edge (defaults) + autobk rbkg=1.0 kweight=2, e0 = %.3f eV,\n'
                % g.e0)
        f.write('# edge step %.5f; written by feffit_ni.py. k-weight 0 (plain chi).\n' % g.edge_step)
        f.write('# k chi\n')
        for kv, cv in zip(g.k, g.chi):
            f.write('%.4f %.10g\n' % (kv, cv))
    paths = run_feff()
    kspace, dset, fpaths = fit(session, g, paths, 'k')
    rspace, _, _ = fit(session, g, paths, 'r')
    # the model of the k-space fit on the data's grid over the fit range, for plots and checks
    k = np.asarray(dset.model.k)
    sel = (k >= KMIN - 1e-9) & (k <= KMAX + 1e-9)
    out = dict(
        larch='0.9.58', script='feffit_ni.py', data='../ni_metal_rt.xdi', feff='feff8l (Debian), feff/feff.inp',
        autobk=dict(AUTOBK, e0=g.e0, edge_step=g.edge_step), a_feff=A, radius=RADIUS, nleg=2,
        kmin=KMIN, kmax=KMAX, kweight=KWEIGHT, rmin=RMIN, rmax=RMAX,
        paths=[dict(file=os.path.basename(p.filename), reff=p.reff, degen=p.degen, nleg=p.nleg) for p in fpaths],
        **kspace, rspace=rspace,
        model=dict(k=[float(v) for v in k[sel]], chi=[float(v) for v in np.asarray(dset.model.chi)[sel]]))
    with open(os.path.join(HERE, 'feffit-ni.json'), 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    for name, r in (('k space', kspace), ('R space', rspace)):
        print(name, 'R1 = %.4f +- %.4f' % (r['first_shell'], r['first_shell_uncertainty']),
              'a = %.4f' % r['a'], ' '.join('%s=%.5g(%.2g)' % (k, r['values'][k], r['uncertainties'][k])
                                            for k in r['values']),
              'R-factor %.5f chi2 %.4g red %.4g n_idp %.3f' % (r['R_factor'], r['chi2'], r['reduced_chi2'],
                                                              r['n_idp']))


if __name__ == '__main__':
    main()
