package org.activestructopt.structure.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.activestructopt.structure.Lattice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpaceGroupTest {

    /** Orders of the 32 crystallographic point groups, under each orientation of their symbol that occurs. */
    static final Map<String, Integer> POINT_GROUP_ORDER = Map.ofEntries(
            Map.entry("1", 1), Map.entry("-1", 2), Map.entry("2", 2), Map.entry("m", 2), Map.entry("2/m", 4),
            Map.entry("222", 4), Map.entry("mm2", 4), Map.entry("m2m", 4), Map.entry("2mm", 4), Map.entry("mmm", 8),
            Map.entry("4", 4), Map.entry("-4", 4), Map.entry("4/m", 8), Map.entry("422", 8), Map.entry("4mm", 8),
            Map.entry("-42m", 8), Map.entry("-4m2", 8), Map.entry("4/mmm", 16), Map.entry("3", 3), Map.entry("-3", 6),
            Map.entry("32", 6), Map.entry("321", 6), Map.entry("312", 6), Map.entry("3m", 6), Map.entry("3m1", 6),
            Map.entry("31m", 6), Map.entry("-3m", 12), Map.entry("-3m1", 12), Map.entry("-31m", 12),
            Map.entry("6", 6), Map.entry("-6", 6), Map.entry("6/m", 12), Map.entry("622", 12), Map.entry("6mm", 12),
            Map.entry("-6m2", 12), Map.entry("-62m", 12), Map.entry("6/mmm", 24), Map.entry("23", 12),
            Map.entry("m-3", 24), Map.entry("432", 24), Map.entry("-43m", 24), Map.entry("m-3m", 48));

    static final Set<String> CENTROSYMMETRIC_CLASSES =
            Set.of("-1", "2/m", "mmm", "4/m", "4/mmm", "-3", "-3m", "6/m", "6/mmm", "m-3", "m-3m");

    static Stream<SpaceGroup> allSettings() {
        return SpaceGroup.allSettings().stream();
    }

    @Test
    void tableHasAll230TypesAndTheExtraSettings() {
        List<SpaceGroup> all = SpaceGroup.all();
        assertEquals(230, all.size());
        for (int n = 1; n <= 230; n++) {
            assertEquals(n, all.get(n - 1).number());
            assertSame(all.get(n - 1), SpaceGroup.of(n));
        }
        // 24 groups with two origin choices, 7 rhombohedral groups with two choices of axes
        assertEquals(230 + 24 + 7, SpaceGroup.allSettings().size());
        assertEquals(24, all.stream().filter(g -> g.setting().equals("2")).count());
        assertEquals(7, all.stream().filter(g -> g.setting().equals("H")).count());
    }

    @Test
    void wyckoffPositionsNumber1731InTheStandardSettings() {
        // ITA volume A: the 230 space-group types have 1731 Wyckoff positions.
        assertEquals(1731, SpaceGroup.all().stream().mapToInt(g -> g.wyckoffPositions().size()).sum());
    }

    @ParameterizedTest
    @MethodSource("allSettings")
    void operationsFormAGroupModuloLatticeTranslations(SpaceGroup g) {
        List<SymmetryOperation> ops = g.operations();
        assertTrue(ops.get(0).isIdentityModuloLattice(), g + ": identity first");
        Set<SymmetryOperation> set = new HashSet<>();
        for (SymmetryOperation op : ops) {
            assertEquals(op, op.normalized(), g + ": translations reduced");
            assertTrue(set.add(op), g + ": duplicate operation " + op);
        }
        for (SymmetryOperation a : ops) {
            assertTrue(set.contains(a.inverse().normalized()), g + ": inverse of " + a + " missing");
            for (SymmetryOperation b : ops) {
                SymmetryOperation ab = a.compose(b).normalized();
                if (!set.contains(ab)) {
                    throw new AssertionError(g + ": " + a + " * " + b + " = " + ab + " is not in the group");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("allSettings")
    void orderIsPointGroupOrderTimesCentringAndEqualsGeneralMultiplicity(SpaceGroup g) {
        Integer pointGroupOrder = POINT_GROUP_ORDER.get(g.pointGroup());
        assertTrue(pointGroupOrder != null, g + ": unknown point group " + g.pointGroup());
        int centrings = switch (g.centring()) {
            case 'P' -> 1;
            case 'A', 'B', 'C', 'I' -> 2;
            case 'F' -> 4;
            case 'R' -> g.setting().equals("R") ? 1 : 3;
            default -> throw new AssertionError("centring " + g.centring());
        };
        assertEquals(centrings, g.centringVectors().size(), g.toString());
        assertEquals(pointGroupOrder * centrings, g.order(), g.toString());
        assertEquals(pointGroupOrder, g.cosetRepresentatives().size(), g.toString());
        WyckoffPosition general = g.generalPosition();
        assertEquals(g.order(), general.multiplicity(), g.toString());
        assertEquals("1", general.siteSymmetry(), g.toString());
        assertEquals(3, general.degreesOfFreedom(), g.toString());
        assertFalse(general.isSpecial());
        assertEquals(CENTROSYMMETRIC_CLASSES.contains(g.pointGroup()), g.isCentrosymmetric(), g.toString());
    }

    @ParameterizedTest
    @MethodSource("allSettings")
    void latticeOfTheCrystalSystemIsCompatible(SpaceGroup g) {
        SplittableRandom rng = new SplittableRandom(g.number());
        double a = 4 + rng.nextDouble(3);
        double b = 4 + rng.nextDouble(3);
        double c = 4 + rng.nextDouble(3);
        Lattice generic = Lattice.fromParameters(a, b, c, 80 + rng.nextDouble(5), 95 + rng.nextDouble(5),
                100 + rng.nextDouble(5));
        Lattice fitting = switch (g.crystalSystem()) {
            case TRICLINIC -> generic;
            case MONOCLINIC -> Lattice.fromParameters(a, b, c, 90, 105, 90);
            case ORTHORHOMBIC -> Lattice.orthorhombic(a, b, c);
            case TETRAGONAL -> Lattice.fromParameters(a, a, c, 90, 90, 90);
            case TRIGONAL, HEXAGONAL -> g.setting().equals("R") ? Lattice.fromParameters(a, a, a, 70, 70, 70)
                    : Lattice.hexagonal(a, c);
            case CUBIC -> Lattice.cubic(a);
        };
        assertTrue(g.isCompatible(fitting, 1e-9), g + " on " + fitting);
        if (g.crystalSystem() != CrystalSystem.TRICLINIC) {
            assertFalse(g.isCompatible(generic, 1e-3), g + " on a triclinic cell");
        }
    }

    @Test
    void knownOrdersAndWyckoffCounts() {
        // Facts from ITA volume A.
        assertEquals(192, SpaceGroup.bySymbol("Fm-3m").order());
        assertEquals(12, SpaceGroup.bySymbol("Fm-3m").wyckoffPositions().size());
        assertEquals(36, SpaceGroup.bySymbol("R-3m").order());
        assertEquals(12, SpaceGroup.bySymbol("R-3m:R").order());
        assertEquals(1, SpaceGroup.bySymbol("P1").order());
        assertEquals(1, SpaceGroup.of(1).wyckoffPositions().size());
        assertEquals(8, SpaceGroup.bySymbol("Pnma").order());
        assertEquals(4, SpaceGroup.bySymbol("Pnma").wyckoffPositions().size());
        assertEquals(96, SpaceGroup.bySymbol("Ia-3d").order());
        assertEquals(8, SpaceGroup.bySymbol("Ia-3d").wyckoffPositions().size());
        assertEquals(4, SpaceGroup.bySymbol("P2_1/c").order());
        assertEquals(27, SpaceGroup.bySymbol("Pmmm").wyckoffPositions().size());
        assertEquals('\u03b1', SpaceGroup.bySymbol("Pmmm").generalPosition().letter());
        assertEquals(CrystalSystem.TRIGONAL, SpaceGroup.of(166).crystalSystem());
        assertEquals(CrystalSystem.HEXAGONAL, SpaceGroup.of(194).crystalSystem());
        assertEquals('F', SpaceGroup.of(225).centring());
        assertEquals("-P 2ac 2n", SpaceGroup.of(62).hallSymbol());
        assertEquals("P 2_1/n 2_1/m 2_1/a", SpaceGroup.of(62).fullSymbol());
        assertEquals("D2h^16", SpaceGroup.of(62).schoenfliesSymbol());
    }

    @Test
    void wyckoffPositionsOfWellKnownStructures() {
        // ITA volume A entries used by rock salt, LiNiO2, perovskite, olivine and diamond.
        SpaceGroup fm3m = SpaceGroup.of(225);
        assertEquals("4a m-3m (0,0,0)", fm3m.wyckoff('a').toString());
        assertEquals("4b m-3m (1/2,1/2,1/2)", fm3m.wyckoff('b').toString());
        assertEquals("8c -43m (1/4,1/4,1/4)", fm3m.wyckoff('c').toString());
        SpaceGroup r3m = SpaceGroup.of(166);
        assertEquals("3a -3m (0,0,0)", r3m.wyckoff('a').toString());
        assertEquals("3b -3m (0,0,1/2)", r3m.wyckoff('b').toString());
        assertEquals("6c 3m (0,0,z)", r3m.wyckoff('c').toString());
        assertEquals("18h .m (x,-x,z)", r3m.wyckoff('h').toString());
        assertEquals(Set.of("x,1/4,z", "-x+1/2,3/4,z+1/2", "-x,3/4,-z", "x+1/2,1/4,-z+1/2"),
                new HashSet<>(SpaceGroup.of(62).wyckoff('c').coordinates()));
        assertEquals(".m.", SpaceGroup.of(62).wyckoff('c').siteSymmetry());
        SpaceGroup pm3m = SpaceGroup.bySymbol("Pm-3m");
        assertEquals("3c 4/mm.m (0,1/2,1/2)", pm3m.wyckoff('c').toString());
        assertEquals("3d 4/mm.m (1/2,0,0)", pm3m.wyckoff('d').toString());
        // Diamond: 8a is at 1/8,1/8,1/8 with origin choice 2, at 0,0,0 with origin choice 1.
        assertEquals("1/8,1/8,1/8", SpaceGroup.of(227).wyckoff('a').representative());
        assertTrue(SpaceGroup.of(227, "1").wyckoff('a').coordinates().contains("0,0,0"));
        assertTrue(SpaceGroup.of(227, "1").wyckoff('a').coordinates().contains("3/4,1/4,3/4"));
        assertEquals("-43m", SpaceGroup.of(227).wyckoff('a').siteSymmetry());
    }

    @ParameterizedTest
    @ValueSource(strings = {"R-3m", "R -3 m", "R-3m:H", "r-3m", "R -3 2/m", "R -3 m :H", "R-3M"})
    void rhombohedralSymbolsFindHexagonalAxes(String symbol) {
        SpaceGroup g = SpaceGroup.bySymbol(symbol);
        assertEquals(166, g.number());
        assertEquals("H", g.setting());
    }

    @Test
    void symbolVariants() {
        assertSame(SpaceGroup.of(225), SpaceGroup.bySymbol("Fm-3m"));
        assertSame(SpaceGroup.of(225), SpaceGroup.bySymbol("F m -3 m"));
        assertSame(SpaceGroup.of(225), SpaceGroup.bySymbol("Fm3m"));
        assertSame(SpaceGroup.of(230), SpaceGroup.bySymbol("Ia3d"));
        assertSame(SpaceGroup.of(14), SpaceGroup.bySymbol("P 21/c"));
        assertSame(SpaceGroup.of(14), SpaceGroup.bySymbol("P2_1/c"));
        assertSame(SpaceGroup.of(14), SpaceGroup.bySymbol("P21/c"));
        assertSame(SpaceGroup.of(14), SpaceGroup.bySymbol("P 1 21/c 1"));
        assertSame(SpaceGroup.of(62), SpaceGroup.bySymbol("P 21/n 21/m 21/a"));
        assertSame(SpaceGroup.of(64), SpaceGroup.bySymbol("Cmca"));
        assertSame(SpaceGroup.of(64), SpaceGroup.bySymbol("Cmce"));
        assertSame(SpaceGroup.of(194), SpaceGroup.bySymbol("P6_3/mmc"));
        assertSame(SpaceGroup.of(166, "R"), SpaceGroup.bySymbol("R-3m:R"));
        assertSame(SpaceGroup.of(227, "1"), SpaceGroup.bySymbol("Fd-3m:1"));
        assertSame(SpaceGroup.of(227, "2"), SpaceGroup.bySymbol("Fd-3m"));
        assertSame(SpaceGroup.of(227, "2"), SpaceGroup.bySymbol("F d -3 m :2"));
        assertSame(SpaceGroup.of(62), SpaceGroup.byHall("-P 2ac 2n"));
        assertSame(SpaceGroup.of(166), SpaceGroup.byHall("-R 3 2\""));
    }

    @ParameterizedTest
    @MethodSource("allSettings")
    void everySettingIsFoundByItsOwnSymbols(SpaceGroup g) {
        assertSame(g, SpaceGroup.bySymbol(g.extendedSymbol()));
        assertSame(g, SpaceGroup.byHall(g.hallSymbol()));
        assertSame(g, SpaceGroup.of(g.number(), g.setting()));
        String suffix = g.setting().isEmpty() ? "" : ":" + g.setting();
        assertSame(g, SpaceGroup.bySymbol(g.symbol() + suffix));
        assertSame(g, SpaceGroup.bySymbol(g.fullSymbol() + suffix));
    }

    @Test
    void unknownSymbolsAndNumbersAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpaceGroup.bySymbol("P21/n"));
        assertTrue(e.getMessage().contains("'P21/n'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpaceGroup.of(231));
        assertTrue(e.getMessage().contains("231"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpaceGroup.of(62, "2"));
        assertTrue(e.getMessage().contains("62"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpaceGroup.bySymbol(" "));
        assertThrows(IllegalArgumentException.class, () -> SpaceGroup.byHall("-P 9"));
        assertThrows(IllegalArgumentException.class, () -> SpaceGroup.of(62).wyckoff('e'));
    }
}
