package org.activestructopt.app.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.activestructopt.structure.Structure;
import org.activestructopt.structure.match.MatchResult;
import org.activestructopt.structure.match.StructureMatcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aso match A B}: pymatgen StructureMatcher semantics, the metric the method reports. */
@Command(name = "match", description = {
        "Do two structures match (pymatgen StructureMatcher semantics: Niggli-reduced primitive cells, volumes scaled,",
        "translation, rotation, inversion and permutation of like atoms allowed)? Prints 'match rms=<value>' with the",
        "RMS displacement normalised by (V/N)^(1/3), or 'no match'; exit code 0 either way." })
public final class MatchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "First structure (CIF, POSCAR or extended XYZ).")
    private Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Second structure.")
    private Path b;

    @Option(names = "--ltol", defaultValue = "0.2", description = "Fractional length tolerance. Default: ${DEFAULT-VALUE}.")
    private double ltol;

    @Option(names = "--stol", defaultValue = "0.3",
            description = "Site tolerance, in units of (V/N)^(1/3). Default: ${DEFAULT-VALUE}.")
    private double stol;

    @Option(names = "--angle-tol", defaultValue = "5", description = "Angle tolerance [degrees]. Default: ${DEFAULT-VALUE}.")
    private double angleTol;

    @Option(names = "--no-primitive", description = "Compare the cells as given, without reducing to primitive cells.")
    private boolean noPrimitive;

    @Option(names = "--no-scale", description = "Do not scale the volumes to each other.")
    private boolean noScale;

    @Override
    public Integer call() throws UserException {
        Structure first = StructureArgs.read(a);
        Structure second = StructureArgs.read(b);
        StructureMatcher matcher;
        try {
            matcher = StructureMatcher.defaults().withLtol(ltol).withStol(stol).withAngleTol(angleTol)
                    .withPrimitiveCell(!noPrimitive).withScale(!noScale);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        MatchResult result = matcher.match(first, second);
        spec.commandLine().getOut().println(result.matches()
                ? String.format(Locale.ROOT, "match rms=%.6f", result.rms().getAsDouble())
                : "no match");
        return 0;
    }
}
