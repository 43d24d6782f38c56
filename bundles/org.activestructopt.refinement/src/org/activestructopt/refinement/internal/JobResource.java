package org.activestructopt.refinement.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.activestructopt.api.Typos;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.JobProblem;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.ClassNotFoundException;
import org.eclipse.emf.ecore.xmi.FeatureNotFoundException;
import org.eclipse.emf.ecore.xmi.IllegalValueException;
import org.eclipse.emf.ecore.xmi.PackageNotFoundException;
import org.eclipse.emf.ecore.xmi.XMIException;
import org.eclipse.emf.ecore.xmi.XMLLoad;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.SAXXMIHandler;
import org.eclipse.emf.ecore.xmi.impl.XMILoadImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads and writes job files (XMI of the refinement package) strictly: an unknown element or attribute, a value of
 * the wrong type, an unknown enumeration literal, a repeated single element or malformed XML is an error naming the
 * file, line, column and key, never silently recorded or dropped. Remembers the line where each object starts so
 * that later validation can point at it. Saves atomically (temporary file in the same directory, then a move), so a
 * run killed while writing leaves the previous version intact.
 */
public final class JobResource extends XMIResourceImpl {

    private final Map<EObject, Integer> lines = new HashMap<>();

    private JobResource(URI uri) {
        super(uri);
    }

    /** @return the line of the job file where {@code o} starts, if it was loaded from a file */
    public static OptionalInt lineOf(EObject o) {
        if (o.eResource() instanceof JobResource r) {
            Integer line = r.lines.get(o);
            return line == null ? OptionalInt.empty() : OptionalInt.of(line);
        }
        return OptionalInt.empty();
    }

    /** @return a new, empty resource for {@code file} in a resource set that knows the refinement package */
    public static JobResource create(Path file) {
        ResourceSet rs = new ResourceSetImpl();
        rs.getPackageRegistry().put(ModelFeatures.ePackage().getNsURI(), ModelFeatures.ePackage());
        JobResource r = new JobResource(URI.createFileURI(file.toAbsolutePath().toString()));
        rs.getResources().add(r);
        return r;
    }

    /**
     * Loads a job file.
     *
     * @return the root object, of class {@code rootClass}
     * @throws JobFormatException listing every problem the parser found, with lines
     * @throws IOException        if the file cannot be read
     */
    public static EObject load(Path file, EClass rootClass) throws JobFormatException, IOException {
        JobResource r = create(file);
        try (InputStream in = Files.newInputStream(file)) {
            r.load(in, loadOptions());
        } catch (Resource.IOWrappedException e) {
            // the problems are in getErrors(), reported below
        } catch (java.io.UnsupportedEncodingException | java.nio.charset.CharacterCodingException e) {
            // the XML declaration names an encoding Java does not have, or the bytes are not in it
            throw new JobFormatException(file, List.of(new JobProblem(OptionalInt.of(1), OptionalInt.empty(), "",
                    "cannot decode the file: " + (e instanceof java.io.UnsupportedEncodingException
                            ? "unknown encoding '" + e.getMessage() + "' in the XML declaration"
                            : "bytes that are not valid in its encoding"))));
        }
        List<JobProblem> problems = new ArrayList<>();
        for (Resource.Diagnostic d : r.getErrors()) {
            problems.add(describe(d));
        }
        if (problems.isEmpty() && r.getContents().isEmpty()) {
            problems.add(new JobProblem(OptionalInt.empty(), OptionalInt.empty(), "", "the file contains no job"));
        }
        if (problems.isEmpty() && r.getContents().get(0).eClass() != rootClass) {
            EObject root = r.getContents().get(0);
            problems.add(new JobProblem(lineOf(root), OptionalInt.empty(), "", "the root element is a "
                    + root.eClass().getName() + ", expected aso:" + rootClass.getName()));
        }
        if (problems.isEmpty() && r.getContents().size() > 1) {
            problems.add(new JobProblem(lineOf(r.getContents().get(1)), OptionalInt.empty(), "",
                    "a job file holds one job; found " + r.getContents().size() + " root elements"));
        }
        if (!problems.isEmpty()) {
            throw new JobFormatException(file, problems);
        }
        return r.getContents().get(0);
    }

    /**
     * Saves {@code root} to {@code file} atomically, with every default value written out so that a results file
     * records the settings a run actually used. {@code root} is moved into a resource for {@code file} if it is not
     * in one yet.
     */
    public static void save(EObject root, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        JobResource r;
        if (root.eResource() instanceof JobResource existing) {
            r = existing;
            r.setURI(URI.createFileURI(target.toString()));
        } else {
            r = create(target);
            r.getContents().add(root);
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        removeStaleTemporaries(dir, target.getFileName().toString());
        // not Files.createTempFile: its owner-only permissions would replace those of the job file
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                r.save(out, saveOptions());
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temporary files of saves that a JVM which is gone left behind (a process halted in the middle of a
     * save, e.g. after Ctrl-C ended its run); those of a live process may be its save in progress and stay.
     */
    private static void removeStaleTemporaries(Path dir, String name) {
        String prefix = "." + name + ".";
        try (var files = Files.newDirectoryStream(dir, f -> {
            String n = f.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path f : files) {
                String[] parts = f.getFileName().toString().substring(prefix.length()).split("\\.");
                try {
                    long pid = Long.parseLong(parts[0]);
                    if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                        Files.deleteIfExists(f);
                    }
                } catch (NumberFormatException | IOException e) {
                    // not one of ours, or gone already
                }
            }
        } catch (IOException e) {
            // leaving debris is no reason to fail a save
        }
    }

    /**
     * @return {@code o} (not contained in any resource) as the XMI a job file holds, on one line: line breaks in
     *         values are escaped as character references
     */
    public static String toLine(EObject o) {
        JobResource r = create(Path.of("line.xmi"));
        r.getContents().add(o);
        Map<Object, Object> options = saveOptions();
        options.remove(XMLResource.OPTION_LINE_WIDTH);
        options.put(XMLResource.OPTION_FORMATTED, Boolean.FALSE);
        options.put(XMLResource.OPTION_DECLARE_XML, Boolean.FALSE);
        var out = new java.io.ByteArrayOutputStream();
        try {
            r.save(out, options);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String line = out.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalStateException("XMI of " + o.eClass().getName() + " spans several lines");
        }
        return line;
    }

    /**
     * Reads an object written by {@link #toLine(EObject)}.
     *
     * @throws IOException if the text is not the XMI of one object of class {@code type}
     */
    public static EObject fromLine(String line, EClass type) throws IOException {
        JobResource r = create(Path.of("line.xmi"));
        try (InputStream in = new java.io.ByteArrayInputStream(line.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            r.load(in, loadOptions());
        } catch (Resource.IOWrappedException e) {
            // reported below
        }
        if (!r.getErrors().isEmpty() || r.getContents().size() != 1 || r.getContents().get(0).eClass() != type) {
            throw new IOException("not one " + type.getName() + ": " + (r.getErrors().isEmpty() ? r.getContents()
                    : r.getErrors().get(0).getMessage()));
        }
        EObject o = r.getContents().get(0);
        r.getContents().clear();
        return o;
    }

    /** @return the file this object's resource was loaded from or saved to, if any */
    public static java.util.Optional<Path> fileOf(EObject o) {
        Resource r = o.eResource();
        if (r == null || r.getURI() == null || !r.getURI().isFile()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(r.getURI().toFileString()));
    }

    static Map<Object, Object> loadOptions() {
        Map<Object, Object> o = new HashMap<>();
        // the defaults already make unknown features errors; say so explicitly, these are the point of the format
        o.put(XMLResource.OPTION_RECORD_UNKNOWN_FEATURE, Boolean.FALSE);
        o.put(XMLResource.OPTION_LAX_FEATURE_PROCESSING, Boolean.FALSE);
        o.put(XMLResource.OPTION_DEFER_IDREF_RESOLUTION, Boolean.TRUE);
        // no DTDs: nothing to resolve, and no external entities from a job file someone sent
        o.put(XMLResource.OPTION_PARSER_FEATURES, Map.of("http://apache.org/xml/features/disallow-doctype-decl",
                Boolean.TRUE));
        return o;
    }

    static Map<Object, Object> saveOptions() {
        Map<Object, Object> o = new HashMap<>();
        o.put(XMLResource.OPTION_ENCODING, "UTF-8");
        o.put(XMLResource.OPTION_KEEP_DEFAULT_CONTENT, Boolean.TRUE);
        o.put(XMLResource.OPTION_LINE_WIDTH, 120);
        return o;
    }

    @Override
    protected XMLLoad createXMLLoad() {
        return new XMILoadImpl(createXMLHelper()) {
            @Override
            protected DefaultHandler makeDefaultHandler() {
                return new SAXXMIHandler(resource, helper, options) {
                    @Override
                    protected void processObject(EObject object) {
                        if (object != null) {
                            lines.put(object, getLineNumber());
                        }
                        super.processObject(object);
                    }

                    @Override
                    protected void setFeatureValue(EObject object, EStructuralFeature feature, Object value,
                            int position) {
                        if (feature instanceof EReference ref && ref.isContainment() && !ref.isMany()
                                && object.eGet(ref) != null) {
                            error(new XMIException("<" + ref.getName() + "> is given twice in <"
                                    + elementName(object) + ">", getLocation(), getLineNumber(), getColumnNumber()));
                        }
                        super.setFeatureValue(object, feature, value, position);
                    }
                };
            }
        };
    }

    // ------------------------------------------------------------------------------------------------ messages

    private static JobProblem describe(Resource.Diagnostic d) {
        OptionalInt line = d.getLine() > 0 ? OptionalInt.of(d.getLine()) : OptionalInt.empty();
        OptionalInt column = d.getColumn() > 0 ? OptionalInt.of(d.getColumn()) : OptionalInt.empty();
        if (d instanceof FeatureNotFoundException f) {
            EObject o = f.getObject();
            String where = o == null ? "" : pathOf(o);
            String problem = o == null ? "unknown key '" + f.getName() + "'"
                    : "unknown key '" + f.getName() + "' in <" + elementName(o) + ">" + suggestion(o.eClass(),
                            f.getName()) + "; known: " + knownKeys(o.eClass());
            return new JobProblem(line, column, where, problem);
        }
        if (d instanceof IllegalValueException v) {
            EStructuralFeature f = v.getFeature();
            String where = v.getObject() == null ? f.getName() : join(pathOf(v.getObject()), f.getName());
            return new JobProblem(line, column, where, "'" + v.getValue() + "' " + outOfRange(f, v.getValue())
                    .orElse("is not " + expected(f)));
        }
        if (d instanceof ClassNotFoundException c) {
            return new JobProblem(line, column, "", "unknown type '" + c.getName() + "'");
        }
        if (d instanceof PackageNotFoundException p) {
            return new JobProblem(line, column, "", "unknown namespace '" + p.uri() + "'; job files use xmlns:aso=\""
                    + ModelFeatures.ePackage().getNsURI() + "\"");
        }
        String message = d.getMessage();
        if (d instanceof XMIException x && x.getCause() instanceof org.xml.sax.SAXParseException sax) {
            message = "not well-formed XML: " + sax.getMessage();
        } else if (message != null) {
            message = message.replaceAll("\\s*\\(file:[^)]*\\)\\s*$", ""); // the location is reported separately
        }
        return new JobProblem(line, column, "", message == null ? d.toString() : message);
    }

    /** @return for a whole number beyond the range of its attribute's type, the range it exceeds */
    private static java.util.Optional<String> outOfRange(EStructuralFeature f, Object value) {
        if (!(f instanceof EAttribute a) || !(value instanceof String text)
                || !text.strip().matches("[+-]?\\d+")) {
            return java.util.Optional.empty();
        }
        Class<?> c = a.getEAttributeType().getInstanceClass();
        java.math.BigInteger v = new java.math.BigInteger(text.strip());
        java.math.BigInteger min;
        java.math.BigInteger max;
        if (c == int.class || c == Integer.class) {
            min = java.math.BigInteger.valueOf(Integer.MIN_VALUE);
            max = java.math.BigInteger.valueOf(Integer.MAX_VALUE);
        } else if (c == long.class || c == Long.class) {
            min = java.math.BigInteger.valueOf(Long.MIN_VALUE);
            max = java.math.BigInteger.valueOf(Long.MAX_VALUE);
        } else {
            return java.util.Optional.empty();
        }
        if (v.compareTo(max) > 0) {
            return java.util.Optional.of("is too large (at most " + max + ")");
        }
        if (v.compareTo(min) < 0) {
            return java.util.Optional.of("is too small (at least " + min + ")");
        }
        return java.util.Optional.empty();
    }

    private static String expected(EStructuralFeature f) {
        if (f.getEType() instanceof EEnum e) {
            return "one of " + e.getELiterals().stream().map(EEnumLiteral::getLiteral).collect(Collectors.joining(", "));
        }
        if (f instanceof EAttribute a) {
            EDataType t = a.getEAttributeType();
            String name = t.getName();
            if (name.endsWith("List")) {
                return "a white-space separated list of " + (name.startsWith("Double") ? "numbers" : "words");
            }
            Class<?> c = t.getInstanceClass();
            if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
                return "a whole number";
            }
            if (c == double.class || c == Double.class) {
                return "a number";
            }
            if (c == boolean.class || c == Boolean.class) {
                return "true or false";
            }
            return "a valid " + name;
        }
        return "valid here";
    }

    private static String knownKeys(EClass c) {
        return c.getEAllStructuralFeatures().stream().map(EStructuralFeature::getName)
                .collect(Collectors.joining(", "));
    }

    private static String suggestion(EClass c, String name) {
        List<String> known = c.getEAllStructuralFeatures().stream().map(EStructuralFeature::getName).toList();
        return Typos.closest(name, known).map(best -> " (did you mean '" + best + "'?)").orElse("");
    }

    /** The XML element name of an object: its containment feature, or the class for the root. */
    private static String elementName(EObject o) {
        return o.eContainmentFeature() == null ? "aso:" + o.eClass().getName() : o.eContainmentFeature().getName();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }

    /** @return e.g. {@code objectives[1]/target}; "" for the root */
    public static String pathOf(EObject o) {
        List<String> parts = new ArrayList<>();
        while (o.eContainer() != null) {
            EReference ref = o.eContainmentFeature();
            String part = ref.getName();
            if (ref.isMany()) {
                part += "[" + ((List<?>) o.eContainer().eGet(ref)).indexOf(o) + "]";
            }
            parts.add(0, part);
            o = o.eContainer();
        }
        return String.join("/", parts);
    }
}
