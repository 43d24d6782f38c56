package org.activestructopt.app.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The bundled examples: every directory under {@code examples/} of this bundle that holds a {@code job.xmi}, named by
 * the directory, described by the {@code description} of its {@code example.properties}. Found in the bundle at run
 * time, so an example added as a directory needs no code.
 */
final class Examples {

    static final String ROOT = "examples/";
    static final String DEFAULT = "rutile";

    /** One bundled example. */
    record Example(String name, String description) {
    }

    private Examples() {
    }

    /** @return the examples, sorted by name */
    static List<Example> list() {
        Bundle bundle = bundle();
        Enumeration<String> paths = bundle.getEntryPaths(ROOT);
        List<Example> out = new ArrayList<>();
        if (paths == null) {
            return out;
        }
        for (String p : Collections.list(paths)) {
            if (!p.endsWith("/") || bundle.getEntry(p + "job.xmi") == null) {
                continue;
            }
            String name = p.substring(ROOT.length(), p.length() - 1);
            out.add(new Example(name, description(bundle, p)));
        }
        out.sort(java.util.Comparator.comparing(Example::name));
        return out;
    }

    private static String description(Bundle bundle, String dir) {
        URL url = bundle.getEntry(dir + "example.properties");
        if (url == null) {
            return "(no description: " + dir + "example.properties is missing)";
        }
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "(no description: " + dir + "example.properties cannot be read: " + e.getMessage() + ")";
        }
        return p.getProperty("description", "(no description in " + dir + "example.properties)").strip();
    }

    /** @throws UserException naming the examples there are, if {@code name} is not one of them */
    static Example require(String name) throws UserException {
        List<Example> all = list();
        return all.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserException("--example " + name + ": no such bundled example; there are "
                        + String.join(", ", all.stream().map(Example::name).toList())
                        + " (aso examples describes them)"));
    }

    /** Copies the example's files (not its subdirectories) into {@code dir}; returns the job file there. */
    static Path copy(String name, Path dir) throws IOException {
        Bundle bundle = bundle();
        String path = ROOT + name;
        var entries = bundle.findEntries(path, "*", false);
        if (entries == null) {
            throw new IllegalStateException("the bundled example " + path + " is missing from " + bundle);
        }
        for (URL url : Collections.list(entries)) {
            if (url.getPath().endsWith("/")) {
                continue;
            }
            String file = Path.of(url.getPath()).getFileName().toString();
            try (InputStream in = url.openStream()) {
                Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir.resolve("job.xmi");
    }

    private static Bundle bundle() {
        return FrameworkUtil.getBundle(Examples.class);
    }
}
