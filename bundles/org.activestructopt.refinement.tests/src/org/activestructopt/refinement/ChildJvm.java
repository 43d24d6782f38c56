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
            Path p;
            try {
                p = Path.of(URI.create(location.replace(" ", "%20")));
            } catch (IllegalArgumentException e) {
                p = Path.of(location.substring("file:".length()));
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
        String path = String.join(File.pathSeparator, entries);
        try {
            // for running the benchmarks of this fragment by hand: java -cp "$(cat target/child-classpath.txt)" ...
            Files.writeString(Path.of("target", "child-classpath.txt"), path);
        } catch (java.io.IOException | RuntimeException e) {
            // only a convenience
        }
        return path;
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
