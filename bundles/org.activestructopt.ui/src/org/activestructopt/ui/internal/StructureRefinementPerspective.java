package org.activestructopt.ui.internal;

import org.activestructopt.ui.AsoUi;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The "Structure Refinement" perspective: job files in the editor area on the left; to its right the spectra
 * (target, start, best, selected) where the eye goes first, the structure beside them, and under them the
 * convergence plot and the table of candidates, which fill while a run goes.
 */
public final class StructureRefinementPerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.setEditorAreaVisible(true);
        layout.addView(AsoUi.SPECTRA_VIEW_ID, IPageLayout.RIGHT, 0.34f, editors);
        layout.addView(AsoUi.STRUCTURE_VIEW_ID, IPageLayout.RIGHT, 0.55f, AsoUi.SPECTRA_VIEW_ID);
        layout.addView(AsoUi.CONVERGENCE_VIEW_ID, IPageLayout.BOTTOM, 0.6f, AsoUi.SPECTRA_VIEW_ID);
        layout.addView(AsoUi.CANDIDATES_VIEW_ID, IPageLayout.BOTTOM, 0.64f, AsoUi.STRUCTURE_VIEW_ID);
        for (String id : new String[] {AsoUi.SPECTRA_VIEW_ID, AsoUi.STRUCTURE_VIEW_ID, AsoUi.CONVERGENCE_VIEW_ID,
            AsoUi.CANDIDATES_VIEW_ID}) {
            layout.addShowViewShortcut(id);
        }
        layout.addPerspectiveShortcut(AsoUi.PERSPECTIVE_ID);
    }
}
