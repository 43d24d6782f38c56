package org.activestructopt.app.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.activestructopt.api.EnergyCalculator;
import org.activestructopt.api.EnergyRegistry;
import org.activestructopt.api.EnergyResult;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.NullProgressMonitor;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code aso simulate NAME} for each energy calculator service (e.g. {@code energy}, LAMMPS): the energy per atom of
 * one or more structures, computed in one batch, with the forces on request. Options come from the calculator's
 * settings schema, as a simulator's do.
 */
final class EnergySubcommand implements Callable<Integer> {

    private final EnergyCalculator calculator;
    private CommandSpec spec;

    private EnergySubcommand(EnergyCalculator calculator) {
        this.calculator = calculator;
    }

    static void addAll(CommandLine simulate, EnergyRegistry registry) {
        registry.available().forEach((name, calculator) -> {
            if (!simulate.getSubcommands().containsKey(name)) {
                simulate.addSubcommand(name, new CommandLine(spec(calculator)));
            }
        });
    }

    private static CommandSpec spec(EnergyCalculator calculator) {
        EnergySubcommand run = new EnergySubcommand(calculator);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(run);
        run.spec = spec;
        spec.name(calculator.name());
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description(SettingOptions.escape(calculator.description()));
        spec.addOption(OptionSpec.builder("--structure").paramLabel("FILE").required(true).type(Path[].class)
                .arity("1..*").description("Structure(s): CIF, POSCAR or extended XYZ; several are computed in one "
                        + "batch.").build());
        spec.addOption(OptionSpec.builder("--forces").type(boolean.class).arity("0")
                .description("Also print the force on every site (eV/angstrom).").build());
        SettingOptions.add(spec, calculator.settings());
        return spec;
    }

    @Override
    public Integer call() throws UserException, SimulationException, IOException {
        Path[] files = spec.findOption("--structure").getValue();
        List<Structure> structures = new ArrayList<>();
        for (Path f : files) {
            structures.add(StructureArgs.read(f));
        }
        Settings settings = SettingOptions.parse(spec, calculator.settings());
        List<EnergyResult> results = calculator.energies(structures, settings, new NullProgressMonitor());
        boolean forces = spec.findOption("--forces").getValue();
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < files.length; i++) {
            EnergyResult r = results.get(i);
            out.println(String.format(Locale.ROOT, "%s energy_per_atom=%.8f eV/atom energy=%.8f eV sites=%d", files[i],
                    r.energyPerAtom(), r.energy(), r.sites()));
            if (forces) {
                for (int s = 0; s < r.sites(); s++) {
                    double[] f = r.force(s);
                    out.println(String.format(Locale.ROOT, "  site %d %s force %.8f %.8f %.8f", s + 1,
                            structures.get(i).species(s).symbol(), f[0], f[1], f[2]));
                }
            }
        }
        return 0;
    }
}
