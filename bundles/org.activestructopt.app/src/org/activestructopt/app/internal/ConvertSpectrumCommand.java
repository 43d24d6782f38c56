package org.activestructopt.app.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.exafs.Exafs;
import org.activestructopt.spectra.io.SpectrumFile;
import org.activestructopt.spectra.nexus.NexusResultWriter;
import org.activestructopt.spectra.xas.AutobkResult;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code aso convert-spectrum IN OUT}: a measured XAS spectrum as NeXus NXdata that DAWN (or any NeXus reader) plots
 * as it is: chi(k) with a k-weight, or normalised mu(E), with the signal/axes attributes, units and long names.
 */
@Command(name = "convert-spectrum", mixinStandardHelpOptions = true, description = {
        "Write a measured XAS spectrum (XDI, Athena .prj, Larch .chi, columns; IN#options as for refine --target)",
        "as NeXus: /entry/<chi|norm> an NXdata with @signal, @axes, units and long_name, the entry's default, so",
        "that DAWN plots it. mu(E) is processed as 'aso spectra' shows (pre_edge, AUTOBK); the processing",
        "parameters go into /entry/process/parameters." })
public final class ConvertSpectrumCommand implements Callable<Integer> {

    /** What to write. */
    enum Output {
        chi, norm
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Spectrum to read: mu(E) or chi(k).")
    private String in;

    @Parameters(index = "1", paramLabel = "OUT", description = "NeXus file to write (replaced if it exists).")
    private Path out;

    @Option(names = "--to", paramLabel = "chi|norm", defaultValue = "chi",
            description = "chi: chi(k) times k^kweight; norm: normalised mu(E). Default: ${DEFAULT-VALUE}.")
    private Output to;

    @Option(names = "--kweight", paramLabel = "W", defaultValue = "2",
            description = "The k-weight of the chi(k) written (0: plain chi(k)). Default: ${DEFAULT-VALUE}.")
    private double kweight;

    @Mixin
    private XasOptions xas;

    @Override
    public Integer call() throws UserException {
        if (!(kweight >= 0 && kweight <= 4)) {
            throw new UserException("--kweight must be between 0 and 4, not " + SpectraCommand.num(kweight));
        }
        SpectrumFile f;
        try {
            f = SpectraCommand.read(in);
        } catch (SpectrumFormatException e) {
            throw new UserException(e.getMessage(), e);
        }
        Spectrum s = f.spectrum();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("input", f.file().toAbsolutePath().toString());
        Spectrum written;
        if (s.kind() == SpectrumKind.XANES) {
            AutobkResult b = xas.process(f.file().toString(), s).background();
            var p = b.normalization().parameters();
            parameters.put("e0", Double.toString(b.e0()));
            parameters.put("edge_step", Double.toString(b.edgeStep()));
            parameters.put("pre_edge", String.format(Locale.ROOT, "pre1=%s pre2=%s norm1=%s norm2=%s nnorm=%d",
                    p.pre1(), p.pre2(), p.norm1(), p.norm2(), p.nnorm()));
            parameters.put("autobk", String.format(Locale.ROOT, "rbkg=%s kweight=%s", b.parameters().rbkg(),
                    b.parameters().kweight()));
            written = to == Output.norm
                    ? Spectrum.of(SpectrumKind.XANES, b.normalization().energy(), b.normalization().norm())
                            .withAxis("E", "eV").withValues("normalised mu(E)", "")
                    : Exafs.kWeight(Spectrum.of(SpectrumKind.EXAFS, b.k(), b.chi()).withAxis("k", "angstrom^-1")
                            .withValues("chi(k)", ""), kweight);
        } else if (s.kind() == SpectrumKind.EXAFS) {
            if (to == Output.norm) {
                throw new UserException(f.file() + ": holds chi(k), not mu(E): --to norm needs mu(E)");
            }
            written = Exafs.kWeight(f.unweighted().withAxis("k", "angstrom^-1").withValues("chi(k)", ""), kweight);
        } else {
            throw new UserException(f.file() + ": holds " + s.yName() + ", not XAS (mu(E) or chi(k)); convert-spectrum "
                    + "writes chi(k) or normalised mu(E)");
        }
        if (to == Output.chi) {
            parameters.put("kweight", SpectraCommand.num(kweight));
        }
        String name = to.name();
        try {
            // the creator is not "ActiveStructOpt ...": this file holds a measurement, and a refinement against it
            // refines the nuisance parameters by default as for the original file
            NexusResultWriter.create()
                    .process("aso convert-spectrum", FrameworkUtil.getBundle(ConvertSpectrumCommand.class)
                            .getVersion().toString(), parameters)
                    .title(f.file().getFileName() + ": " + written.yName())
                    .spectrum(name, written.withName(f.file().getFileName().toString())).defaultData(name).write(out);
        } catch (IOException e) {
            throw new UserException(out + ": cannot be written: " + e.getMessage(), Aso.EXIT_FAILURE);
        }
        spec.commandLine().getOut().println("wrote " + out + ": /entry/" + name + " " + written.yName() + ", "
                + written.size() + " points, " + written.xName() + " " + SpectraCommand.num(written.xMin()) + " to "
                + SpectraCommand.num(written.xMax()) + " " + written.xUnits());
        return 0;
    }
}
