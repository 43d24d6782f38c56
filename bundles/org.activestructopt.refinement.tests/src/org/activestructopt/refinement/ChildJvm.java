package org.activestructopt.refinement;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Starts a separate JVM on the classes of the bundles of the running Equinox (outside OSGi, as
 * {@link BaselineBenchmark} runs), so that a test can kill a real engine process.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /** @return the class path of every bundle of this framework: jars, and the class folders of workspace bundles */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        // this fragment's own classes: tycho-surefire runs the tests in the fragment's project directory
        Path own = Path.of("target", "classes").toAbsolutePath();
        if (Files.isDirectory(own)) {
            entries.add(own.toString());
        }
        for (Bundle b : FrameworkUtil.getBundle(ChildJvm.class).getBundleContext().getBundles()) {
            // e.g. initial@reference:file:/root/.m2/repository/.../x.jar
            String location = b.getLocation();
            int file = location.indexOf("file:");
            if (file < 0) {
                continue;
            }
            location = location.substring(file);
            Path p = Path.of(location.substring("file:".length()));
            if (!p.isAbsolute()) {
                // Equinox resolves relative locations against its install area
                p = installArea().resolve(p).normalize();
            }
            if (Files.isDirectory(p)) {
                for (String sub : List.of("target/classes", "bin")) {
                    if (Files.isDirectory(p.resolve(sub))) {
                        entries.add(p.resolve(sub).toString());
                    }
                }
            }
            entries.add(p.toString());
        }
        // the framework itself (the system bundle has no file location): the class path this JVM was started with
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        try {
            var source = org.osgi.framework.Bundle.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                entries.add(Path.of(source.getLocation().toURI()).toString());
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // found on the class path above, or not at all
        }
        String path = String.join(File.pathSeparator, entries);
        try {
            // for running the benchmarks of this fragment by hand: java -cp "$(cat target/child-classpath.txt)" ...
            Files.writeString(Path.of("target", "child-classpath.txt"), path);
        } catch (java.io.IOException | RuntimeException e) {
            // only a convenience
        }
        return path;
    }

    private static Path installArea() {
        String area = FrameworkUtil.getBundle(ChildJvm.class).getBundleContext().getProperty("osgi.install.area");
        if (area != null && area.startsWith("file:")) {
            return Path.of(URI.create(area.replace(" ", "%20")));
        }
        return Path.of("target", "work").toAbsolutePath();
    }

    /** @return a process builder for {@code java -cp CLASSPATH mainClass args}, with this JVM's executable */
    static ProcessBuilder java(String mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp", classPath(),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
