#!/usr/bin/python3
"""Hostile NeXus/HDF5 inputs for the hostile-input suite (HostileNexusTest), written by h5py.

Run with Debian's interpreter:  cd data/hostile/nexus && /usr/bin/python3 generate.py

cases.json lists every file with what the reader must do: "error" (a SpectrumFormatException with a one-line message
naming the file and, where given, the HDF5 path) or "ok" (the default spectrum is read, with the number of points
h5py wrote). Nothing here was copied from our reader's output.
"""
import json
import os

import h5py
import numpy as np

cases = {}


def nx(parent, name, cls):
    g = parent.create_group(name)
    g.attrs['NX_class'] = cls
    return g


def simple(name):
    f = h5py.File(name, 'w')
    f.attrs['NX_class'] = 'NXroot'
    f.attrs['default'] = 'entry'
    e = nx(f, 'entry', 'NXentry')
    e.attrs['default'] = 'data'
    d = nx(e, 'data', 'NXdata')
    return f, e, d


def pdf(d, n=50, signal='G', axis='r'):
    d.attrs['signal'] = signal
    d.attrs['axes'] = [axis]
    d[axis] = np.linspace(1.0, 10.0, n)
    d[axis].attrs['units'] = 'angstrom'
    d[signal] = np.sin(np.linspace(1.0, 10.0, n))


def error(name, path=None, contains=None):
    cases[name] = dict(expect='error', path=path, contains=contains)


def ok(name, points):
    cases[name] = dict(expect='ok', points=points)


# a valid file, also the seed of the fuzzer
f, e, d = simple('valid.nxs')
pdf(d)
f.close()
ok('valid.nxs', 50)

# empty datasets (issue #18: NullPointerException in readVector)
f, e, d = simple('empty_signal.nxs')
d.attrs['signal'] = 'G'
d.attrs['axes'] = ['r']
d['r'] = np.linspace(1.0, 10.0, 50)
d.create_dataset('G', shape=(0,), dtype='f8')
f.close()
error('empty_signal.nxs', '/entry/data/G', 'empty')

f, e, d = simple('empty_axis.nxs')
d.attrs['signal'] = 'G'
d.attrs['axes'] = ['r']
d.create_dataset('r', shape=(0,), dtype='f8')
d['G'] = np.ones(50)
f.close()
error('empty_axis.nxs', '/entry/data/r', 'empty')

f, e, d = simple('empty_chunked_resizable.nxs')
d.attrs['signal'] = 'G'
d.create_dataset('G', shape=(0,), maxshape=(None,), chunks=(16,), dtype='f4')
f.close()
error('empty_chunked_resizable.nxs', '/entry/data/G', 'empty')

f, e, d = simple('empty_errors.nxs')
pdf(d)
d.create_dataset('G_errors', shape=(0,), dtype='f8')
f.close()
error('empty_errors.nxs', '/entry/data/G_errors', 'empty')

f, e, d = simple('unwritten_signal.nxs')  # never written: h5py reads the fill value, jHDF has no data; refused rather than taken as zeros
d.attrs['signal'] = 'G'
d.attrs['axes'] = ['r']
d['r'] = np.linspace(1.0, 10.0, 20)
d.create_dataset('G', shape=(20,), dtype='f8', fillvalue=0.0)
f.close()
error('unwritten_signal.nxs', '/entry/data/G', 'never written')

# hard-link cycles (issue #18: 24 s and a 6.8 KB error line, and refine accepted the file)
f, e, d = simple('hardlink_cycle.nxs')
pdf(d)
d['loop'] = e  # /entry/data/loop is /entry
f.close()
error('hardlink_cycle.nxs', '/entry/data/loop', 'cycle')

f, e, d = simple('hardlink_self.nxs')
pdf(d)
d['me'] = d
f.close()
error('hardlink_self.nxs', '/entry/data/me', 'cycle')

f, e, d = simple('hardlink_root.nxs')
pdf(d)
e['up'] = f['/']
f.close()
error('hardlink_root.nxs', '/entry/up', 'cycle')

f, e, d = simple('hardlink_shared.nxs')  # the same group twice, no cycle: fine
pdf(d)
f['alias'] = d
f.close()
ok('hardlink_shared.nxs', 50)

# soft and external links
f, e, d = simple('softlink_self.nxs')
d.attrs['signal'] = 'G'
d['G'] = h5py.SoftLink('/entry/data/G')
f.close()
error('softlink_self.nxs', '/entry/data/G', 'loop')

f, e, d = simple('softlink_to_group.nxs')
d.attrs['signal'] = 'G'
d['G'] = h5py.SoftLink('/entry')
f.close()
error('softlink_to_group.nxs', '/entry/data/G', 'group')

f, e, d = simple('external_missing.nxs')
d.attrs['signal'] = 'G'
d['G'] = h5py.ExternalLink('no_such_file.h5', '/G')
f.close()
error('external_missing.nxs', '/entry/data/G', None)

# attributes that point nowhere or loop
f, e, d = simple('default_loop.nxs')
pdf(d)
e.attrs['default'] = '/entry'
f.close()
error('default_loop.nxs', None, 'default')

f, e, d = simple('default_to_dataset.nxs')
pdf(d)
e.attrs['default'] = 'data/G'
f.close()
error('default_to_dataset.nxs', '/entry', 'dataset')

f, e, d = simple('signal_blank.nxs')
pdf(d)
d.attrs['signal'] = ''
f.close()
error('signal_blank.nxs', '/entry/data', None)

f, e, d = simple('signal_is_group.nxs')
pdf(d)
d.attrs['signal'] = 'sub'
nx(d, 'sub', 'NXcollection')
f.close()
error('signal_is_group.nxs', '/entry/data/sub', 'group')

f, e, d = simple('axes_missing.nxs')
pdf(d)
d.attrs['axes'] = ['q']
f.close()
error('axes_missing.nxs', '/entry/data/q', 'does not exist')

f, e, d = simple('signal_attr_number.nxs')
pdf(d)
d.attrs['signal'] = 7
f.close()
cases['signal_attr_number.nxs'] = dict(expect='either')

# data that is not a spectrum
for name, data, word in [('signal_strings.nxs', np.array([b'a', b'b', b'c']), None),
                         ('signal_bool.nxs', np.array([True, False, True]), None),
                         ('signal_complex.nxs', np.ones(10, dtype=complex), None),
                         ('signal_compound.nxs', np.zeros(5, dtype=[('a', 'f8'), ('b', 'i4')]), None),
                         ('signal_2d.nxs', np.ones((5, 4)), '2-D'),
                         ('signal_3d.nxs', np.ones((2, 3, 4)), '3-D'),
                         ('signal_scalar.nxs', np.float64(3.0), 'scalar'),
                         ('signal_one_point.nxs', np.ones(1), '1 point'),
                         ('signal_all_nan.nxs', np.full(10, np.nan), 'NaN'),
                         ('signal_neg_inf.nxs', np.array([1.0, -np.inf, 2.0]), 'Infinity')]:
    f, e, d = simple(name)
    d.attrs['signal'] = 'G'
    d['G'] = data
    f.close()
    error(name, '/entry/data/G', word)

for name, axis, word in [('axis_constant.nxs', np.ones(10), 'increasing'),
                         ('axis_zigzag.nxs', np.array([1.0, 2, 3, 2, 5, 6, 7, 8, 9, 10]), 'increasing'),
                         ('axis_nan.nxs', np.array([1.0, 2, np.nan, 4, 5, 6, 7, 8, 9, 10]), 'NaN'),
                         ('axis_short.nxs', np.arange(9.0), '9 points'),
                         ('axis_2d.nxs', np.ones((10, 2)), '2-D'),
                         ('axis_strings.nxs', np.array([b'x'] * 10), None)]:
    f, e, d = simple(name)
    d.attrs['signal'] = 'G'
    d.attrs['axes'] = ['r']
    d['r'] = axis
    d['G'] = np.ones(10)
    f.close()
    error(name, '/entry/data/r', word)

for name, errs, word in [('errors_zero.nxs', np.zeros(50), 'positive'),
                         ('errors_negative.nxs', -np.ones(50), 'positive'),
                         ('errors_short.nxs', np.ones(3), '3 uncertainties')]:
    f, e, d = simple(name)
    pdf(d)
    d['G_errors'] = errs
    f.close()
    error(name, '/entry/data/G_errors', word)

# integer widths and huge values are numbers like any other
f, e, d = simple('signal_int64_huge.nxs')
d.attrs['signal'] = 'G'
d['G'] = np.array([2 ** 62, -2 ** 62, 5], dtype='i8')
f.close()
ok('signal_int64_huge.nxs', 3)

f, e, d = simple('signal_float16.nxs')
d.attrs['signal'] = 'G'
d['G'] = np.ones(8, dtype='f2')
f.close()
cases['signal_float16.nxs'] = dict(expect='either')

f, e, d = simple('no_plottable.nxs')
e['x'] = np.ones(4)
f.close()
error('no_plottable.nxs', None, 'no ')

# broken bytes: truncations and overwritten header bytes of the valid file
blob = open('valid.nxs', 'rb').read()
for cut in [0, 4, 8, 40, 95, 512, 1024, len(blob) // 2, len(blob) - 1]:
    name = 'truncated_%d.nxs' % cut
    open(name, 'wb').write(blob[:cut])
    error(name, None, None)
for at in [8, 9, 12, 13, 16, 24, 32, 40, 48, 56]:
    name = 'superblock_byte_%d.nxs' % at
    b = bytearray(blob)
    b[at] ^= 0xff
    open(name, 'wb').write(bytes(b))
    cases[name] = dict(expect='either')
open('text_named_nxs.nxs', 'w').write('r G\n1 2\n2 3\n')
error('text_named_nxs.nxs', None, 'HDF5')
open('hdf4_magic.nxs', 'wb').write(b'\x0e\x03\x13\x01' + b'\0' * 200)
error('hdf4_magic.nxs', None, 'HDF5')
os.makedirs('a_directory.nxs', exist_ok=True)
open('a_directory.nxs/.keep', 'w').write('')
error('a_directory.nxs', None, 'regular file')

with open('cases.json', 'w') as out:
    json.dump(cases, out, indent=1, sort_keys=True)
print(len(cases), 'cases')
