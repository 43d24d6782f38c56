package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cluster and the feff.inp we write against the inputs pymatgen (MPEXAFSSet) and Larch (cif2feffinp) generate for
 * the same structures (data/generate_references.py): same atoms, elements and distances.
 */
class ClusterTest {

    /** Both tools write 5-6 decimals. */
    private static final double TOL = 2e-5;

    @ParameterizedTest(name = "{0} {1} within {2} A, as {3} builds it")
    @CsvSource({ "cu, Cu, 8, pymatgen", "cu, Cu, 8, larch", "linio2, Ni, 6, pymatgen", "linio2, Ni, 6, larch" })
    void clusterHasTheAtomsOfTheReferenceInput(String name, String absorber, double radius, String tool)
            throws IOException {
        Structure s = TestData.sites(name);
        int site = s.species().indexOf(Element.of(absorber));
        Cluster ours = Cluster.cut(s, site, radius);
        List<TestData.InpAtom> ref = TestData.atoms(Files.readString(TestData.data(tool, name + "-feff.inp")));

        assertEquals(ref.size(), ours.size(), "number of atoms within " + radius + " A");
        assertEquals(Element.of(absorber), ref.get(0).element());
        assertEquals(0, ref.get(0).distance(), TOL);
        List<TestData.InpAtom> mine = ours.atoms().stream()
                .map(a -> new TestData.InpAtom(a.element(), a.x(), a.y(), a.z())).toList();
        List<TestData.InpAtom> a = sorted(ref);
        List<TestData.InpAtom> b = sorted(mine);
        for (int i = 0; i < a.size(); i++) {
            TestData.InpAtom x = a.get(i);
            TestData.InpAtom y = b.get(i);
            String where = tool + " atom " + x + " vs ours " + y;
            assertEquals(x.element(), y.element(), where);
            assertEquals(x.distance(), y.distance(), TOL, where);
            assertEquals(x.x(), y.x(), TOL, where);
            assertEquals(x.y(), y.y(), TOL, where);
            assertEquals(x.z(), y.z(), TOL, where);
        }
    }

    /** Shell by shell, then by position: both lists in one canonical order despite rounding in the files. */
    private static List<TestData.InpAtom> sorted(List<TestData.InpAtom> atoms) {
        List<TestData.InpAtom> out = new ArrayList<>(atoms);
        out.sort(Comparator.comparingLong((TestData.InpAtom t) -> Math.round(t.distance() * 1e3))
                .thenComparingInt(t -> t.element().z()).thenComparingLong(t -> Math.round(t.x() * 1e3))
                .thenComparingLong(t -> Math.round(t.y() * 1e3)).thenComparingLong(t -> Math.round(t.z() * 1e3)));
        return out;
    }

    @Test
    void writtenInputListsTheClusterWithOnePotentialPerElement() throws IOException {
        Structure s = TestData.linio2();
        int ni = s.species().indexOf(Element.Ni);
        Cluster c = Cluster.cut(s, ni, 6);
        FeffInput in = new FeffInput(FeffCards.builder().rpath(6).build(), c, FeffVersion.FEFF85L);

        assertEquals(Map.of(Element.Ni, 1, Element.Li, 2, Element.O, 3), in.potentials());
        List<TestData.InpAtom> back = TestData.atoms(in.text());
        assertEquals(c.size(), back.size());
        for (int i = 0; i < back.size(); i++) {
            Cluster.Atom a = c.atoms().get(i);
            assertEquals(a.element(), back.get(i).element(), "atom " + i);
            assertEquals(a.distance(), back.get(i).distance(), 1e-5, "atom " + i);
        }
        // the nearest neighbours of Ni in LiNiO2 (Ni 3a, O 6c z = 0.258): 6 O at 1.977 A, then 6 Ni and 6 Li
        assertEquals(Element.O, c.atoms().get(1).element());
        assertEquals(1.97674, c.atoms().get(1).distance(), 1e-5);
        assertEquals(Element.O, c.atoms().get(6).element());
        assertEquals(Element.Ni, c.atoms().get(7).element());
        assertEquals(2.88, c.atoms().get(7).distance(), 1e-9);
    }

    @Test
    void cardsAreWrittenAsFeffReadsThem() throws IOException {
        FeffCards cards = FeffCards.builder().edge("L3").s02(0.9).exchange(0, 0.5, 1.25).scf(OptionalDouble.of(4))
                .rpath(5.5).nleg(3).criteria(0, 0).debye(80, 343).sig2(0.003).pathFiles(true).build();
        String text = new FeffInput(cards, Cluster.cut(TestData.cu(), 0, 4), FeffVersion.FEFF85L).text();
        for (String line : List.of("EDGE L3", "S02 0.9", "EXCHANGE 0 0.5 1.25", "SCF 4.0", "RPATH 5.5", "NLEG 3",
                "CRITERIA 0.0 0.0", "DEBYE 80.0 343.0", "SIG2 0.003", "PRINT 1 0 0 0 0 3", "EXAFS 20.0")) {
            assertTrue(text.lines().anyMatch(line::equals), "missing '" + line + "' in\n" + text);
        }
        assertTrue(text.lines().noneMatch(l -> l.startsWith("FMS") || l.startsWith("XANES")));
    }

    @Test
    void fullMultipleScatteringCardsNeedFeff9() throws IOException {
        FeffCards cards = FeffCards.builder().fms(OptionalDouble.of(6)).xanesKmax(OptionalDouble.of(5))
                .corehole("RPA").build();
        Cluster c = Cluster.cut(TestData.cu(), 0, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeffInput(cards, c, FeffVersion.FEFF85L));
        assertTrue(e.getMessage().contains("no full multiple scattering"), e.getMessage());
        String text = new FeffInput(cards, c, FeffVersion.FEFF9).text();
        assertTrue(text.contains("\nFMS 6.0 0\n") && text.contains("\nXANES 5.0 ") && text.contains("\nCOREHOLE RPA\n"),
                text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("EXAFS")), "XANES runs replace the EXAFS card");
    }

    @Test
    void feff85lAtomLimitIsCheckedBeforeRunning() throws IOException {
        Cluster big = Cluster.cut(TestData.linio2(), 0, 16);
        assertTrue(big.size() > 1000, "16 A holds about 2000 atoms");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FeffInput(FeffCards.builder().build(), big, FeffVersion.FEFF85L));
        assertTrue(e.getMessage().contains("at most 1000"), e.getMessage());
    }

    @Test
    void invalidCardsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeffCards.builder().edge("Q").build());
        assertTrue(e.getMessage().contains("EDGE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FeffCards.builder().nleg(1).build());
        assertTrue(e.getMessage().contains("NLEG"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FeffCards.builder().rpath(-1).build());
        assertTrue(e.getMessage().contains("RPATH"), e.getMessage());
    }

    @Test
    void equivalentAbsorbersAreSimulatedOnce() throws IOException {
        Structure s = TestData.linio2(); // 3 Ni, related by the R-centring translations
        List<AbsorberSites.Group> distinct = AbsorberSites.find(s, Element.Ni, 6, 0.002, AbsorberSites.Mode.DISTINCT);
        assertEquals(1, distinct.size());
        assertEquals(List.of(0, 1, 2), distinct.get(0).sites());
        assertEquals(1.0, distinct.get(0).weight());

        List<AbsorberSites.Group> all = AbsorberSites.find(s, Element.Ni, 6, 0.002, AbsorberSites.Mode.ALL);
        assertEquals(3, all.size());
        all.forEach(g -> assertEquals(1 / 3.0, g.weight(), 1e-15));

        // moving one Ni by 0.05 A makes it, and the environments of the others, distinct
        Structure moved = s.withFrac(0, new double[] { 1 / 3.0 + 0.05 / 2.88, 2 / 3.0, 2 / 3.0 });
        List<AbsorberSites.Group> broken = AbsorberSites.find(moved, Element.Ni, 6, 0.002,
                AbsorberSites.Mode.DISTINCT);
        assertTrue(broken.size() >= 2, "a displaced Ni cannot share a group: " + broken);
        assertEquals(1.0, broken.stream().mapToDouble(AbsorberSites.Group::weight).sum(), 1e-12);
        // ...but a tolerance above the displacement merges them again
        assertEquals(1, AbsorberSites.find(moved, Element.Ni, 6, 0.2, AbsorberSites.Mode.DISTINCT).size());
    }

    @Test
    void supercellsKeepOneGroup() throws IOException {
        Structure big = TestData.cu().supercell(2, 2, 2);
        List<AbsorberSites.Group> g = AbsorberSites.find(big, Element.Cu, 8, 0.002, AbsorberSites.Mode.DISTINCT);
        assertEquals(1, g.size());
        assertEquals(32, g.get(0).sites().size());
        // the cluster does not depend on the cell chosen for the same crystal
        assertEquals(Cluster.cut(TestData.cu(), 0, 8).size(), g.get(0).cluster().size());
    }

    @Test
    void perturbedCopiesHaveDistinctEnvironments() throws IOException {
        Structure p = TestData.linio2().perturbed(new SplittableRandom(7), 0.02, 0.05);
        assertEquals(3, AbsorberSites.find(p, Element.Ni, 6, 0.002, AbsorberSites.Mode.DISTINCT).size());
    }

    @Test
    void missingAbsorberIsNamed() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AbsorberSites.find(TestData.cu(), Element.Ni, 6, 0, AbsorberSites.Mode.DISTINCT));
        assertTrue(e.getMessage().contains("no Ni site"), e.getMessage());
    }
}
