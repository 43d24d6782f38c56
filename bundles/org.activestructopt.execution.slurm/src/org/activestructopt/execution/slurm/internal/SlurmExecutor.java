package org.activestructopt.execution.slurm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

import org.activestructopt.api.ExecutorUnavailableException;
import org.activestructopt.api.ProgramExecutor;
import org.activestructopt.api.ProgramRequest;
import org.activestructopt.api.ProgramRun;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.osgi.service.component.annotations.Component;

/**
 * Runs programs as SLURM batch jobs: one {@code sbatch} per run from the run's directory (which must be on a
 * filesystem the compute nodes share), followed with {@code scontrol}, cancelled with {@code scancel}. The job id
 * is written into the directory, so a resumed refinement finds a job that finished while it was not running.
 */
@Component(service = ProgramExecutor.class, property = ProgramExecutor.NAME_PROPERTY + "=" + SlurmExecutor.NAME)
public final class SlurmExecutor implements ProgramExecutor {

    /** The registered name. */
    public static final String NAME = "slurm";

    private static final Pattern JOB_ID = Pattern.compile("\\d+(_\\d+)?");
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SettingsSchema settings() {
        return SlurmSettings.SCHEMA;
    }

    @Override
    public ProgramRun submit(ProgramRequest request, Settings settings) throws ExecutorUnavailableException {
        SlurmSettings.check(settings);
        SlurmCommands commands = commands(settings);
        Path script = request.directory().resolve("aso-slurm.sh");
        try {
            Files.writeString(script, JobScript.of(request, settings), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExecutorUnavailableException("cannot write the batch script " + script + ": " + e.getMessage(),
                    e);
        }
        SlurmCommands.Output o = commands.run("sbatch", "--parsable", script.toString());
        String id = o.stdout().strip().split(";")[0];
        if (o.status() != 0 || !JOB_ID.matcher(id).matches()) {
            throw new ExecutorUnavailableException("sbatch refused " + script + ": " + o.firstMessageLine());
        }
        Path marker = ProgramExecutor.marker(request.directory(), NAME);
        Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, id + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the job runs, but a resumed run could not find it: cancel rather than leave an untraceable job
            new SlurmRun(id, request, commands, pollMillis(settings)).cancel();
            throw new ExecutorUnavailableException("cannot record SLURM job " + id + " in " + marker + ": "
                    + e.getMessage() + "; the job was cancelled", e);
        }
        return new SlurmRun(id, request, commands, pollMillis(settings));
    }

    @Override
    public Optional<ProgramRun> reattach(ProgramRequest request, Settings settings)
            throws ExecutorUnavailableException {
        SlurmSettings.check(settings);
        Path marker = ProgramExecutor.marker(request.directory(), NAME);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        String id;
        try {
            id = Files.readString(marker, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new ExecutorUnavailableException("cannot read " + marker + ": " + e.getMessage(), e);
        }
        if (!JOB_ID.matcher(id).matches()) {
            throw new ExecutorUnavailableException(marker + " holds '" + id + "', not a SLURM job id");
        }
        return Optional.of(new SlurmRun(id, request, commands(settings), pollMillis(settings)));
    }

    private static SlurmCommands commands(Settings settings) {
        return new SlurmCommands(SlurmSettings.binDir(settings), COMMAND_TIMEOUT_SECONDS);
    }

    private static long pollMillis(Settings settings) {
        return Math.max(100, Math.round(settings.get(SlurmSettings.POLL) * 1000));
    }

    @Override
    public String toString() {
        return "SlurmExecutor";
    }
}
