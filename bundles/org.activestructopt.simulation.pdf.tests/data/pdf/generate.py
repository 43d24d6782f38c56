#!/usr/bin/python3
"""Independent numpy reference for the X-ray PDF simulator (org.activestructopt.simulation.pdf).

Run with Debian's interpreter from this directory:  /usr/bin/python3 generate.py
It writes triclinic.structure and one triclinic_<case>.dat per case below. Nothing here calls or ports the Java code:
pairs come from a brute-force loop over periodic images, every Gaussian is evaluated on the whole grid (no cutoff),
and Qmax termination is done in Q space (sine transform of G to F(Q), truncation, transform back) by quadrature,
whereas the Java code convolves in real space.

Formula (DiffPy PDFCalculator conventions, X-ray weights f = Z):
  R(r) = 1/N sum_{i in cell} sum_{j, images; (j,image) != (i,0)} f_i f_j / <f>^2 * Gauss(r; d_ij, s_ij)
  s_ij^2 = (U_i + U_j) * (1 - delta2 / d_ij^2)
  G(r) = scale * (R(r)/r - 4 pi rho0 r) * exp(-(qdamp r)^2 / 2),   rho0 = N / V
Qmax termination (qmax > 0) is the band limit of the windowed G on [0, r_hi]:
  r_hi = rmax + E, E = 10 * 2 pi / qmax; window 1 up to rmax + E/2, then the smooth step f(1-t) / (f(1-t) + f(t)),
  f(u) = exp(-1/u), t = (r - rmax - E/2) / (E/2), down to 0 at r_hi
  F(Q) = int_0^r_hi w(r) G(r) sin(Q r) dr,  G_t(r) = 2/pi int_0^qmax F(Q) sin(Q r) dQ
"""
import numpy as np

RIPPLES = 10  # termination range extension, in units of 2 pi / qmax (documented with the Java implementation)

LATTICE = np.array([[4.02, 0.00, 0.00],
                    [0.35, 4.21, 0.00],
                    [-0.28, 0.41, 4.63]])
SITES = [("Ni", 0.02, 0.01, 0.03), ("Li", 0.52, 0.47, 0.49), ("O", 0.50, 0.52, 0.04), ("O", 0.03, 0.49, 0.55)]
Z = {"Li": 3, "O": 8, "Ni": 28}

CASES = {
    # name: settings (as given to the simulator) ; uiso_by_element is applied on top of uiso
    "defaults": dict(scale=1.0, uiso=0.005, uiso_by_element={}, qdamp=0.0, qmax=0.0, delta2=0.0),
    "full": dict(scale=0.9, uiso=0.005, uiso_by_element={"Ni": 0.004, "Li": 0.012, "O": 0.008},
                 qdamp=0.035, qmax=0.0, delta2=1.2),
    "qmax": dict(scale=0.9, uiso=0.005, uiso_by_element={"Ni": 0.004, "Li": 0.012, "O": 0.008},
                 qdamp=0.035, qmax=18.0, delta2=1.2),
    "qmax_sharp": dict(scale=1.0, uiso=0.003, uiso_by_element={}, qdamp=0.0, qmax=25.0, delta2=0.0),
}
RMIN, RMAX, RSTEP = 1.0, 10.0, 0.01


def pair_list(cutoff):
    """All ordered pairs (i, j, image) with 0 < d <= cutoff, by brute force over a box of images."""
    frac = np.array([s[1:] for s in SITES])
    widths = 1.0 / np.linalg.norm(np.linalg.inv(LATTICE), axis=0)  # distances between opposite cell faces
    n = np.ceil(cutoff / widths).astype(int) + 1
    images = np.stack(np.meshgrid(*[np.arange(-k, k + 1) for k in n], indexing="ij"), -1).reshape(-1, 3)
    out = []
    for i in range(len(SITES)):
        for j in range(len(SITES)):
            d = np.linalg.norm((frac[j] + images - frac[i]) @ LATTICE, axis=1)
            keep = (d > 1e-9) & (d <= cutoff)
            out += [(i, j, x) for x in d[keep]]
    return out


def pdf(r, s):
    """Untruncated G(r) on the points r (r >= 0)."""
    N = len(SITES)
    f = np.array([Z[e] for e, *_ in SITES], dtype=float)
    u = np.array([s["uiso_by_element"].get(e, s["uiso"]) for e, *_ in SITES])
    favg = f.mean()
    rho0 = N / abs(np.linalg.det(LATTICE))
    R = np.zeros_like(r)
    smax = np.sqrt(2 * u.max())
    for i, j, d in pair_list(r.max() + 12 * smax):
        var = (u[i] + u[j]) * (1 - s["delta2"] / d ** 2)
        R += f[i] * f[j] / favg ** 2 / N * np.exp(-(r - d) ** 2 / (2 * var)) / np.sqrt(2 * np.pi * var)
    safe = np.where(r > 0, r, 1.0)
    g = np.where(r > 0, R / safe, 0.0) - 4 * np.pi * rho0 * r
    return s["scale"] * g * np.exp(-(s["qdamp"] * r) ** 2 / 2)


def simpson_weights(n, h):
    """Composite Simpson weights for n (odd) equally spaced points."""
    w = np.ones(n)
    w[1:-1:2] = 4
    w[2:-1:2] = 2
    return w * h / 3


def window(t):
    """1 for t <= 0, 0 for t >= 1, infinitely smooth in between."""
    with np.errstate(divide="ignore", over="ignore"):
        a = np.where(t < 1, np.exp(-1 / np.where(t < 1, 1 - t, 1.0)), 0.0)
        b = np.where(t > 0, np.exp(-1 / np.where(t > 0, t, 1.0)), 0.0)
    return np.where(t <= 0, 1.0, np.where(t >= 1, 0.0, a / np.where(a + b > 0, a + b, 1.0)))


def terminated(r, s):
    qmax = s["qmax"]
    ext = RIPPLES * 2 * np.pi / qmax
    r_hi = r.max() + ext
    r_taper = r.max() + ext / 2
    nr = int(np.ceil(r_hi / 0.004)) // 2 * 2 + 1
    rp = np.linspace(0.0, r_hi, nr)
    wg = pdf(rp, s) * window((rp - r_taper) / (r_hi - r_taper)) * simpson_weights(nr, rp[1] - rp[0])
    nq = int(np.ceil(qmax / 0.004)) // 2 * 2 + 1
    q = np.linspace(0.0, qmax, nq)
    fq = np.array([np.sin(qq * rp) @ wg for qq in q])
    wq = fq * simpson_weights(nq, q[1] - q[0])
    return 2 / np.pi * np.array([np.sin(q * x) @ wq for x in r])


def main():
    with open("triclinic.structure", "w") as fh:
        fh.write("# Test crystal for the PDF reference (written by generate.py)\n")
        fh.write("# lattice: rows are the vectors a, b, c in angstrom; site: element and fractional x y z\n")
        for row in LATTICE:
            fh.write("lattice %.6f %.6f %.6f\n" % tuple(row))
        for e, x, y, z in SITES:
            fh.write("site %s %.6f %.6f %.6f\n" % (e, x, y, z))
    dmin = min(d for _, _, d in pair_list(3.0))
    assert dmin > 1.8, dmin
    r = RMIN + RSTEP * np.arange(int(round((RMAX - RMIN) / RSTEP)) + 1)
    for name, s in CASES.items():
        g = terminated(r, s) if s["qmax"] > 0 else pdf(r, s)
        with open("triclinic_%s.dat" % name, "w") as fh:
            fh.write("# G(r) of triclinic.structure by generate.py (numpy, independent of the Java simulator)\n")
            for key in ("scale", "uiso", "qdamp", "qmax", "delta2"):
                fh.write("# setting %s = %r\n" % (key, s[key]))
            if s["uiso_by_element"]:
                fh.write("# setting uiso_by_element = %s\n"
                         % " ".join("%s:%r" % kv for kv in s["uiso_by_element"].items()))
            fh.write("# r/angstrom  G/angstrom^-2\n")
            for x, y in zip(r, g):
                fh.write("%.4f %.10e\n" % (x, y))
        print(name, "max |G| = %.4f" % np.abs(g).max())


if __name__ == "__main__":
    main()
