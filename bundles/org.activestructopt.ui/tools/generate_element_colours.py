#!/usr/bin/python3
"""Writes the element colours of the structure view from pymatgen's copy of the VESTA colour scheme.

Run with Debian's interpreter (python3-pymatgen):  /usr/bin/python3 tools/generate_element_colours.py
Output: src/org/activestructopt/ui/internal/structure/element_colours.tsv (symbol, red, green, blue; 0-255).
"""
import os

import pymatgen.vis
import yaml

here = os.path.dirname(os.path.abspath(__file__))
scheme = os.path.join(os.path.dirname(pymatgen.vis.__file__), 'ElementColorSchemes.yaml')
with open(scheme) as f:
    vesta = yaml.safe_load(f)['VESTA']
out = os.path.join(here, '..', 'src', 'org', 'activestructopt', 'ui', 'internal', 'structure', 'element_colours.tsv')
with open(out, 'w') as f:
    f.write('# VESTA element colours as shipped by pymatgen (pymatgen/vis/ElementColorSchemes.yaml);'
            ' written by tools/generate_element_colours.py\n')
    for symbol, (r, g, b) in sorted(vesta.items()):
        f.write(f'{symbol}\t{r}\t{g}\t{b}\n')
print(out, len(vesta))
