package org.activestructopt.app.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.nexus.NexusSpectra;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aso spectra FILE}: the 1-D spectra a NeXus file holds, one line each. */
@Command(name = "spectra", description = {
        "List the 1-D spectra (NeXus plottables) in a NeXus/HDF5 file, one line each:",
        "  <hdf5 path of signal> points=<n> x=[<min>,<max>] <x units>" })
public final class SpectraCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "NeXus/HDF5 file.")
    private Path file;

    @Override
    public Integer call() throws UserException {
        try {
            NexusSpectra.summary(file).forEach(spec.commandLine().getOut()::println);
            return 0;
        } catch (SpectrumFormatException e) {
            throw new UserException(e.getMessage(), e);
        }
    }
}
