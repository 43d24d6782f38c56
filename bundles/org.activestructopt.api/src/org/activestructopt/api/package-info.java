/**
 * Service interfaces that third-party bundles implement to plug into ActiveStructOpt, and their value types.
 *
 * <h2>Simulators</h2>
 * A {@link org.activestructopt.api.Simulator} is the forward model of a refinement: it turns a
 * {@link org.activestructopt.structure.Structure} into a {@link org.activestructopt.spectra.Spectrum} on a requested
 * {@link org.activestructopt.spectra.Grid}. The contract follows ASE's calculator: a simulator is a stateless,
 * thread-safe object that any optimiser can drive.
 * <ul>
 * <li>{@link org.activestructopt.api.Simulator#descriptor()} declares what it produces: its registered name, the
 * {@link org.activestructopt.spectra.SpectrumKind}, a default grid, a {@link org.activestructopt.api.CostClass} (cheap:
 * may be called thousands of times; expensive: each call counts against the job's budget) and its settings.</li>
 * <li>Settings are declared as {@link org.activestructopt.api.Setting} descriptors (name, type, default, units, range,
 * description) collected in a {@link org.activestructopt.api.SettingsSchema}. Command lines, job files and the
 * workbench list and validate them without knowing the simulator and pass them as strings; the simulator reads the
 * validated {@link org.activestructopt.api.Settings} type-safely. Unknown names and invalid values are rejected with an
 * {@link java.lang.IllegalArgumentException} naming them, so a typo never passes silently.</li>
 * <li>Failures are reported as the checked {@link org.activestructopt.api.SimulationException} carrying a
 * {@link org.activestructopt.api.SimulationException.Reason}; structure-specific failures let a refinement discard the
 * candidate and continue.</li>
 * <li>Cancellation: simulators poll the {@link org.eclipse.core.runtime.IProgressMonitor} passed in (which may be
 * {@code null}) and throw a {@code CANCELLED} exception, see
 * {@link org.activestructopt.api.SimulationException#checkCancelled(org.eclipse.core.runtime.IProgressMonitor)}.</li>
 * <li>A simulator that can differentiate its spectrum w.r.t. fractional coordinates and the lattice implements
 * {@link org.activestructopt.api.DifferentiableSimulator} and returns a
 * {@link org.activestructopt.api.SpectrumJacobian}.</li>
 * </ul>
 *
 * <h2>Writing a simulator bundle</h2>
 * A new simulator is one bundle that requires {@code org.activestructopt.api} (which re-exports the structure and
 * spectra bundles and {@code org.eclipse.equinox.common}) and contains one Declarative Services component:
 *
 * <pre>{@code
 * @Component(service = Simulator.class, property = Simulator.NAME_PROPERTY + "=rdf")
 * public final class RdfSimulator implements Simulator {
 *     static final Setting<Double> SIGMA = Setting.real("sigma", 0.05, "angstrom", "Gaussian width of each pair")
 *             .withRange(1e-4, 1);
 *     private static final SimulatorDescriptor DESCRIPTOR = new SimulatorDescriptor("rdf",
 *             "radial distribution function", SpectrumKind.OTHER, Grid.uniform(0.5, 12, 0.01), CostClass.CHEAP,
 *             SettingsSchema.of("simulator rdf", SIGMA));
 *
 *     public SimulatorDescriptor descriptor() { return DESCRIPTOR; }
 *
 *     public Spectrum simulate(Structure s, Grid grid, Settings settings, IProgressMonitor monitor)
 *             throws SimulationException {
 *         if (!settings.schema().equals(DESCRIPTOR.settings())) {
 *             throw new SimulationException(Reason.INVALID_REQUEST, "settings of " + settings.schema().owner()
 *                     + " passed to simulator rdf");
 *         }
 *         double sigma = settings.get(SIGMA);
 *         ...
 *         SimulationException.checkCancelled(monitor);
 *         ...
 *         return Spectrum.of(SpectrumKind.OTHER, grid.values(), y);
 *     }
 * }
 * }</pre>
 *
 * The {@code @Component} annotation ({@code org.osgi.service.component.annotations}, imported with
 * {@code resolution:=optional} since it is needed only at build time) is turned into {@code OSGI-INF/*.xml} by the
 * build (tycho-ds-plugin); the bundle should declare {@code Bundle-ActivationPolicy: lazy} so that the DS runtime
 * activates it. The service property value must equal the descriptor's name: the property lets the registry filter
 * without loading the class, the descriptor lets tools print it. Once the bundle is installed the simulator is available
 * to the command line ({@code aso simulate rdf --sigma 0.1 ...}), to job files and to the workbench.
 *
 * <h2>Finding simulators</h2>
 * {@link org.activestructopt.api.SimulatorRegistry} looks simulators up by name; DS components can instead reference
 * {@code Simulator} with target {@link org.activestructopt.api.SimulatorRegistry#filter(String)}.
 */
package org.activestructopt.api;
