package org.activestructopt.spectra.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;

/**
 * chi(k) columns as Larch ({@code write_ascii}, {@code .chi}) and Athena export them: k chi [mag phase win ...]. The
 * k-weight of the values comes from a header key ({@code kweight}, {@code kw}, {@code k-weight}), a weighted column
 * name ({@code chik2}, {@code k2chi}, {@code k^2chi}, {@code chi*k^2}) or the caller; 0 when none says, as Larch writes
 * {@code .chi}. A caller's k-weight that contradicts the file's is an error, never a silent choice.
 */
final class ChiReader {

    private static final Pattern WEIGHTED = Pattern.compile(
            "chik(\\d)?|k\\^?(\\d)\\*?chi(?:\\(k\\))?|chi(?:\\(k\\))?\\*k\\^?(\\d)");

    private ChiReader() {
    }

    static SpectrumFile read(Path file, List<String> text, ReadOptions options) throws SpectrumFormatException {
        TextTable t = TextTable.parse(file, text, 0, "chi(k) file");
        Header h = new Header();
        for (TextTable.Comment c : t.comments) {
            if (!h.addWhole(c.text(), c.line())) {
                h.addPairs(c.text(), c.line());
            }
        }
        int kc;
        int cc;
        if (options.columns().isPresent()) {
            kc = ColumnReader.resolve(t, options.columns().get().x());
            cc = ColumnReader.resolve(t, options.columns().get().y());
        } else {
            if (t.width() < 2) {
                throw new SpectrumFormatException(file, "line " + t.lines[0], "a chi(k) file needs columns k and chi,"
                        + " found " + t.width() + " column");
            }
            kc = t.find("k").orElse(0);
            cc = t.find("chi").orElse(t.find("chi(k)").orElse(kc == 0 ? 1 : 0));
        }
        Double fileWeight = null;
        String where = null;
        for (String key : new String[] { "kweight", "kw", "k-weight", "k_weight" }) {
            String v = h.get(key);
            if (v != null && NumberText.isNumber(NumberText.splitWhitespace(v + " x")[0])) {
                fileWeight = NumberText.parse(NumberText.splitWhitespace(v)[0]);
                where = "line " + h.line(key) + ", " + key;
                break;
            }
        }
        if (fileWeight == null && cc < t.names.size()) {
            Matcher m = WEIGHTED.matcher(t.names.get(cc).toLowerCase(Locale.ROOT));
            if (m.matches()) {
                String d = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                fileWeight = d == null ? 1.0 : Double.parseDouble(d);
                where = "line " + t.namesLine + ", column " + (cc + 1) + " (" + t.names.get(cc) + ")";
            }
        }
        if (fileWeight != null && options.kweight().isPresent() && options.kweight().getAsDouble() != fileWeight) {
            throw new SpectrumFormatException(file, where, "the file states k-weight " + fmt(fileWeight)
                    + " but kweight=" + fmt(options.kweight().getAsDouble()) + " was requested");
        }
        double w = fileWeight != null ? fileWeight : options.kweight().orElse(0);
        double[] k = t.column(kc);
        double[] chi = t.column(cc);
        ColumnReader.requireIncreasing(t, k, kc);
        List<String> notes = new ArrayList<>();
        if (t.decimalComma) {
            notes.add("decimal commas read as decimal points");
        }
        if (fileWeight == null) {
            notes.add(options.kweight().isPresent() ? "k-weight " + fmt(w) + " as requested"
                    : "no k-weight stated: taken as 0 (plain chi(k), as Larch writes .chi)");
        }
        Spectrum s = Spectrum.of(SpectrumKind.EXAFS, k, chi).withName(file.getFileName().toString())
                .withValues(w == 0 ? "chi(k)" : "k^" + fmt(w) + " chi(k)", w == 0 ? "" : "angstrom^-" + fmt(w));
        Map<Stated, Double> stated = Header.stated();
        stated.put(Stated.KWEIGHT, w);
        h.state(stated, Stated.EDGE_ENERGY, "e0");
        String program = String.join("\n", t.comments.stream().map(TextTable.Comment::text).toList())
                .toLowerCase(Locale.ROOT).contains("larch") ? "Larch" : "";
        return new SpectrumFile(file, TextFormat.CHI, program, s, stated, h.values, Optional.empty(),
                Optional.empty(), notes);
    }

    private static String fmt(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }
}
