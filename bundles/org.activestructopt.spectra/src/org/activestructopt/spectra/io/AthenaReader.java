package org.activestructopt.spectra.io;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;

/**
 * Athena project files as Athena (Demeter) and Larch write them: gzip-compressed (or plain) Perl Data::Dumper text,
 * a first line {@code # Athena project file -- ...}, then per group {@code $old_group = 'name';},
 * {@code @args = ('key','value',...);}, {@code @x = (...);}, {@code @y = (...);} and {@code [record]}. The layout
 * follows Larch's reader (larch/io/athena_project.py, parse_perlathena). The newer JSON project layout is not read.
 */
final class AthenaReader {

    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
    private static final String MAGIC = "Athena project file -- ";

    private AthenaReader() {
    }

    static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    static String text(Path file, byte[] bytes) throws SpectrumFormatException {
        if (!isGzip(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (EOFException e) {
            throw new SpectrumFormatException(file, null, "the gzip data end early: the file is truncated", e);
        } catch (ZipException e) {
            throw new SpectrumFormatException(file, null, "corrupt gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new SpectrumFormatException(file, null, "cannot decompress: " + e.getMessage(), e);
        }
    }

    static boolean looksLike(String text) {
        return text.substring(0, Math.min(500, text.length())).contains(MAGIC);
    }

    private static final class Group {
        String name = "";
        int line;
        final Map<String, String> args = new LinkedHashMap<>();
        double[] x;
        double[] y;
    }

    static SpectrumFile read(Path file, String text, ReadOptions options) throws SpectrumFormatException {
        if (!looksLike(text)) {
            throw new SpectrumFormatException(file, "line 1", "not an Athena project (no '# " + MAGIC.strip()
                    + "' line)");
        }
        String[] lines = text.split("\\R");
        List<Group> groups = new ArrayList<>();
        Group g = new Group();
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.startsWith("#") || t.isEmpty()) {
                continue;
            }
            String where = "line " + (i + 1);
            if (t.startsWith("$old_group")) {
                List<String> q = quoted(t);
                g.name = q.isEmpty() ? "" : q.get(0);
                g.line = i + 1;
            } else if (t.startsWith("@args")) {
                List<String> q = quoted(t);
                for (int j = 0; j + 1 < q.size(); j += 2) {
                    g.args.put(q.get(j), q.get(j + 1));
                }
            } else if (t.startsWith("@x ") || t.startsWith("@x=")) {
                g.x = numbers(file, where + ", @x", t);
            } else if (t.startsWith("@y ") || t.startsWith("@y=")) {
                g.y = numbers(file, where + ", @y", t);
            } else if (t.startsWith("[record]")) {
                groups.add(g);
                g = new Group();
            }
        }
        if (groups.isEmpty()) {
            throw new SpectrumFormatException(file, null, "the Athena project holds no complete group (no"
                    + " '[record]' line: truncated?)");
        }
        Group first = groups.get(0);
        if (options.group().isPresent()) {
            String want = options.group().get();
            first = groups.stream().filter(x -> want.equals(x.args.get("label")) || want.equals(x.name)).findFirst()
                    .orElseThrow(() -> new SpectrumFormatException(file, "group", "no group labelled '" + want
                            + "'; the project holds " + String.join(", ", groups.stream()
                                    .map(x -> x.args.getOrDefault("label", x.name)).toList())));
        }
        Group pick = first;
        String where = "line " + pick.line + ", group '" + pick.args.getOrDefault("label", pick.name) + "'";
        if (pick.x == null || pick.y == null) {
            throw new SpectrumFormatException(file, where, "the group has no " + (pick.x == null ? "@x" : "@y")
                    + " array");
        }
        if (pick.x.length != pick.y.length) {
            throw new SpectrumFormatException(file, where, "@x has " + pick.x.length + " values but @y has "
                    + pick.y.length);
        }
        String datatype = pick.args.getOrDefault("datatype", "xmu");
        boolean chi = datatype.equals("chi");
        Spectrum s;
        try {
            s = chi ? Spectrum.of(SpectrumKind.EXAFS, pick.x, pick.y)
                    : Spectrum.of(SpectrumKind.XANES, pick.x, pick.y).withAxis("E", "eV").withValues("mu(E)", "");
        } catch (IllegalArgumentException e) {
            throw new SpectrumFormatException(file, where, e.getMessage());
        }
        s = s.withName(pick.args.getOrDefault("label", file.getFileName().toString()));
        Map<Stated, Double> stated = Header.stated();
        Header h = new Header();
        pick.args.forEach((k, v) -> h.put(k, v, pick.line));
        h.state(stated, Stated.EDGE_ENERGY, "bkg_e0");
        if (chi) {
            stated.put(Stated.KWEIGHT, 0.0);
        }
        String program = text.substring(0, text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n'))
                .replaceFirst(".*" + MAGIC, "").strip();
        String element = pick.args.get("bkg_z");
        String edge = pick.args.get("fft_edge");
        return new SpectrumFile(file, TextFormat.ATHENA, program, s, stated, h.values,
                Optional.ofNullable(element).filter(x -> !x.isBlank()),
                Optional.ofNullable(edge).filter(x -> !x.isBlank()).map(x -> x.toUpperCase(java.util.Locale.ROOT)),
                List.of(groups.size() + " group(s) in the project, read '" + s.name() + "'"));
    }

    private static List<String> quoted(String t) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(t);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static double[] numbers(Path file, String where, String t) throws SpectrumFormatException {
        if (!t.endsWith(");")) {
            throw new SpectrumFormatException(file, where, "the array does not end with ');' (truncated file?)");
        }
        List<String> q = quoted(t);
        double[] v = new double[q.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = NumberText.parse(q.get(i));
            } catch (NumberFormatException e) {
                throw new SpectrumFormatException(file, where + "[" + i + "]", "'" + q.get(i) + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new SpectrumFormatException(file, where + "[" + i + "]", "NaN or infinity in the data");
            }
        }
        return v;
    }
}
