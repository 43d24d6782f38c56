#!/usr/bin/python3
"""Writes the reference fixtures of the FEFF simulator tests, from independent tools.

Run from this directory with Debian's Python (the only one that sees Debian's python3-* packages):
    /usr/bin/python3 generate_references.py
Needs python3-pymatgen, python3-xraylarch and feff85exafs (feff8l on PATH).

Outputs
  structures/{cu,linio2}.cif    the structures as CIF (pymatgen CifWriter), input of Larch's cif2feffinp
  structures/{cu,linio2}.sites  the same structures as lattice rows and P1 sites (element, fractional x y z), in
                                pymatgen's orientation, so the Java tests build exactly the structure the tools used
  pymatgen/{cu,linio2}-feff.inp pymatgen.io.feff.sets.MPEXAFSSet(...).write_input(): pymatgen's cluster
  larch/{cu,linio2}-feff.inp    larch.xrd.cif2feff.cif2feffinp(...): Larch's cluster
  feff/cu-feff.inp, feff/cu-chi.dat, feff/cu-feff0001.dat
                                a FEFF 8.5L input for fcc Cu (6 A cluster, RPATH 6, NLEG 4, DEBYE 300 315), and the
                                chi.dat and first path file (nearest-neighbour single scattering) feff8l computed
  larch/cu-chir.dat             |chi(R)| of that chi.dat by Larch's xftf (k 3-12, k-weight 2, Hanning dk 1), with the
                                position of its maximum in the header
Cluster radii: 8 A (the simulator's default) for Cu, 6 A for LiNiO2 (to keep the files small).
"""
import os
import shutil
import subprocess
import tempfile

import numpy as np
from pymatgen.core import Element, Lattice, Structure
from pymatgen.io.cif import CifWriter
from pymatgen.io.feff.sets import MPEXAFSSet

HERE = os.path.dirname(os.path.abspath(__file__))


def out(*parts):
    path = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def structures():
    cu = Structure.from_spacegroup("Fm-3m", Lattice.cubic(3.615), ["Cu"], [[0, 0, 0]])
    # Ni on 3a, Li on 3b, O on 6c with z = 0.258: Ni-O 1.977 A, Li-O 2.108 A (the labels are easily swapped)
    lno = Structure.from_spacegroup("R-3m", Lattice.hexagonal(2.88, 14.19), ["Ni", "Li", "O"],
                                    [[0, 0, 0], [0, 0, 0.5], [0, 0, 0.258]])
    return {"cu": (cu, "Cu", 8.0), "linio2": (lno, "Ni", 6.0)}


def write_sites(name, s):
    with open(out("structures", name + ".sites"), "w") as f:
        f.write(f"# {s.composition.reduced_formula}: lattice rows (angstrom), then element and fractional x y z\n")
        f.write("# written by generate_references.py from a pymatgen Structure\n")
        for row in s.lattice.matrix:
            f.write("lattice %.10f %.10f %.10f\n" % tuple(row))
        for site in s:
            f.write("%s %.10f %.10f %.10f\n" % ((site.specie.symbol,) + tuple(site.frac_coords)))


def pymatgen_input(name, s, absorber, radius):
    index = next(i for i, site in enumerate(s) if site.specie.symbol == absorber)
    with tempfile.TemporaryDirectory() as d:
        MPEXAFSSet(index, s, edge="K", radius=radius).write_input(d)
        shutil.copy(os.path.join(d, "feff.inp"), out("pymatgen", name + "-feff.inp"))


def larch_input(name, absorber, radius):
    from larch.xrd.cif2feff import cif2feffinp
    with open(out("structures", name + ".cif")) as f:
        text = cif2feffinp(f.read(), absorber, edge="K", cluster_size=radius)
    with open(out("larch", name + "-feff.inp"), "w") as f:
        f.write(text)


def feff_cu(cu):
    """The FEFF input of the reference notes (cards as in /work/shared/notes/reference-peers.md), 6 A cluster."""
    c = cu[0].coords
    cl = sorted(((np.linalg.norm(s.coords - c), s.specie.symbol, s.coords - c)
                 for s in cu.get_sites_in_sphere(c, 6.0 + 1e-6)), key=lambda t: (round(t[0], 4), t[1]))
    lines = ["TITLE fcc Cu a=3.615 K edge", "EDGE K", "S02 1.0", "CONTROL 1 1 1 1 1 1", "PRINT 1 0 0 0 0 3",
             "EXCHANGE 0 0.0 0.0", "EXAFS 20", "RPATH 6.0", "NLEG 4", "CRITERIA 4.0 2.5", "DEBYE 300 315", "",
             "POTENTIALS", "*  ipot  Z  tag", "   0  29 Cu", "   1  29 Cu", "", "ATOMS"]
    lines += ["%10.5f %10.5f %10.5f  %d  Cu  %8.5f" % (d[0], d[1], d[2], 0 if k == 0 else 1, r)
              for k, (r, e, d) in enumerate(cl)]
    inp = "\n".join(lines + ["END"]) + "\n"
    with open(out("feff", "cu-feff.inp"), "w") as f:
        f.write(inp)
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "feff.inp"), "w") as f:
            f.write(inp)
        subprocess.run(["feff8l", "-q", "."], cwd=d, check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(d, "chi.dat"), out("feff", "cu-chi.dat"))
        shutil.copy(os.path.join(d, "feff0001.dat"), out("feff", "cu-feff0001.dat"))


def larch_chir():
    from larch import Group
    from larch.xafs import xftf
    d = np.loadtxt(out("feff", "cu-chi.dat"))
    g = Group(k=d[:, 0], chi=d[:, 1])
    xftf(g, kmin=3, kmax=12, dk=1, kweight=2, window="hanning", rmax_out=10)
    keep = g.r <= 6.0
    peak = g.r[np.argmax(g.chir_mag)]
    with open(out("larch", "cu-chir.dat"), "w") as f:
        f.write("# Larch %s xftf of feff/cu-chi.dat: kmin=3 kmax=12 dk=1 kweight=2 window=hanning rmax_out=10\n"
                % __import__("larch").__version__)
        f.write("# peak_r %.6f\n# peak_mag %.6f\n# r chir_mag chir_re chir_im\n" % (peak, g.chir_mag.max()))
        for r, m, re, im in zip(g.r[keep], g.chir_mag[keep], g.chir_re[keep], g.chir_im[keep]):
            f.write("%.6f %.8e %.8e %.8e\n" % (r, m, re, im))


def main():
    for name, (s, absorber, radius) in structures().items():
        CifWriter(s).write_file(out("structures", name + ".cif"))
        write_sites(name, s)
        pymatgen_input(name, s, absorber, radius)
        larch_input(name, absorber, radius)
    feff_cu(structures()["cu"][0])
    larch_chir()


if __name__ == "__main__":
    main()
