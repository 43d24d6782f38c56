package org.activestructopt.ui.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.function.Consumer;

import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.structure.io.StructureFormatException;
import org.activestructopt.ui.AsoUi;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Control;

/**
 * Runs file reading and computing off the UI thread: a {@link Job} in {@link AsoUi#JOB_FAMILY} does the work, and
 * the result or the reason for the failure comes back through {@code Display.asyncExec}, unless the view has been
 * closed meanwhile.
 */
public final class BackgroundLoad {

    /** Work that may fail with a checked exception whose message is meant for the user. */
    @FunctionalInterface
    public interface Work<T> {
        T run(IProgressMonitor monitor) throws Exception;
    }

    private BackgroundLoad() {
    }

    /**
     * Schedules the work.
     *
     * @param name    job name shown in the progress view, e.g. "Reading data.nxs"
     * @param owner   the widget whose display receives the outcome; nothing is delivered once it is disposed
     * @param work    runs in the job
     * @param done    receives the result on the UI thread
     * @param failed  receives a one-line reason on the UI thread
     * @return the scheduled job
     */
    public static <T> Job start(String name, Control owner, Work<T> work, Consumer<T> done, Consumer<String> failed) {
        Objects.requireNonNull(owner, "owner");
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                T result;
                try {
                    result = work.run(monitor);
                } catch (OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (Exception | LinkageError e) {
                    String reason = describe(e);
                    deliver(owner, () -> failed.accept(reason));
                    // Failures are shown by the view; an error status here would open a second dialog.
                    return Status.OK_STATUS;
                }
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                deliver(owner, () -> done.accept(result));
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == AsoUi.JOB_FAMILY;
            }
        };
        job.setUser(false);
        job.schedule();
        return job;
    }

    /**
     * Loads of which only the latest counts, for a view that shows one thing at a time: starting a load cancels the
     * previous one, and the outcome of a superseded load is dropped even if it already arrived in the event queue.
     * Use from the UI thread only.
     */
    public static final class Latest {
        private Job current;
        private long generation;

        /** Like {@link BackgroundLoad#start}, superseding any earlier load of this sequence. */
        public <T> Job start(String name, Control owner, Work<T> work, Consumer<T> done, Consumer<String> failed) {
            if (current != null) {
                current.cancel();
            }
            long ticket = ++generation;
            current = BackgroundLoad.start(name, owner, work, result -> {
                if (ticket == generation) {
                    done.accept(result);
                }
            }, reason -> {
                if (ticket == generation) {
                    failed.accept(reason);
                }
            });
            return current;
        }
    }

    private static void deliver(Control owner, Runnable r) {
        if (owner.isDisposed()) {
            return;
        }
        owner.getDisplay().asyncExec(() -> {
            if (!owner.isDisposed()) {
                r.run();
            }
        });
    }

    /**
     * One line for the user. Format errors already name file, place and problem; I/O errors are named by kind;
     * anything else is a bug, logged with its stack trace to the error log, and the user is told where to look.
     */
    public static String describe(Throwable e) {
        if (e instanceof SpectrumFormatException || e instanceof StructureFormatException
                || e instanceof JobFormatException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException n) {
            return "No such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "Permission denied: " + a.getFile();
        }
        if (e instanceof IOException || e instanceof IllegalArgumentException) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        ILog.of(BackgroundLoad.class).log(new Status(IStatus.ERROR, AsoUi.PLUGIN_ID, "Unexpected failure", e));
        return "Unexpected " + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
                + " (details in the error log)";
    }
}
