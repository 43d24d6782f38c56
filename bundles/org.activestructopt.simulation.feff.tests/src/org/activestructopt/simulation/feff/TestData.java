package org.activestructopt.simulation.feff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;

/** Fixtures of data/ (see data/generate_references.py) and small helpers shared by the tests. */
final class TestData {

    private TestData() {
    }

    static Path data(String... parts) {
        return Path.of("data", parts);
    }

    /** fcc Cu, a = 3.615 A, conventional cell (4 sites), as in data/structures/cu.sites. */
    static Structure cu() throws IOException {
        return sites("cu");
    }

    /** LiNiO2, R-3m, hexagonal cell (12 sites): Ni-O 1.977 A, as in data/structures/linio2.sites. */
    static Structure linio2() throws IOException {
        return sites("linio2");
    }

    /** Reads data/structures/NAME.sites: lines "lattice x y z" (three), then "Element fx fy fz". */
    static Structure sites(String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<Element> species = new ArrayList<>();
        List<double[]> frac = new ArrayList<>();
        for (String line : Files.readAllLines(data("structures", name + ".sites"))) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] t = s.split("\\s+");
            double[] v = { Double.parseDouble(t[1]), Double.parseDouble(t[2]), Double.parseDouble(t[3]) };
            if (t[0].equals("lattice")) {
                rows.add(v);
            } else {
                species.add(Element.of(t[0]));
                frac.add(v);
            }
        }
        return Structure.of(Lattice.of(rows.toArray(double[][]::new)), species, frac.toArray(double[][]::new));
    }

    /** One atom of a feff.inp ATOMS card, with its element from the POTENTIALS card. */
    record InpAtom(Element element, double x, double y, double z) {
        double distance() {
            return Math.sqrt(x * x + y * y + z * z);
        }
    }

    /**
     * Reads the POTENTIALS and ATOMS cards of a feff.inp written by any program (pymatgen, Larch, ours): '*' starts
     * a comment, POTENTIALS lines are "ipot Z ...", ATOMS lines "x y z ipot ...", up to END or the end of the file.
     */
    static List<InpAtom> atoms(String text) {
        Map<Integer, Element> potentials = new HashMap<>();
        List<String[]> atomLines = new ArrayList<>();
        String section = "";
        for (String line : text.split("\\R")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("*")) {
                continue;
            }
            String word = s.split("\\s+")[0].toUpperCase();
            if (word.equals("POTENTIALS") || word.equals("ATOMS")) {
                section = word;
                continue;
            }
            if (word.equals("END")) {
                break;
            }
            if (Character.isLetter(s.charAt(0))) {
                section = "";
                continue;
            }
            String[] t = s.split("\\s+");
            if (section.equals("POTENTIALS")) {
                potentials.put(Integer.parseInt(t[0]), Element.ofZ(Integer.parseInt(t[1])));
            } else if (section.equals("ATOMS")) {
                atomLines.add(t);
            }
        }
        List<InpAtom> out = new ArrayList<>();
        for (String[] t : atomLines) {
            Element e = potentials.get(Integer.parseInt(t[3]));
            out.add(new InpAtom(e, Double.parseDouble(t[0]), Double.parseDouble(t[1]), Double.parseDouble(t[2])));
        }
        return out;
    }

    /** Directories left by FEFF runs in {@code dir}. */
    static List<Path> runDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("aso-feff-")).toList();
        }
    }

    /** Makes the fake executables executable again if a checkout lost the mode bits. */
    static Path fake(String... parts) throws IOException {
        Path p = data("fake").resolve(Path.of("", parts)).toAbsolutePath();
        if (!Files.isExecutable(p)) {
            Files.setPosixFilePermissions(p, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                    java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE));
        }
        return p;
    }

    /** Position of the largest value of y, refined by a parabola through it and its neighbours. */
    static double peak(double[] x, double[] y, double xmin, double xmax) {
        int best = -1;
        for (int i = 1; i < x.length - 1; i++) {
            if (x[i] >= xmin && x[i] <= xmax && (best < 0 || y[i] > y[best])) {
                best = i;
            }
        }
        double a = y[best - 1];
        double b = y[best];
        double c = y[best + 1];
        double shift = 0.5 * (a - c) / (a - 2 * b + c);
        return x[best] + shift * (x[best + 1] - x[best]);
    }

    /** Deletes a directory tree left by a kept FEFF run. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
