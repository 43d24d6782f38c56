package org.activestructopt.ui.internal.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.refinement.Refinement;
import org.activestructopt.refinement.ObjectiveTerm;
import org.activestructopt.refinement.RefinementProblem;
import org.activestructopt.refinement.RunLock;
import org.activestructopt.refinement.SamplingException;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.BackgroundLoad;
import org.activestructopt.ui.internal.preferences.UiPreferences;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.jobs.Job;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * A refinement running in the background as an Eclipse job, through the engine's one entry point
 * ({@link Refinement#run}: the active loop or a baseline, as the job says): its progress (one unit per simulation) shows in the
 * status line and the Progress view, whose cancel button (or the Stop command) stops it after the simulation in
 * progress, leaving a job file that Resume continues. The engine saves the job file as it goes; the session's views
 * get every candidate as it is recorded.
 */
public final class RefinementRun extends Job {

    private final RunSession session;
    private final org.activestructopt.refinement.model.Job job;

    RefinementRun(RunSession session, org.activestructopt.refinement.model.Job job) {
        super("Refining " + session.name());
        this.session = Objects.requireNonNull(session, "session");
        this.job = job;
        setUser(false);
        setPriority(LONG);
    }

    /** @return the session this run belongs to */
    public RunSession session() {
        return session;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        applyThreadsPreference();
        BundleContext context = FrameworkUtil.getBundle(RefinementRun.class).getBundleContext();
        try (SimulatorRegistry registry = SimulatorRegistry.open(context);
                SurrogateRegistry surrogates = SurrogateRegistry.open(context);
                // the same lock as aso refine: never two runs (workbench or command line) in one directory
                RunLock lock = runDirectory().isPresent() ? RunLock.acquire(runDirectory().get()) : null) {
            resolve(session, job, registry);
            Refinement.run(job, registry, surrogates, monitor);
            session.finished(Status.COMPLETED, null);
            return org.eclipse.core.runtime.Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            session.finished(Status.CANCELLED, "stopped after " + count() + " simulations; Resume continues");
            return org.eclipse.core.runtime.Status.CANCEL_STATUS;
        } catch (JobFormatException | SimulationException | SamplingException | RunLock.LockedException e) {
            session.finished(Status.FAILED, e.getMessage());
        } catch (IOException e) {
            session.finished(Status.FAILED, "cannot lock " + runDirectory().orElse(null) + ": " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            session.finished(Status.FAILED, BackgroundLoad.describe(e));
        }
        // The session's views report the failure; an error status here would open a second dialog.
        return org.eclipse.core.runtime.Status.OK_STATUS;
    }

    /**
     * Reads the job's targets, start and reference structures (as the engine will) and hands them to the session's views.
     *
     * @throws JobFormatException naming the file, line and field of what cannot be resolved
     */
    static void resolve(RunSession session, org.activestructopt.refinement.model.Job job, SimulatorRegistry registry)
            throws JobFormatException {
        RefinementProblem problem = RefinementProblem.fromJob(job, registry);
        session.resolved(problem.objective().terms().stream().map(ObjectiveTerm::target).toList(), problem.start(),
                problem.reference().orElse(null));
    }

    /**
     * The preference "Parallel simulations" becomes {@code aso.threads}, which the engine's native parts read when
     * they start; a value given on the command line ({@code -Daso.threads=N}) wins.
     */
    private static void applyThreadsPreference() {
        if (System.getProperty(THREADS_PROPERTY) == null) {
            System.setProperty(THREADS_PROPERTY, Integer.toString(UiPreferences.threads()));
        }
    }

    /** The system property the engine reads for its thread count (the GNN surrogate's TorchRuntime). */
    static final String THREADS_PROPERTY = "aso.threads";

    private Optional<Path> runDirectory() {
        return job.file().map(f -> f.toAbsolutePath().getParent());
    }

    private int count() {
        return job.hasResults() ? job.results().size() : 0;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == AsoUi.RUN_FAMILY;
    }
}
