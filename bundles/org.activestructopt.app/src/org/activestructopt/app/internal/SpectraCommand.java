package org.activestructopt.app.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.io.SpectrumFile;
import org.activestructopt.spectra.io.SpectrumReaders;
import org.activestructopt.spectra.io.Stated;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.spectra.xas.AutobkResult;
import org.activestructopt.spectra.xas.PreEdge;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code aso spectra FILE}: what a spectrum file holds. A NeXus file: its 1-D spectra, one line each. A text file
 * (PDFgetX2/X3 and GSAS-II .gr, XDI, Athena .prj, Larch .chi, plain columns): the spectrum and what its header states,
 * and for mu(E) the result of the XAS processing a refinement would apply (E0, edge step, chi(k)).
 */
@Command(name = "spectra", mixinStandardHelpOptions = true, description = {
        "Describe a spectrum file. NeXus/HDF5: the 1-D spectra (NeXus plottables), one line each:",
        "  <hdf5 path of signal> points=<n> x=[<min>,<max>] <x units>",
        "Text formats (.gr, .xdi, .prj, .chi, columns; FILE#options as for refine --target): the first line",
        "describes the file; then for a PDF the r range, Qmax and Qdamp of the header; for mu(E) the element",
        "and edge, E0, the edge step and the k range of chi(k) after pre_edge and AUTOBK (Larch's algorithms);",
        "for chi(k) the k range and k-weight." })
public final class SpectraCommand implements Callable<Integer> {

    private static final List<String> NEXUS = List.of(".nxs", ".nx5", ".h5", ".hdf5", ".hdf");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Spectrum file (NeXus/HDF5 or a text format).")
    private String file;

    @Mixin
    private XasOptions xas;

    @Override
    public Integer call() throws UserException {
        PrintWriter out = spec.commandLine().getOut();
        String name = file.toLowerCase(Locale.ROOT);
        try {
            if (NEXUS.stream().anyMatch(name::endsWith) && Files.exists(Path.of(file))) {
                NexusSpectra.summary(Path.of(file)).forEach(out::println);
                return 0;
            }
            SpectrumFile f = read(file);
            out.println(f.describe());
            Spectrum s = f.spectrum();
            switch (s.kind()) {
            case PDF -> pdf(out, f);
            case XANES -> xas(out, f);
            case EXAFS -> out.println(String.format(Locale.ROOT, "chi(k): k %s to %s angstrom^-1, %d points, "
                    + "k-weight %s%s", num(s.xMin()), num(s.xMax()), s.size(), num(f.kweight()),
                    f.get(Stated.KWEIGHT).isPresent() ? "" : " (not stated: taken as 0, as Larch writes .chi)"));
            default -> {
            }
            }
            return 0;
        } catch (SpectrumFormatException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    /** @throws SpectrumFormatException naming the file, also for a file that is not there */
    static SpectrumFile read(String spec) throws SpectrumFormatException, UserException {
        int hash = spec.lastIndexOf('#');
        Path path = Path.of(hash > 0 && !Files.exists(Path.of(spec)) ? spec.substring(0, hash) : spec);
        if (!Files.isRegularFile(path)) {
            throw new UserException(path + ": " + (Files.isDirectory(path) ? "is a directory" : "no such file"));
        }
        return SpectrumReaders.read(spec);
    }

    private static void pdf(PrintWriter out, SpectrumFile f) {
        Spectrum s = f.spectrum();
        out.println(String.format(Locale.ROOT, "G(r): r %s to %s angstrom, %d points%s", num(s.xMin()),
                num(s.xMax()), s.size(), s.uncertainties().isPresent() ? ", dG given (the fit's weights)" : ""));
        out.println("Qmax " + (f.qmax().isPresent() ? num(f.qmax().getAsDouble()) + " angstrom^-1 (from the header)"
                : "not stated: give the simulator's qmax"));
        out.println("Qdamp " + (f.qdamp().isPresent() ? num(f.qdamp().getAsDouble()) + " angstrom^-1 (from the header)"
                : "not stated: refined as a nuisance parameter from its default"));
    }

    private void xas(PrintWriter out, SpectrumFile f) throws UserException {
        Spectrum s = f.spectrum();
        out.println("element " + f.element().orElse("not stated") + ", edge " + f.edge().orElse("not stated"));
        XasOptions.Processed p = xas.process(f.file().toString(), s);
        AutobkResult b = p.background();
        var n = b.normalization();
        PreEdge used = n.parameters();
        out.println(String.format(Locale.ROOT, "E0 %s eV (%s)", num(b.e0()), p.e0Given() ? "given"
                : "maximum of the derivative of mu(E)"));
        out.println(String.format(Locale.ROOT, "edge step %s (pre-edge line from E0%+.4g to E0%+.4g eV, "
                + "normalisation polynomial of degree %d from E0%+.4g to E0%+.4g eV)", num(b.edgeStep()),
                used.pre1(), used.pre2(), used.nnorm(), used.norm1(), used.norm2()));
        double[] k = b.k();
        out.println(String.format(Locale.ROOT, "chi(k) by AUTOBK (rbkg %s angstrom, k-weight %s, %d knots): k %s to "
                + "%s angstrom^-1, %d points, epsilon_k %.3g", num(b.parameters().rbkg()),
                num(b.parameters().kweight()), b.knotK().length, num(k[0]), num(k[k.length - 1]), k.length,
                b.epsilonK()));
    }

    static String num(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
