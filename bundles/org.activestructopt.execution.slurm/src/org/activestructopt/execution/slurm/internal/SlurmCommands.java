package org.activestructopt.execution.slurm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.activestructopt.api.ExecutorUnavailableException;

/**
 * Runs SLURM's client commands (sbatch, scontrol, scancel) as processes without a shell, each with a time limit, so
 * that an unresponsive controller is reported instead of hanging the refinement.
 */
final class SlurmCommands {

    /** What one command printed. */
    record Output(int status, String stdout, String stderr) {

        /** @return the first non-blank line of stderr (else stdout), for one-line messages */
        String firstMessageLine() {
            for (String text : List.of(stderr, stdout)) {
                for (String line : text.split("\\R")) {
                    if (!line.isBlank()) {
                        return line.strip();
                    }
                }
            }
            return "(no output)";
        }
    }

    private final Path binDir; // null: the commands are looked up on PATH
    private final long timeoutSeconds;

    SlurmCommands(Path binDir, long timeoutSeconds) {
        this.binDir = binDir;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * @throws ExecutorUnavailableException if the command cannot be started or does not end within the time limit
     */
    Output run(String command, String... args) throws ExecutorUnavailableException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binDir == null ? command : binDir.resolve(command).toString());
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        } catch (IOException e) {
            throw new ExecutorUnavailableException("SLURM command '" + cmd.get(0) + "' cannot be started ("
                    + e.getMessage() + "); install slurm-client or set the executor setting 'bin_dir'", e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ExecutorUnavailableException("SLURM command '" + command + "' did not answer within "
                        + timeoutSeconds + " s; is slurmctld running?");
            }
            return new Output(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ExecutorUnavailableException("interrupted while '" + command + "' ran", e);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
