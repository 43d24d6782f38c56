#!/usr/bin/python3
"""CIF fixtures for org.activestructopt.structure.io.CifReaderTest, written by independent tools.

Run from this folder with Debian's interpreter (pymatgen and ASE load only there):  /usr/bin/python3 generate.py

For each structure below it writes
  <name>_pmg_p1.cif    pymatgen CifWriter(s)                    all atoms, symmetry x,y,z
  <name>_pmg_sym.cif   pymatgen CifWriter(s, symprec=0.01)      asymmetric unit + symmetry operations (spglib)
  <name>_ase.cif       ase.io.write(..., format="cif")          all atoms, P 1, 5 decimals
and hand-written CIF variants (templates below) that exercise the symmetry fall-backs and CIF syntax, and a
multi-block file. bad/*.cif are hand-made broken files (no expectation: the test checks the error message);
wild/ holds published CIFs copied from Debian packages (wild/SOURCES.md).
Next to every CIF, <file>.json holds what pymatgen's CifParser(...).get_structures(primitive=False) reads from
that file (where pymatgen 2022.11 gets it wrong, an alternative named in the JSON's "reader"): lattice rows in Angstrom,
species, fractional coordinates, one entry per data block with atoms, default block first.
The Java test compares its own reading with these, up to atom order and lattice translations.
"""
import json
import os
import re
import warnings

import ase.io
from pymatgen.core import Lattice, Structure
from pymatgen.io.ase import AseAtomsAdaptor
from pymatgen.io.cif import CifParser, CifWriter

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))

STRUCTURES = {
    # LiNiO2, R-3m (hexagonal axes): Ni 3a, Li 3b, O 6c
    "LiNiO2": Structure.from_spacegroup("R-3m", Lattice.hexagonal(2.88, 14.19), ["Ni", "Li", "O"],
                                        [[0, 0, 0], [0, 0, 0.5], [0, 0, 0.258]]),
    "Cu": Structure.from_spacegroup("Fm-3m", Lattice.cubic(3.615), ["Cu"], [[0, 0, 0]]),
    "NaCl": Structure.from_spacegroup("Fm-3m", Lattice.cubic(5.64), ["Na", "Cl"], [[0, 0, 0], [0.5, 0.5, 0.5]]),
    # cubic perovskite, Sr 1b, Ti 1a, O 3d
    "SrTiO3": Structure.from_spacegroup("Pm-3m", Lattice.cubic(3.905), ["Sr", "Ti", "O"],
                                        [[0.5, 0.5, 0.5], [0, 0, 0], [0.5, 0, 0]]),
    # baddeleyite, monoclinic ZrO2, P2_1/c, all atoms on 4e (room-temperature structure, rounded literature values)
    "ZrO2": Structure.from_spacegroup("P2_1/c", Lattice.from_parameters(5.1505, 5.2116, 5.3173, 90, 99.23, 90),
                                      ["Zr", "O", "O"],
                                      [[0.2754, 0.0395, 0.2083], [0.0700, 0.3317, 0.3447], [0.4496, 0.7569, 0.4792]]),
    # synthetic triclinic P-1 silicate-like cell: a generic triclinic metric with two inversion-related orbits
    # per site (not a real compound; it exercises the triclinic cell conversion)
    "triclinic": Structure.from_spacegroup("P-1", Lattice.from_parameters(5.21, 6.37, 7.93, 81.3, 74.6, 66.2),
                                           ["Si", "O", "O", "Mg"],
                                           [[0.13, 0.27, 0.31], [0.31, 0.12, 0.18], [0.05, 0.41, 0.12],
                                            [0.62, 0.71, 0.43]]),
}


def structure_json(s, block, reader):
    return {"block": block, "reader": reader,
            "lattice": [[round(float(x), 10) for x in row] for row in s.lattice.matrix],
            "species": [site.specie.symbol for site in s],
            "frac": [[round(float(x), 10) for x in site.frac_coords] for site in s]}


def expected_from_pymatgen(path):
    parser = CifParser(path)
    out = []
    for block in parser._cif.data:  # file order; pymatgen has no public accessor for block names in 2022.11
        data = parser._cif.data[block]
        if "_atom_site_fract_x" not in data.data:
            continue
        single = CifParser.from_string(str(data))
        out.append(structure_json(single.get_structures(primitive=False)[0], block, "pymatgen"))
    return out


def expected_from_pymatgen_lowercased_tags(path):
    """pymatgen 2022.11 matches tags case-sensitively, although CIF 1.1 tags are case-insensitive: read a copy."""
    text = re.sub(r"(?<!\S)_[^\s]+", lambda m: m.group(0).lower(), open(path).read())
    tmp = path + ".lowercased.tmp"
    with open(tmp, "w") as f:
        f.write(text)
    try:
        return [dict(e, reader="pymatgen (tags lower-cased)") for e in expected_from_pymatgen(tmp)]
    finally:
        os.remove(tmp)


def expected_rhombohedral_from_ase(path):
    """pymatgen 2022.11 and ASE 3.22 both apply the hexagonal-axes operations to this file (48 atoms instead of 4);
    the expectation is what ASE builds from the same sites with the rhombohedral setting asked for explicitly."""
    from ase.spacegroup import crystal
    atoms = crystal(["Ni", "Li", "O"], basis=[(0, 0, 0), (0.5, 0.5, 0.5), (0.258, 0.258, 0.258)], spacegroup=166,
                    setting=2, cellpar=[5.006342] * 3 + [33.36766] * 3)
    return [structure_json(AseAtomsAdaptor.get_structure(atoms), "LiNiO2_rhombohedral_axes",
                           "ase.spacegroup.crystal(setting=2)")]


def write_expected(cif_path, expected):
    with open(cif_path[:-4] + ".json", "w") as f:
        json.dump({"file": os.path.basename(cif_path), "structures": expected}, f, indent=1)
        f.write("\n")


def main():
    for name, s in STRUCTURES.items():
        files = {f"{name}_pmg_p1.cif": str(CifWriter(s)), f"{name}_pmg_sym.cif": str(CifWriter(s, symprec=0.01))}
        for fname, text in files.items():
            with open(os.path.join(HERE, fname), "w") as f:
                f.write(text)
        ase.io.write(os.path.join(HERE, f"{name}_ase.cif"), AseAtomsAdaptor.get_atoms(s), format="cif")
        for fname in list(files) + [f"{name}_ase.cif"]:
            path = os.path.join(HERE, fname)
            write_expected(path, expected_from_pymatgen(path))

    for fname, text in HANDMADE.items():
        path = os.path.join(HERE, fname)
        with open(path, "w") as f:
            f.write(text)
        write_expected(path, READERS.get(fname, expected_from_pymatgen)(path))

    # multiple data blocks: a publication block without atoms, then two structures
    parts = ["data_global\n_publ_section_title\n;\nTwo structures in one file\n;\n_journal_year 2024\n\n",
             str(CifWriter(STRUCTURES["NaCl"], symprec=0.01)).replace("data_NaCl", "data_rocksalt"),
             str(CifWriter(STRUCTURES["LiNiO2"], symprec=0.01))]
    path = os.path.join(HERE, "multi_block.cif")
    with open(path, "w") as f:
        f.write("\n".join(parts))
    write_expected(path, expected_from_pymatgen(path))

    # a published structure (SHELXL CIF, 368 atoms, P2_1 2_1 2_1, H atoms, uncertainties); see wild/SOURCES.md
    path = os.path.join(HERE, "wild", "cu3182sup1.cif")
    write_expected(path, expected_from_pymatgen(path))


# LiNiO2 with only a Hermann-Mauguin symbol, type symbols carrying charges and cell values with uncertainties.
SYMBOL_ONLY = """# LiNiO2 with only the space-group symbol (no operations), oxidation states in the type symbols
data_LiNiO2_symbol_only
_cell_length_a                    2.8800(2)
_cell_length_b                    2.8800(2)
_cell_length_c                    14.190(1)
_cell_angle_alpha                 90
_cell_angle_beta                  90
_cell_angle_gamma                 120.0
_symmetry_space_group_name_H-M    'R -3 m'
loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
_atom_site_occupancy
Ni1 Ni3+ 0 0 0 1.0
Li1 Li+ 0 0 0.5 1.0
O1 O2- 0 0 0.2580(4) 1.0
"""

# SrTiO3 given by the space-group number only, and no type symbols: the element comes from the label.
NUMBER_ONLY = """data_SrTiO3_number_only
_space_group_IT_number 221
_cell_length_a 3.905
_cell_length_b 3.905
_cell_length_c 3.905
_cell_angle_alpha 90
_cell_angle_beta 90
_cell_angle_gamma 90
loop_
_atom_site_label
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
Sr1 0.5 0.5 0.5
Ti1 0 0 0
O1 0.5 0 0
"""

# LiNiO2 on rhombohedral axes with only the symbol: a = 5.0063, alpha = 33.37 deg is the primitive cell of the
# hexagonal one above. pymatgen 2022.11 and ASE 3.22 apply the hexagonal-axes operations here; see
# expected_rhombohedral_from_ase.
RHOMBOHEDRAL = """data_LiNiO2_rhombohedral_axes
_cell_length_a 5.006342
_cell_length_b 5.006342
_cell_length_c 5.006342
_cell_angle_alpha 33.36766
_cell_angle_beta 33.36766
_cell_angle_gamma 33.36766
_symmetry_space_group_name_H-M 'R -3 m'
loop_
_atom_site_label
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
Ni1 Ni 0 0 0
Li1 Li 0.5 0.5 0.5
O1 O 0.258 0.258 0.258
"""

# Syntax corner cases of CIF 1.1: comments, mixed-case tags, quoted strings containing quotes and '#',
# semicolon text fields, '?' and '.', loop rows spread over lines, several rows per line.
SYNTAX = """#\\#CIF_1.1
# comment before the block
data_syntax_test   # comment after the block name
_audit_creation_method    'hand-written; it''s fine'
_publ_section_title
;
A text field: _cell_length_a 99 here is text, not a tag.
loop_ inside text is not a loop either
;
_chemical_name_common     "rock salt, 'halite'"
_Cell_Length_A            5.6400(5)
_cell_length_b            5.64(1)   # uncertainties ignored
_CELL_LENGTH_C            5.64
_cell_angle_alpha         90.
_cell_angle_beta          90.0
_cell_angle_gamma         9.0e1
_cell_volume              ?
_exptl_crystal_density_diffrn  .
loop_
_space_group_symop_id
_space_group_symop_operation_xyz
{SYMOPS}
loop_
_atom_site_label _atom_site_type_symbol
_atom_site_fract_x _atom_site_fract_y _atom_site_fract_z
_atom_site_U_iso_or_equiv
'Na1' Na 0.0 0.0 0.0 .
# a comment between loop rows
"Cl1"
Cl 0.5 0.5
0.5 0.012(3)
"""



def fm3m_symops_four_per_line():
    from pymatgen.symmetry.groups import SpaceGroup
    ops = [op.as_xyz_string() for op in SpaceGroup("Fm-3m").symmetry_ops]
    rows = [f"{k + 1} '{op}'" for k, op in enumerate(ops)]
    return "\n".join("   ".join(rows[k:k + 4]) for k in range(0, len(rows), 4))


SYNTAX = SYNTAX.replace("{SYMOPS}", fm3m_symops_four_per_line())

HANDMADE = {"syntax.cif": SYNTAX, "LiNiO2_symbol_only.cif": SYMBOL_ONLY, "SrTiO3_number_only.cif": NUMBER_ONLY,
            "LiNiO2_rhombohedral.cif": RHOMBOHEDRAL}
READERS = {"LiNiO2_rhombohedral.cif": expected_rhombohedral_from_ase, "syntax.cif": expected_from_pymatgen_lowercased_tags}

if __name__ == "__main__":
    main()
