#!/usr/bin/python3
"""Independent numpy/scipy least-squares fit of the measured Si X-ray PDF (si-q27r60-xray.gr), the reference for
org.activestructopt.refinement's MeasuredPdfTest.

Run with Debian's interpreter from this directory:  /usr/bin/python3 fit_si.py   (writes fit_si.json)
Nothing here calls or ports the Java code. The model is DiffPy's PDFCalculator convention, as the project's PDF
simulator documents it:
  R(r)  = 1/N sum_{i in cell} sum_{j, images; (j,image) != (i,0)} f_i f_j / <f>^2 Gauss(r; d_ij, s_ij)   (f = Z)
  s_ij^2 = (U_i + U_j) (1 - delta2 / d_ij^2)
  G(r)  = scale (R(r)/r - 4 pi rho0 r) exp(-(qdamp r)^2 / 2),   rho0 = N / V
followed by Qmax termination as the band limit of the windowed G on [0, r_hi] (r_hi = rmax + 10 * 2 pi / qmax, a
smooth step window from rmax + E/2 down to 0 at r_hi), done here in Q space by quadrature (sine transform of G to
F(Q), cut at qmax, transform back) where the Java code convolves in real space.
Structure: cubic Fd-3m Si (8 atoms in the conventional cell at the diamond positions), a refined; refined also
scale, qdamp, delta2 and Uiso; fit range r = 1.5-20 angstrom, points weighted by 1/dG^2 (the file's dG column),
Qmax = 27 angstrom^-1 (stated in the file's header).
Rw is DiffPy's: sqrt(sum w (Gobs - Gcalc)^2 / sum w Gobs^2).
"""
import json

import numpy as np
from scipy.optimize import least_squares

QMAX = 27.0
RMIN, RMAX = 1.5, 20.0
RIPPLES = 10
# diamond structure: fcc translations times the two-atom basis
FCC = np.array([[0, 0, 0], [0, .5, .5], [.5, 0, .5], [.5, .5, 0]])
SITES = np.concatenate([FCC, FCC + 0.25])
N = len(SITES)


def read_gr(path):
    rows = []
    started = False
    with open(path) as fh:
        for line in fh:
            if line.lstrip("#").strip() == "start data":
                started = True
                continue
            if not started or line.startswith("#") or not line.strip():
                continue
            rows.append([float(v) for v in line.split()])
    return np.array(rows)


def unit_shells(cutoff):
    """Distances (in units of a) of all ordered pairs up to cutoff/a, grouped by distance: (d/a, count)."""
    n = int(np.ceil(cutoff)) + 1
    g = np.arange(-n, n + 1)
    images = np.stack(np.meshgrid(g, g, g, indexing="ij"), -1).reshape(-1, 3)
    d = []
    for i in range(N):
        v = SITES[None, :, :] + images[:, None, :] - SITES[i]
        dist = np.linalg.norm(v, axis=2).ravel()
        d.append(dist[(dist > 1e-9) & (dist <= cutoff)])
    d = np.round(np.concatenate(d), 9)
    u, c = np.unique(d, return_counts=True)
    return u, c


def window(t):
    with np.errstate(divide="ignore", over="ignore"):
        a = np.where(t < 1, np.exp(-1 / np.where(t < 1, 1 - t, 1.0)), 0.0)
        b = np.where(t > 0, np.exp(-1 / np.where(t > 0, t, 1.0)), 0.0)
    return np.where(t <= 0, 1.0, np.where(t >= 1, 0.0, a / np.where(a + b > 0, a + b, 1.0)))


def simpson(n, h):
    w = np.ones(n)
    w[1:-1:2] = 4
    w[2:-1:2] = 2
    return w * h / 3


class Model:
    def __init__(self, r):
        self.r = r
        ext = RIPPLES * 2 * np.pi / QMAX
        self.r_hi = r.max() + ext
        taper = r.max() + ext / 2
        nr = int(np.ceil(self.r_hi / 0.005)) // 2 * 2 + 1
        self.rp = np.linspace(0.0, self.r_hi, nr)
        self.wr = window((self.rp - taper) / (self.r_hi - taper)) * simpson(nr, self.rp[1] - self.rp[0])
        nq = int(np.ceil(QMAX / 0.005)) // 2 * 2 + 1
        q = np.linspace(0.0, QMAX, nq)
        self.sin_qr = np.sin(np.outer(q, self.rp))            # F(Q) = sum_r' sin(Q r') w G
        self.back = 2 / np.pi * np.sin(np.outer(r, q)) * simpson(nq, q[1] - q[0])
        # shells up to r_hi plus 12 widths, for any a within 5 % of 5.43
        self.shells, self.counts = unit_shells((self.r_hi + 3) / (5.43 * 0.95))

    def untruncated(self, a, scale, qdamp, delta2, uiso):
        rp = self.rp
        d = self.shells * a
        keep = d <= self.r_hi + 3
        d, c = d[keep], self.counts[keep]
        var = 2 * uiso * (1 - delta2 / d ** 2)
        R = (c[:, None] / N * np.exp(-(rp[None, :] - d[:, None]) ** 2 / (2 * var[:, None]))
             / np.sqrt(2 * np.pi * var[:, None])).sum(0)
        rho0 = N / a ** 3
        safe = np.where(rp > 0, rp, 1.0)
        g = np.where(rp > 0, R / safe, 0.0) - 4 * np.pi * rho0 * rp
        return scale * g * np.exp(-(qdamp * rp) ** 2 / 2)

    def __call__(self, p):
        return self.back @ (self.sin_qr @ (self.wr * self.untruncated(*p)))


def main():
    data = read_gr("si-q27r60-xray.gr")
    r, g, dg = data[:, 0], data[:, 1], data[:, 3]
    keep = (r >= RMIN - 1e-9) & (r <= RMAX + 1e-9)
    r, g, dg = r[keep], g[keep], dg[keep]
    w = 1 / dg ** 2
    model = Model(r)
    names = ["a", "scale", "qdamp", "delta2", "uiso"]
    lower = [5.0, 0.0, 0.0, 0.0, 1e-6]
    upper = [6.0, np.inf, 1.0, 20.0, 0.5]
    fits = {}
    for label, a0 in (("from_cif", 5.4307), ("from_2pct", 5.4307 * 1.02)):
        p0 = [a0, 1.0, 0.04, 1.0, 0.005]
        res = least_squares(lambda p: (model(p) - g) / dg, p0, bounds=(lower, upper), x_scale="jac",
                            xtol=1e-12, ftol=1e-12, gtol=1e-12)
        calc = model(res.x)
        chi2 = float(np.sum(w * (g - calc) ** 2))
        rw = float(np.sqrt(chi2 / np.sum(w * g ** 2)))
        dof = len(r) - len(names)
        cov = np.linalg.inv(res.jac.T @ res.jac) * chi2 / dof
        fits[label] = dict(start_a=a0, values=dict(zip(names, map(float, res.x))),
                           uncertainties=dict(zip(names, map(float, np.sqrt(np.diag(cov))))), Rw=rw, chi2=chi2,
                           reduced_chi2=chi2 / dof, nfev=int(res.nfev))
        print(label, fits[label])
    best = min(fits.values(), key=lambda f: f["chi2"])
    out = dict(description="scipy least-squares fit of si-q27r60-xray.gr by fit_si.py (DiffPy conventions, "
                           "independent of the Java code)",
               rmin=RMIN, rmax=RMAX, qmax=QMAX, weights="1/dG^2", points=int(len(r)), refined=names,
               values=best["values"], uncertainties=best["uncertainties"], Rw=best["Rw"], chi2=best["chi2"],
               reduced_chi2=best["reduced_chi2"], fits=fits)
    with open("fit_si.json", "w") as fh:
        json.dump(out, fh, indent=2)
        fh.write("\n")


if __name__ == "__main__":
    main()
