package org.activestructopt.ui.internal.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.Objective;
import org.activestructopt.refinement.model.StructureSource;

/**
 * Each run from the workbench gets its own directory under the run directory of the preferences, holding a copy of
 * the job file that the engine fills with results; the job file the user edits stays a clean template (as with
 * {@code aso refine JOB --out DIR}).
 */
public final class RunDirectories {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private RunDirectories() {
    }

    /**
     * Reads and validates a job file and copies it into a new directory under {@code root}, with its file names made
     * absolute so that the copy still finds the structures and targets, and without results.
     *
     * @return the copy, whose {@link Job#file()} is {@code <root>/<name>-<date>-<time>/job.xmi}
     * @throws JobFormatException naming the job file, line and field of every problem
     * @throws IOException        if the job cannot be read or the directory not created
     */
    public static Job prepare(Path jobFile, Path root) throws JobFormatException, IOException {
        Job job = Job.load(jobFile);
        job.clearResults();
        absolute(job, job.start());
        job.reference().ifPresent(r -> absolute(job, r));
        for (Objective o : job.objectives()) {
            o.target().setFile(job.resolve(o.target().file()).toString());
        }
        Path dir = newDirectory(root, job.name().orElse(baseName(jobFile)));
        job.saveAs(dir.resolve("job.xmi"));
        return job;
    }

    private static void absolute(Job job, StructureSource source) {
        source.file().ifPresent(f -> source.setFile(job.resolve(f).toString()));
    }

    private static String baseName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Creates {@code root/<slug>-<yyyyMMdd-HHmmss>} (with a counter if that exists already). */
    static Path newDirectory(Path root, String name) throws IOException {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            slug = "run";
        }
        if (slug.length() > 40) {
            slug = slug.substring(0, 40);
        }
        Files.createDirectories(root);
        String base = slug + "-" + LocalDateTime.now().format(STAMP);
        for (int i = 1;; i++) {
            Path dir = root.resolve(i == 1 ? base : base + "-" + i);
            try {
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another run started in the same second: take the next number
            }
        }
    }
}
