package org.activestructopt.app.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aso convert IN OUT}: between CIF, POSCAR and extended XYZ, chosen by the file names. */
@Command(name = "convert", description = {
        "Convert a structure between CIF (.cif), POSCAR (VASP 5: .vasp, POSCAR*, CONTCAR*) and extended XYZ",
        "(.xyz, .extxyz); the formats follow from the file names. A CIF's symmetry is expanded to P1." })
public final class ConvertCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Structure to read.")
    private Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Structure to write (replaced if it exists).")
    private Path out;

    @Override
    public Integer call() throws UserException {
        var structure = StructureArgs.read(in);
        StructureArgs.write(structure, out);
        spec.commandLine().getOut().println("wrote " + out + " (" + structure.size() + " sites, "
                + structure.composition().reducedFormula() + ")");
        return 0;
    }
}
