package org.activestructopt.structure.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.symmetry.SpaceGroup;
import org.activestructopt.structure.symmetry.SymmetryExpansion;
import org.activestructopt.structure.symmetry.SymmetryOperation;

/**
 * Reads ordered crystal structures from CIF 1.1 files, e.g. those written by pymatgen, ASE, VESTA, SHELXL or taken
 * from ICSD/COD/Materials Project:
 *
 * <pre>{@code
 * Structure s = CifReader.defaults().read(Path.of("LiNiO2.cif"));
 * Structure t = CifReader.defaults().block("ethyl98K").mergeTolerance(0.02).read(path);
 * }</pre>
 *
 * <h2>What is read</h2>
 * <ul>
 * <li><b>Data block:</b> the one named with {@link #block(String)} (case-insensitive), else the only block that has
 * atom sites ({@code _atom_site_fract_x}); a file where several blocks have atom sites is refused with their names
 * (a global block of publication data does not count).</li>
 * <li><b>Cell:</b> {@code _cell_length_a/b/c} (Angstrom) and {@code _cell_angle_alpha/beta/gamma} (degrees), all
 * six required; standard uncertainties such as {@code 5.4307(2)} are ignored. The lattice is built with
 * {@link Lattice#fromParameters}.</li>
 * <li><b>Sites:</b> {@code _atom_site_fract_x/y/z}; the element from {@code _atom_site_type_symbol} (charges such as
 * "O2-", "Ni3+" are dropped) or, without it, from the leading letters of {@code _atom_site_label} ("Ni1" -> Ni,
 * "OW3" -> O). {@code _atom_site_occupancy} must be 1 within the occupancy tolerance: disordered structures are
 * refused.</li>
 * <li><b>Symmetry</b>, first found wins: the operations {@code _space_group_symop_operation_xyz} or
 * {@code _symmetry_equiv_pos_as_xyz}; else the Hall symbol ({@code _space_group_name_Hall},
 * {@code _symmetry_space_group_name_Hall}); else the Hermann-Mauguin symbol ({@code _space_group_name_H-M_alt},
 * {@code _symmetry_space_group_name_H-M}); else the number ({@code _space_group_IT_number},
 * {@code _symmetry_Int_Tables_number}); else P1. A symbol or number selects the standard setting of
 * {@link SpaceGroup} (origin choice 2, where pymatgen and ASE would assume origin choice 1, unless the symbol carries
 * ":1"); an R group on a cell with a = b = c and equal angles is taken on rhombohedral axes. A symbol that names no
 * tabulated setting (e.g. "P 1 21/n 1") is an error rather than being replaced by the number, which would place
 * atoms wrongly; such files must list their operations.</li>
 * <li><b>Expansion:</b> {@link SymmetryExpansion} with the {@linkplain #mergeTolerance(double) merge tolerance}.</li>
 * </ul>
 *
 * <p>Everything that cannot be read raises a {@link StructureFormatException} naming the file, line and tag.
 * Instances are immutable and thread-safe; the {@code with}-style methods return modified copies.
 */
public final class CifReader {

    private static final String[] SYMOP_TAGS = {"_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz"};
    private static final String[] HALL_TAGS = {"_space_group_name_hall", "_symmetry_space_group_name_hall"};
    private static final String[] HM_TAGS = {"_space_group_name_h-m_alt", "_symmetry_space_group_name_h-m"};
    private static final String[] NUMBER_TAGS = {"_space_group_it_number", "_symmetry_int_tables_number"};
    private static final String[] CELL_TAGS = {"_cell_length_a", "_cell_length_b", "_cell_length_c",
        "_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"};
    private static final Pattern NUMBER = Pattern.compile(
            "([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)(?:\\((\\d+)\\))?");
    private static final Pattern LEADING_LETTERS = Pattern.compile("^([A-Za-z]{1,2})");

    private static final CifReader DEFAULTS = new CifReader(null, SymmetryExpansion.DEFAULT_TOLERANCE, 1e-3);

    private final String block;
    private final double mergeTolerance;
    private final double occupancyTolerance;

    private CifReader(String block, double mergeTolerance, double occupancyTolerance) {
        this.block = block;
        this.mergeTolerance = mergeTolerance;
        this.occupancyTolerance = occupancyTolerance;
    }

    /** The only data block with atom sites, merge tolerance 0.01 Angstrom, occupancy tolerance 0.001. */
    public static CifReader defaults() {
        return DEFAULTS;
    }

    /** Reads the data block with this name (without "data_", case-insensitive); null for the default choice. */
    public CifReader block(String name) {
        return new CifReader(name, mergeTolerance, occupancyTolerance);
    }

    /** Distance in Angstrom below which symmetry images of one site are merged into one atom (> 0). */
    public CifReader mergeTolerance(double angstrom) {
        if (!(angstrom > 0)) {
            throw new IllegalArgumentException("merge tolerance must be positive, got " + angstrom);
        }
        return new CifReader(block, angstrom, occupancyTolerance);
    }

    /** Largest accepted |occupancy - 1|; sites outside are refused as partially occupied (>= 0). */
    public CifReader occupancyTolerance(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("occupancy tolerance must be >= 0, got " + tolerance);
        }
        return new CifReader(block, mergeTolerance, tolerance);
    }

    // ------------------------------------------------------------------------------------------------ entry points

    /**
     * Reads one structure from a CIF file.
     *
     * @throws IOException               if the file cannot be read
     * @throws StructureFormatException  naming file, line and tag for any syntax or content problem
     */
    public Structure read(Path file) throws IOException, StructureFormatException {
        return read(readText(file), file.getFileName().toString());
    }

    /**
     * Reads one structure from CIF text.
     *
     * @param source name used in error messages, e.g. the file name
     */
    public Structure read(String cifText, String source) throws StructureFormatException {
        List<CifSyntax.Block> blocks = CifSyntax.parse(source, cifText);
        return toStructure(select(blocks, source), source);
    }

    /**
     * Reads every data block that has atom sites, in file order, keyed by block name. The block selection of this
     * reader is ignored.
     */
    public Map<String, Structure> readAll(Path file) throws IOException, StructureFormatException {
        String source = file.getFileName().toString();
        Map<String, Structure> out = new LinkedHashMap<>();
        for (CifSyntax.Block b : CifSyntax.parse(source, readText(file))) {
            if (hasSites(b)) {
                out.put(b.name(), toStructure(b, source));
            }
        }
        if (out.isEmpty()) {
            throw new StructureFormatException(source, 0, "_atom_site_fract_x", "no data block has atom sites");
        }
        return Collections.unmodifiableMap(out);
    }

    /** Names of all data blocks of a CIF file, in file order (syntax is checked, content is not). */
    public static List<String> blockNames(Path file) throws IOException, StructureFormatException {
        List<String> names = new ArrayList<>();
        for (CifSyntax.Block b : CifSyntax.parse(file.getFileName().toString(), readText(file))) {
            names.add(b.name());
        }
        return names;
    }

    private static String readText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // CIF 1.1 is ASCII; older files in Latin-1 (author names) are common and harmless
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private CifSyntax.Block select(List<CifSyntax.Block> blocks, String source) throws StructureFormatException {
        if (blocks.isEmpty()) {
            throw new StructureFormatException(source, 0, null, "no data block (data_...) found; is this a CIF file?");
        }
        if (block != null) {
            for (CifSyntax.Block b : blocks) {
                if (b.name().equalsIgnoreCase(block)) {
                    return b;
                }
            }
            List<String> names = blocks.stream().map(CifSyntax.Block::name).toList();
            throw new StructureFormatException(source, 0, null, "no data block named '" + block + "'; blocks: "
                    + String.join(", ", names));
        }
        List<CifSyntax.Block> withSites = blocks.stream().filter(CifReader::hasSites).toList();
        if (withSites.size() == 1) {
            return withSites.get(0);
        }
        if (withSites.size() > 1) {
            // taking the first would silently refine against whichever structure the file happens to list first
            List<String> names = withSites.stream().map(CifSyntax.Block::name).toList();
            throw new StructureFormatException(source, 0, null, withSites.size() + " data blocks have atom sites ("
                    + String.join(", ", names) + "); choose one as " + source + "#" + names.get(0)
                    + " (or CifReader.block)");
        }
        throw new StructureFormatException(source, 0, "_atom_site_fract_x", "none of the " + blocks.size()
                + " data blocks has atom sites with fractional coordinates");
    }

    private static boolean hasSites(CifSyntax.Block b) {
        return b.has("_atom_site_fract_x");
    }

    // ------------------------------------------------------------------------------------------------ content

    private Structure toStructure(CifSyntax.Block b, String source) throws StructureFormatException {
        Lattice lattice = lattice(b, source);
        Sites sites = sites(b, source);
        List<SymmetryOperation> ops = symmetry(b, source, lattice);
        try {
            return SymmetryExpansion.expand(lattice, ops, sites.species, sites.frac, mergeTolerance).structure();
        } catch (IllegalArgumentException e) {
            throw expansionError(e, sites, source);
        }
    }

    private Lattice lattice(CifSyntax.Block b, String source) throws StructureFormatException {
        double[] p = new double[6];
        for (int i = 0; i < 6; i++) {
            String tag = CELL_TAGS[i];
            CifSyntax.Value v = b.item(tag);
            if (v == null) {
                throw new StructureFormatException(source, b.lineOf(tag), tag, b.has(tag)
                        ? "must be a single value, not a loop" : "missing in data block '" + b.name() + "'");
            }
            p[i] = number(v, tag, source);
            if (!(p[i] > 0) || (i >= 3 && !(p[i] < 180))) {
                throw new StructureFormatException(source, v.line(), tag, "value " + v.text()
                        + (i < 3 ? " is not a positive length" : " is not an angle between 0 and 180 degrees"));
            }
        }
        try {
            return Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
        } catch (IllegalArgumentException e) {
            throw new StructureFormatException(source, b.lineOf("_cell_angle_alpha"), "_cell_angle_alpha",
                    "cell parameters do not form a cell: " + e.getMessage(), e);
        }
    }

    /** Asymmetric-unit sites with the label and line of each, for messages. */
    private record Sites(List<Element> species, double[][] frac, List<String> labels, List<Integer> lines) {
    }

    private Sites sites(CifSyntax.Block b, String source) throws StructureFormatException {
        List<CifSyntax.Value> xs = b.values("_atom_site_fract_x");
        if (xs.isEmpty()) {
            throw new StructureFormatException(source, b.lineOf("_atom_site_fract_x"), "_atom_site_fract_x",
                    "atom-site loop has no rows");
        }
        List<CifSyntax.Value> ys = column(b, "_atom_site_fract_y", xs.size(), source);
        List<CifSyntax.Value> zs = column(b, "_atom_site_fract_z", xs.size(), source);
        List<CifSyntax.Value> types = optionalColumn(b, "_atom_site_type_symbol", xs.size(), source);
        List<CifSyntax.Value> labels = optionalColumn(b, "_atom_site_label", xs.size(), source);
        List<CifSyntax.Value> occupancies = optionalColumn(b, "_atom_site_occupancy", xs.size(), source);
        if (types == null && labels == null) {
            throw new StructureFormatException(source, b.lineOf("_atom_site_fract_x"), "_atom_site_type_symbol",
                    "atom sites have neither _atom_site_type_symbol nor _atom_site_label, so their elements are"
                            + " unknown");
        }
        List<Element> species = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        double[][] frac = new double[xs.size()][];
        for (int i = 0; i < xs.size(); i++) {
            String label = labels != null ? labels.get(i).text() : null;
            CifSyntax.Value typeValue = types != null && !isMissing(types.get(i)) ? types.get(i) : null;
            if (typeValue == null && (labels == null || isMissing(labels.get(i)))) {
                throw new StructureFormatException(source, xs.get(i).line(), "_atom_site_type_symbol",
                        "site " + (i + 1) + " has neither a type symbol nor a label");
            }
            species.add(typeValue != null ? element(typeValue, "_atom_site_type_symbol", label, source)
                    : element(labels.get(i), "_atom_site_label", label, source));
            names.add(label != null ? label : species.get(i).symbol() + "#" + (i + 1));
            lines.add(xs.get(i).line());
            frac[i] = new double[] {number(xs.get(i), "_atom_site_fract_x", source),
                number(ys.get(i), "_atom_site_fract_y", source), number(zs.get(i), "_atom_site_fract_z", source)};
            if (occupancies != null && !isMissing(occupancies.get(i))) {
                CifSyntax.Value ov = occupancies.get(i);
                double occ = number(ov, "_atom_site_occupancy", source);
                if (Math.abs(occ - 1) > occupancyTolerance) {
                    throw new StructureFormatException(source, ov.line(), "_atom_site_occupancy", "site "
                            + names.get(i) + " has occupancy " + ov.text() + "; partially occupied (disordered)"
                            + " sites are not supported, only ordered structures");
                }
            }
        }
        return new Sites(species, frac, names, lines);
    }

    private static List<CifSyntax.Value> column(CifSyntax.Block b, String tag, int n, String source)
            throws StructureFormatException {
        List<CifSyntax.Value> v = optionalColumn(b, tag, n, source);
        if (v == null) {
            throw new StructureFormatException(source, b.lineOf("_atom_site_fract_x"), tag,
                    "missing while _atom_site_fract_x is given");
        }
        return v;
    }

    private static List<CifSyntax.Value> optionalColumn(CifSyntax.Block b, String tag, int n, String source)
            throws StructureFormatException {
        if (!b.has(tag)) {
            return null;
        }
        List<CifSyntax.Value> v = b.values(tag);
        if (v.size() != n || (b.loop(tag) != b.loop("_atom_site_fract_x"))) {
            throw new StructureFormatException(source, b.lineOf(tag), tag,
                    "must be in the same loop as _atom_site_fract_x (" + n + " sites), has " + v.size() + " values");
        }
        return v;
    }

    private static boolean isMissing(CifSyntax.Value v) {
        return v.isUnknown() || v.isInapplicable();
    }

    private static Element element(CifSyntax.Value v, String tag, String label, String source)
            throws StructureFormatException {
        Matcher m = LEADING_LETTERS.matcher(v.text().strip());
        String site = label != null ? "site " + label + ": " : "";
        if (!m.find()) {
            throw new StructureFormatException(source, v.line(), tag, site + "'" + v.text()
                    + "' does not start with an element symbol");
        }
        String letters = m.group(1);
        Element e = lookup(letters);
        // a label may run on into a letter that is not part of the symbol ("OW1" is water oxygen); a type symbol
        // must be an element symbol, possibly with a charge
        if (e == null && letters.length() == 2 && tag.equals("_atom_site_label")) {
            e = lookup(letters.substring(0, 1));
        }
        if (e == null) {
            throw new StructureFormatException(source, v.line(), tag, site + "unknown element '" + letters
                    + "' in '" + v.text() + "'");
        }
        return e;
    }

    private static Element lookup(String symbol) {
        String s = symbol.substring(0, 1).toUpperCase(Locale.ROOT) + symbol.substring(1).toLowerCase(Locale.ROOT);
        try {
            return Element.of(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A number with an optional standard uncertainty in parentheses, e.g. 5.4307(2), -0.25, 1e-3, 90. */
    static double number(CifSyntax.Value v, String tag, String source) throws StructureFormatException {
        if (v.isUnknown()) {
            throw new StructureFormatException(source, v.line(), tag, "value is unknown ('?'), a number is needed");
        }
        if (v.isInapplicable()) {
            throw new StructureFormatException(source, v.line(), tag, "value is '.', a number is needed");
        }
        Matcher m = NUMBER.matcher(v.text());
        if (!m.matches()) {
            throw new StructureFormatException(source, v.line(), tag, "'" + v.text() + "' is not a number");
        }
        double d = Double.parseDouble(m.group(1));
        if (!Double.isFinite(d)) {
            throw new StructureFormatException(source, v.line(), tag, "'" + v.text() + "' is out of range");
        }
        return d;
    }

    // ------------------------------------------------------------------------------------------------ symmetry

    private List<SymmetryOperation> symmetry(CifSyntax.Block b, String source, Lattice lattice)
            throws StructureFormatException {
        for (String tag : SYMOP_TAGS) {
            if (b.has(tag)) {
                List<SymmetryOperation> ops = new ArrayList<>();
                for (CifSyntax.Value v : b.values(tag)) {
                    try {
                        ops.add(SymmetryOperation.parse(v.text()));
                    } catch (IllegalArgumentException e) {
                        throw new StructureFormatException(source, v.line(), tag, e.getMessage(), e);
                    }
                }
                if (ops.isEmpty()) {
                    throw new StructureFormatException(source, b.lineOf(tag), tag, "loop has no operations");
                }
                return ops;
            }
        }
        Tagged number = first(b, NUMBER_TAGS);
        Tagged hall = first(b, HALL_TAGS);
        Tagged hm = first(b, HM_TAGS);
        SpaceGroup byNumber = null;
        if (number != null) {
            double n = number(number.value(), number.tag(), source);
            if (n != Math.rint(n) || n < 1 || n > 230) {
                throw new StructureFormatException(source, number.line(), number.tag(), "'" + number.text()
                        + "' is not a space-group number 1..230");
            }
            byNumber = SpaceGroup.of((int) n);
        }
        if (hall != null) {
            try {
                return checked(SpaceGroup.byHall(hall.text()), byNumber, number, hall, source, lattice, false);
            } catch (IllegalArgumentException e) {
                if (hm == null) {
                    throw new StructureFormatException(source, hall.line(), hall.tag(), e.getMessage()
                            + "; this file must list its symmetry operations (_space_group_symop_operation_xyz)", e);
                }
                // a Hall symbol with a change of basis, e.g. "-P 2ybc (x-z,y,z)": the H-M symbol decides below
            }
        }
        if (hm != null) {
            SpaceGroup g;
            try {
                g = SpaceGroup.bySymbol(hm.text());
            } catch (IllegalArgumentException e) {
                throw new StructureFormatException(source, hm.line(), hm.tag(), e.getMessage()
                        + "; this file must list its symmetry operations (_space_group_symop_operation_xyz)", e);
            }
            return checked(g, byNumber, number, hm, source, lattice, !hm.text().contains(":"));
        }
        if (byNumber != null) {
            return checked(byNumber, byNumber, number, number, source, lattice, true);
        }
        return List.of(SymmetryOperation.identity());
    }

    /** A value found under one of several synonymous tags, with the tag. */
    private record Tagged(CifSyntax.Value value, String tag) {

        String text() {
            return value.text();
        }

        int line() {
            return value.line();
        }
    }

    private static Tagged first(CifSyntax.Block b, String[] tags) {
        for (String tag : tags) {
            CifSyntax.Value v = b.item(tag);
            if (v != null && !isMissing(v)) {
                return new Tagged(v, tag);
            }
        }
        return null;
    }

    private static List<SymmetryOperation> checked(SpaceGroup g, SpaceGroup byNumber, Tagged number, Tagged v,
            String source, Lattice lattice, boolean mayChooseAxes) throws StructureFormatException {
        String tag = v.tag();
        if (byNumber != null && byNumber.number() != g.number()) {
            throw new StructureFormatException(source, v.line(), tag, "'" + v.text() + "' is space group "
                    + g.number() + " but " + number.tag() + " says " + byNumber.number());
        }
        if (mayChooseAxes && g.setting().equals("H") && !g.isCompatible(lattice, 1e-3)) {
            SpaceGroup rhombohedral = SpaceGroup.of(g.number(), "R");
            if (rhombohedral.isCompatible(lattice, 1e-3)) {
                g = rhombohedral;
            }
        }
        if (!g.isCompatible(lattice, 1e-3)) {
            throw new StructureFormatException(source, v.line(), tag, "cell " + describe(lattice)
                    + " does not have the symmetry of space group " + g + " (lengths or angles that the group makes"
                    + " equal differ, or the setting differs)");
        }
        return g.operations();
    }

    private static String describe(Lattice l) {
        return String.format(Locale.ROOT, "a=%.4f b=%.4f c=%.4f alpha=%.3f beta=%.3f gamma=%.3f", l.a(), l.b(), l.c(),
                l.alpha(), l.beta(), l.gamma());
    }

    private static StructureFormatException expansionError(IllegalArgumentException e, Sites sites, String source) {
        if (e instanceof SymmetryExpansion.CoincidentSitesException c) {
            int i = c.firstSite();
            int j = c.secondSite();
            return new StructureFormatException(source, sites.lines().get(j), "_atom_site_fract_x", "site "
                    + sites.labels().get(j) + " coincides with a symmetry image of site " + sites.labels().get(i)
                    + " (line " + sites.lines().get(i) + ")" + (sites.species().get(i) == sites.species().get(j)
                            ? ": the asymmetric unit lists one site twice"
                            : ": two elements on one site (mixed occupancy) are not supported"), e);
        }
        return new StructureFormatException(source, 0, null, e.getMessage(), e);
    }
}
