package org.activestructopt.simulation.lammps.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.activestructopt.api.EnergyCalculator;
import org.activestructopt.api.EnergyResult;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.Settings;
import org.activestructopt.process.ProcessSupervisor;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;

/**
 * The energy of structures from LAMMPS: one LAMMPS process computes a whole batch (an input that reads each
 * structure's data file in turn, {@code run 0}, prints the energy and dumps the forces), so a structure costs
 * milliseconds instead of a process start. The process is started without a shell in its own temporary directory,
 * with a time limit and cancellation, under the {@link ProcessSupervisor} (it cannot outlive the JVM); the potential comes from the documented table {@code potentials.tsv} by the
 * structure's elements, or from the settings.
 */
@Component(service = EnergyCalculator.class, property = EnergyCalculator.NAME_PROPERTY + "=" + LammpsEnergy.NAME)
public final class LammpsEnergy implements EnergyCalculator {

    /** The registered name. */
    public static final String NAME = "energy";

    /** Prefix of the run directories in the temporary directory; those of dead JVMs are swept at the first run. */
    static final String DIRECTORY_PREFIX = "aso-lammps-";

    private static final ProcessSupervisor SUPERVISOR = ProcessSupervisor.get();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "potential energy per atom and forces from LAMMPS with a packaged interatomic potential";
    }

    @Override
    public SettingsSchema settings() {
        return LammpsSettings.SCHEMA;
    }

    @Override
    public List<EnergyResult> energies(List<Structure> structures, Settings settings, IProgressMonitor monitor)
            throws SimulationException {
        if (!settings.schema().equals(LammpsSettings.SCHEMA)) {
            throw new SimulationException(Reason.INVALID_REQUEST, "settings of " + settings.schema().owner()
                    + " passed to " + LammpsSettings.SCHEMA.owner());
        }
        if (structures.isEmpty()) {
            return List.of();
        }
        Set<Element> all = new LinkedHashSet<>();
        for (Structure s : structures) {
            all.addAll(s.species());
        }
        List<Element> types = new ArrayList<>(all);
        List<String> potential = potentialLines(types, settings);
        Path dir;
        try {
            Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
            SUPERVISOR.sweepOnce(scratch, DIRECTORY_PREFIX);
            dir = SUPERVISOR.createDirectory(scratch, DIRECTORY_PREFIX);
        } catch (IOException e) {
            throw new SimulationException(Reason.ENVIRONMENT, "cannot create a temporary directory for LAMMPS: "
                    + e.getMessage(), e);
        }
        try {
            List<LammpsCell> cells = new ArrayList<>();
            for (int i = 0; i < structures.size(); i++) {
                LammpsCell cell = new LammpsCell(structures.get(i), types);
                cells.add(cell);
                Files.writeString(dir.resolve("s" + (i + 1) + ".data"), cell.dataFile(), StandardCharsets.US_ASCII);
            }
            Files.writeString(dir.resolve("in.aso"), input(structures.size(), potential), StandardCharsets.US_ASCII);
            run(dir, settings, structures.size(), monitor);
            return read(dir, structures, cells);
        } catch (IOException e) {
            throw new SimulationException(Reason.ENVIRONMENT, "cannot write or read LAMMPS files in " + dir + ": "
                    + e.getMessage(), e);
        } finally {
            SUPERVISOR.release(dir, true);
        }
    }

    private static List<String> potentialLines(List<Element> types, Settings settings) throws SimulationException {
        String style = settings.get(LammpsSettings.PAIR_STYLE).strip();
        String coeff = settings.get(LammpsSettings.PAIR_COEFF).strip();
        List<String> lines = new ArrayList<>();
        if (!style.isEmpty() || !coeff.isEmpty()) {
            if (style.isEmpty() || coeff.isEmpty()) {
                throw new SimulationException(Reason.INVALID_REQUEST,
                        "give both 'pair_style' and 'pair_coeff' for a potential of your own (got pair_style '"
                                + style + "', pair_coeff '" + coeff + "')");
            }
            checkLine("pair_style", style);
            lines.add("pair_style " + style);
            for (String c : coeff.split(";")) {
                if (!c.isBlank()) {
                    checkLine("pair_coeff", c);
                    lines.add("pair_coeff " + c.strip());
                }
            }
            return lines;
        }
        Path potDir = Path.of(settings.get(LammpsSettings.POTENTIAL_DIR));
        PotentialTable table = PotentialTable.load(potDir);
        Set<Element> need = Set.copyOf(types);
        Potential p = table.choose(need).orElseThrow(() -> new SimulationException(Reason.INVALID_REQUEST,
                "no packaged potential covers the elements " + types.stream().map(Element::symbol).sorted().toList()
                        + " (the table covers " + table.covered() + "); give one with the settings pair_style and "
                        + "pair_coeff, e.g. pair_style=tersoff pair_coeff='* * /path/file.tersoff "
                        + types.stream().map(Element::symbol).collect(Collectors.joining(" ")) + "'"));
        if (!Files.isRegularFile(p.file())) {
            throw new SimulationException(Reason.ENVIRONMENT, "potential file " + p.file() + " not found; install "
                    + "Debian's lammps-data or set 'potential_dir'");
        }
        lines.add("pair_style " + p.pairStyle());
        lines.addAll(p.pairCoeffLines(types));
        return lines;
    }

    /** A line of the user's that could start another LAMMPS command would be a way around the input's structure. */
    private static void checkLine(String setting, String text) throws SimulationException {
        if (text.contains("\n") || text.contains("\r") || text.contains("&") || text.contains("$")) {
            throw new SimulationException(Reason.INVALID_REQUEST, "setting '" + setting + "': '" + text
                    + "' must be one line without '&' or '$'");
        }
    }

    static String input(int n, List<String> potential) {
        StringBuilder sb = new StringBuilder();
        sb.append("variable aso_i loop ").append(n).append('\n');
        sb.append("label aso_next\n");
        sb.append("units metal\natom_style atomic\natom_modify map array\nboundary p p p\n");
        sb.append("read_data s${aso_i}.data\n");
        for (String l : potential) {
            sb.append(l).append('\n');
        }
        sb.append("thermo_style custom step pe\nthermo_modify norm no\nrun 0 post no\n");
        sb.append("print \"ASO ${aso_i} $(pe:%.15g) $(atoms)\" append energies.txt screen no\n");
        sb.append("write_dump all custom f${aso_i}.dump id fx fy fz modify sort id format float %.15g\n");
        sb.append("clear\nnext aso_i\njump SELF aso_next\n");
        return sb.toString();
    }

    private static void run(Path dir, Settings settings, int n, IProgressMonitor monitor)
            throws SimulationException, IOException {
        String exe = executable(settings.get(LammpsSettings.EXECUTABLE));
        ProcessBuilder pb = new ProcessBuilder(exe, "-nocite", "-in", "in.aso", "-log", "log.lammps", "-screen",
                "none").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        long limitNanos = (long) ((30 + settings.get(LammpsSettings.TIMEOUT) * n) * 1e9);
        Process p;
        try {
            p = SUPERVISOR.start(pb, dir, Duration.ofNanos(limitNanos));
        } catch (IOException e) {
            throw new SimulationException(Reason.ENVIRONMENT, "LAMMPS executable '" + exe + "' cannot be started ("
                    + e.getMessage() + "); install Debian's lammps or set 'executable'", e);
        }
        long start = System.nanoTime();
        try {
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (monitor != null && monitor.isCanceled()) {
                    kill(p);
                    throw new SimulationException(Reason.CANCELLED, "LAMMPS run cancelled");
                }
                if (System.nanoTime() - start > limitNanos) {
                    kill(p);
                    throw new SimulationException(Reason.TIMEOUT, "LAMMPS did not finish " + n + " structure(s) "
                            + "within " + Math.round(limitNanos / 1e9) + " s");
                }
            }
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new SimulationException(Reason.CANCELLED, "interrupted while LAMMPS ran", e);
        }
        int done = countEnergies(dir);
        if (p.exitValue() == ProcessSupervisor.TIMED_OUT && !SUPERVISOR.wrapper().isEmpty()) {
            throw new SimulationException(Reason.TIMEOUT, "LAMMPS was ended by the external time limit after "
                    + done + " of " + n + " structure(s)");
        }
        if (p.exitValue() != 0 || done < n) {
            throw new SimulationException(done < n ? Reason.INVALID_STRUCTURE : Reason.EXTERNAL_FAILURE,
                    "LAMMPS failed on structure " + (done + 1) + " of " + n + ": " + errorLine(dir));
        }
    }

    /**
     * The program is started through the supervisor's wrapper, which would report a missing program only as an exit
     * status, so it is looked up here.
     *
     * @throws SimulationException with {@link Reason#ENVIRONMENT} naming the executable
     */
    private static String executable(String name) throws SimulationException {
        Path found = null;
        if (name.contains("/")) {
            found = Path.of(name);
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    found = Path.of(dir, name);
                    break;
                }
            }
        }
        if (found == null || !Files.isRegularFile(found) || !Files.isExecutable(found)) {
            throw new SimulationException(Reason.ENVIRONMENT, "LAMMPS executable '" + name + "' not found"
                    + (name.contains("/") ? "" : " on PATH") + "; install Debian's lammps or set 'executable'");
        }
        return found.toString();
    }

    private static void kill(Process p) {
        ProcessSupervisor.destroyTree(p);
    }

    private static int countEnergies(Path dir) throws IOException {
        Path f = dir.resolve("energies.txt");
        if (!Files.exists(f)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(f)) {
            return (int) lines.filter(l -> l.startsWith("ASO ")).count();
        }
    }

    private static String errorLine(Path dir) throws IOException {
        for (String name : List.of("log.lammps", "stdout.txt")) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                for (String l : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                    if (l.startsWith("ERROR")) {
                        return l.strip();
                    }
                }
            }
        }
        return "no ERROR line in its log (exit status or missing output)";
    }

    private static List<EnergyResult> read(Path dir, List<Structure> structures, List<LammpsCell> cells)
            throws IOException, SimulationException {
        List<String> lines = Files.readAllLines(dir.resolve("energies.txt"), StandardCharsets.US_ASCII);
        List<EnergyResult> out = new ArrayList<>();
        for (int i = 0; i < structures.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            int n = structures.get(i).size();
            if (f.length != 4 || !f[1].equals(String.valueOf(i + 1)) || Integer.parseInt(f[3]) != n) {
                throw new SimulationException(Reason.EXTERNAL_FAILURE, "LAMMPS energies.txt line " + (i + 1)
                        + " is '" + lines.get(i) + "', expected structure " + (i + 1) + " with " + n + " atoms");
            }
            double e = Double.parseDouble(f[2]);
            if (!Double.isFinite(e)) {
                throw new SimulationException(Reason.NUMERICAL, "LAMMPS energy of structure " + (i + 1) + " is " + e);
            }
            out.add(new EnergyResult(e, n, forces(dir.resolve("f" + (i + 1) + ".dump"), n, cells.get(i))));
        }
        return out;
    }

    private static double[][] forces(Path dump, int n, LammpsCell cell) throws IOException, SimulationException {
        List<String> lines = Files.readAllLines(dump, StandardCharsets.US_ASCII);
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("ITEM: ATOMS")).findFirst()
                .orElseThrow(() -> new SimulationException(Reason.EXTERNAL_FAILURE, dump + " has no ITEM: ATOMS")));
        double[][] f = new double[n][];
        for (int k = 0; k < n; k++) {
            String[] t = lines.get(at + 1 + k).trim().split("\\s+");
            int id = Integer.parseInt(t[0]);
            f[id - 1] = cell.forceInStructureFrame(new double[] { Double.parseDouble(t[1]), Double.parseDouble(t[2]),
                    Double.parseDouble(t[3]) });
        }
        return f;
    }

    @Override
    public String toString() {
        return "LammpsEnergy";
    }
}
