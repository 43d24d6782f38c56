#!/usr/bin/python3
"""Dumps an HDF5/NeXus file as JSON with h5py, for tests that check files our Java writer produced.

Usage: /usr/bin/python3 dump_nexus.py FILE  -> JSON on stdout:
  {"/entry": {"kind": "group", "attrs": {...}},
   "/entry/best/G": {"kind": "dataset", "dtype": "float64", "shape": [n], "value": [...], "attrs": {...}}, ...}
Strings are decoded from UTF-8; "str_type" says whether h5py saw fixed-length bytes or variable-length str.
"""
import json
import sys

import h5py
import numpy as np


def plain(v):
    if isinstance(v, bytes):
        return v.decode('utf-8')
    if isinstance(v, np.ndarray):
        return [plain(x) for x in v.tolist()] if v.dtype.kind in 'SOU' else v.tolist()
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def attrs(obj):
    return {k: plain(obj.attrs[k]) for k in obj.attrs}


out = {}
with h5py.File(sys.argv[1], 'r') as f:
    out['/'] = dict(kind='group', attrs=attrs(f))

    def visit(name, obj):
        path = '/' + name
        if isinstance(obj, h5py.Group):
            out[path] = dict(kind='group', attrs=attrs(obj))
        else:
            value = obj[()]
            out[path] = dict(kind='dataset', dtype=str(obj.dtype), shape=list(obj.shape), attrs=attrs(obj),
                             value=plain(value), str_type=type(value).__name__)
    f.visititems(visit)
json.dump(out, sys.stdout)
