package org.activestructopt.simulation.lammps.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.activestructopt.api.EnergyCalculator;
import org.activestructopt.api.EnergyRegistry;
import org.activestructopt.api.EnergyResult;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.StructureFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The LAMMPS energy calculator against Debian's real {@code lmp}: against direct LAMMPS runs on data files written
 * independently by ASE (data/make_structures.py), against published cohesive energies, forces against finite
 * differences of its own energies, and every potential of its table run once.
 */
class LammpsEnergyTest {

    private static final Path POTENTIALS = Path.of("/usr/share/lammps/potentials");
    private static EnergyCalculator energy;
    private static Settings defaults;

    @BeforeAll
    static void service() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(LammpsEnergyTest.class);
        assumeTrue(bundle != null, "not running inside an OSGi framework");
        try (EnergyRegistry registry = EnergyRegistry.open(bundle.getBundleContext())) {
            energy = registry.get("energy");
        }
        defaults = energy.settings().defaults();
    }

    private static Structure read(String name) throws Exception {
        return StructureFiles.read(Path.of("data", name + ".xyz"));
    }

    /** The potential each ASE-written file is run with, by hand. */
    private static final Map<String, List<String>> BY_HAND = Map.of(
            "si-primitive", List.of("mass 1 28.0855", "pair_style tersoff",
                    "pair_coeff * * " + POTENTIALS.resolve("Si.tersoff") + " Si"),
            "cu-fcc", List.of("mass 1 63.546", "pair_style eam", "pair_coeff 1 1 " + POTENTIALS.resolve("Cu_u3.eam")),
            "sic-sheared", List.of("mass 1 28.0855", "mass 2 12.011", "pair_style tersoff",
                    "pair_coeff * * " + POTENTIALS.resolve("SiC.tersoff") + " Si C"));

    /** Total energy of an ASE-written data file from lmp with an input written here. */
    private static double directLammps(String name, Path dir) throws Exception {
        Files.copy(Path.of("data", name + ".data"), dir.resolve(name + ".data"));
        List<String> in = new ArrayList<>(List.of("units metal", "atom_style atomic", "boundary p p p",
                "read_data " + name + ".data"));
        in.addAll(BY_HAND.get(name));
        in.addAll(List.of("run 0", "variable e equal pe", "print \"TOTAL ${e}\""));
        Files.write(dir.resolve("in." + name), in);
        Process p = new ProcessBuilder("lmp", "-nocite", "-in", "in." + name, "-log", "log." + name).directory(
                dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        for (String line : out.split("\\R")) {
            if (line.startsWith("TOTAL ")) {
                return Double.parseDouble(line.substring(6).trim());
            }
        }
        throw new AssertionError("no energy from direct lmp run of " + name + ":\n" + out);
    }

    @Test
    void equalsDirectLammpsRunsOnIndependentlyWrittenDataFilesInOneBatchEach(@TempDir Path dir) throws Exception {
        for (String name : List.of("si-primitive", "cu-fcc", "sic-sheared")) {
            Structure s = read(name);
            EnergyResult r = energy.energies(List.of(s, s), defaults, null).get(1);
            double direct = directLammps(name, dir) / s.size();
            assertEquals(direct, r.energyPerAtom(), 1e-6, name);
        }
    }

    @Test
    void publishedCohesiveEnergies() throws Exception {
        Structure si = Structure.builder(Lattice.cubic(5.432)).add("Si", 0, 0, 0).add("Si", 0.25, 0.25, 0.25)
                .add("Si", 0, 0.5, 0.5).add("Si", 0.25, 0.75, 0.75).add("Si", 0.5, 0, 0.5).add("Si", 0.75, 0.25, 0.75)
                .add("Si", 0.5, 0.5, 0).add("Si", 0.75, 0.75, 0.25).build();
        Structure cu = Structure.builder(Lattice.cubic(3.615)).add("Cu", 0, 0, 0).add("Cu", 0, 0.5, 0.5)
                .add("Cu", 0.5, 0, 0.5).add("Cu", 0.5, 0.5, 0).build();
        List<EnergyResult> si1 = energy.energies(List.of(si), defaults, null);
        // Tersoff, Phys. Rev. B 38, 9902 (1988): diamond Si cohesive energy 4.63 eV at a = 5.432 A
        assertEquals(-4.63, si1.get(0).energyPerAtom(), 0.005);
        // Foiles, Baskes, Daw, Phys. Rev. B 33, 7983 (1986): Cu cohesive energy 3.54 eV at a = 3.615 A
        assertEquals(-3.54, energy.energy(cu, defaults, null).energyPerAtom(), 0.005);
        // a perfect crystal has no forces
        for (double[] f : si1.get(0).forces()) {
            assertEquals(0, Math.abs(f[0]) + Math.abs(f[1]) + Math.abs(f[2]), 1e-8);
        }
    }

    @Test
    void forcesAreMinusTheGradientOfTheEnergyInTheStructuresOwnFrame() throws Exception {
        for (String name : List.of("cu-fcc", "sic-sheared")) {
            Structure s = read(name);
            EnergyResult r = energy.energy(s, defaults, null);
            double h = 1e-4;
            List<Structure> moved = new ArrayList<>();
            int[] sites = { 0, 3 };
            for (int i : sites) {
                for (int a = 0; a < 3; a++) {
                    for (int sign : new int[] { 1, -1 }) {
                        double[] c = s.cart(i);
                        c[a] += sign * h;
                        moved.add(s.withFrac(i, s.lattice().toFractional(c)));
                    }
                }
            }
            List<EnergyResult> e = energy.energies(moved, defaults, null);
            int k = 0;
            for (int i : sites) {
                for (int a = 0; a < 3; a++) {
                    double fd = -(e.get(k).energy() - e.get(k + 1).energy()) / (2 * h);
                    k += 2;
                    assertEquals(fd, r.force(i)[a], 2e-4, name + " site " + i + " axis " + a);
                }
            }
            assertTrue(Math.abs(r.force(0)[0]) + Math.abs(r.force(0)[1]) + Math.abs(r.force(0)[2]) > 1e-3,
                    "rattled structure has non-zero forces");
        }
    }

    @Test
    void aPotentialOfOnesOwnGivesWhatTheTableGivesForTheSameFile() throws Exception {
        Structure si = read("si-primitive");
        Settings own = defaults.with("pair_style", "tersoff").with("pair_coeff", "* * "
                + POTENTIALS.resolve("Si.tersoff") + " Si");
        assertEquals(energy.energy(si, defaults, null).energy(), energy.energy(si, own, null).energy(), 1e-9);
        Settings other = defaults.with("pair_style", "tersoff").with("pair_coeff", "* * "
                + POTENTIALS.resolve("SiC.tersoff") + " Si");
        assertNotEquals(energy.energy(si, defaults, null).energy(), energy.energy(si, other, null).energy(), 1e-6);
    }

    @Test
    void elementsNoPotentialCoversAreNamedWithHowToGiveOne() {
        Structure zns = Structure.builder(Lattice.cubic(5.41)).add("Zn", 0, 0, 0).add("S", 0.25, 0.25, 0.25).build();
        SimulationException e = assertThrows(SimulationException.class, () -> energy.energy(zns, defaults, null));
        assertEquals(SimulationException.Reason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("[S, Zn]") && e.getMessage().contains("pair_style"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aMissingExecutableIsAnEnvironmentProblemNamingIt() throws Exception {
        Settings bad = defaults.with("executable", "/nonexistent/lmp");
        SimulationException e = assertThrows(SimulationException.class, () -> energy.energy(read("cu-fcc"), bad,
                null));
        assertEquals(SimulationException.Reason.ENVIRONMENT, e.reason());
        assertTrue(e.getMessage().contains("/nonexistent/lmp"), e.getMessage());
    }

    @Test
    void aLammpsErrorNamesTheStructureOfTheBatch() throws Exception {
        Settings bad = defaults.with("pair_style", "tersoff").with("pair_coeff", "* * /nonexistent/X.tersoff Si");
        SimulationException e = assertThrows(SimulationException.class, () -> energy.energies(List.of(
                read("si-primitive")), bad, null));
        assertTrue(e.getMessage().contains("structure 1 of 1") && e.getMessage().contains("ERROR"), e.getMessage());
    }

    @Test
    void everyPotentialOfTheTableRuns() throws IOException, SimulationException {
        PotentialTable table = PotentialTable.load(POTENTIALS);
        assertTrue(table.entries().size() >= 20);
        for (Potential p : table.entries()) {
            assertTrue(Files.isRegularFile(p.file()), "missing " + p.file());
            List<Element> els = new ArrayList<>(p.elements());
            Structure.Builder b = Structure.builder(Lattice.cubic(4.6));
            double[][] sites = { { 0, 0, 0 }, { 0.5, 0.5, 0.5 }, { 0, 0.5, 0.5 }, { 0.5, 0, 0 }, { 0.5, 0.5, 0 },
                    { 0, 0, 0.5 }, { 0.5, 0, 0.5 }, { 0, 0.5, 0 } };
            for (int i = 0; i < sites.length; i++) {
                b.add(els.get(i % els.size()), sites[i]);
            }
            Structure s = b.build();
            assertEquals(p, table.choose(Set(els)).orElseThrow(), "the table chooses this entry for its own elements");
            double e;
            try {
                e = energy.energy(s, defaults, null).energyPerAtom();
            } catch (SimulationException ex) {
                throw new AssertionError(p.describe() + ": " + ex.getMessage(), ex);
            }
            assertTrue(Double.isFinite(e) && e < 10 && e > -20, p.describe() + ": " + e + " eV/atom");
        }
    }

    private static java.util.Set<Element> Set(List<Element> els) {
        return java.util.Set.copyOf(els);
    }
}
