package org.activestructopt.app.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorDescriptor;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.NullProgressMonitor;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code aso simulate NAME}: one subcommand per simulator service in the registry, its options built from the
 * simulator's own settings schema. A third-party simulator bundle therefore shows up here, with documented options,
 * without any change to this bundle.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Simulate the spectrum of a structure with a simulator service.",
        footer = { "", "Run 'aso simulate NAME --help' for a simulator's options." })
public final class SimulateCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Adds a subcommand for every simulator registered now. */
    static void addSimulators(CommandLine simulate, SimulatorRegistry registry) {
        registry.available().forEach((name, simulator) -> simulate.addSubcommand(name,
                new CommandLine(spec(simulator))));
    }

    private static CommandSpec spec(Simulator simulator) {
        SimulatorDescriptor d = simulator.descriptor();
        Run run = new Run(simulator);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(run);
        run.spec = spec;
        spec.name(d.name());
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description(SettingOptions.escape(d.description() + " ("
                + d.cost().toString().toLowerCase(Locale.ROOT) + ")"));
        spec.addOption(OptionSpec.builder("--structure").paramLabel("FILE").required(true).type(Path.class)
                .description("Structure to simulate: CIF, POSCAR or extended XYZ.").build());
        spec.addOption(OptionSpec.builder("--out").paramLabel("FILE").type(Path.class)
                .description("Where to write the spectrum: two columns (x y), or NeXus when FILE ends in .nxs."
                        + " Default: standard output.")
                .build());
        String x = axisOption(d.kind());
        Grid grid = d.defaultGrid();
        spec.addOption(gridOption("--" + x + "min", grid.start(), "First " + x + " of the grid"));
        spec.addOption(gridOption("--" + x + "max", grid.stop(), "Last " + x + " of the grid"));
        spec.addOption(gridOption("--" + x + "step", grid.step(), "Step of the " + x + " grid"));
        SettingOptions.add(spec, d.settings());
        return spec;
    }

    private static OptionSpec gridOption(String name, double value, String description) {
        return OptionSpec.builder(name).paramLabel("X").type(double.class).defaultValue(Double.toString(value))
                .description(description + ". Default: ${DEFAULT-VALUE}.").build();
    }

    /** r for G(r), k for chi(k), e for mu(E): the option prefix users know from the spectrum's x axis. */
    static String axisOption(SpectrumKind kind) {
        return switch (kind) {
            case PDF -> "r";
            case EXAFS -> "k";
            case XANES -> "e";
            default -> "x";
        };
    }

    /** The parsed subcommand of one simulator. */
    private static final class Run implements Callable<Integer> {
        private final Simulator simulator;
        CommandSpec spec;

        Run(Simulator simulator) {
            this.simulator = simulator;
        }

        @Override
        public Integer call() throws UserException, SimulationException, IOException {
            SimulatorDescriptor d = simulator.descriptor();
            Path structurePath = spec.findOption("--structure").getValue();
            Structure structure = StructureArgs.read(structurePath);
            String x = axisOption(d.kind());
            double min = spec.findOption("--" + x + "min").getValue();
            double max = spec.findOption("--" + x + "max").getValue();
            double step = spec.findOption("--" + x + "step").getValue();
            Grid grid;
            try {
                grid = Grid.uniform(min, max, step);
            } catch (IllegalArgumentException e) {
                throw new UserException("--" + x + "min/--" + x + "max/--" + x + "step: " + e.getMessage());
            }
            org.activestructopt.api.Settings settings = SettingOptions.parse(spec, d.settings());
            Spectrum spectrum = simulator.simulate(structure, grid, settings, new NullProgressMonitor());
            Path out = spec.findOption("--out").getValue();
            PrintWriter stdout = spec.commandLine().getOut();
            Map<String, String> provenance = Map.of("simulator", d.name(), "structure", structurePath.toString(),
                    "settings", settings.effectiveValues().toString());
            writeSpectrum(spectrum, out, stdout, provenance);
            if (out != null) {
                stdout.println("wrote " + out);
            }
            return 0;
        }
    }

    /** Two text columns (stdout when {@code out} is null), or NeXus for a {@code .nxs}/{@code .h5} file. */
    static void writeSpectrum(Spectrum spectrum, Path out, PrintWriter stdout, Map<String, String> provenance)
            throws java.io.IOException, UserException {
        if (out == null) {
            org.activestructopt.spectra.io.ColumnWriter.write(spectrum, stdout, provenance);
            stdout.flush();
            return;
        }
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".nxs") || name.endsWith(".h5") || name.endsWith(".hdf5")) {
            NexusOutput.write(spectrum, out, provenance);
            return;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !java.nio.file.Files.isDirectory(parent)) {
            throw new UserException("--out " + out + ": directory " + parent + " does not exist");
        }
        org.activestructopt.spectra.io.ColumnWriter.write(spectrum, out, provenance);
    }
}
