package org.activestructopt.simulation.feff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.activestructopt.structure.Element;

/**
 * A complete FEFF input: {@link FeffCards} plus the POTENTIALS and ATOMS cards of a {@link Cluster}, written in the
 * dialect of a {@link FeffVersion} by {@link #text()}.
 * <p>
 * Unique potentials are one per element: ipot 0 is the absorber; then the absorber's element, if it also scatters,
 * and the other elements by increasing atomic number. Coordinates are written with 5 decimals (1e-5 angstrom), as
 * pymatgen and Larch do. Immutable.
 *
 * @param cards   the control cards
 * @param cluster the atoms
 * @param version the program the text is for
 */
public record FeffInput(FeffCards cards, Cluster cluster, FeffVersion version) {

    /**
     * @throws IllegalArgumentException if the cards need full multiple scattering (FMS, XANES, COREHOLE) and the
     *                                  version lacks it, or the cluster is larger than the program accepts
     */
    public FeffInput {
        Objects.requireNonNull(cards, "cards");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(version, "version");
        if (!version.hasFullMultipleScattering()
                && (cards.fms().isPresent() || cards.xanesKmax().isPresent() || !cards.corehole().isEmpty())) {
            throw new IllegalArgumentException("FEFF " + version.word() + " has no full multiple scattering: it "
                    + "ignores the FMS and XANES cards and rejects COREHOLE; configure a FEFF 9/10 executable for "
                    + "them");
        }
        if (cluster.size() > version.maxAtoms()) {
            throw new IllegalArgumentException("the cluster of radius " + cluster.radius() + " A around site "
                    + cluster.absorberSite() + " has " + cluster.size() + " atoms; FEFF " + version.word()
                    + " accepts at most " + version.maxAtoms() + ": reduce the radius");
        }
    }

    /** @return the unique potential index of each scattering element, in POTENTIALS order (ipot 1, 2, ...) */
    public Map<Element, Integer> potentials() {
        Map<Element, Integer> ipot = new LinkedHashMap<>();
        Element absorber = cluster.absorber();
        if (cluster.scatterers().contains(absorber)) {
            ipot.put(absorber, 1);
        }
        for (Element e : cluster.scatterers()) {
            ipot.putIfAbsent(e, ipot.size() + 1);
        }
        return Collections.unmodifiableMap(ipot);
    }

    /** @return the text of {@code feff.inp} */
    public String text() {
        StringBuilder sb = new StringBuilder();
        line(sb, "TITLE %s", cards.title().isBlank() ? "ActiveStructOpt" : cards.title());
        line(sb, "TITLE %s %s edge, absorber site %d, cluster radius %s A, %d atoms", cluster.absorber().symbol(),
                cards.edge(), cluster.absorberSite(), number(cluster.radius()), cluster.size());
        line(sb, "EDGE %s", cards.edge());
        line(sb, "S02 %s", number(cards.s02()));
        line(sb, "CONTROL 1 1 1 1 1 1");
        line(sb, cards.pathFiles() ? "PRINT 1 0 0 0 0 3" : "PRINT 1 0 0 0 0 0");
        line(sb, "EXCHANGE %d %s %s", cards.exchange(), number(cards.exchangeVr()), number(cards.exchangeVi()));
        if (!cards.corehole().isEmpty()) {
            line(sb, "COREHOLE %s", cards.corehole());
        }
        if (cards.scf().isPresent()) {
            line(sb, "SCF %s", number(cards.scf().getAsDouble()));
        }
        if (cards.xanesKmax().isPresent()) {
            // xkstep 0.04 and estep 0.1 eV are FEFF 9's own defaults
            line(sb, "XANES %s 0.04 0.1", number(cards.xanesKmax().getAsDouble()));
        } else {
            line(sb, "EXAFS %s", number(cards.exafsKmax()));
        }
        if (cards.fms().isPresent()) {
            line(sb, "FMS %s 0", number(cards.fms().getAsDouble()));
        }
        line(sb, "RPATH %s", number(cards.rpath()));
        line(sb, "NLEG %d", cards.nleg());
        line(sb, "CRITERIA %s %s", number(cards.criteriaCw()), number(cards.criteriaPw()));
        if (cards.debyeTheta() > 0) {
            line(sb, "DEBYE %s %s", number(cards.debyeTemperature()), number(cards.debyeTheta()));
        }
        if (cards.sig2() > 0) {
            line(sb, "SIG2 %s", number(cards.sig2()));
        }
        sb.append('\n');
        line(sb, "POTENTIALS");
        line(sb, "*  ipot   Z  tag");
        line(sb, "   %4d %3d  %s", 0, cluster.absorber().z(), cluster.absorber().symbol());
        Map<Element, Integer> ipot = potentials();
        ipot.forEach((e, i) -> line(sb, "   %4d %3d  %s", i, e.z(), e.symbol()));
        sb.append('\n');
        line(sb, "ATOMS");
        line(sb, "*       x           y           z    ipot  tag   distance   site");
        for (int i = 0; i < cluster.size(); i++) {
            Cluster.Atom a = cluster.atoms().get(i);
            line(sb, " %11.5f %11.5f %11.5f  %3d  %-3s %10.5f   %d", a.x(), a.y(), a.z(),
                    i == 0 ? 0 : ipot.get(a.element()), a.element().symbol(), a.distance(), a.site());
        }
        line(sb, "END");
        return sb.toString();
    }

    /**
     * Writes {@link #text()} to {@code directory/feff.inp}.
     *
     * @return the file written
     */
    public Path write(Path directory) throws IOException {
        Path file = directory.resolve("feff.inp");
        Files.writeString(file, text(), StandardCharsets.US_ASCII);
        return file;
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /** Shortest exact decimal form, so that 8.0 reads "8.0" and 0.0005 does not turn into "5.0E-4" for Fortran. */
    private static String number(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString()
                + (v == Math.rint(v) ? ".0" : "");
    }
}
