package org.activestructopt.spectra.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.activestructopt.spectra.SpectrumFormatException;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.links.SoftLink;

/**
 * An HDF5 file opened for reading through jHDF, with the guards a user-facing reader needs: the file is checked for
 * the HDF5 signature and for truncation before jHDF sees it, soft links are followed here (jHDF recurses without
 * limit on a link loop), and every jHDF failure becomes a {@link SpectrumFormatException} naming the file and the
 * HDF5 path being read.
 */
public final class HdfReader implements AutoCloseable {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };
    private static final int MAX_LINK_DEPTH = 32;
    /** Far beyond any spectrum; protects against corrupt dimension fields asking for gigabytes. */
    private static final long MAX_ELEMENTS = 50_000_000L;

    private final Path file;
    private final HdfFile hdf;

    private HdfReader(Path file, HdfFile hdf) {
        this.file = file;
        this.hdf = hdf;
    }

    /** Opens {@code file}, refusing anything that is not a complete HDF5 file. */
    public static HdfReader open(Path file) throws SpectrumFormatException {
        if (!Files.exists(file)) {
            throw new SpectrumFormatException(file, null, "file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new SpectrumFormatException(file, null, "not a regular file");
        }
        checkCompleteHdf5(file);
        try {
            return new HdfReader(file, new HdfFile(file));
        } catch (RuntimeException | StackOverflowError e) {
            throw new SpectrumFormatException(file, null, "cannot open as HDF5: " + describe(e), e);
        }
    }

    private static void checkCompleteHdf5(Path file) throws SpectrumFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new SpectrumFormatException(file, null, "empty file, not an HDF5 file");
            }
            long offset = signatureOffset(ch, size);
            if (offset < 0) {
                throw new SpectrumFormatException(file, null,
                        "not an HDF5 file (no HDF5 signature; NeXus files must be HDF5, not text or HDF4)");
            }
            long expected;
            try {
                Superblock sb = Superblock.readSuperblock(ch, offset);
                // Files with a user block disagree on whether this address counts from the superblock or the file
                // start (h5py's count from the start); taking it as absolute never reports a complete file truncated.
                expected = sb.getEndOfFileAddress();
            } catch (RuntimeException e) {
                throw new SpectrumFormatException(file, null,
                        "truncated or corrupt HDF5 superblock (" + size + " bytes): " + describe(e), e);
            }
            if (expected > size) {
                throw new SpectrumFormatException(file, null, "truncated HDF5 file: " + size
                        + " bytes, but its superblock says it ends at byte " + expected + " (incomplete copy?)");
            }
        } catch (IOException e) {
            throw new SpectrumFormatException(file, null, "cannot read: " + describe(e), e);
        }
    }

    /** HDF5 places the signature at byte 0 or, after a user block, at 512, 1024, 2048, ... */
    private static long signatureOffset(FileChannel ch, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SIGNATURE.length);
        for (long at = 0; at + SIGNATURE.length <= size; at = at == 0 ? 512 : at * 2) {
            buf.clear();
            ch.read(buf, at);
            if (Arrays.equals(buf.array(), SIGNATURE)) {
                return at;
            }
        }
        return -1;
    }

    /** @return the file this reads */
    public Path file() {
        return file;
    }

    /** @return the root group */
    public Group root() {
        return hdf;
    }

    /** A failure at {@code location} inside this file. */
    public SpectrumFormatException error(String location, String problem) {
        return new SpectrumFormatException(file, location, problem);
    }

    /**
     * Runs a jHDF call, turning its unchecked failures (and the stack overflow of its unbounded recursions) into a
     * one-line error at {@code location}.
     */
    public <T> T guard(String location, Supplier<T> call) throws SpectrumFormatException {
        try {
            return call.get();
        } catch (RuntimeException | StackOverflowError e) {
            throw new SpectrumFormatException(file, location, "cannot read: " + describe(e), e);
        }
    }

    /**
     * The object at an absolute path, following soft links (also in intermediate groups).
     *
     * @throws SpectrumFormatException if a component does not exist, a link dangles or loops, or jHDF fails
     */
    public Node resolve(String path) throws SpectrumFormatException {
        return resolve(HdfPaths.normalize(path), new ArrayList<>());
    }

    /** @return whether {@code path} names an existing object (a dangling or looping link on the way is an error) */
    public boolean exists(String path) throws SpectrumFormatException {
        try {
            resolve(path);
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    private Node resolve(String path, List<String> chain) throws SpectrumFormatException {
        Node node = hdf;
        StringBuilder at = new StringBuilder();
        for (String part : HdfPaths.components(path)) {
            if (!(node instanceof Group g)) {
                throw error(at.toString(), "is a dataset, not a group, so it has no member '" + part + "'");
            }
            at.append('/').append(part);
            String here = at.toString();
            Map<String, Node> children = guard(HdfPaths.orRoot(g.getPath()), g::getChildren);
            Node child = children.get(part);
            if (child == null) {
                throw new NotFound(file, here);
            }
            node = follow(child, here, chain);
        }
        return node;
    }

    private Node follow(Node child, String at, List<String> chain) throws SpectrumFormatException {
        if (child instanceof SoftLink link) {
            String target = link.getTargetPath();
            if (chain.contains(at) || chain.size() >= MAX_LINK_DEPTH) {
                chain.add(at);
                throw error(chain.get(0), "soft links form a loop: " + String.join(" -> ", chain));
            }
            chain.add(at);
            try {
                return resolve(HdfPaths.normalize(target), chain);
            } catch (NotFound e) {
                throw error(chain.get(0), "soft link to " + target + " is dangling (" + e.missing + " does not exist)");
            } finally {
                chain.remove(chain.size() - 1);
            }
        }
        if (child instanceof Link link) {
            String target = guard(at, link::getTargetPath);
            Node resolved = guard(at, link::getTarget);
            if (resolved == null) {
                throw error(at, "link to " + target + " is dangling");
            }
            return resolved;
        }
        return child;
    }

    /** A path that does not exist; subclass so callers can tell absence from other failures. */
    public static final class NotFound extends SpectrumFormatException {
        private static final long serialVersionUID = 1L;
        private final String missing;

        NotFound(Path file, String missing) {
            super(file, missing, "does not exist");
            this.missing = missing;
        }
    }

    /** @return the dataset at {@code path}, or an error saying what is there instead */
    public Dataset dataset(String path) throws SpectrumFormatException {
        Node n = resolve(path);
        if (n instanceof Dataset d) {
            return d;
        }
        throw error(path, "is a group, not a dataset");
    }

    /** @return the group at {@code path}, or an error saying what is there instead */
    public Group group(String path) throws SpectrumFormatException {
        Node n = resolve(path);
        if (n instanceof Group g) {
            return g;
        }
        throw error(path, "is a dataset, not a group");
    }

    /** Members of a group by name, sorted, links unresolved. */
    public Map<String, Node> children(Group g) throws SpectrumFormatException {
        return new TreeMap<>(guard(HdfPaths.orRoot(g.getPath()), g::getChildren));
    }

    /** @return the dimensions of a dataset ({@code []} for a scalar) */
    public int[] shape(String path, Dataset d) throws SpectrumFormatException {
        return guard(path, () -> d.isScalar() ? new int[0] : d.getDimensions());
    }

    /**
     * Reads a 1-D numeric dataset as doubles (any integer or float width).
     *
     * @throws SpectrumFormatException if it is not 1-D, not numeric, too large or unreadable
     */
    public double[] readVector(String path, Dataset d) throws SpectrumFormatException {
        int[] shape = shape(path, d);
        if (shape.length != 1) {
            throw error(path, describeShape(shape) + "; a spectrum needs 1-D data");
        }
        if (shape[0] == 0) {
            throw error(path, "is empty (0 points); a spectrum needs at least 2");
        }
        if (shape[0] > MAX_ELEMENTS) {
            throw error(path, "has " + shape[0] + " points, more than a spectrum can have (" + MAX_ELEMENTS + ")");
        }
        Class<?> type = guard(path, d::getJavaType);
        if (type == null || !(type.isPrimitive() && type != boolean.class && type != char.class)) {
            throw error(path, "holds " + (type == null ? "data of unknown type" : type.getSimpleName())
                    + " values, not numbers");
        }
        Object data = guard(path, d::getData);
        if (data == null || !data.getClass().isArray()) {
            throw error(path, "holds no data (allocated but never written?)");
        }
        int n = Array.getLength(data);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Array.getDouble(data, i);
        }
        return v;
    }

    /** "is 2-D (shape [10, 12])" or "is a scalar". */
    public static String describeShape(int[] shape) {
        return shape.length == 0 ? "is a scalar" : "is " + shape.length + "-D (shape " + Arrays.toString(shape) + ")";
    }

    /** A string attribute (a 1-element string array counts), if present. */
    public Optional<String> stringAttribute(String location, Node node, String name) throws SpectrumFormatException {
        List<String> all = stringsAttribute(location, node, name);
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }

    /**
     * A string or string-array attribute as a list (empty when absent or not text). Fixed-length strings come back
     * from jHDF without their padding; stray NULs and blanks are stripped for writers that pad differently.
     */
    public List<String> stringsAttribute(String location, Node node, String name) throws SpectrumFormatException {
        Object v = attributeValue(location, node, name);
        List<String> out = new ArrayList<>();
        if (v instanceof String s) {
            out.add(clean(s));
        } else if (v instanceof String[] a) {
            for (String s : a) {
                out.add(clean(s));
            }
        } else if (v instanceof byte[] bytes) {
            out.add(clean(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace("\0", "").strip();
    }

    /** An integer attribute (a number, a 1-element array, or a string of digits), if present. */
    public OptionalLong integerAttribute(String location, Node node, String name) throws SpectrumFormatException {
        Object v = attributeValue(location, node, name);
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
            v = Array.get(v, 0);
        }
        if (v instanceof Number num) {
            double d = num.doubleValue();
            return d == Math.rint(d) ? OptionalLong.of((long) d) : OptionalLong.empty();
        }
        if (v instanceof String s) {
            try {
                return OptionalLong.of(Long.parseLong(clean(s)));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private Object attributeValue(String location, Node node, String name) throws SpectrumFormatException {
        Map<String, Attribute> attrs = guard(location, node::getAttributes);
        Attribute a = attrs.get(name);
        return a == null ? null : guard(location + "@" + name, a::getData);
    }

    /** One-line text of a low-level failure. */
    public static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "the file's structure is recursive or too deep";
        }
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : m + (e instanceof io.jhdf.exceptions.HdfException ? "" : " (" + name + ")");
    }

    @Override
    public void close() {
        try {
            hdf.close();
        } catch (RuntimeException e) {
            // closing a read-only file cannot lose data; a failure here must not hide the real outcome
        }
    }
}
