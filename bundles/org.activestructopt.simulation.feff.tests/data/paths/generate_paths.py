#!/usr/bin/python3
"""Fixtures of PathSumTest: FEFF 8.5L path files and chi.dat for fcc Ni and rock-salt FeO, and Larch's path sum of
the same path files with nonzero S0^2, E0 shift and per-path sigma^2.

Run with Debian's Python (numpy, xraylarch) and feff8l on PATH, from this directory:
    /usr/bin/python3 generate_paths.py
For each case NAME it writes NAME/feff.inp, NAME/chi.dat (FEFF's own sum), the feffNNNN.dat files FEFF summed into
chi.dat (those its header lists), NAME/larch-params.dat (s02, e0 and one sigma^2 per path) and NAME/larch-chi.dat
(k, chi from larch.xafs.ff2chi with those parameters).
"""
import os
import re
import shutil
import subprocess
import tempfile

import numpy as np
from larch.xafs.feffdat import feffpath, ff2chi

HEADER = """TITLE {title}
EDGE K
S02 1.0
CONTROL 1 1 1 1 1 1
PRINT 1 0 0 0 0 3
EXCHANGE 0 0.0 0.0
EXAFS 20
RPATH {rpath}
NLEG 4
CRITERIA 4.0 2.5
DEBYE 300 {theta}

POTENTIALS
*  ipot  Z  tag
{potentials}
ATOMS
"""


def cluster(a, radius, species):
    """Sites of a cubic grid of spacing a/2 within radius; species(i, j, k) names the element or None."""
    n = int(np.ceil(2 * radius / a)) + 1
    out = []
    for i in range(-n, n + 1):
        for j in range(-n, n + 1):
            for k in range(-n, n + 1):
                el = species(i, j, k)
                r = 0.5 * a * np.sqrt(i * i + j * j + k * k)
                if el is not None and r <= radius:
                    out.append((r, 0.5 * a * i, 0.5 * a * j, 0.5 * a * k, el))
    out.sort(key=lambda t: (round(t[0], 6), t[1], t[2], t[3]))
    return out


CASES = {
    # fcc Ni, a = 3.524 A; Larch: S0^2 0.83, E0 +4.1 eV, sigma^2 FEFF's + 0.0015 per path
    'ni': dict(a=3.524, radius=6.0, rpath=5.0, theta=450, title='fcc Ni a=3.524 K edge',
               potentials={'Ni': (0, 28), 'Ni1': (1, 28)},
               species=lambda i, j, k: ('Ni' if (i, j, k) == (0, 0, 0) else 'Ni1') if (i + j + k) % 2 == 0 else None,
               s02=0.83, e0=4.1, sigma2=lambda feff, nleg: feff + 0.0015),
    # rock-salt FeO, a = 4.334 A, Fe K edge; Larch: S0^2 0.72, E0 -5.3 eV, sigma^2 0.004 + 0.002 per extra leg
    'feo': dict(a=4.334, radius=6.0, rpath=4.5, theta=400, title='rock-salt FeO a=4.334 Fe K edge',
                potentials={'Fe': (0, 26), 'O': (1, 8), 'Fe1': (2, 26)},
                species=lambda i, j, k: ('Fe' if (i, j, k) == (0, 0, 0) else 'Fe1') if (i + j + k) % 2 == 0
                else 'O',
                s02=0.72, e0=-5.3, sigma2=lambda feff, nleg: 0.004 + 0.002 * (nleg - 2)),
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for name, c in CASES.items():
        out = os.path.join(here, name)
        if os.path.isdir(out):
            shutil.rmtree(out)
        os.makedirs(out)
        pots = '\n'.join('   %d %3d %s' % (ip, z, tag) for tag, (ip, z) in
                         sorted(c['potentials'].items(), key=lambda t: t[1][0]))
        text = HEADER.format(title=c['title'], rpath=c['rpath'], theta=c['theta'], potentials=pots)
        for r, x, y, z, el in cluster(c['a'], c['radius'], c['species']):
            text += '  %10.5f %10.5f %10.5f  %d  %s  %.5f\n' % (x, y, z, c['potentials'][el][0], el, r)
        text += 'END\n'
        with open(os.path.join(out, 'feff.inp'), 'w') as f:
            f.write(text)
        with tempfile.TemporaryDirectory() as run:
            shutil.copy(os.path.join(out, 'feff.inp'), run)
            subprocess.run(['feff8l'], cwd=run, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            shutil.copy(os.path.join(run, 'chi.dat'), out)
            used = []
            for line in open(os.path.join(run, 'chi.dat')):
                m = re.match(r'#\s+(\d+)\s+([0-9.]+)\s+[0-9.]+\s+[0-9.]+\s+(\d+)\s+[0-9.]+', line)
                if m:
                    used.append((int(m.group(1)), float(m.group(2)), int(m.group(3))))
            for index, _, _ in used:
                shutil.copy(os.path.join(run, 'feff%04d.dat' % index), out)
        paths = []
        with open(os.path.join(out, 'larch-params.dat'), 'w') as f:
            f.write('# Larch ff2chi parameters: s02 %.6f e0 %.6f (eV); one line per path: file sigma2 (A^2)\n'
                    % (c['s02'], c['e0']))
            f.write('s02 %.6f\ne0 %.6f\n' % (c['s02'], c['e0']))
            for index, feff_s2, nleg in used:
                s2 = c['sigma2'](feff_s2, nleg)
                fname = 'feff%04d.dat' % index
                f.write('%s %.8f\n' % (fname, s2))
                paths.append(feffpath(os.path.join(out, fname), s02=c['s02'], e0=c['e0'], sigma2=s2))
        k = 0.05 * np.arange(0, 361)
        g = ff2chi(paths, k=k)
        with open(os.path.join(out, 'larch-chi.dat'), 'w') as f:
            f.write('# larch.xafs.ff2chi of the feffNNNN.dat files in this directory with larch-params.dat\n')
            f.write('# (Larch extrapolates its first point linearly; compare from the second)\n')
            f.write('# k chi\n')
            for kk, ch in zip(g.k, g.chi):
                f.write('%.4f %.12e\n' % (kk, ch))
        print(name, len(used), 'paths')


if __name__ == '__main__':
    main()
