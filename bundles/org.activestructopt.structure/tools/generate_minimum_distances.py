#!/usr/bin/python3
"""Builds resources/reference-distances.csv, the reference pair distances behind MinimumDistances.defaults().

ActiveStructOpt takes, for each element pair, the smallest distance seen in the Materials Project (lj_rmins.csv)
and forbids anything closer than 0.85 x that. Materials Project is not reachable here, so the reference is built
from data shipped with Debian packages:

  reference(A, B) = min(R_A + R_B, closest A-B distance observed in the source structures)

with R the covalent radii of Element.java (Cordero et al. 2008; Pyykko & Atsumi 2009 beyond Cm), i.e. the sum of
covalent radii lowered wherever a real crystal shows the pair closer. Pairs never observed keep the plain sum;
MinimumDistances computes that itself, so the file lists only pairs where an observation lowered the sum.

Source structures (all ordered, all read from /usr/lib/python3/dist-packages):
  * ASE 3.22.1 ase.build.bulk(symbol) for every element with a crystalline reference state (experimental lattice
    constants from ase.data.reference_states: Kittel / Ashcroft & Mermin);
  * pymatgen 2022.11.7 analysis/aflow_prototypes.json: the AFLOW Library of Crystallographic Prototypes (Mehl et
    al., Comput. Mater. Sci. 136 (2017) S1), each entry citing the experimental paper; entries whose reference is
    "Hypothetical" are skipped;
  * pymatgen util/structures/*.json test structures of real compounds (Materials Project relaxations), except the
    artificial He_BCC, Si_SiO2_Interface, Pb2TiZrO6 and the disordered Li10GeP2S12.
A structure is discarded as a whole when any of its distances is below PLAUSIBLE x (R_A + R_B): a few AFLOW entries
as shipped have site labels or parameters that put atoms 1-1.5 A apart (e.g. NiSbS, sigma-phase, S, cI16-Si); the
generator lists what it discarded. The cost is that alpha-U/Np/Pu (real, with short actinide bonds) are lost too.

Also prints a leave-one-structure-out estimate: how many structures would violate the 0.85 x reference limits if
they had not been part of the table.

Run from the bundle directory:  /usr/bin/python3 tools/generate_minimum_distances.py
"""
import collections
import glob
import json
import os
import re
import warnings

warnings.simplefilter("ignore")
from ase.build import bulk
from pymatgen.core import Structure
from pymatgen.io.ase import AseAtomsAdaptor

DIST = "/usr/lib/python3/dist-packages/"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "reference-distances.csv")
ELEMENT_JAVA = os.path.join(HERE, "..", "src", "org", "activestructopt", "structure", "Element.java")
PLAUSIBLE = 0.7
FACTOR = 0.85  # MinimumDistances.DEFAULT_FACTOR
CUTOFF = 6.0
SKIP_PYMATGEN = {"He_BCC", "Si_SiO2_Interface", "Pb2TiZrO6", "Li10GeP2S12"}


def element_table():
    """Symbol -> (Z, covalent radius) as compiled into Element.java (one source of truth for the radii)."""
    table = {}
    for m in re.finditer(r"^\s+([A-Z][a-z]?)\((\d+), \"[^\"]+\", [^,]+, ([0-9.]+),", open(ELEMENT_JAVA).read(),
                         re.M):
        table[m.group(1)] = (int(m.group(2)), float(m.group(3)))
    assert len(table) == 103, len(table)
    return table


def sources():
    for z in range(1, 104):
        from ase.data import chemical_symbols
        sym = chemical_symbols[z]
        try:
            atoms = bulk(sym)
        except (ValueError, KeyError, NotImplementedError, RuntimeError):
            continue  # gas, molecule or unsupported reference state
        yield "ase.build.bulk:" + sym, AseAtomsAdaptor.get_structure(atoms)
    for entry in json.load(open(DIST + "pymatgen/analysis/aflow_prototypes.json")):
        if "ypothetical" in entry["snl"]["about"]["references"]:
            continue
        yield "aflow:" + entry["tags"]["aflow"], Structure.from_dict(entry["snl"])
    for f in sorted(glob.glob(DIST + "pymatgen/util/structures/*.json")):
        name = os.path.basename(f)[:-5]
        if name not in SKIP_PYMATGEN:
            yield "pymatgen:" + name, Structure.from_dict(json.load(open(f)))


def pair_minima(s, radii):
    """{(symA, symB) sorted by Z: closest distance} within CUTOFF, or None if implausible."""
    i, j, _, d = s.get_neighbor_list(CUTOFF)
    sym = [sp.symbol for sp in s.species]
    out = {}
    for a, b, dd in zip(i, j, d):
        key = tuple(sorted((sym[a], sym[b]), key=lambda x: radii[x][0]))
        if dd < PLAUSIBLE * (radii[key[0]][1] + radii[key[1]][1]):
            return None, (key, dd)
        if key not in out or dd < out[key]:
            out[key] = dd
    return out, None


def main():
    radii = element_table()
    per_structure = []
    for name, s in sources():
        if not s.is_ordered:
            print("skipped (disordered):", name)
            continue
        minima, bad = pair_minima(s, radii)
        if minima is None:
            print("skipped (implausible %s-%s %.3f A):" % (bad[0][0], bad[0][1], bad[1]), name)
            continue
        per_structure.append((name, s.composition.reduced_formula, minima))

    def table(exclude=None):
        best = {}
        for idx, (name, _, minima) in enumerate(per_structure):
            if idx == exclude:
                continue
            for key, d in minima.items():
                if key not in best or d < best[key][0]:
                    best[key] = (d, name)
        return best

    def reference(best, key):
        cov = radii[key[0]][1] + radii[key[1]][1]
        return min(cov, best[key][0]) if key in best else cov

    best = table()
    rows = []
    for key, (d, name) in sorted(best.items(), key=lambda kv: (radii[kv[0][0]][0], radii[kv[0][1]][0])):
        cov = radii[key[0]][1] + radii[key[1]][1]
        if d < cov:
            rows.append((key[0], key[1], d, cov, name))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("# Reference element-pair distances (Angstrom) for org.activestructopt.structure.MinimumDistances.\n")
        f.write("# Generated by tools/generate_minimum_distances.py (see its header for sources and rules) from\n")
        f.write("# %d crystal structures shipped with Debian's python3-ase 3.22.1 and python3-pymatgen 2022.11.7.\n"
                % len(per_structure))
        f.write("# Lists only pairs whose closest observed distance is below the sum of covalent radii; every other\n")
        f.write("# pair uses that sum. Columns: element A, element B, reference distance, covalent-radii sum, source.\n")
        f.write("a,b,reference,covalent_sum,source\n")
        for a, b, d, cov, name in rows:
            f.write("%s,%s,%.4f,%.4f,%s\n" % (a, b, d, cov, name))
    print("wrote %d pairs (of %d observed) from %d structures to %s"
          % (len(rows), len(best), len(per_structure), os.path.normpath(OUT)))

    # leave-one-structure-out: would this structure violate the limits built without it?
    failures = []
    for idx, (name, formula, minima) in enumerate(per_structure):
        loo = table(exclude=idx)
        bad = [(k, d, FACTOR * reference(loo, k)) for k, d in minima.items() if d < FACTOR * reference(loo, k)]
        if bad:
            k, d, lim = min(bad, key=lambda t: t[1] / t[2])
            failures.append("%s (%s): %s-%s %.3f < %.3f" % (name, formula, k[0], k[1], d, lim))
    print("leave-one-out: %d of %d structures would violate 0.85 x reference:" % (len(failures),
                                                                                 len(per_structure)))
    for line in failures:
        print("   ", line)


if __name__ == "__main__":
    main()
