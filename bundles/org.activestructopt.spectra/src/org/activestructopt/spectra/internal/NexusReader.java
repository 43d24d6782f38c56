package org.activestructopt.spectra.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;

/**
 * Finds and reads NeXus plottables (a signal with its axis) in an HDF5 file: the {@code @default} chain, NXdata
 * groups with {@code @signal}, {@code @axes} and {@code AXISNAME_indices}, and the legacy {@code signal=1} /
 * {@code axes} / {@code axis=1} attributes on datasets.
 */
public final class NexusReader implements AutoCloseable {

    /** Where a signal and its axis live; paths are as seen from the NXdata group (links not yet resolved). */
    public record Plottable(String group, String signal, String axis, String errors) {
        public String signalPath() {
            return HdfPaths.child(group, signal);
        }

        public Optional<String> axisPath() {
            return Optional.ofNullable(axis).map(a -> a.startsWith("/") ? HdfPaths.normalize(a) : HdfPaths.child(group, a));
        }

        public Optional<String> errorsPath() {
            return Optional.ofNullable(errors).map(e -> HdfPaths.child(group, e));
        }
    }

    /** A plottable read and checked. */
    public record Loaded(Plottable where, Spectrum spectrum) {
    }

    private static final int MAX_DEFAULT_DEPTH = 16;

    private final HdfReader h5;

    private NexusReader(HdfReader h5) {
        this.h5 = h5;
    }

    public static NexusReader open(Path file) throws SpectrumFormatException {
        return new NexusReader(HdfReader.open(file));
    }

    public Path file() {
        return h5.file();
    }

    /** Every plottable in the file, sorted by signal path; the groups are walked without following links. */
    public List<Plottable> plottables() throws SpectrumFormatException {
        List<Plottable> out = new ArrayList<>();
        collect(h5.root(), "/", out, new HashMap<>(), new HashSet<>());
        out.sort((a, b) -> a.signalPath().compareTo(b.signalPath()));
        return out;
    }

    /**
     * Walks the groups below {@code g} by object address: a hard link back to a group on the current path is a
     * cycle (an error: HDF5 allows it, but no NeXus file needs it, and jHDF would walk it forever), a second hard link
     * to a group already walked elsewhere is walked once.
     *
     * @param onPath  addresses of the groups from the root to {@code g}, with their paths
     * @param visited addresses of every group walked so far
     */
    private void collect(Group g, String path, List<Plottable> out, Map<Long, String> onPath, Set<Long> visited)
            throws SpectrumFormatException {
        long address = h5.guard(path, g::getAddress);
        String ancestor = onPath.get(address);
        if (ancestor != null) {
            throw h5.error(path, "hard links form a cycle: this group is " + ancestor + " again");
        }
        if (!visited.add(address)) {
            return;
        }
        onPath.put(address, path);
        out.addAll(plottablesOf(g, path));
        for (Map.Entry<String, Node> e : h5.children(g).entrySet()) {
            if (e.getValue() instanceof Group child && !(e.getValue() instanceof Link)) {
                collect(child, HdfPaths.child(path, e.getKey()), out, onPath, visited);
            }
        }
        onPath.remove(address);
    }

    /** Refuses a file whose groups form a cycle of hard links (see {@link #collect}), however it is read. */
    public void checkNoCycles() throws SpectrumFormatException {
        collect(h5.root(), "/", new ArrayList<>(), new HashMap<>(), new HashSet<>());
    }

    /** The plottables a group declares itself: its {@code @signal} and auxiliary signals, or legacy signal=1. */
    private List<Plottable> plottablesOf(Group g, String path) throws SpectrumFormatException {
        List<Plottable> out = new ArrayList<>();
        Optional<String> signal = h5.stringAttribute(path, g, "signal");
        if (signal.isPresent()) {
            Set<String> names = new LinkedHashSet<>();
            names.add(signal.get());
            names.addAll(h5.stringsAttribute(path, g, "auxiliary_signals"));
            for (String name : names) {
                out.add(plottable(g, path, name, name.equals(signal.get())));
            }
            return out;
        }
        for (Map.Entry<String, Node> e : h5.children(g).entrySet()) {
            Node n = e.getValue();
            if (n instanceof Dataset d && !(n instanceof Link)) {
                OptionalLong s = h5.integerAttribute(HdfPaths.child(path, e.getKey()), d, "signal");
                if (s.isPresent() && s.getAsLong() == 1) {
                    out.add(plottable(g, path, e.getKey(), true));
                }
            }
        }
        return out;
    }

    /**
     * Chooses the axis of signal {@code name} in group {@code g}: the group's {@code @axes}, else an axis whose
     * {@code AXISNAME_indices} is 0, else the signal's legacy {@code @axes}, else a dataset with legacy
     * {@code axis=1}; none of these means the point index.
     */
    private Plottable plottable(Group g, String path, String name, boolean primary) throws SpectrumFormatException {
        Map<String, Node> children = h5.children(g);
        String axis = null;
        List<String> axes = splitAxes(h5.stringsAttribute(path, g, "axes"));
        if (!axes.isEmpty()) {
            axis = axes.get(0).equals(".") ? null : axes.get(0);
        } else {
            axis = indexedAxis(g, path, children);
            if (axis == null) {
                axis = legacyAxis(path, name, children);
            }
        }
        String errors = null;
        if (children.containsKey(name + "_errors")) {
            errors = name + "_errors";
        } else if (primary && children.containsKey("errors")) {
            errors = "errors";
        }
        return new Plottable(path, name, axis, errors);
    }

    private String indexedAxis(Group g, String path, Map<String, Node> children) throws SpectrumFormatException {
        for (String attr : h5.guard(path, g::getAttributes).keySet().stream().sorted().toList()) {
            if (attr.endsWith("_indices")) {
                String axis = attr.substring(0, attr.length() - "_indices".length());
                OptionalLong idx = h5.integerAttribute(path, g, attr);
                if (children.containsKey(axis) && idx.isPresent() && idx.getAsLong() == 0) {
                    return axis;
                }
            }
        }
        return null;
    }

    private String legacyAxis(String path, String signal, Map<String, Node> children) throws SpectrumFormatException {
        Node s = children.get(signal);
        if (s != null && !(s instanceof Link)) {
            List<String> axes = splitAxes(h5.stringsAttribute(HdfPaths.child(path, signal), s, "axes"));
            if (!axes.isEmpty()) {
                return axes.get(0);
            }
        }
        String found = null;
        for (Map.Entry<String, Node> e : children.entrySet()) {
            Node n = e.getValue();
            if (n instanceof Dataset && !(n instanceof Link) && !e.getKey().equals(signal)) {
                String at = HdfPaths.child(path, e.getKey());
                OptionalLong axis = h5.integerAttribute(at, n, "axis");
                if (axis.isPresent() && axis.getAsLong() == 1) {
                    OptionalLong primary = h5.integerAttribute(at, n, "primary");
                    if (found == null || (primary.isPresent() && primary.getAsLong() == 1)) {
                        found = e.getKey();
                    }
                }
            }
        }
        return found;
    }

    /** Legacy writers put several axes in one string, separated by ':' or ','. */
    private static List<String> splitAxes(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String s : raw) {
            for (String part : s.split("[:,]")) {
                String p = part.strip();
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * The plottable the file's author chose: the {@code @default} chain from the root down to an NXdata group; where
     * the chain stops early, the first plottable below that point.
     */
    public Plottable defaultPlottable() throws SpectrumFormatException {
        return plottableAt("/", h5.root());
    }

    /**
     * The plottable at {@code path}: a signal dataset (its axis found from its group's attributes), or a group
     * (followed through {@code @default}, or its own {@code @signal}, or its first plottable).
     */
    public Plottable plottableAt(String path) throws SpectrumFormatException {
        String p = HdfPaths.normalize(path);
        Node n = h5.resolve(p);
        if (n instanceof Group g) {
            return plottableAt(p, g);
        }
        String parent = HdfPaths.parent(p);
        return plottable(h5.group(parent), parent, HdfPaths.name(p), isPrimary(parent, HdfPaths.name(p)));
    }

    private boolean isPrimary(String groupPath, String name) throws SpectrumFormatException {
        Group g = h5.group(groupPath);
        Optional<String> signal = h5.stringAttribute(groupPath, g, "signal");
        return signal.isEmpty() || signal.get().equals(name);
    }

    private Plottable plottableAt(String path, Group g) throws SpectrumFormatException {
        String p = path;
        Group group = g;
        for (int depth = 0; depth < MAX_DEFAULT_DEPTH; depth++) {
            Optional<String> signal = h5.stringAttribute(p, group, "signal");
            if (signal.isPresent()) {
                return plottable(group, p, signal.get(), true);
            }
            Optional<String> def = h5.stringAttribute(p, group, "default");
            if (def.isEmpty()) {
                return firstBelow(p, group);
            }
            String next = def.get().startsWith("/") ? HdfPaths.normalize(def.get()) : HdfPaths.child(p, def.get());
            Node n;
            try {
                n = h5.resolve(next);
            } catch (HdfReader.NotFound e) {
                throw h5.error(p, "@default names '" + def.get() + "', which does not exist");
            }
            if (!(n instanceof Group ng)) {
                throw h5.error(p, "@default names '" + def.get() + "', which is a dataset, not an NXentry/NXdata group");
            }
            p = next;
            group = ng;
        }
        throw h5.error(p, "@default chain longer than " + MAX_DEFAULT_DEPTH + " groups (a loop?)");
    }

    private Plottable firstBelow(String path, Group g) throws SpectrumFormatException {
        List<Plottable> all = new ArrayList<>();
        collect(g, path, all, new HashMap<>(), new HashSet<>());
        all.sort((a, b) -> a.signalPath().compareTo(b.signalPath()));
        Plottable firstAny = null;
        for (Plottable pl : all) {
            if (firstAny == null) {
                firstAny = pl;
            }
            if (isOneD(pl)) {
                return pl;
            }
        }
        if (firstAny != null) {
            return firstAny; // reading it reports why it is not a spectrum (e.g. 2-D)
        }
        throw h5.error(path, "no NeXus plottable data found (no @default, no NXdata with @signal, no dataset with "
                + "signal=1); name the signal explicitly, e.g. " + h5.file().getFileName() + "#/entry/data/y");
    }

    /** Whether the signal resolves to a 1-D dataset; broken plottables count as 1-D so that reading reports them. */
    public boolean isOneD(Plottable p) throws SpectrumFormatException {
        try {
            Node n = h5.resolve(p.signalPath());
            return !(n instanceof Dataset d) || h5.shape(p.signalPath(), d).length == 1;
        } catch (SpectrumFormatException e) {
            return true;
        }
    }

    /** @return the shape of the signal dataset */
    public int[] signalShape(Plottable p) throws SpectrumFormatException {
        return h5.shape(p.signalPath(), h5.dataset(p.signalPath()));
    }

    /**
     * Reads a plottable as a spectrum, checking everything a spectrum needs.
     *
     * @param axisOverride an axis path chosen by the user (absolute, or relative to the signal's group), or null
     */
    public Loaded load(Plottable p, String axisOverride) throws SpectrumFormatException {
        Plottable where = axisOverride == null ? p : new Plottable(p.group(), p.signal(), axisOverride, p.errors());
        String signalPath = where.signalPath();
        Dataset sd;
        try {
            sd = h5.dataset(signalPath);
        } catch (HdfReader.NotFound e) {
            throw h5.error(signalPath, "does not exist" + (axisOverride == null && isDeclared(p)
                    ? " (named by @signal of " + p.group() + ")" : ""));
        }
        double[] y = finite(signalPath, h5.readVector(signalPath, sd));
        if (y.length < 2) {
            throw h5.error(signalPath, "has " + y.length + " point(s); a spectrum needs at least 2");
        }
        String yUnits = units(signalPath, sd);

        double[] x;
        String xName;
        String xUnits;
        Optional<String> axisPath = where.axisPath();
        if (axisPath.isPresent()) {
            String ap = axisPath.get();
            Dataset ad;
            try {
                ad = h5.dataset(ap);
            } catch (HdfReader.NotFound e) {
                throw h5.error(ap, "does not exist (the axis of " + signalPath + ")");
            }
            x = finite(ap, h5.readVector(ap, ad));
            if (x.length != y.length) {
                throw h5.error(ap, "axis has " + x.length + " points but the signal " + signalPath + " has "
                        + y.length);
            }
            xName = HdfPaths.name(ap);
            xUnits = units(ap, ad);
        } else {
            x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            xName = "index";
            xUnits = "";
        }

        double[] sigma = null;
        Optional<String> errorsPath = where.errorsPath();
        if (errorsPath.isPresent()) {
            String ep = errorsPath.get();
            sigma = finite(ep, h5.readVector(ep, h5.dataset(ep)));
            if (sigma.length != y.length) {
                throw h5.error(ep, "has " + sigma.length + " uncertainties but the signal " + signalPath + " has "
                        + y.length + " points");
            }
            for (int i = 0; i < sigma.length; i++) {
                if (!(sigma[i] > 0)) {
                    throw h5.error(ep, "uncertainty [" + i + "] is " + sigma[i] + "; uncertainties must be positive");
                }
            }
        }

        boolean descending = x[1] < x[0];
        for (int i = 1; i < x.length; i++) {
            if (descending ? !(x[i] < x[i - 1]) : !(x[i] > x[i - 1])) {
                throw h5.error(axisPath.orElse(signalPath), "axis values must be strictly increasing or decreasing, "
                        + "but value [" + (i - 1) + "] = " + Texts.number(x[i - 1]) + " is followed by "
                        + Texts.number(x[i]));
            }
        }
        if (descending) {
            reverse(x);
            reverse(y);
            if (sigma != null) {
                reverse(sigma);
            }
        }
        String yName = HdfPaths.name(signalPath);
        SpectrumKind kind = guessKind(xName, xUnits, yName);
        Spectrum s = Spectrum.of(kind, x, y).withAxis(xName, xUnits).withValues(yName, yUnits).withName(signalPath)
                .withUncertainties(sigma);
        return new Loaded(where, s);
    }

    private boolean isDeclared(Plottable p) {
        try {
            Group g = h5.group(p.group());
            return h5.stringAttribute(p.group(), g, "signal").isPresent();
        } catch (SpectrumFormatException e) {
            return false;
        }
    }

    private double[] finite(String path, double[] v) throws SpectrumFormatException {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw h5.error(path, "value [" + i + "] is " + v[i] + "; spectra must hold finite numbers");
            }
        }
        return v;
    }

    private String units(String path, Dataset d) throws SpectrumFormatException {
        return h5.stringAttribute(path, d, "units").orElse("");
    }

    private static void reverse(double[] v) {
        for (int i = 0, j = v.length - 1; i < j; i++, j--) {
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
    }

    /**
     * A guess from names and units only: energy axes (eV, keV, or named E/energy) are XANES, k axes EXAFS, r axes with
     * a G-like signal PDF. Anything else stays {@link SpectrumKind#OTHER}.
     */
    static SpectrumKind guessKind(String xName, String xUnits, String yName) {
        String x = xName.toLowerCase(Locale.ROOT);
        String u = xUnits.toLowerCase(Locale.ROOT).replace(" ", "");
        String y = yName.toLowerCase(Locale.ROOT);
        if (u.equals("ev") || u.equals("kev") || x.equals("e") || x.startsWith("energy")) {
            return SpectrumKind.XANES;
        }
        if (x.equals("k") && (y.startsWith("chi") || y.isEmpty() || u.contains("angstrom") || u.isEmpty())) {
            return SpectrumKind.EXAFS;
        }
        if (xName.equals("r") && (yName.startsWith("G") || y.startsWith("pdf") || y.startsWith("gr"))) {
            return SpectrumKind.PDF;
        }
        return SpectrumKind.OTHER;
    }

    @Override
    public void close() {
        h5.close();
    }
}
