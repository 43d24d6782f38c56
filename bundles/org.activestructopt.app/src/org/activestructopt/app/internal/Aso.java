package org.activestructopt.app.internal;

import java.io.PrintWriter;

import org.activestructopt.api.EnergyRegistry;
import org.activestructopt.api.SimulatorRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The root of the {@code aso} commands. Each subcommand is a small class; picocli parses, validates and prints help,
 * so an unknown option or a missing value is reported by name before any work starts.
 */
@Command(name = "aso", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "ActiveStructOpt: determine atomic structure from spectroscopy by active learning.",
        subcommands = { CommandLine.HelpCommand.class, VersionCommand.class, MatchCommand.class,
                ConvertCommand.class, SpectraCommand.class, RefineCommand.class, BenchmarkCommand.class,
                SimulateCommand.class, ExamplesCommand.class, ConvertSpectrumCommand.class },
        footer = { "", "Run 'aso help COMMAND' for the options of one command." })
public final class Aso implements Runnable {

    /** Exit code for bad input: a file or an option the user can fix. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the work itself failed. */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the process exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        BundleContext context = FrameworkUtil.getBundle(Aso.class).getBundleContext();
        try (SimulatorRegistry simulators = SimulatorRegistry.open(context);
                EnergyRegistry energies = EnergyRegistry.open(context)) {
            CommandLine cli = new CommandLine(new Aso());
            SimulateCommand.addSimulators(cli.getSubcommands().get("simulate"), simulators);
            EnergySubcommand.addAll(cli.getSubcommands().get("simulate"), energies);
            cli.setOut(out);
            cli.setErr(err);
            cli.setExecutionExceptionHandler(new UserErrors());
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Problems the user can fix (bad files, bad values) arrive as {@link UserException} and other checked exceptions:
     * one line naming the file or field, no stack trace. Anything else is a bug: one line asking for a report, and the
     * trace in a log file ({@link InternalErrors}).
     */
    private static final class UserErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
            PrintWriter err = cli.getErr();
            if (e instanceof UserException || !(e instanceof RuntimeException)) {
                err.println("aso " + cli.getCommandName() + ": " + e.getMessage());
                return e instanceof UserException u ? u.exitCode() : EXIT_FAILURE;
            }
            err.println("aso " + cli.getCommandName() + ": " + InternalErrors.report(e, parsed.originalArgs()));
            return EXIT_FAILURE;
        }
    }
}
