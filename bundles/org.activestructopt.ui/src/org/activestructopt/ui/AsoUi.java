package org.activestructopt.ui;

/**
 * Identifiers of the workbench contributions of this bundle, for code that opens them (launch configurations,
 * other plug-ins' actions, tests).
 */
public final class AsoUi {

    /** The bundle's symbolic name, also the instance-scope preference node of the UI's own settings. */
    public static final String PLUGIN_ID = "org.activestructopt.ui";
    /** The "Structure Refinement" perspective. */
    public static final String PERSPECTIVE_ID = "org.activestructopt.ui.perspective";
    /** The spectra plot: target, start and best curves. */
    public static final String SPECTRA_VIEW_ID = "org.activestructopt.ui.spectraView";
    /** The ball-and-stick structure view with its distance histogram. */
    public static final String STRUCTURE_VIEW_ID = "org.activestructopt.ui.structureView";
    /** The table of every simulated candidate of the current run. */
    public static final String CANDIDATES_VIEW_ID = "org.activestructopt.ui.candidatesView";
    /** Best loss against the number of simulations, and the Pareto front of several objectives. */
    public static final String CONVERGENCE_VIEW_ID = "org.activestructopt.ui.convergenceView";
    /** The form editor of job files. */
    public static final String JOB_EDITOR_ID = "org.activestructopt.ui.jobEditor";
    /** Extension point: axis names and units of the spectra of a simulator or spectrum kind. */
    public static final String PLOT_CONVENTIONS_EXTENSION_POINT = "org.activestructopt.ui.plotConventions";
    /** Extension point: job files offered by the New Job command. */
    public static final String JOB_TEMPLATES_EXTENSION_POINT = "org.activestructopt.ui.jobTemplates";
    /** The preference page (FEFF executable, threads, run directory). */
    public static final String PREFERENCE_PAGE_ID = "org.activestructopt.ui.preferences";
    /** The RCP application that opens the workbench in {@link #PERSPECTIVE_ID}. */
    public static final String APPLICATION_ID = "org.activestructopt.ui.workbench";
    /** Family of every background job the UI schedules (file loading), so callers can wait for or cancel them. */
    public static final Object JOB_FAMILY = new Object() {
        @Override
        public String toString() {
            return "ActiveStructOpt UI jobs";
        }
    };

    /** Family of refinement runs (long jobs, kept apart from {@link #JOB_FAMILY} so waiting for loads never waits for a run). */
    public static final Object RUN_FAMILY = new Object() {
        @Override
        public String toString() {
            return "ActiveStructOpt refinement runs";
        }
    };

    private AsoUi() {
    }
}
