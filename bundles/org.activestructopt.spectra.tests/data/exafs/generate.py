#!/usr/bin/python3
"""Reference Fourier transforms from Larch for the Java Xftf/FtWindow tests.

Run with Debian's interpreter (python3-xraylarch 0.9.58):  cd data/exafs && /usr/bin/python3 generate.py

Writes
  chi_uniform.dat     synthetic chi(k) on k = 0, 0.05, ... 16 (three shells + noise)
  chi_nonuniform.dat  the same model on an irregular grid from k = 0.37 to 15.2 (exercises the interpolation)
  xftf_<case>.dat     Larch xftf output: columns r, chir_re, chir_im, chir_mag; the '# xftf' header line holds the
                      exact keyword arguments, which the Java test parses to build the same transform
  windows.dat         Larch ftwindow on k = 0.05*i, one column per window; '# window' header lines give parameters
"""
import numpy as np
from larch import Group
from larch.xafs import xftf, ftwindow

rng = np.random.default_rng(20240607)


def chi_model(k):
    """A plausible chi(k): three shells with k-dependent amplitude, Debye-Waller damping and a linear phase shift."""
    shells = [(6, 2.55, 0.006, -1.2), (12, 3.61, 0.010, -1.0), (24, 4.43, 0.012, -1.4)]  # N, R, sigma2, phase
    amp = 0.9 * k * np.exp(-k / 4.0) / (1 + 0.05 * k**2)
    chi = np.zeros_like(k)
    for n, r, s2, ph in shells:
        chi += n * amp / (np.maximum(k, 0.05) * r**2) * np.exp(-2 * s2 * k**2) * np.sin(2 * k * r + ph - 0.3 * k)
    return chi


k_uniform = 0.05 * np.arange(321)
chi_uniform = chi_model(k_uniform) + rng.normal(0, 2e-4, k_uniform.size)
np.savetxt('chi_uniform.dat', np.column_stack([k_uniform, chi_uniform]), fmt='%.17g',
           header='synthetic chi(k), uniform grid (generate.py)\nk chi')

k_irr = np.sort(np.concatenate([[0.37, 15.2], rng.uniform(0.37, 15.2, 398)]))
chi_irr = chi_model(k_irr) + rng.normal(0, 2e-4, k_irr.size)
np.savetxt('chi_nonuniform.dat', np.column_stack([k_irr, chi_irr]), fmt='%.17g',
           header='synthetic chi(k), irregular grid (generate.py)\nk chi')

cases = {
    'default': ('chi_uniform.dat', dict(kmin=3, kmax=12, kweight=2, dk=1, dk2=1, window='hanning', rmax_out=10,
                                        kstep=0.05, nfft=2048)),
    'kaiser': ('chi_nonuniform.dat', dict(kmin=2, kmax=14, kweight=3, dk=4, dk2=4, window='kaiser', rmax_out=8,
                                          kstep=0.05, nfft=2048)),
    'parzen': ('chi_uniform.dat', dict(kmin=2.5, kmax=13.5, kweight=1, dk=2, dk2=0.5, window='parzen', rmax_out=6,
                                       kstep=0.1, nfft=1024)),
    'sine': ('chi_nonuniform.dat', dict(kmin=4, kmax=11, kweight=2, dk=0.5, dk2=0.5, window='sine', rmax_out=10,
                                        kstep=0.05, nfft=2048)),
}
inputs = {'chi_uniform.dat': (k_uniform, chi_uniform), 'chi_nonuniform.dat': (k_irr, chi_irr)}
for name, (src, kw) in cases.items():
    k, chi = inputs[src]
    g = Group()
    xftf(k, chi, group=g, **kw)
    head = 'xftf input=%s %s' % (src, ' '.join('%s=%s' % item for item in kw.items()))
    np.savetxt('xftf_%s.dat' % name, np.column_stack([g.r, g.chir_re, g.chir_im, g.chir_mag]), fmt='%.17g',
               header=head + '\nr chir_re chir_im chir_mag  (Larch %s)' % __import__('larch').__version__)
    print(name, len(g.r), 'points; max |chi(R)| %.5f at R = %.4f' % (g.chir_mag.max(), g.r[np.argmax(g.chir_mag)]))

windows = [('hanning', 3, 12, 1, 1), ('fhanning', 3, 12, 0.2, 0.3), ('parzen', 3, 12, 2, 0.5), ('welch', 3, 12, 1.5, 1.5),
           ('gaussian', 3, 12, 2, 2), ('sine', 3.3, 11.8, 1, 1), ('kaiser', 2, 14, 4, 4), ('bessel', 2, 14, 3, 3)]
kgrid = 0.05 * np.arange(321)
cols = [kgrid]
heads = []
for name, xmin, xmax, dx, dx2 in windows:
    cols.append(ftwindow(kgrid, xmin=xmin, xmax=xmax, dx=dx, dx2=dx2, window=name))
    heads.append('window %s xmin=%s xmax=%s dx=%s dx2=%s' % (name, xmin, xmax, dx, dx2))
np.savetxt('windows.dat', np.column_stack(cols), fmt='%.17g',
           header='\n'.join(heads + ['k ' + ' '.join(w[0] for w in windows)]))
