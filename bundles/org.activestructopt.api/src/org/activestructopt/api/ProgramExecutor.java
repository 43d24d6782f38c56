package org.activestructopt.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs external programs for simulators: on this machine, or on a batch system such as SLURM when one machine is not
 * enough. A simulator writes its input into a directory, {@link #submit submits} a {@link ProgramRequest}, waits for
 * the {@link ProgramRun} and reads the outputs from the same directory (ASE's split of a calculator into writing
 * input, executing and reading results: the executor is the executing part, the profile of where and how).
 * <p>
 * Implementations are OSGi services registered under this interface with the service property
 * {@link #NAME_PROPERTY}; callers find them by name through {@link ExecutorRegistry}. Their configuration (queue,
 * account, ...) is a {@link Settings} of {@link #settings()}. Thread-safe.
 */
public interface ProgramExecutor {

    /** Service property naming the executor, e.g. {@code executor.name=slurm}. */
    String NAME_PROPERTY = "executor.name";

    /** @return the registered name */
    String name();

    /** @return the settings this executor accepts (partition, account, ...); the same object on every call */
    SettingsSchema settings();

    /**
     * Starts (or queues) a run.
     *
     * @param settings values of {@link #settings()}
     * @throws ExecutorUnavailableException if the executor refuses or cannot be reached; the message names the
     *                                      setting or command at fault
     * @throws IllegalArgumentException     for settings of another schema
     */
    ProgramRun submit(ProgramRequest request, Settings settings) throws ExecutorUnavailableException;

    /**
     * Finds again a run submitted earlier into {@code directory}, e.g. by a refinement that was killed and is now
     * resumed, so that a run that finished meanwhile is not repeated.
     *
     * @return the run, or empty if nothing was submitted into that directory by this executor
     * @throws ExecutorUnavailableException if the executor cannot be asked
     */
    Optional<ProgramRun> reattach(ProgramRequest request, Settings settings) throws ExecutorUnavailableException;

    /** @return the marker file through which {@link #reattach} finds a run in {@code directory} */
    static Path marker(Path directory, String executorName) {
        return directory.resolve(".aso-" + executorName + "-run");
    }
}
