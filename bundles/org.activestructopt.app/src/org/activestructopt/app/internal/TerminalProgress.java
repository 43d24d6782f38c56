package org.activestructopt.app.internal;

import java.io.PrintWriter;
import java.util.Locale;

import org.activestructopt.refinement.model.Job;
import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * The refinement's progress in a terminal: simulations done of the budget, best loss so far, time left. It is the
 * same {@code IProgressMonitor} the workbench hands to the engine, so both show the same thing. On a terminal the line
 * is redrawn in place; into a log it is written at every tenth of the work.
 */
final class TerminalProgress extends NullProgressMonitor {

    private final PrintWriter out;
    private final Job job;
    private final boolean interactive = System.console() != null;
    private final long started = System.nanoTime();
    private double total;
    private double done;
    private int lastTenth = -1;

    TerminalProgress(PrintWriter out, Job job) {
        this.out = out;
        this.job = job;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        total = totalWork;
    }

    @Override
    public void internalWorked(double work) {
        done += work;
        draw();
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    private void draw() {
        if (total <= 0) {
            return;
        }
        double fraction = Math.min(1, done / total);
        int tenth = (int) (fraction * 10);
        if (!interactive && tenth == lastTenth) {
            return;
        }
        lastTenth = tenth;
        int budget = job.budget().simulations();
        int simulations = job.hasResults() ? job.results().size() : 0;
        String best = job.hasResults() && job.results().best().isPresent()
                ? String.format(Locale.ROOT, "%.4g", job.results().best().get().loss())
                : "-";
        double elapsed = (System.nanoTime() - started) / 1e9;
        String eta = fraction > 0 ? String.format(Locale.ROOT, "%.0f s", elapsed * (1 - fraction) / fraction) : "?";
        int bar = (int) Math.round(fraction * 30);
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d simulations  best loss %s  ETA %s",
                "#".repeat(bar), " ".repeat(30 - bar), simulations, budget, best, eta);
        out.print(interactive ? "\r" + line : line + "\n");
        out.flush();
    }

    void finish() {
        if (interactive) {
            out.println();
        }
        out.flush();
    }
}
