#!/usr/bin/python3
"""Prints, as JSON, what a NeXus reader finds in the default plottable of a file: the attributes DAWN follows
(root @default, entry @default, NXdata @signal/@axes) and the signal and axis datasets with their units and
long_name. Used by ConvertSpectrumCommandTest (run with Debian's /usr/bin/python3, which has h5py).

usage: read_nexus.py FILE
"""
import json
import sys

import h5py


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def main():
    with h5py.File(sys.argv[1], "r") as f:
        entry_name = text(f.attrs["default"])
        entry = f[entry_name]
        data_name = text(entry.attrs["default"])
        data = entry[data_name]
        signal = text(data.attrs["signal"])
        axes = [text(a) for a in data.attrs["axes"]]
        out = dict(root_nx_class=text(f.attrs["NX_class"]), creator=text(f.attrs.get("creator", "")),
                   entry=entry_name, entry_nx_class=text(entry.attrs["NX_class"]), data=data_name,
                   data_nx_class=text(data.attrs["NX_class"]), signal=signal, axes=axes)
        for role, name in (("y", signal), ("x", axes[0])):
            d = data[name]
            out[role] = dict(name=name, units=text(d.attrs.get("units", "")),
                             long_name=text(d.attrs.get("long_name", "")), values=[float(v) for v in d[()]])
        print(json.dumps(out))


if __name__ == "__main__":
    main()
