package org.activestructopt.structure.symmetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code spacegroups.txt} (format documented in generate_spacegroups.py) once, on first use, and indexes it
 * by number, setting, Hermann-Mauguin and Hall symbol.
 */
final class SpaceGroupTable {

    private static final String RESOURCE = "spacegroups.txt";
    private static final Pattern OLD_CUBIC_BAR = Pattern.compile("(?<=.)([mnadb])3");

    private final SpaceGroup[] standard = new SpaceGroup[231];
    private final List<SpaceGroup> allSettings = new ArrayList<>();
    private final Map<String, SpaceGroup> bySymbol = new HashMap<>();
    private final Map<String, SpaceGroup> byHall = new HashMap<>();

    private static final class Holder {
        static final SpaceGroupTable INSTANCE = load();
    }

    static SpaceGroupTable get() {
        return Holder.INSTANCE;
    }

    private static SpaceGroupTable load() {
        try (InputStream in = SpaceGroupTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing next to "
                        + SpaceGroupTable.class.getName());
            }
            return new SpaceGroupTable(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private SpaceGroupTable(BufferedReader reader) throws IOException {
        String[] header = null;
        List<int[]> centring = null;
        List<SymmetryOperation> cosets = null;
        List<WyckoffPosition> wyckoff = new ArrayList<>();
        int lineNumber = 0;
        String line;
        try {
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                switch (f[0]) {
                    case "G" -> {
                        if (header != null) {
                            add(header, centring, cosets, wyckoff);
                        }
                        header = f;
                        wyckoff = new ArrayList<>();
                    }
                    case "C" -> {
                        centring = new ArrayList<>();
                        for (String t : f[1].split(";")) {
                            Xyz.Parsed p = Xyz.parse(t);
                            centring.add(p.translation());
                        }
                    }
                    case "O" -> {
                        cosets = new ArrayList<>();
                        for (String t : f[1].split(";")) {
                            cosets.add(SymmetryOperation.parse(t));
                        }
                    }
                    case "W" -> {
                        int multiplicity = Integer.parseInt(f[2]);
                        List<Xyz.Parsed> listed = new ArrayList<>();
                        for (String t : f[4].split(";")) {
                            listed.add(Xyz.parse(t));
                        }
                        List<Xyz.Parsed> triplets = new ArrayList<>(multiplicity);
                        for (int[] c : centring) {
                            for (Xyz.Parsed p : listed) {
                                int[] tr = p.translation();
                                triplets.add(new Xyz.Parsed(p.matrix(),
                                        new int[] {tr[0] + c[0], tr[1] + c[1], tr[2] + c[2]}));
                            }
                        }
                        int order = centring.size() * cosets.size();
                        wyckoff.add(new WyckoffPosition(f[1].charAt(0), multiplicity, f[3], order, triplets));
                    }
                    default -> throw new IllegalStateException("unknown record '" + f[0] + "'");
                }
            }
            if (header != null) {
                add(header, centring, cosets, wyckoff);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(RESOURCE + " line " + lineNumber + " is corrupt: " + e.getMessage(), e);
        }
        for (int n = 1; n <= 230; n++) {
            if (standard[n] == null) {
                throw new IllegalStateException(RESOURCE + " lacks space group " + n);
            }
        }
    }

    private void add(String[] h, List<int[]> centring, List<SymmetryOperation> cosets, List<WyckoffPosition> wyckoff) {
        // G|number|setting|short HM|full HM|extended HM|Hall|Schoenflies|point group|crystal system
        int number = Integer.parseInt(h[1]);
        String setting = h[2];
        SpaceGroup g = new SpaceGroup(number, setting, h[3], h[4], h[5], h[6], h[7], h[8], centring, cosets,
                wyckoff);
        boolean isStandard = standard[number] == null;
        if (isStandard) {
            standard[number] = g;
        }
        allSettings.add(g);
        String suffix = setting.isEmpty() ? "" : ":" + setting.toLowerCase(Locale.ROOT);
        for (String s : new String[] {h[3], h[4], h[5]}) {
            String k = key(s);
            int colon = k.indexOf(':');
            String bare = colon >= 0 ? k.substring(0, colon) : k;
            if (isStandard) {
                bySymbol.putIfAbsent(bare, g);
            }
            bySymbol.putIfAbsent(bare + suffix, g);
        }
        byHall.putIfAbsent(hallKey(h[6]), g);
    }

    /** Symbol key: no whitespace or underscores, lower case. */
    static String key(String symbol) {
        StringBuilder sb = new StringBuilder(symbol.length());
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            if (!Character.isWhitespace(c) && c != '_') {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    private static String hallKey(String hall) {
        return hall.trim().replaceAll("\\s+", " ");
    }

    SpaceGroup byNumber(int number) {
        if (number < 1 || number > 230) {
            throw new IllegalArgumentException("space-group number " + number + " is not in 1..230");
        }
        return standard[number];
    }

    SpaceGroup byNumber(int number, String setting) {
        SpaceGroup std = byNumber(number);
        List<String> available = new ArrayList<>();
        for (SpaceGroup g : allSettings) {
            if (g.number() == number) {
                if (g.setting().equalsIgnoreCase(setting == null ? "" : setting.trim())) {
                    return g;
                }
                available.add("\"" + g.setting() + "\"");
            }
        }
        throw new IllegalArgumentException("space group " + number + " (" + std.symbol() + ") has no setting \""
                + setting + "\"; tabulated: " + String.join(", ", available));
    }

    SpaceGroup bySymbol(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("empty space-group symbol");
        }
        String k = key(symbol);
        SpaceGroup g = bySymbol.get(k);
        if (g == null) {
            g = bySymbol.get(OLD_CUBIC_BAR.matcher(k).replaceFirst("$1-3"));
        }
        if (g == null) {
            throw new IllegalArgumentException("unknown space-group symbol '" + symbol + "': not a Hermann-Mauguin"
                    + " symbol of a tabulated setting (standard settings, origin choices :1/:2, R groups :H/:R;"
                    + " non-standard settings such as P2_1/n are not tabulated)");
        }
        return g;
    }

    SpaceGroup byHall(String hall) {
        if (hall == null) {
            throw new IllegalArgumentException("Hall symbol is null");
        }
        SpaceGroup g = byHall.get(hallKey(hall));
        if (g == null) {
            throw new IllegalArgumentException("unknown Hall symbol '" + hall + "' (only the settings of"
                    + " SpaceGroup.allSettings() are tabulated)");
        }
        return g;
    }

    List<SpaceGroup> standard() {
        List<SpaceGroup> out = new ArrayList<>(230);
        for (int n = 1; n <= 230; n++) {
            out.add(standard[n]);
        }
        return Collections.unmodifiableList(out);
    }

    List<SpaceGroup> allSettings() {
        return Collections.unmodifiableList(allSettings);
    }
}
