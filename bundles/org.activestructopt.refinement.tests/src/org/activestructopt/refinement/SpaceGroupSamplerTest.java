package org.activestructopt.refinement;

import static org.activestructopt.refinement.SamplerChecks.assertKeepsDistances;
import static org.activestructopt.refinement.SamplerChecks.assertSameSitesAsStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.activestructopt.refinement.model.Variation;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.symmetry.SpaceGroup;
import org.activestructopt.structure.symmetry.SymmetryOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SpaceGroupSamplerTest {

    private static final MinimumDistances LIMITS = MinimumDistances.defaults();

    static List<Structure> starts() {
        return List.of(TestStructures.nacl(), TestStructures.srtio3(), TestStructures.rutile(), TestStructures.linio2());
    }

    /**
     * Every operation of the drawn group maps every site onto a site of the same element (fractional coordinates
     * equal modulo 1 within 1e-9): the structure's symmetry contains the group.
     */
    static void assertInvariant(Structure s, SpaceGroup g) {
        for (SymmetryOperation op : g.operations()) {
            for (int i = 0; i < s.size(); i++) {
                double[] p = op.apply(s.frac(i));
                boolean found = false;
                for (int j = 0; j < s.size() && !found; j++) {
                    if (s.species(j) != s.species(i)) {
                        continue;
                    }
                    double[] q = s.frac(j);
                    found = true;
                    for (int k = 0; k < 3; k++) {
                        double d = p[k] - q[k];
                        found &= Math.abs(d - Math.rint(d)) < 1e-9;
                    }
                }
                assertTrue(found, "operation " + op + " maps site " + i + " of " + s + " onto no site (" + g + ")");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("starts")
    void drawsKeepCompositionConstraintsAndTheDrawnSymmetry(Structure start) throws Exception {
        SpaceGroupSampler sampler = SpaceGroupSampler.of(start, LIMITS, Variation.COORDINATES_AND_LATTICE);
        Set<Integer> seen = new TreeSet<>();
        for (int k = 0; k < 30; k++) {
            SpaceGroupSampler.Draw d = sampler.draw(Seeds.generator(11, "spacegroup", k), null);
            Structure s = d.structure();
            assertEquals(start.composition(), s.composition());
            assertSameSitesAsStart(s, start);
            assertKeepsDistances(s, LIMITS);
            assertInvariant(s, d.group());
            assertTrue(d.group().isCompatible(s.lattice(), 1e-9), "cell of the crystal system of " + d.group());
            assertTrue(sampler.compatibleGroups().contains(d.group()));
            int sites = d.wyckoffLabels().stream().mapToInt(l -> Integer.parseInt(l.replaceAll("\\D", ""))).sum();
            assertEquals(start.size(), sites, "multiplicities add up to the number of sites: " + d.wyckoffLabels());
            double ratio = s.volume() / start.species().stream()
                    .mapToDouble(e -> 4.0 / 3 * Math.PI * Math.pow(e.covalentRadius(), 3)).sum();
            assertTrue(ratio >= 1.1 - 1e-9 && ratio <= 4.5 + 1e-9, "packing " + ratio);
            seen.add(d.group().number());
        }
        assertTrue(seen.size() > 5, "draws come from many groups: " + seen);
    }

    /** Compatible groups agree with an exhaustive search on cctbx's Wyckoff tables (data/spacegroup). */
    @Test
    void compatibleGroupsAgreeWithCctbx() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("data", "spacegroup", "compatible_groups.tsv"));
        int checked = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            Structure.Builder b = Structure.builder(Lattice.cubic(20));
            for (String token : f[0].split(" ")) {
                Element e = Element.of(token.replaceAll("\\d", ""));
                int n = Integer.parseInt(token.replaceAll("\\D", ""));
                for (int i = 0; i < n; i++) {
                    b.add(e, 0.1 * i, 0.13 * checked, 0.07 * i * i); // positions are irrelevant to compatibility
                }
            }
            SpaceGroupSampler sampler = SpaceGroupSampler.of(b.build(), MinimumDistances.scaled(0),
                    Variation.COORDINATES_AND_LATTICE);
            Set<Integer> expected = Arrays.stream(f[1].split(" ")).map(Integer::valueOf).collect(Collectors.toSet());
            Set<Integer> actual = sampler.compatibleGroups().stream().map(SpaceGroup::number).collect(Collectors.toSet());
            assertEquals(new TreeSet<>(expected), new TreeSet<>(actual), f[0]);
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void groupsAreDrawnInProportionToThePrior() throws Exception {
        Structure start = TestStructures.nacl();
        SpaceGroupSampler sampler = SpaceGroupSampler.of(start, LIMITS, Variation.COORDINATES_AND_LATTICE);
        SpaceGroupPrevalence prior = SpaceGroupPrevalence.defaults();
        double total = sampler.compatibleGroups().stream().mapToDouble(g -> prior.weight(g.number())).sum();
        for (SpaceGroup g : sampler.compatibleGroups()) {
            assertEquals(prior.weight(g.number()) / total, sampler.probability(g), 1e-12);
        }
        assertEquals(0, sampler.probability(SpaceGroup.of(229)), "Im-3m has no way to hold 4 + 4 atoms");
        // the tabulated counts: Fm-3m is among the most common groups, P1 is rare
        assertTrue(prior.count(225) > 20 && prior.count(1) < 5, prior.count(225) + " " + prior.count(1));
        // the first step of a draw follows the probabilities: 600 draws, checked on the most likely group
        SplittableRandom rng = new SplittableRandom(3);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int k = 0; k < 600; k++) {
            SpaceGroupSampler.Draw d = sampler.draw(rng.split(), null);
            counts.merge(d.group().number(), 1, Integer::sum);
        }
        double p225 = sampler.probability(SpaceGroup.of(225));
        double expected = 600 * p225;
        // groups that fail to give a structure are redrawn, so a group is seen at most its share plus a few sigma
        assertTrue(counts.getOrDefault(225, 0) < expected + 5 * Math.sqrt(expected) + 5, counts.get(225) + " vs "
                + expected);
        assertTrue(counts.getOrDefault(225, 0) > expected / 3, counts.get(225) + " vs " + expected);
    }

    @Test
    void fixedCellUsesOnlyGroupsTheCellCarries() throws Exception {
        Structure start = TestStructures.rutile();
        SpaceGroupSampler sampler = SpaceGroupSampler.of(start, LIMITS, Variation.COORDINATES);
        for (SpaceGroup g : sampler.compatibleGroups()) {
            assertTrue(g.isCompatible(start.lattice(), 1e-3), g.toString());
            assertTrue(g.number() < 168 && !(g.number() >= 143), "no trigonal, hexagonal or cubic group: " + g);
        }
        assertTrue(sampler.compatibleGroups().contains(SpaceGroup.of(136)));
        for (int k = 0; k < 10; k++) {
            SpaceGroupSampler.Draw d = sampler.draw(Seeds.generator(4, "fixed", k), null);
            assertEquals(start.lattice(), d.structure().lattice());
            assertInvariant(d.structure(), d.group());
            assertKeepsDistances(d.structure(), LIMITS);
        }
    }

    @Test
    void drawsAreDeterministicGivenTheGenerator() throws Exception {
        SpaceGroupSampler sampler = SpaceGroupSampler.of(TestStructures.linio2(), LIMITS,
                Variation.COORDINATES_AND_LATTICE);
        List<Structure> a = new ArrayList<>();
        List<Structure> b = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            a.add(sampler.sample(Seeds.generator(9, "x", k), null));
            b.add(sampler.sample(Seeds.generator(9, "x", k), null));
        }
        assertEquals(a, b);
        assertEquals(5, new HashSet<>(a).size());
    }

    @Test
    void impossibleConstraintsGiveAClearError() {
        SpaceGroupSampler sampler = SpaceGroupSampler.of(TestStructures.nacl(), MinimumDistances.scaled(2),
                SpaceGroupSampler.SCHEMA.parse(Map.of("packing_min", "0.6", "packing_max", "0.7", "attempts", "3",
                        "groups", "4")),
                Variation.COORDINATES_AND_LATTICE, SpaceGroupPrevalence.uniform());
        SamplingException e = assertThrows(SamplingException.class, () -> sampler.draw(new SplittableRandom(0), null));
        assertTrue(e.getMessage().contains("4 space groups tried"), e.getMessage());
        assertTrue(e.getMessage().contains("Na4 Cl4"), e.getMessage());
    }
}
