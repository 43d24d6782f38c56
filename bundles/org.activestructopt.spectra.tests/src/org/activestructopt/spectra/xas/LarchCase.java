package org.activestructopt.spectra.xas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.activestructopt.spectra.ColumnFile;
import org.activestructopt.spectra.exafs.FtWindow;

/** One case written by data/xas/generate.py: the input Larch read, its outputs and the parameters it was run with. */
record LarchCase(String name, ColumnFile muFile, ColumnFile chiFile, Map<String, Double> scalars) {

    static final Path DIR = Path.of("data", "xas");

    static LarchCase read(String name) throws IOException {
        Map<String, Double> s = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve(name + "_scalars.dat"))) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            s.put(f[0], f[1].equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(f[1]));
        }
        return new LarchCase(name, ColumnFile.read(DIR.resolve(name + "_mu.dat")),
                ColumnFile.read(DIR.resolve(name + "_chi.dat")), s);
    }

    double scalar(String key) {
        Double v = scalars.get(key);
        if (v == null) {
            throw new IllegalStateException(name + "_scalars.dat has no " + key);
        }
        return v;
    }

    double[] energy() {
        return muFile.column(0);
    }

    double[] mu() {
        return muFile.column(1);
    }

    /** The pre-edge parameters the script passed (the custom cases give ranges; the others leave them to Larch). */
    PreEdge preEdge() {
        if (!name.endsWith("_custom")) {
            return PreEdge.DEFAULTS;
        }
        double givenE0 = scalar("given_e0");
        PreEdge p = PreEdge.DEFAULTS.withNvict(scalar("nvict"));
        if (!Double.isNaN(givenE0)) {
            p = p.withE0(givenE0).withPreEdgeRange(scalar("pre1"), scalar("pre2"))
                    .withNormRange(scalar("norm1"), scalar("norm2")).withNnorm((int) scalar("nnorm"));
        }
        return p;
    }

    /** The autobk parameters the script passed; kmax NaN (end of the data) when the script left it to Larch. */
    Autobk autobk() {
        boolean custom = name.endsWith("_custom");
        return Autobk.DEFAULTS.withRbkg(scalar("rbkg")).withKweight(scalar("kweight"))
                .withKRange(scalar("kmin"), custom ? scalar("kmax") : Double.NaN)
                .withWindow(scalar("window") == 0 ? FtWindow.HANNING : FtWindow.KAISER, scalar("dk"))
                .withClamps((int) scalar("nclamp"), scalar("clamp_lo"), scalar("clamp_hi"));
    }
}
