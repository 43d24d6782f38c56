package org.activestructopt.spectra.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;

/**
 * PDF G(r) files: PDFgetX2 (a header of {@code key=value} settings, several to a line, up to
 * {@code ##### start data}), PDFgetX3 and GSAS-II's PDFgui export (a {@code [DEFAULT]} config block of
 * {@code key = value} lines, then {@code #### start data}), GSAS-II's plain export ({@code #T G(R) ...},
 * {@code #L R G(R)}) and PDFgui's own; then columns r G [dr dG], the names on an optional {@code #L} line.
 */
final class GrReader {

    private static final Pattern START = Pattern.compile("^#+\\s*start\\s+data\\s*$");

    private GrReader() {
    }

    static SpectrumFile read(Path file, List<String> text, ReadOptions options) throws SpectrumFormatException {
        int start = -1;
        for (int i = 0; i < text.size(); i++) {
            if (START.matcher(text.get(i).strip().toLowerCase(java.util.Locale.ROOT)).matches()) {
                start = i + 1;
                break;
            }
        }
        Header h = new Header();
        boolean config = false;
        int headerEnd = start < 0 ? 0 : start - 1;
        for (int i = 0; i < headerEnd; i++) {
            String t = text.get(i).strip();
            if (t.equals("[DEFAULT]")) {
                config = true;
                continue;
            }
            if (t.startsWith("#") && config) {
                continue;
            }
            String body = t.replaceFirst("^#+", "");
            if (!(config && h.addWhole(body, i + 1))) {
                h.addPairs(body, i + 1);
            }
        }
        String all = String.join("\n", text.subList(0, Math.min(text.size(), Math.max(headerEnd, 5))));
        String program = program(all, h);
        if (start < 0) {
            // no start marker: GSAS-II's plain export or bare columns; a settings header here is a cut file
            for (int i = 0; i < text.size(); i++) {
                String t = text.get(i).strip();
                if (!t.isEmpty() && !TextTable.isComment(t) && t.contains("=")) {
                    throw new SpectrumFormatException(file, "line " + (i + 1), "'" + TextTable.clip(t)
                            + "' is a header setting, but the file has no '#### start data' line before its data");
                }
            }
            start = 0;
        }
        TextTable table = TextTable.parse(file, text, start, program.isEmpty() ? "PDF file" : program + " file");
        int rc = column(table, options, 0, "r");
        int gc = column(table, options, 1, "G");
        double[] r = table.column(rc);
        double[] g = table.column(gc);
        Integer dgc = null;
        if (options.columns().isPresent()) {
            Optional<String> sc = options.columns().get().sigma();
            dgc = sc.isPresent() ? ColumnReader.resolve(table, sc.get()) : null;
        } else if (table.width() >= 4) {
            dgc = 3; // r G dr dG, the PDFgui convention PDFgetX2 and PDFgetX3 follow
        }
        List<String> notes = new ArrayList<>();
        if (table.decimalComma) {
            notes.add("decimal commas read as decimal points");
        }
        ColumnReader.requireIncreasing(table, r, rc);
        Spectrum s = Spectrum.of(SpectrumKind.PDF, r, g).withName(file.getFileName().toString());
        if (dgc != null) {
            double[] dg = table.column(dgc);
            boolean positive = true;
            for (double v : dg) {
                positive &= v > 0;
            }
            if (positive) {
                s = s.withUncertainties(dg);
            } else {
                notes.add(table.label(dgc) + " is not all positive, so no point uncertainties");
            }
        }
        Map<Stated, Double> stated = Header.stated();
        h.state(stated, Stated.QMAX, "qmax", "Qmax");
        h.state(stated, Stated.QMIN, "qmin");
        h.state(stated, Stated.QMAX_INSTRUMENT, "qmaxinst");
        h.state(stated, Stated.QDAMP, "qdamp", "Qdamp");
        h.state(stated, Stated.QBROAD, "qbroad", "Qbroad");
        h.state(stated, Stated.RMIN, "rmin");
        h.state(stated, Stated.RMAX, "rmax");
        h.state(stated, Stated.WAVELENGTH, "wavelength", "lambda");
        return new SpectrumFile(file, TextFormat.PDF_GR, program, s, stated, h.values, Optional.empty(),
                Optional.empty(), notes);
    }

    static String program(String head, Header h) {
        String version = h.get("version");
        if (head.contains("Get_XPDF") || head.toLowerCase(java.util.Locale.ROOT).contains("pdfgetx2")) {
            return "PDFgetX2";
        }
        if (version != null && version.contains("pdfgetx")) {
            return "PDFgetX3 " + version.replaceFirst(".*pdfgetx-?", "");
        }
        if ((version != null && version.startsWith("GSAS-II")) || head.contains("#T G(R)")) {
            return "GSAS-II";
        }
        if (head.contains("PDFgui") || head.contains("PDFfit")) {
            return "PDFgui";
        }
        return "";
    }

    private static int column(TextTable t, ReadOptions o, int which, String what) throws SpectrumFormatException {
        if (o.columns().isPresent()) {
            ColumnSelection c = o.columns().get();
            return ColumnReader.resolve(t, which == 0 ? c.x() : c.y());
        }
        if (t.width() < 2) {
            throw new SpectrumFormatException(t.file, "line " + t.lines[0], "a PDF needs columns r and G, found "
                    + t.width() + " column");
        }
        return which;
    }
}
