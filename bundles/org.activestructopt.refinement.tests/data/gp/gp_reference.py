"""Reference Gaussian-process predictions, expected improvement, log marginal likelihood and fitted hyper-parameters
by scikit-learn's GaussianProcessRegressor (alpha=0: the WhiteKernel is the only noise), for GaussianProcessTest.
Run with Debian's python (python3-sklearn): /usr/bin/python3 gp_reference.py > gp-reference.json"""
import json

import numpy as np
import sklearn
from scipy.stats import norm
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

rng = np.random.default_rng(4)
X = rng.uniform(0, 1, (25, 3))
y = np.sin(6 * X[:, 0]) + 0.5 * np.cos(4 * X[:, 1]) + 0.1 * X[:, 2] + 0.05 * rng.standard_normal(25)
Xs = rng.uniform(0, 1, (6, 3))

# fixed hyper-parameters: the posterior and the likelihood alone
fixed = dict(amplitude=1.7, length_scales=[0.3, 0.5, 2.0], noise=0.01)
k = ConstantKernel(fixed["amplitude"], "fixed") * Matern(fixed["length_scales"], "fixed", nu=2.5) \
    + WhiteKernel(fixed["noise"], "fixed")
gp = GaussianProcessRegressor(k, alpha=0, optimizer=None, normalize_y=False).fit(X, y)
mu, sd = gp.predict(Xs, return_std=True)
best = float(y.min())
z = (best - mu) / sd
ei = (best - mu) * norm.cdf(z) + sd * norm.pdf(z)
# of the latent function (GaussianProcess.expectedImprovement): the noise taken out of the variance
sdl = np.sqrt(sd ** 2 - fixed["noise"])
zl = (best - mu) / sdl
ei_latent = (best - mu) * norm.cdf(zl) + sdl * norm.pdf(zl)

# hyper-parameters by maximum marginal likelihood (L-BFGS-B, 20 restarts), bounds as GaussianProcess's
k2 = ConstantKernel(1.0, (1e-2, 1e2)) * Matern([1.0, 1.0, 1.0], (1e-2, 1e2), nu=2.5) + WhiteKernel(1e-2, (1e-6, 1))
gp2 = GaussianProcessRegressor(k2, alpha=0, normalize_y=False, n_restarts_optimizer=20, random_state=0).fit(X, y)
theta = np.exp(gp2.kernel_.theta)  # amplitude, three length scales, noise
mu2, sd2 = gp2.predict(Xs, return_std=True)
print(json.dumps(dict(sklearn=sklearn.__version__, x=X.tolist(), y=y.tolist(), test=Xs.tolist(), fixed=fixed,
                      mean=mu.tolist(), std=sd.tolist(), best=best, ei=ei.tolist(), ei_latent=ei_latent.tolist(),
                      lml_fixed=float(gp.log_marginal_likelihood_value_),
                      optimum=dict(amplitude=float(theta[0]), length_scales=theta[1:4].tolist(), noise=float(theta[4]),
                                   lml=float(gp2.log_marginal_likelihood_value_), mean=mu2.tolist(), std=sd2.tolist(),
                                   kernel=str(gp2.kernel_))), indent=1))
