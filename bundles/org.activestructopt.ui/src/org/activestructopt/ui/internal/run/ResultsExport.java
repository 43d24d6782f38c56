package org.activestructopt.ui.internal.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.activestructopt.refinement.ResultFile;
import org.activestructopt.structure.io.CifWriter;
import org.osgi.framework.FrameworkUtil;

/**
 * Writes what a user takes away from a run, as {@code aso refine} does: {@code best.cif}, {@code result.nxs} (see
 * {@link ResultFile}) and {@code candidates.csv} (the
 * candidates table). Works on the session's copies, so it can export while the run goes on. UI thread.
 */
public final class ResultsExport {

    /** The files written into the export directory. */
    public static final List<String> FILES = List.of("best.cif", "result.nxs", "candidates.csv");

    private ResultsExport() {
    }

    /**
     * @return the files written
     * @throws IOException           if a file cannot be written
     * @throws IllegalStateException if no simulation of the run succeeded (nothing to export)
     */
    public static List<Path> write(RunSession session, Path dir) throws IOException {
        CandidateRecord best = session.best().orElseThrow(() -> new IllegalStateException(session.name()
                + " has no successful simulation yet: nothing to export"));
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path cif = dir.resolve("best.cif");
        Files.writeString(cif, CifWriter.toCif(best.structure(), "best_" + (best.index() + 1)), StandardCharsets.UTF_8);
        written.add(cif);
        written.add(writeNexus(session, best, dir.resolve(ResultFile.NAME)));
        Path csv = dir.resolve("candidates.csv");
        Files.writeString(csv, csv(session), StandardCharsets.UTF_8);
        written.add(csv);
        return written;
    }

    private static Path writeNexus(RunSession session, CandidateRecord best, Path file) throws IOException {
        List<RunSession.ObjectiveInfo> objectives = session.objectives();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("job", session.file().toString());
        parameters.put("method", session.method().toString());
        parameters.put("simulations", Integer.toString(session.records().size()));
        parameters.put("best", "simulation " + (best.index() + 1));
        List<ResultFile.Simulation> runs = session.records().stream().map(r -> new ResultFile.Simulation(r.loss(),
                r.isFailed() ? new double[0] : r.losses(), r.isFailed() ? List.of() : r.spectra())).toList();
        ResultFile.writer(objectives.stream().map(RunSession.ObjectiveInfo::simulator).toList(), session.targets(),
                runs).process("ActiveStructOpt workbench",
                        FrameworkUtil.getBundle(ResultsExport.class).getVersion().toString(), parameters)
                .title(session.name()).write(file);
        return file;
    }

    /** @return the candidates as CSV: one row per simulation, losses with full precision, failures with reason */
    public static String csv(RunSession session) {
        StringBuilder b = new StringBuilder("simulation,phase");
        for (RunSession.ObjectiveInfo o : session.objectives()) {
            b.append(",loss_").append(o.simulator());
        }
        b.append(",total,seconds,status\n");
        for (CandidateRecord r : session.records()) {
            b.append(r.index() + 1).append(',').append(r.phase());
            for (int i = 0; i < session.objectives().size(); i++) {
                b.append(',').append(number(r.loss(i)));
            }
            b.append(',').append(number(r.loss())).append(',')
                    .append(String.format(Locale.ROOT, "%.6g", r.seconds())).append(',')
                    .append(quote(r.statusText())).append('\n');
        }
        return b.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String quote(String s) {
        return s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 ? s
                : '"' + s.replace("\"", "\"\"") + '"';
    }
}
