"""Fixtures for the text-format readers (org.activestructopt.spectra.io), and the values an independent reading of
the measured files gives, written to expected.json. Run with Debian's Python: /usr/bin/python3 generate.py

Independent readings: numpy.loadtxt for the PDFgetX2 .gr file (the data start after its '##### start data' line),
Larch's read_ascii for the XDI files (its read_xdi needs libxdifile, not in Debian). Fixture formats and where their description came from:
- PDFgetX3 .gr: the [DEFAULT] config block, '# End of config', '#### start data', '#S 1', '#L r(A) G(A^-2)' layout of
  a diffpy.pdfgetx-2.1.2 output file (an example found in public diffpy data files).
- GSAS-II .gr: both layouts GSAS-II's PDFWrite (GSASII/GSASIIfiles.py) writes: the plain '#T G(R) name' /
  '#L R     G(R)' / '%15.6g %15.6g' export and the pdfGUI export with a [DEFAULT] block
  ('version = GSAS-II-v...', qmaxinst, qmin, qmax, rmin, rmax, rstep).
- Athena .prj: written by Larch itself (larch.io.create_athena, add_group, save: gzip-compressed Data::Dumper text).
- chi(k): Larch autobk of the Ni foil, written with Larch's write_ascii (label 'k chi'), and a k^2-weighted copy with
  the column named chik2 as users export it.
The PDF fixtures take the Si data of si-q27r60-xray.gr up to r = 10 A.
"""
import gzip
import json
import os
import re

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MEASURED = os.path.join(HERE, '..', 'measured')
out = {}

# --- the measured PDFgetX2 file, read with numpy ---
gr = os.path.join(MEASURED, 'si-q27r60-xray.gr')
lines = open(gr, encoding='latin-1').read().splitlines()
start = next(i for i, l in enumerate(lines) if re.match(r'^#+\s*start data', l)) + 1
data = np.loadtxt(gr, skiprows=start, comments='#', encoding='latin-1')
header = '\n'.join(lines[:start])
qmax = float(re.search(r'(?<![\w])qmax=([0-9.]+)', header).group(1))
out['si-q27r60-xray.gr'] = dict(points=int(len(data)), columns=int(data.shape[1]),
                                first=data[0].tolist(), last=data[-1].tolist(), qmax=qmax,
                                program='PDFgetX2')

# --- the measured XDI files, read with Larch ---
from larch.io import read_ascii


def read_xdi(path):
    # Larch's read_xdi needs libxdifile, which Debian does not ship; read_ascii reads the same columns
    return read_ascii(path, labels='energy mutrans i0')


def field(path, key):
    for line in open(path):
        m = re.match(r'#\s*' + re.escape(key) + r':\s*(.*?)\s*$', line)
        if m:
            return m.group(1)


for name in ('ni_metal_rt.xdi', 'feo_rt1.xdi'):
    path = os.path.join(MEASURED, name)
    x = read_xdi(path)
    mu = np.asarray(x.mutrans)
    e = np.asarray(x.energy)
    out[name] = dict(points=int(len(e)), first=[float(e[0]), float(mu[0])], last=[float(e[-1]), float(mu[-1])],
                     element=field(path, 'Element.symbol'), edge=field(path, 'Element.edge'),
                     d_spacing=float(field(path, 'Mono.d_spacing')))

sel = data[data[:, 0] <= 10.0 + 1e-9]

# --- PDFgetX3 ---
with open(os.path.join(HERE, 'si_pdfgetx3.gr'), 'w') as f:
    f.write("[DEFAULT]\n\nversion = diffpy.pdfgetx-2.1.2\n\n# input and output specifications\n"
            "dataformat = QA\ninputfile = si.chi\nbackgroundfile = kapton.chi\noutputtype = gr\n\n"
            "# PDF calculation setup\nmode = xray\nwavelength = 0.142773\ntwothetazero = 0\ncomposition = Si\n"
            "bgscale = 1\nrpoly = 0.9\nqmaxinst = 27.5\nqmin = 0.6\nqmax = 27\nrmin = 0.01\nrmax = 10\n"
            "rstep = 0.01\n\n# End of config " + '-' * 62 + "\n\n#### start data\n#S 1\n#L r($\\AA$)  G($\\AA^{-2}$)\n")
    for r, g in sel[:, :2]:
        f.write('%g %g\n' % (r, g))
out['si_pdfgetx3.gr'] = dict(points=int(len(sel)), first=sel[0, :2].tolist(), last=sel[-1, :2].tolist(), qmax=27.0,
                             qmaxinst=27.5, program='PDFgetX3 2.1.2')

# --- GSAS-II, plain export ---
with open(os.path.join(HERE, 'si_gsas2.gr'), 'w') as f:
    f.write('#T G(R) PDF si325_mesh_300k.chi\n#L R     G(R)\n')
    for r, g in sel[:, :2]:
        f.write("%15.6g %15.6g\n" % (r, g))
out['si_gsas2.gr'] = dict(points=int(len(sel)), first=sel[0, :2].tolist(), last=sel[-1, :2].tolist(),
                          program='GSAS-II')

# --- GSAS-II, pdfGUI export ---
with open(os.path.join(HERE, 'si_gsas2_pdfgui.gr'), 'w') as f:
    f.write('[DEFAULT]\n\nversion = GSAS-II-v5577\n\n# input and output specifications\ndataformat = Qnm\n'
            'inputfile = PWDR si.chi\nbackgroundfile = PWDR kapton.chi\noutputtype = gr\n\n'
            '# PDF calculation setup\nmode = xray\nwavelength = 0.14277\ncomposition = Si1\nbgscale = 1.000\n'
            'qmaxinst = 27.00\nqmin = 0.60000\nqmax = 26.9000\nrmin = 0.01\nrmax = 10.00\nrstep = 0.01\n\n'
            '# End of config ' + 63 * '-' + '\n#### start data\n#S 1\n#L r($\\AA$)  G($\\AA^{-2}$)\n')
    for r, g in sel[:, :2]:
        f.write("%15.2F %15.6F\n" % (r, g))
out['si_gsas2_pdfgui.gr'] = dict(points=int(len(sel)), first=[round(sel[0, 0], 2), round(sel[0, 1], 6)],
                                 last=[round(sel[-1, 0], 2), round(sel[-1, 1], 6)], qmax=26.9, program='GSAS-II')

# --- bad PDF files ---
head = '\n'.join(lines[:start]) + '\n'
with open(os.path.join(HERE, 'bad_nodata.gr'), 'w', encoding='latin-1') as f:
    f.write(head + '#L r(A)    G(r)    d_r    d_Gr\n')
with open(os.path.join(HERE, 'bad_truncated.gr'), 'w', encoding='latin-1') as f:
    f.write(head + '#L r(A)    G(r)    d_r    d_Gr\n')
    for row in data[:50]:
        f.write('  %e    %e   %e    %e\n' % tuple(row))
    f.write('  %e    %e\n' % (data[50, 0], data[50, 1]))
with open(os.path.join(HERE, 'bad_nan.gr'), 'w', encoding='latin-1') as f:
    f.write(head + '#L r(A)    G(r)    d_r    d_Gr\n')
    for i, row in enumerate(data[:50]):
        if i == 20:
            f.write('  %e    nan   %e    %e\n' % (row[0], row[2], row[3]))
        else:
            f.write('  %e    %e   %e    %e\n' % tuple(row))
with open(os.path.join(HERE, 'bad_noheader_marker.gr'), 'w', encoding='latin-1') as f:
    f.write('\n'.join(l for l in lines[:start] if 'start data' not in l) + '\n')
    for row in data[:50]:
        f.write('  %e    %e   %e    %e\n' % tuple(row))
with open(os.path.join(HERE, 'si_nm.gr'), 'w') as f:
    f.write('#L r(nm) G\n')
    for r, g in sel[:, :2]:
        f.write('%g %g\n' % (r / 10, g))

# --- decimal commas, semicolon-separated, as a German spreadsheet writes them ---
with open(os.path.join(HERE, 'si_decimal_comma.csv'), 'w') as f:
    f.write('r;G\n')
    for r, g in sel[:200, :2]:
        f.write(('%.4f;%.6f\n' % (r, g)).replace('.', ','))
out['si_decimal_comma.csv'] = dict(points=200, first=[round(sel[0, 0], 4), round(sel[0, 1], 6)],
                                   last=[round(sel[199, 0], 4), round(sel[199, 1], 6)])
with open(os.path.join(HERE, 'si_decimal_comma_spaces.dat'), 'w') as f:
    for r, g in sel[:200, :2]:
        f.write(('%.4f   %.6f\n' % (r, g)).replace('.', ','))

# --- XDI without an energy column ---
ni = open(os.path.join(MEASURED, 'ni_metal_rt.xdi')).read()
with open(os.path.join(HERE, 'bad_no_energy.xdi'), 'w') as f:
    f.write(ni.replace('# Column.1: energy eV', '# Column.1: mono_angle deg'))
# XDI with only intensities: i0 and itrans = i0 exp(-mu)
nx = read_xdi(os.path.join(MEASURED, 'ni_metal_rt.xdi'))
itrans = np.asarray(nx.i0) * np.exp(-np.asarray(nx.mutrans))
with open(os.path.join(HERE, 'ni_intensities.xdi'), 'w') as f:
    f.write('# XDI/1.0\n# Column.1: energy eV\n# Column.2: i0\n# Column.3: itrans\n# Element.symbol: Ni\n'
            '# Element.edge: K\n# ///\n# intensities only, itrans = i0 exp(-mutrans) of ni_metal_rt.xdi\n#----\n'
            '#  energy  i0  itrans\n')
    for e, a, b in zip(nx.energy, nx.i0, itrans):
        f.write('%.4f %.6f %.10g\n' % (e, a, b))
out['ni_intensities.xdi'] = dict(points=int(len(itrans)), mu_first=float(np.log(nx.i0[0] / float('%.10g' % itrans[0]))))
# mu(E) relative to E0 in plain columns
with open(os.path.join(HERE, 'ni_relative.dat'), 'w') as f:
    f.write('# energy mu\n')
    for e, m in zip(nx.energy, nx.mutrans):
        f.write('%.4f %.7f\n' % (e - 8333.0, m))

# --- chi(k) and Athena, from Larch ---
from larch import Interpreter
from larch.xafs import pre_edge, autobk
from larch.io import write_ascii, create_athena
session = Interpreter()
nx.mu = nx.mutrans
pre_edge(nx, _larch=session)
autobk(nx, rbkg=1.0, kweight=2, _larch=session)
k = np.asarray(nx.k)
chi = np.asarray(nx.chi)
write_ascii(os.path.join(HERE, 'ni.chi'), k, chi, label='k chi', header=['Ni foil chi(k), Larch autobk rbkg=1'],
            _larch=session)
with open(os.path.join(HERE, 'ni_k2.chi'), 'w') as f:
    f.write('# Ni foil k^2 chi(k), Larch autobk rbkg=1\n#  k  chik2\n')
    for a, b in zip(k, chi * k ** 2):
        f.write('%.4f %.8g\n' % (a, b))
with open(os.path.join(HERE, 'ni_kweight2_header.chi'), 'w') as f:
    f.write('# Ni foil chi(k) times k^2\n# kweight: 2\n#  k  chi\n')
    for a, b in zip(k, chi * k ** 2):
        f.write('%.4f %.8g\n' % (a, b))
i = int(np.argmin(abs(k - 5.0)))
out['ni.chi'] = dict(points=int(len(k)), k5=float(k[i]), chi5=float(chi[i]))

prj = create_athena(os.path.join(HERE, 'ni_foil.prj'), _larch=session)
g = read_xdi(os.path.join(MEASURED, 'ni_metal_rt.xdi'))
g.filename = 'ni_metal_rt.xdi'
g.mu = g.mutrans
prj.add_group(g)
prj.save(use_gzip=True)
out['ni_foil.prj'] = dict(points=int(len(g.energy)), first=[float(g.energy[0]), float(g.mutrans[0])],
                          last=[float(g.energy[-1]), float(g.mutrans[-1])])
raw = gzip.open(os.path.join(HERE, 'ni_foil.prj')).read()
with open(os.path.join(HERE, 'bad_truncated.prj'), 'wb') as f:
    f.write(open(os.path.join(HERE, 'ni_foil.prj'), 'rb').read()[:3000])

with open(os.path.join(HERE, 'expected.json'), 'w') as f:
    json.dump(out, f, indent=1, sort_keys=True)
print(json.dumps(out, indent=1, sort_keys=True)[:3000])
