package org.activestructopt.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.candidates.CandidatesView;
import org.activestructopt.ui.internal.convergence.ConvergenceView;
import org.activestructopt.ui.internal.spectra.Curve;
import org.activestructopt.ui.internal.spectra.SpectraView;
import org.activestructopt.ui.internal.structure.StructureView;
import org.eclipse.core.commands.Command;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.Test;

class PerspectiveTest {

    @Test
    void refinementPerspectiveShowsSpectraBesideStructureAndConvergenceBesideCandidates() throws Exception {
        IWorkbenchPage page = Ui.refinementPage();
        assertEquals(AsoUi.PERSPECTIVE_ID, page.getPerspective().getId());
        assertEquals("Structure Refinement", page.getPerspective().getLabel());
        Set<String> ids = Arrays.stream(page.getViewReferences()).map(IViewReference::getId)
                .collect(Collectors.toSet());
        assertEquals(Set.of(AsoUi.SPECTRA_VIEW_ID, AsoUi.STRUCTURE_VIEW_ID, AsoUi.CONVERGENCE_VIEW_ID,
                AsoUi.CANDIDATES_VIEW_ID), ids);
        assertTrue(page.isEditorAreaVisible(), "the editor area holds job files");
        SpectraView spectra = assertInstanceOf(SpectraView.class, page.findView(AsoUi.SPECTRA_VIEW_ID));
        StructureView structure = assertInstanceOf(StructureView.class, page.findView(AsoUi.STRUCTURE_VIEW_ID));
        assertTrue(page.isPartVisible(spectra) && page.isPartVisible(structure), "both views visible");
        var left = spectra.chart().getDisplay().map(spectra.chart(), null, 0, 0);
        var right = structure.canvas().getDisplay().map(structure.canvas(), null, 0, 0);
        assertTrue(left.x < right.x, "spectra left of structure: " + left + " vs " + right);
        ConvergenceView convergence = assertInstanceOf(ConvergenceView.class,
                page.findView(AsoUi.CONVERGENCE_VIEW_ID));
        CandidatesView candidates = assertInstanceOf(CandidatesView.class, page.findView(AsoUi.CANDIDATES_VIEW_ID));
        var below = convergence.historyChart().getDisplay().map(convergence.historyChart(), null, 0, 0);
        var belowRight = candidates.viewer().getControl().getDisplay().map(candidates.viewer().getControl(), null, 0,
                0);
        assertTrue(below.y > left.y && below.x < belowRight.x && belowRight.y > right.y,
                "convergence under spectra, candidates under structure: " + below + ", " + belowRight);
        spectra.setChooser((shell, file, refs, defaultSignal) -> refs.stream()
                .filter(r -> r.signalPath().equals("/exafs/chik/chi")).findFirst());
        spectra.openNexusTarget(Path.of("data", "several.nxs"));
        structure.openCif(Path.of("data", "LiNiO2.cif"));
        Ui.settle();
        assertEquals(12, structure.structure().size());
        assertTrue(spectra.model().get(Curve.TARGET).isPresent());
        Ui.screenshot(page.getWorkbenchWindow().getShell(), "perspective");
    }

    @Test
    void commandsAreDefinedWithHandlers() throws Exception {
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        for (String id : new String[] {"org.activestructopt.ui.openNexusTarget", "org.activestructopt.ui.openCif",
            "org.activestructopt.ui.exportPlotPng", "org.activestructopt.ui.exportPlotCsv",
            "org.activestructopt.ui.resetZoom", "org.activestructopt.ui.newJob", "org.activestructopt.ui.openJob",
            "org.activestructopt.ui.runJob", "org.activestructopt.ui.stopRun", "org.activestructopt.ui.resumeRun",
            "org.activestructopt.ui.openRun", "org.activestructopt.ui.exportResults",
            "org.activestructopt.ui.exportCandidatesCif"}) {
            Command c = commands.getCommand(id);
            assertTrue(c.isDefined(), id);
            assertNotNull(c.getHandler(), id + " has a handler");
        }
        assertEquals("Open Target...", commands.getCommand("org.activestructopt.ui.openNexusTarget").getName()
                .toString());
    }
}
