package org.activestructopt.ui.internal;

import org.activestructopt.ui.AsoUi;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The "Structure Refinement" perspective: the target and simulated spectra on the left, where the eye goes first,
 * the structure and its distance histogram on the right. The editor area stays for job files (job editor, later).
 */
public final class StructureRefinementPerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.setEditorAreaVisible(false);
        layout.addView(AsoUi.SPECTRA_VIEW_ID, IPageLayout.LEFT, 0.55f, editors);
        layout.addView(AsoUi.STRUCTURE_VIEW_ID, IPageLayout.RIGHT, 0.45f, AsoUi.SPECTRA_VIEW_ID);
        layout.addShowViewShortcut(AsoUi.SPECTRA_VIEW_ID);
        layout.addShowViewShortcut(AsoUi.STRUCTURE_VIEW_ID);
        layout.addPerspectiveShortcut(AsoUi.PERSPECTIVE_ID);
    }
}
