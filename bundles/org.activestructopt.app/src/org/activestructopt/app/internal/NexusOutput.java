package org.activestructopt.app.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.nexus.NexusResultWriter;
import org.osgi.framework.FrameworkUtil;

/** NeXus files written by the command line: one NXentry, its NXprocess saying which command made it. */
final class NexusOutput {

    private NexusOutput() {
    }

    static void write(Spectrum spectrum, Path file, Map<String, String> parameters) throws IOException {
        String name = "simulated";
        NexusResultWriter.create()
                .process("ActiveStructOpt aso", FrameworkUtil.getBundle(NexusOutput.class).getVersion().toString(),
                        parameters)
                .spectrum(name, spectrum)
                .defaultData(name)
                .write(file);
    }
}
