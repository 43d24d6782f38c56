#!/usr/bin/python3
"""NeXus/HDF5 fixtures for the Java NeXus reader, written by h5py (an independent HDF5/NeXus writer).

Run with Debian's interpreter (python3-h5py 3.7, HDF5 1.10.8):  cd data/nexus && /usr/bin/python3 generate.py

Every good file is described in expected.json: for each 1-D plottable, its signal and axis paths, units and the
exact values written (so the Java tests compare against what h5py stored, not against our own reader). Bad files
carry the expected error: the HDF5 path that the one-line message must name, and a word it must contain.
"""
import json
import os

import h5py
import numpy as np

rng = np.random.default_rng(11)
expected = {}


def nxgroup(parent, name, cls):
    g = parent.create_group(name)
    g.attrs['NX_class'] = cls
    return g


def root(f, default=None):
    f.attrs['NX_class'] = 'NXroot'
    if default:
        f.attrs['default'] = default


def plottable(signal, axis, x, y, x_units='', y_units='', errors=None, x_name=None, y_name=None):
    d = dict(signal=signal, axis=axis, points=len(y), x=[float(v) for v in x], y=[float(v) for v in y],
             x_units=x_units, y_units=y_units)
    if errors is not None:
        d['errors'] = [float(v) for v in errors]
    return d


def pdf(n=120, r0=0.5, dr=0.05):
    r = r0 + dr * np.arange(n)
    g = sum(a * np.exp(-(r - c) ** 2 / 0.02) for a, c in [(4.0, 2.556), (2.5, 3.615), (3.0, 4.427), (1.5, 5.112)])
    return r, g - 0.4 * r * (r < 2.2) + rng.normal(0, 0.01, n)


def chi(n=150, dk=0.1):
    k = dk * np.arange(n)
    return k, 0.3 * np.exp(-0.01 * k ** 2) * np.sin(2 * 2.55 * k - 1.0) * np.exp(-k / 8)


def mu(n=100):
    e = np.linspace(8950.0, 9100.0, n)
    return e, 0.5 + np.arctan((e - 8979.0) / 2.0) / np.pi + 0.05 * np.sin((e - 8979.0) / 9.0) * (e > 8979)


# 1. the NeXus default chain: /@default -> entry, /entry@default -> pdf; @signal/@axes/AXISNAME_indices on NXdata
with h5py.File('default_chain.nxs', 'w') as f:
    root(f, 'entry')
    e = nxgroup(f, 'entry', 'NXentry')
    e.attrs['default'] = 'pdf'
    e['title'] = 'Cu fcc G(r)'
    r, g = pdf()
    p = nxgroup(e, 'pdf', 'NXdata')
    p.attrs['signal'] = 'G'
    p.attrs['axes'] = ['r']
    p.attrs['r_indices'] = 0
    p['r'] = r
    p['r'].attrs['units'] = 'angstrom'
    p['G'] = g
    p['G'].attrs['units'] = 'angstrom^-2'
    p['G'].attrs['long_name'] = 'G(r)'
expected['default_chain.nxs'] = dict(default='/entry/pdf/G', plottables=[
    plottable('/entry/pdf/G', '/entry/pdf/r', r, g, 'angstrom', 'angstrom^-2')])

# 2. @signal/@axes on an NXdata, no @default anywhere; @axes a scalar string, AXISNAME_indices as int32,
#    uncertainties in the NeXus FIELDNAME_errors dataset
with h5py.File('signal_axes_indices.nxs', 'w', libver='latest') as f:  # v2 object headers, compact links
    root(f)
    e = nxgroup(f, 'entry', 'NXentry')
    k, c = chi()
    d = nxgroup(e, 'exafs', 'NXdata')
    d.attrs['signal'] = 'chi'
    d.attrs['axes'] = 'k'
    d.attrs['k_indices'] = np.int32(0)
    d['k'] = k
    d['k'].attrs['units'] = '1/angstrom'
    d['chi'] = c
    err = np.full(k.size, 0.002) + 0.0001 * k
    d['chi_errors'] = err
expected['signal_axes_indices.nxs'] = dict(default='/entry/exafs/chi', plottables=[
    plottable('/entry/exafs/chi', '/entry/exafs/k', k, c, '1/angstrom', '', errors=err)])

# 3. legacy NeXus: signal=1 and axes="..." on the datasets (entry1), or axis=1 on the axis dataset (entry2)
with h5py.File('legacy_signal_attr.nxs', 'w') as f:
    root(f)
    e1 = nxgroup(f, 'entry1', 'NXentry')
    d1 = nxgroup(e1, 'data', 'NXdata')
    en, m = mu()
    d1['energy'] = en
    d1['energy'].attrs['units'] = 'eV'
    d1['mu'] = m
    d1['mu'].attrs['signal'] = np.int32(1)
    d1['mu'].attrs['axes'] = 'energy'
    e2 = nxgroup(f, 'entry2', 'NXentry')
    d2 = nxgroup(e2, 'data', 'NXdata')
    r2, g2 = pdf(80, 1.0, 0.1)
    d2['G'] = g2
    d2['G'].attrs['signal'] = 1
    d2['r'] = r2
    d2['r'].attrs['axis'] = 1
    d2['r'].attrs['units'] = 'angstrom'
expected['legacy_signal_attr.nxs'] = dict(default='/entry1/data/mu', plottables=[
    plottable('/entry1/data/mu', '/entry1/data/energy', en, m, 'eV', ''),
    plottable('/entry2/data/G', '/entry2/data/r', r2, g2, 'angstrom', '')])

# 4. NXxas-like entry as in reference-peers.md section 5: the axis is a soft link into the monochromator
with h5py.File('nxxas_softlink.nxs', 'w') as f:
    root(f, 'entry')
    e = nxgroup(f, 'entry', 'NXentry')
    e.attrs['default'] = 'data'
    e['definition'] = 'NXxas'
    e['title'] = 'Cu K-edge, synthetic'
    e['absorbing_element'] = 'Cu'
    e['edge'] = 'K'
    s = nxgroup(e, 'sample', 'NXsample')
    s['name'] = 'Cu fcc'
    mono = nxgroup(nxgroup(e, 'instrument', 'NXinstrument'), 'monochromator', 'NXmonochromator')
    en, m = mu()
    mono['energy'] = en
    mono['energy'].attrs['units'] = 'eV'
    d = nxgroup(e, 'data', 'NXdata')
    d.attrs['signal'] = 'mu'
    d.attrs['axes'] = ['energy']
    d.attrs['energy_indices'] = 0
    d['energy'] = h5py.SoftLink('/entry/instrument/monochromator/energy')
    d['mu'] = m
expected['nxxas_softlink.nxs'] = dict(default='/entry/data/mu', kind='XANES', plottables=[
    plottable('/entry/data/mu', '/entry/data/energy', en, m, 'eV', '')])

# 5. float32 data (values compared after rounding to float32)
with h5py.File('float32.nxs', 'w') as f:
    root(f, 'entry')
    e = nxgroup(f, 'entry', 'NXentry')
    e.attrs['default'] = 'data'
    r, g = pdf(100)
    d = nxgroup(e, 'data', 'NXdata')
    d.attrs['signal'] = 'G'
    d.attrs['axes'] = ['r']
    d.create_dataset('r', data=r.astype(np.float32)).attrs['units'] = 'angstrom'
    d.create_dataset('G', data=g.astype(np.float32)).attrs['units'] = 'angstrom^-2'
    r32 = r.astype(np.float32).astype(np.float64)
    g32 = g.astype(np.float32).astype(np.float64)
expected['float32.nxs'] = dict(default='/entry/data/G', plottables=[
    plottable('/entry/data/G', '/entry/data/r', r32, g32, 'angstrom', 'angstrom^-2')])

# 6. chunked, gzip-compressed (with byte shuffle and Fletcher-32 checksums on the signal)
with h5py.File('chunked_gzip.nxs', 'w', libver='latest') as f:  # new chunk indices
    root(f, 'entry')
    e = nxgroup(f, 'entry', 'NXentry')
    e.attrs['default'] = 'data'
    k, c = chi(400, 0.05)
    d = nxgroup(e, 'data', 'NXdata')
    d.attrs['signal'] = 'chi'
    d.attrs['axes'] = ['k']
    d.create_dataset('k', data=k, chunks=(64,), compression='gzip', compression_opts=6).attrs['units'] = '1/angstrom'
    d.create_dataset('chi', data=c, chunks=(50,), compression='gzip', compression_opts=9, shuffle=True,
                     fletcher32=True)
expected['chunked_gzip.nxs'] = dict(default='/entry/data/chi', plottables=[
    plottable('/entry/data/chi', '/entry/data/k', k, c, '1/angstrom', '')])

# 7. several plottables in one file, a 2-D one among them (not listed), and an auxiliary signal
with h5py.File('several.nxs', 'w', libver='latest') as f:
    root(f, 'exafs')
    e = nxgroup(f, 'pdf', 'NXentry')
    r, g = pdf(90)
    p = nxgroup(e, 'gr', 'NXdata')
    p.attrs['signal'] = 'G'
    p.attrs['axes'] = ['r']
    p['r'] = r
    p['r'].attrs['units'] = 'angstrom'
    p['G'] = g
    q = 0.5 + 0.1 * np.arange(70)
    sq = 1 + np.sin(q * 2.5) / (q * 2.5)
    s = nxgroup(e, 'sq', 'NXdata')
    s.attrs['signal'] = 'S'
    s.attrs['axes'] = ['Q']
    s.attrs['Q_indices'] = 0
    s['Q'] = q
    s['Q'].attrs['units'] = '1/angstrom'
    s['S'] = sq
    img = nxgroup(e, 'image', 'NXdata')
    img.attrs['signal'] = 'counts'
    img.attrs['axes'] = ['y', 'x']
    img['counts'] = rng.integers(0, 100, (8, 12)).astype(np.int32)
    img['y'] = np.arange(8.0)
    img['x'] = np.arange(12.0)
    x = nxgroup(f, 'exafs', 'NXentry')
    x.attrs['default'] = 'chik'
    k, c = chi(120)
    ck = nxgroup(x, 'chik', 'NXdata')
    ck.attrs['signal'] = 'chi'
    ck.attrs['auxiliary_signals'] = ['chi_fit']
    ck.attrs['axes'] = ['k']
    ck['k'] = k
    ck['k'].attrs['units'] = '1/angstrom'
    ck['chi'] = c
    fit = 0.95 * c
    ck['chi_fit'] = fit
expected['several.nxs'] = dict(default='/exafs/chik/chi', plottables=[
    plottable('/exafs/chik/chi', '/exafs/chik/k', k, c, '1/angstrom', ''),
    plottable('/exafs/chik/chi_fit', '/exafs/chik/k', k, fit, '1/angstrom', ''),
    plottable('/pdf/gr/G', '/pdf/gr/r', r, g, 'angstrom', ''),
    plottable('/pdf/sq/S', '/pdf/sq/Q', q, sq, '1/angstrom', '')])

# 8. an axis stored in decreasing order (a downward energy scan): the reader returns both arrays reversed
with h5py.File('descending_axis.nxs', 'w') as f:
    root(f, 'entry')
    e = nxgroup(f, 'entry', 'NXentry')
    e.attrs['default'] = 'scan'
    en, m = mu(60)
    d = nxgroup(e, 'scan', 'NXdata')
    d.attrs['signal'] = 'mu'
    d.attrs['axes'] = ['energy']
    d['energy'] = en[::-1]
    d['energy'].attrs['units'] = 'eV'
    d['mu'] = m[::-1]
expected['descending_axis.nxs'] = dict(default='/entry/scan/mu', plottables=[
    plottable('/entry/scan/mu', '/entry/scan/energy', en, m, 'eV', '')])

# 9. AXISNAME_indices without @axes; a second field without indices must not be taken as the axis
with h5py.File('indices_only.nxs', 'w') as f:
    root(f, 'entry')
    e = nxgroup(f, 'entry', 'NXentry')
    e.attrs['default'] = 'saxs'
    d = nxgroup(e, 'saxs', 'NXdata')
    d.attrs['signal'] = 'I'
    d.attrs['Q_indices'] = 0
    q = np.linspace(0.01, 0.5, 40)
    intensity = 100 * np.exp(-(q * 30) ** 2 / 3) + 1
    d['I'] = intensity
    d['I'].attrs['units'] = 'counts'
    d['Q'] = q
    d['Q'].attrs['units'] = '1/angstrom'
    d['temperature'] = np.full(40, 295.0)
expected['indices_only.nxs'] = dict(default='/entry/saxs/I', plottables=[
    plottable('/entry/saxs/I', '/entry/saxs/Q', q, intensity, '1/angstrom', 'counts')])

# 10. @axes = ['.']: no axis, x is the point index; the file also has a 512-byte user block before the superblock
with h5py.File('no_axis_userblock.nxs', 'w', userblock_size=512) as f:
    root(f, 'entry')
    e = nxgroup(f, 'entry', 'NXentry')
    e.attrs['default'] = 'data'
    d = nxgroup(e, 'data', 'NXdata')
    d.attrs['signal'] = 'counts'
    d.attrs['axes'] = ['.']
    counts = np.array([3, 8, 15, 9, 4, 2], dtype=np.int64)
    d['counts'] = counts
with open('no_axis_userblock.nxs', 'r+b') as f:
    f.write(b'user block written by generate.py')
expected['no_axis_userblock.nxs'] = dict(default='/entry/data/counts', plottables=[
    plottable('/entry/data/counts', '', np.arange(6.0), counts.astype(float), '', '')])

# ---- bad files -------------------------------------------------------------------------------------------------
bad = {}
with open('not_hdf5.nxs', 'w') as f:
    f.write('# r G\n1.0 0.5\n1.1 0.7\n')
bad['not_hdf5.nxs'] = dict(path=None, contains='not an HDF5 file')

# a good file cut short: one keeps only the superblock region, the other loses the tail of the data
with h5py.File('tmp_full.nxs', 'w') as f:
    root(f, 'entry')
    e = nxgroup(f, 'entry', 'NXentry')
    e.attrs['default'] = 'data'
    d = nxgroup(e, 'data', 'NXdata')
    d.attrs['signal'] = 'G'
    d.attrs['axes'] = ['r']
    r, g = pdf(200)
    d['r'] = r
    d['G'] = g
blob = open('tmp_full.nxs', 'rb').read()
os.remove('tmp_full.nxs')
open('truncated_header.nxs', 'wb').write(blob[:600])
open('truncated_data.nxs', 'wb').write(blob[:len(blob) - 800])
bad['truncated_header.nxs'] = dict(path=None, contains='truncated')
bad['truncated_data.nxs'] = dict(path=None, contains='truncated')


def simple(name, default=True):
    f = h5py.File(name, 'w')
    root(f, 'entry' if default else None)
    e = nxgroup(f, 'entry', 'NXentry')
    if default:
        e.attrs['default'] = 'data'
    return f, nxgroup(e, 'data', 'NXdata')


f, d = simple('missing_signal.nxs')
d.attrs['signal'] = 'G'
d.attrs['axes'] = ['r']
d['r'] = np.arange(10.0)
f.close()
bad['missing_signal.nxs'] = dict(path='/entry/data/G', contains='does not exist')

f, d = simple('axis_mismatch.nxs')
d.attrs['signal'] = 'G'
d.attrs['axes'] = ['r']
d['r'] = np.arange(50.0)
d['G'] = np.ones(60)
f.close()
bad['axis_mismatch.nxs'] = dict(path='/entry/data/r', contains='50 points')

f, d = simple('nan.nxs')
d.attrs['signal'] = 'G'
d.attrs['axes'] = ['r']
d['r'] = np.arange(30.0)
vals = np.ones(30)
vals[17] = np.nan
d['G'] = vals
f.close()
bad['nan.nxs'] = dict(path='/entry/data/G', contains='NaN')

f, d = simple('inf_axis.nxs')
d.attrs['signal'] = 'G'
d.attrs['axes'] = ['r']
ax = np.arange(30.0)
ax[29] = np.inf
d['r'] = ax
d['G'] = np.ones(30)
f.close()
bad['inf_axis.nxs'] = dict(path='/entry/data/r', contains='Infinity')

f, d = simple('dangling_link.nxs')
d.attrs['signal'] = 'mu'
d.attrs['axes'] = ['energy']
d['energy'] = h5py.SoftLink('/entry/instrument/monochromator/energy')
d['mu'] = np.ones(20)
f.close()
bad['dangling_link.nxs'] = dict(path='/entry/data/energy', contains='/entry/instrument/monochromator/energy')

f, d = simple('link_cycle.nxs')
d.attrs['signal'] = 'a'
d['a'] = h5py.SoftLink('/entry/data/b')
d['b'] = h5py.SoftLink('/entry/data/a')
f.close()
bad['link_cycle.nxs'] = dict(path='/entry/data/a', contains='link')

f, d = simple('two_d.nxs')
d.attrs['signal'] = 'counts'
d.attrs['axes'] = ['y', 'x']
d['counts'] = np.arange(120.0).reshape(10, 12)
d['y'] = np.arange(10.0)
d['x'] = np.arange(12.0)
f.close()
bad['two_d.nxs'] = dict(path='/entry/data/counts', contains='2-D')

f, d = simple('bad_default.nxs')
f['entry'].attrs['default'] = 'nothing'
d.attrs['signal'] = 'G'
d['G'] = np.ones(5)
f.close()
bad['bad_default.nxs'] = dict(path='/entry', contains="'nothing'")

f, d = simple('unsorted_axis.nxs')
d.attrs['signal'] = 'G'
d.attrs['axes'] = ['r']
d['r'] = np.array([1.0, 2.0, 3.0, 2.5, 4.0])
d['G'] = np.ones(5)
f.close()
bad['unsorted_axis.nxs'] = dict(path='/entry/data/r', contains='increasing')

with open('expected.json', 'w') as f:
    json.dump(dict(good=expected, bad=bad), f, indent=1)
for name in sorted(os.listdir('.')):
    if name.endswith('.nxs'):
        print('%-26s %6d bytes' % (name, os.path.getsize(name)))
