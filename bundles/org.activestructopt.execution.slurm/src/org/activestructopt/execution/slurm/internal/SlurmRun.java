package org.activestructopt.execution.slurm.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.activestructopt.api.ExecutorUnavailableException;
import org.activestructopt.api.ProgramOutcome;
import org.activestructopt.api.ProgramOutcome.State;
import org.activestructopt.api.ProgramRequest;
import org.activestructopt.api.ProgramRun;
import org.eclipse.core.runtime.IProgressMonitor;

/** One SLURM batch job, followed through {@code scontrol show job}. */
final class SlurmRun implements ProgramRun {

    /** Job states in which the job has not ended yet. */
    private static final Set<String> ACTIVE = Set.of("PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED",
            "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED",
            "RESV_DEL_HOLD", "SPECIAL_EXIT");
    private static final Pattern STATE = Pattern.compile("\\bJobState=(\\S+)");
    private static final Pattern EXIT = Pattern.compile("\\bExitCode=(\\d+):(\\d+)");
    private static final Pattern REASON = Pattern.compile("\\bReason=(\\S+)");
    /** How long queries may fail in a row (a restarting controller) before the run is given up as unreachable. */
    private static final long UNREACHABLE_NANOS = 120_000_000_000L;
    /** How long a cancelled job may take to leave the active states. */
    private static final long CANCEL_WAIT_NANOS = 60_000_000_000L;

    private final String id;
    private final ProgramRequest request;
    private final SlurmCommands commands;
    private final long pollMillis;

    SlurmRun(String id, ProgramRequest request, SlurmCommands commands, long pollMillis) {
        this.id = id;
        this.request = request;
        this.commands = commands;
        this.pollMillis = pollMillis;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProgramRequest request() {
        return request;
    }

    @Override
    public Optional<ProgramOutcome> poll() throws ExecutorUnavailableException {
        SlurmCommands.Output o = commands.run("scontrol", "show", "job", "-o", id);
        if (o.status() != 0) {
            if (o.stderr().contains("Invalid job id")) {
                return Optional.of(fromExitFile());
            }
            throw new ExecutorUnavailableException("scontrol show job " + id + " failed: " + o.firstMessageLine());
        }
        String state = group(STATE, o.stdout()).orElseThrow(() -> new ExecutorUnavailableException(
                "scontrol show job " + id + " printed no JobState: " + o.firstMessageLine()));
        state = state.replaceAll("[^A-Z_].*", ""); // "CANCELLED by 0" is printed as "CANCELLED"
        if (ACTIVE.contains(state)) {
            return Optional.empty();
        }
        return Optional.of(outcome(state, o.stdout()));
    }

    private ProgramOutcome outcome(String state, String record) {
        Matcher m = EXIT.matcher(record);
        OptionalInt exit = OptionalInt.empty();
        int signal = 0;
        if (m.find()) {
            exit = OptionalInt.of(Integer.parseInt(m.group(1)));
            signal = Integer.parseInt(m.group(2));
        }
        String reason = group(REASON, record).filter(r -> !r.equals("None")).map(r -> ", reason " + r).orElse("");
        String what = "SLURM job " + id + " ended " + state + reason
                + (exit.isPresent() ? " (exit status " + exit.getAsInt() + (signal != 0 ? ", signal " + signal : "")
                        + ")" : "");
        return switch (state) {
        case "COMPLETED" -> new ProgramOutcome(State.COMPLETED, exit, what);
        case "TIMEOUT", "DEADLINE" -> new ProgramOutcome(State.TIMED_OUT, exit, what);
        case "CANCELLED" -> new ProgramOutcome(State.CANCELLED, exit, what);
        case "NODE_FAIL", "BOOT_FAIL", "PREEMPTED" -> new ProgramOutcome(State.LOST, exit, what);
        default -> new ProgramOutcome(State.FAILED, exit, what); // FAILED, OUT_OF_MEMORY, ...
        };
    }

    /** The controller has forgotten the job: the exit status the script wrote is all that is left. */
    private ProgramOutcome fromExitFile() {
        Path f = request.directory().resolve(JobScript.EXIT_FILE_PREFIX + id);
        try {
            int status = Integer.parseInt(Files.readString(f, StandardCharsets.US_ASCII).strip());
            return new ProgramOutcome(status == 0 ? State.COMPLETED : State.FAILED, OptionalInt.of(status),
                    "SLURM job " + id + " ended with exit status " + status + " (record purged by the controller)");
        } catch (IOException | NumberFormatException e) {
            return new ProgramOutcome(State.LOST, OptionalInt.empty(), "SLURM job " + id
                    + " is unknown to the controller and left no exit status in " + request.directory());
        }
    }

    @Override
    public ProgramOutcome await(IProgressMonitor monitor) throws InterruptedException, ExecutorUnavailableException {
        long failingSince = -1;
        while (true) {
            if (monitor != null && monitor.isCanceled()) {
                cancel();
                return awaitAfterCancel();
            }
            try {
                Optional<ProgramOutcome> o = poll();
                if (o.isPresent()) {
                    return o.get();
                }
                failingSince = -1;
            } catch (ExecutorUnavailableException e) {
                long now = System.nanoTime();
                if (failingSince < 0) {
                    failingSince = now;
                } else if (now - failingSince > UNREACHABLE_NANOS) {
                    throw e;
                }
            }
            Thread.sleep(pollMillis);
        }
    }

    private ProgramOutcome awaitAfterCancel() throws InterruptedException, ExecutorUnavailableException {
        long end = System.nanoTime() + CANCEL_WAIT_NANOS;
        while (System.nanoTime() < end) {
            Optional<ProgramOutcome> o = poll();
            if (o.isPresent()) {
                return o.get();
            }
            Thread.sleep(Math.min(pollMillis, 500));
        }
        throw new ExecutorUnavailableException("SLURM job " + id + " was cancelled but is still not ended after "
                + CANCEL_WAIT_NANOS / 1_000_000_000L + " s");
    }

    @Override
    public void cancel() throws ExecutorUnavailableException {
        SlurmCommands.Output o = commands.run("scancel", id);
        if (o.status() != 0 && !o.stderr().contains("already completing or completed")
                && !o.stderr().contains("Invalid job id")) {
            throw new ExecutorUnavailableException("scancel " + id + " failed: " + o.firstMessageLine());
        }
    }

    private static Optional<String> group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "SlurmRun(" + id + ", " + request.name() + ")";
    }
}
