/**
 * The refinement job and its results as an EMF model: what to fit, from where, how and with which budget, and every
 * candidate a run simulated. Saved and loaded as XMI ({@code job.xmi}); see {@link org.activestructopt.refinement.model.Job}
 * for an example file.
 *
 * <h2>One definition: the .ecore, read at run time</h2>
 * The model is defined once, in {@code model/refinement.ecore} of this bundle (classes, features, types,
 * multiplicities, defaults and documentation). There is no generated code: the bundle loads the .ecore when the
 * package is first used and works on dynamic EMF objects, and the classes of this package are small typed views over
 * them ({@link org.activestructopt.refinement.model.ModelObject}). We chose this over hand-writing EMF's generated
 * interfaces, implementation classes, package and factory because those would restate every class, feature, type
 * and default of the .ecore in Java (several thousand lines kept in step by hand, with no generator to redo it),
 * while the views only name the features they expose. Each view looks its features up by name, with the expected
 * Java type, when it is initialised, so a mismatch fails at once; and {@code ModelAgreementTest} checks that the
 * views expose every class and feature of the .ecore and use nothing else, and that the Java enumerations list the
 * .ecore's literals. The defaults live only in the .ecore.
 * <p>
 * Everything EMF offers works on these objects: XMI, EMF editors and data binding (through
 * {@link org.activestructopt.refinement.model.ModelObject#eObject()} and {@link
 * org.activestructopt.refinement.internal.ModelFeatures#ePackage()}), change notification, validation.
 *
 * <h2>Strict files</h2>
 * {@link org.activestructopt.refinement.model.Job#load(java.nio.file.Path)} rejects an unknown element or attribute,
 * a value of the wrong type, an unknown enumeration literal, a repeated section and malformed XML, and then checks
 * the rules of the model (budget, crystal shapes, element symbols, ranges). The
 * {@link org.activestructopt.refinement.model.JobFormatException} names the file and, for each problem, the line and
 * the key. Settings of pluggable components (simulators, samplers, surrogates) are key/value pairs checked against
 * the component's {@code SettingsSchema} when the job is set up, so a typo there is caught too.
 *
 * <h2>Results</h2>
 * {@link org.activestructopt.refinement.model.Results} holds every simulated candidate in order: structure (lattice,
 * species, fractional coordinates), one spectrum per objective, per-objective and total losses, phase, wall time or
 * failure reason, and the best so far. Runners save the job after every simulation; saving is atomic (temporary file
 * then move), so a killed run leaves a readable file it can resume from. Saved files write out every default so that
 * they record the settings a run used.
 * <p>
 * Like all EMF objects, a job is not thread-safe: one thread edits or runs it at a time.
 */
package org.activestructopt.refinement.model;
