package org.activestructopt.ui.internal.structure;

import org.activestructopt.structure.Structure;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * One structure of the structure view under a title: the start, the reference or the candidate shown. A panel with
 * nothing to show is hidden (excluded from its parent's grid), so the others share the width.
 */
public final class StructurePanel {

    /** Which structure a panel shows; the order is the order on screen, left to right. */
    public enum Role {
        START("start"), REFERENCE("target"), SHOWN("candidate");

        private final String word;

        Role(String word) {
            this.word = word;
        }

        /** @return the word used in titles and the histogram legend */
        public String word() {
            return word;
        }
    }

    private final Role role;
    private final Composite control;
    private final Label title;
    private final StructureCanvas canvas;
    private Structure structure;

    StructurePanel(Composite parent, Role role) {
        this.role = role;
        control = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 1).applyTo(control);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(control);
        title = new Label(control, SWT.CENTER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        canvas = new StructureCanvas(control);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(canvas);
        setVisible(false);
    }

    void show(Structure s, BallAndStickScene scene, String text) {
        structure = s;
        title.setText(text);
        title.setToolTipText(text);
        canvas.setScene(scene);
        setVisible(true);
    }

    void clear() {
        structure = null;
        title.setText("");
        canvas.setScene(null);
        setVisible(false);
    }

    private void setVisible(boolean visible) {
        control.setVisible(visible);
        ((GridData) control.getLayoutData()).exclude = !visible;
    }

    /** Gives the title the colour of the structure's line in the distance histogram. */
    void setTitleColour(RGB colour) {
        title.setForeground(new Color(colour));
    }

    public Role role() {
        return role;
    }

    /** @return the structure shown, or null */
    public Structure structure() {
        return structure;
    }

    /** @return the title over the picture (e.g. "start", "best #17, loss 2.1e-3") */
    public String title() {
        return title.getText();
    }

    public StructureCanvas canvas() {
        return canvas;
    }

    public boolean isShowing() {
        return structure != null;
    }

    public Composite control() {
        return control;
    }
}
