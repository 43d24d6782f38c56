/**
 * EXAFS and XANES from FEFF: the FEFF machinery behind the {@code exafs}, {@code xanes} and {@code exafs-ss}
 * simulator services, usable on its own.
 *
 * <h2>Services</h2>
 * The bundle registers three {@link org.activestructopt.api.Simulator} services (Declarative Services components in
 * the internal package), found by name through {@link org.activestructopt.api.SimulatorRegistry}:
 * <ul>
 * <li>{@code exafs}: k<sup>w</sup> chi(k) from FEFF's chi.dat (default grid k = 3-12 1/angstrom, step 0.05,
 * kweight 2), averaged over the absorbing sites. Expensive: one FEFF run per group of distinct absorbers, about 1-3 s
 * each for non-SCF 6-8 angstrom clusters.</li>
 * <li>{@code xanes}: normalised mu(E) (edge step 1 at 50 eV above the edge) from FEFF's xmu.dat, on an energy grid
 * relative to FEFF's edge energy. <b>Debian's FEFF 8.5L has no full multiple scattering</b>: its mu(E) is the path
 * expansion above the Fermi level, without pre-edge, a crude approximation of XANES. A FEFF 9/10 executable
 * ({@code executable}, {@code feff.version 9}) gets the XANES, FMS and COREHOLE cards for real XANES.</li>
 * <li>{@code exafs-ss}: an approximation for many nearby structures: single scattering at each structure's own
 * distances with FEFF amplitudes and phases from one reference run ({@link SingleScatteringModel}), plus the
 * reference's multiple-scattering remainder; milliseconds per structure.</li>
 * </ul>
 * Their settings, with defaults, are the constants of {@link FeffSettings}; every FEFF card can be set from a job.
 *
 * <h2>Pieces</h2>
 * <ul>
 * <li>{@link Cluster}: the atoms within a radius of an absorber, cut from the periodic structure (checked against
 * pymatgen's and Larch's FEFF inputs); {@link AbsorberSites}: which absorbers to simulate and their weights.</li>
 * <li>{@link FeffCards} and {@link FeffInput}: the feff.inp text for a {@link FeffVersion}.</li>
 * <li>{@link FeffExecutable}: where FEFF is (setting, system property {@code aso.feff.executable}, workbench
 * preference, {@code feff8l} on PATH); {@link FeffRunner}: one run in a temporary directory with time limit,
 * cancellation and process-tree kill, returning a {@link FeffRun}.</li>
 * <li>{@link ChiDat}, {@link XmuDat}, {@link FeffDat}: parsers of FEFF's outputs; every defect is a
 * {@link org.activestructopt.api.SimulationException} naming file and line.</li>
 * <li>{@link CorrelatedDebye}: FEFF's correlated Debye sigma^2, for like and unlike pairs.</li>
 * </ul>
 * Only this bundle starts external processes. All FEFF processes of the bundle share one bounded pool (system
 * property {@code aso.feff.threads}, default: the number of processors).
 */
package org.activestructopt.simulation.feff;
