/**
 * Every text spectrum format this project reads, and the checks of a target against what a simulator expects.
 * <p>
 * {@link org.activestructopt.spectra.io.SpectrumReaders#read(java.nio.file.Path, ReadOptions)} recognises PDFgetX2,
 * PDFgetX3 and GSAS-II {@code .gr} files, XDI 1.0, Athena projects ({@code .prj}), chi(k) files, NeXus NXxas raw
 * mu(E), other NeXus plottables and plain column files, and returns a {@link org.activestructopt.spectra.io.SpectrumFile}:
 * the spectrum plus what the file states about it (Qmax, Qdamp, edge, k-weight, the program that wrote it).
 * {@link org.activestructopt.spectra.io.TargetCheck} says in one line when a target cannot be what a simulator
 * compares (r in nm, energy relative to E0, k against E, a fit range outside the data).
 */
package org.activestructopt.spectra.io;
