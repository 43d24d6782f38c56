package org.activestructopt.app.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aso version}: what is running, so a bug report can say exactly which build it was. */
@Command(name = "version", description = "Print the versions of ActiveStructOpt, its bundles, Java and the OSGi framework.")
public final class VersionCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        for (String line : lines(true)) {
            spec.commandLine().getOut().println(line);
        }
    }

    static List<String> lines(boolean withBundles) {
        Bundle self = FrameworkUtil.getBundle(VersionCommand.class);
        List<String> lines = new ArrayList<>();
        lines.add("ActiveStructOpt " + self.getVersion());
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        Bundle framework = self.getBundleContext().getBundle(0);
        lines.add("OSGi framework " + framework.getSymbolicName() + " " + framework.getVersion());
        if (withBundles) {
            Arrays.stream(self.getBundleContext().getBundles())
                    .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.activestructopt."))
                    .sorted(Comparator.comparing(Bundle::getSymbolicName))
                    .forEach(b -> lines.add("  " + b.getSymbolicName() + " " + b.getVersion()));
        }
        return lines;
    }

    /** Lets {@code aso --version} print the short form. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return lines(false).toArray(String[]::new);
        }
    }
}
