#!/usr/bin/python3
"""Fixtures of the UI tests, with reference values from independent tools (pymatgen, h5py).

Run with Debian's interpreter (python3-pymatgen, python3-h5py):  cd data && /usr/bin/python3 generate.py

NeXus files: several.nxs, default_chain.nxs, not_hdf5.nxs and truncated_header.nxs are copies of the fixtures of the spectra bundle's
tests (bundles/org.activestructopt.spectra.tests/data/nexus/, written by h5py in generate.py there). This script
only reads them back with h5py and writes nexus_reference.tsv (every 1-D NXdata signal with its axis values) and
nexus_defaults.tsv (the signal the @default chain leads to).

CIF files: LiNiO2.cif and NaCl.cif are written by pymatgen's CifWriter (symmetrised, so the Java reader has to expand
the symmetry); *.reference.tsv hold what pymatgen sees in the expanded cell: the number of sites per element and every
(centre, neighbour) distance up to 6 Angstrom for the pair the view shows first. broken.cif is hand-made: a cell
length that is not a number.
"""
import h5py
import numpy as np
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifWriter

RMAX = 6.0


def nexus_reference():
    with open('nexus_reference.tsv', 'w') as out:
        out.write('# file\tsignal\tx\ty   (h5py reading of the NXdata groups; x is the @axes dataset)\n')
        for name in ['several.nxs', 'default_chain.nxs']:
            with h5py.File(name, 'r') as f:
                groups = []
                f.visititems(lambda n, o: groups.append(n) if isinstance(o, h5py.Group)
                             and o.attrs.get('NX_class') == 'NXdata' else None)
                for g in sorted(groups):
                    d = f[g]
                    signals = [d.attrs['signal']] + list(d.attrs.get('auxiliary_signals', []))
                    axis = d.attrs['axes'][0] if not isinstance(d.attrs['axes'], str) else d.attrs['axes']
                    for s in signals:
                        y = d[s][()]
                        if y.ndim != 1:
                            continue
                        x = d[axis][()]
                        for xi, yi in zip(x, y):
                            out.write(f'{name}\t/{g}/{s}\t{xi!r}\t{yi!r}\n')


def nexus_defaults():
    """The signal the NeXus @default chain leads to: root @default -> NXentry @default -> NXdata @signal."""
    with open('nexus_defaults.tsv', 'w') as out:
        out.write('# file\tdefault signal   (h5py, following @default attributes from the root)\n')
        for name in ['several.nxs', 'default_chain.nxs']:
            with h5py.File(name, 'r') as f:
                entry = f.attrs['default']
                data = f[entry].attrs['default']
                signal = f[entry][data].attrs['signal']
                out.write(f'{name}\t/{entry}/{data}/{signal}\n')


def structure_reference(name, s, centre, neighbour):
    CifWriter(s, symprec=0.01).write_file(name + '.cif')
    s = Structure.from_file(name + '.cif')  # what a reader of that file must find
    with open(name + '.reference.tsv', 'w') as out:
        out.write(f'# pymatgen {name}.cif: sites per element; {centre}-{neighbour} distances <= {RMAX} A\n')
        out.write(f'sites\t{len(s)}\n')
        for el, n in sorted(s.composition.element_composition.items(), key=lambda e: e[0].Z):
            out.write(f'element\t{el.symbol}\t{int(n)}\n')
        for i, site in enumerate(s):
            if site.specie.symbol != centre:
                continue
            for nb in s.get_neighbors(site, RMAX):
                if nb.specie.symbol == neighbour:
                    out.write(f'distance\t{centre}\t{neighbour}\t{nb.nn_distance!r}\n')


structure_reference('LiNiO2', Structure.from_spacegroup(
    'R-3m', Lattice.hexagonal(2.88, 14.19), ['Li', 'Ni', 'O'], [[0, 0, 0.5], [0, 0, 0], [0, 0, 0.258]]), 'Ni', 'O')
structure_reference('NaCl', Structure.from_spacegroup(
    'Fm-3m', Lattice.cubic(5.64), ['Na', 'Cl'], [[0, 0, 0], [0.5, 0.5, 0.5]]), 'Na', 'Cl')

with open('broken.cif', 'w') as f:
    f.write('''# hand-made: the cell length b is not a number
data_broken
_cell_length_a   2.88
_cell_length_b   two-point-eight-eight
_cell_length_c   14.19
_cell_angle_alpha   90
_cell_angle_beta    90
_cell_angle_gamma   120
_symmetry_space_group_name_H-M   'P 1'
loop_
 _atom_site_type_symbol
 _atom_site_label
 _atom_site_fract_x
 _atom_site_fract_y
 _atom_site_fract_z
  Ni  Ni1  0  0  0
''')
nexus_reference()
nexus_defaults()
print('ok')
