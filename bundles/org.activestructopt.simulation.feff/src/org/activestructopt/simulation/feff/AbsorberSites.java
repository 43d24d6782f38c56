package org.activestructopt.simulation.feff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;

/**
 * Chooses the absorbing sites to simulate for one element and the weight of each, so that the average of their spectra
 * is the spectrum of the structure.
 * <p>
 * In {@link Mode#DISTINCT} mode, sites with the same environment are simulated once and weighted by how many sites
 * share it (their multiplicity). Until a symmetry finder is available, "the same environment" means: for every
 * element, the sorted distances of its atoms within the cluster radius agree one by one within a tolerance (and the
 * counts are equal). Symmetry-equivalent sites always satisfy this, so no spectrum is lost; sites that satisfy it
 * without being equivalent have identical single-scattering EXAFS and differ only through multiple-scattering angles,
 * which is the price of the shortcut. {@link Mode#ALL} simulates every site with weight 1/n.
 */
public final class AbsorberSites {

    /** How absorbing sites are grouped. */
    public enum Mode {
        /** One simulation per group of sites with matching neighbour shells, weighted by the group size (default). */
        DISTINCT,
        /** One simulation per site. */
        ALL;

        /** @return the setting word, {@code distinct} or {@code all} */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Sites simulated together.
     *
     * @param cluster the cluster around the representative (the lowest site index of the group)
     * @param sites   the structure sites of the group, increasing
     * @param weight  the group's share of all absorbing sites (the weights of all groups sum to 1)
     */
    public record Group(Cluster cluster, List<Integer> sites, double weight) {

        /** @return the representative site */
        public int representative() {
            return cluster.absorberSite();
        }
    }

    private AbsorberSites() {
    }

    /**
     * Groups the sites of {@code absorber} in {@code structure}.
     *
     * @param radius    cluster radius, angstrom: the neighbours compared, and the clusters returned
     * @param tolerance largest difference (angstrom) between matching neighbour distances in {@link Mode#DISTINCT}
     * @throws IllegalArgumentException if the structure has no site of {@code absorber} or a number is not usable
     */
    public static List<Group> find(Structure structure, Element absorber, double radius, double tolerance,
            Mode mode) {
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(absorber, "absorber");
        Objects.requireNonNull(mode, "mode");
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("site tolerance must be finite and at least 0, got " + tolerance);
        }
        List<Integer> sites = new ArrayList<>();
        for (int i = 0; i < structure.size(); i++) {
            if (structure.species(i) == absorber) {
                sites.add(i);
            }
        }
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("the structure " + structure.reducedFormula() + " has no "
                    + absorber.symbol() + " site to absorb");
        }
        List<Cluster> representatives = new ArrayList<>();
        List<Map<Element, double[]>> signatures = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int site : sites) {
            Cluster c = Cluster.cut(structure, site, radius);
            Map<Element, double[]> signature = signature(c);
            int match = -1;
            if (mode == Mode.DISTINCT) {
                for (int g = 0; g < signatures.size() && match < 0; g++) {
                    if (matches(signatures.get(g), signature, tolerance)) {
                        match = g;
                    }
                }
            }
            if (match < 0) {
                representatives.add(c);
                signatures.add(signature);
                members.add(new ArrayList<>(List.of(site)));
            } else {
                members.get(match).add(site);
            }
        }
        List<Group> out = new ArrayList<>();
        for (int g = 0; g < representatives.size(); g++) {
            out.add(new Group(representatives.get(g), List.copyOf(members.get(g)),
                    members.get(g).size() / (double) sites.size()));
        }
        return List.copyOf(out);
    }

    private static Map<Element, double[]> signature(Cluster c) {
        Map<Element, List<Double>> byElement = new TreeMap<>();
        for (int i = 1; i < c.size(); i++) {
            Cluster.Atom a = c.atoms().get(i);
            byElement.computeIfAbsent(a.element(), e -> new ArrayList<>()).add(a.distance());
        }
        Map<Element, double[]> out = new TreeMap<>();
        byElement.forEach((e, d) -> {
            double[] v = d.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(v);
            out.put(e, v);
        });
        return out;
    }

    private static boolean matches(Map<Element, double[]> a, Map<Element, double[]> b, double tolerance) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<Element, double[]> e : a.entrySet()) {
            double[] x = e.getValue();
            double[] y = b.get(e.getKey());
            if (x.length != y.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (Math.abs(x[i] - y[i]) > tolerance) {
                    return false;
                }
            }
        }
        return true;
    }
}
