package org.activestructopt.app.internal;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.xas.Autobk;
import org.activestructopt.spectra.xas.AutobkResult;
import org.activestructopt.spectra.xas.PreEdge;

import picocli.CommandLine.Option;

/**
 * The XAS processing options shared by {@code aso spectra} and {@code aso convert-spectrum}: mu(E) to normalised mu(E)
 * (Larch's {@code pre_edge}) and chi(k) (AUTOBK), with Larch's defaults except the background k-weight (2, as for
 * most foils measured to high k).
 */
final class XasOptions {

    @Option(names = "--e0", paramLabel = "EV", description = "XAS: the edge energy E0 in eV (default: the maximum "
            + "of the derivative of mu(E), as Larch's find_e0).")
    Double e0;

    @Option(names = "--rbkg", paramLabel = "ANGSTROM", defaultValue = "1",
            description = "XAS: AUTOBK's rbkg, below which chi(R) is minimised. Default: ${DEFAULT-VALUE}.")
    double rbkg;

    @Option(names = "--bkg-kweight", paramLabel = "W", defaultValue = "2",
            description = "XAS: the k-weight of AUTOBK's background fit. Default: ${DEFAULT-VALUE}.")
    double bkgKweight;

    /** The normalisation and background of one mu(E) spectrum. */
    record Processed(AutobkResult background, boolean e0Given) {
    }

    /** @throws UserException naming the file and the processing step that cannot be done on its data */
    Processed process(String file, Spectrum mu) throws UserException {
        PreEdge pre = e0 == null ? PreEdge.DEFAULTS : PreEdge.DEFAULTS.withE0(e0);
        try {
            var norm = pre.normalize(mu);
            Autobk bkg = Autobk.DEFAULTS.withRbkg(rbkg).withKweight(bkgKweight);
            return new Processed(bkg.run(norm), e0 != null);
        } catch (IllegalArgumentException e) {
            throw new UserException(file + ": XAS processing (pre_edge, autobk): " + e.getMessage(), e);
        }
    }
}
