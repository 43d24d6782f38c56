package org.activestructopt.simulation.lammps.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.activestructopt.structure.Element;

/**
 * The documented table of packaged potentials ({@code potentials.tsv} in this bundle) and the choice of one for the
 * elements of a structure.
 */
final class PotentialTable {

    private final List<Potential> entries;

    private PotentialTable(List<Potential> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @param directory where the potential files are (Debian: /usr/share/lammps/potentials) */
    static PotentialTable load(Path directory) {
        try (InputStream in = PotentialTable.class.getResourceAsStream("/potentials.tsv")) {
            if (in == null) {
                throw new IllegalStateException("potentials.tsv is missing from the lammps bundle");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lammps bundle's potentials.tsv", e);
        }
    }

    static PotentialTable parse(BufferedReader r, Path directory) throws IOException {
        List<Potential> out = new ArrayList<>();
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 5) {
                throw new IllegalStateException("potentials.tsv line " + no + ": expected 5 tab-separated columns");
            }
            Set<Element> elements = EnumSet.noneOf(Element.class);
            for (String s : f[0].trim().split("\\s+")) {
                elements.add(Element.of(s));
            }
            out.add(new Potential(elements, f[1].trim(), directory.resolve(f[2].trim()), f[3].trim().equals("per-type"),
                    f[4].trim()));
        }
        return new PotentialTable(out);
    }

    List<Potential> entries() {
        return entries;
    }

    /**
     * @return the entry whose elements are exactly {@code elements}, else the smallest that contains them; for
     *         per-type (single-element EAM) entries only an exact match
     */
    Optional<Potential> choose(Set<Element> elements) {
        return entries.stream().filter(p -> p.elements().containsAll(elements))
                .filter(p -> !p.perType() || p.elements().equals(elements))
                .min(Comparator.comparingInt((Potential p) -> p.elements().size()));
    }

    /** @return the element sets the table covers, for error messages */
    String covered() {
        return entries.stream().map(p -> p.elements().stream().map(Element::symbol).sorted()
                .collect(Collectors.joining("-"))).collect(Collectors.toCollection(TreeSet::new)).toString();
    }
}
