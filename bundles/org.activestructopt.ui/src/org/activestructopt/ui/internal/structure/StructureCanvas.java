package org.activestructopt.ui.internal.structure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.activestructopt.structure.Element;
import org.activestructopt.ui.internal.structure.BallAndStickScene.Atom;
import org.activestructopt.ui.internal.structure.BallAndStickScene.Bond;
import org.activestructopt.ui.internal.structure.BallAndStickScene.LegendEntry;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.MouseAdapter;
import org.eclipse.swt.events.MouseEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * Draws a {@link BallAndStickScene} in orthographic projection with the painter's algorithm: spheres, half-bonds and
 * cell edges sorted back to front, spheres shaded by concentric discs lit from the upper left. Drag to rotate, wheel
 * to zoom, double-click to return to the initial view. An element legend sits in the upper-left corner and the
 * a, b, c directions in the lower left.
 */
public final class StructureCanvas extends Canvas {

    /** Bond cylinders are this thick (Angstrom). */
    private static final double BOND_RADIUS = 0.12;
    /** Shading steps per sphere: enough for a smooth look at the usual 10-40 pixel radii. */
    private static final int SHADES = 10;
    private static final double RADIANS_PER_PIXEL = 0.01;

    private BallAndStickScene scene;
    /** View rotation, row-major: screen = R · (world - centre); screen x right, y up, z toward the viewer. */
    private double[] rotation = initialRotation();
    private double zoom = 1;
    private Point dragFrom;
    private final List<Runnable> viewListeners = new ArrayList<>();

    public StructureCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(e -> paint(e.gc));
        addMouseListener(new MouseAdapter() {
            @Override
            public void mouseDown(MouseEvent e) {
                if (e.button == 1) {
                    dragFrom = new Point(e.x, e.y);
                }
            }

            @Override
            public void mouseUp(MouseEvent e) {
                dragFrom = null;
            }

            @Override
            public void mouseDoubleClick(MouseEvent e) {
                resetView();
            }
        });
        addMouseMoveListener(e -> {
            if (dragFrom != null && (e.stateMask & SWT.BUTTON1) != 0) {
                rotate((e.x - dragFrom.x) * RADIANS_PER_PIXEL, (e.y - dragFrom.y) * RADIANS_PER_PIXEL);
                dragFrom = new Point(e.x, e.y);
            }
        });
        addListener(SWT.MouseVerticalWheel, e -> {
            zoom *= Math.pow(1.1, e.count);
            zoom = Math.max(0.2, Math.min(zoom, 20));
            viewChanged();
        });
    }

    /** Shows a scene (null for none), keeping the current orientation. */
    public void setScene(BallAndStickScene scene) {
        this.scene = scene;
        redraw();
    }

    /** @return the scene shown, or null */
    public BallAndStickScene scene() {
        return scene;
    }

    /** Back to the initial orientation and zoom. */
    public void resetView() {
        rotation = initialRotation();
        zoom = 1;
        viewChanged();
    }

    /**
     * Turns the structure as a drag would: about the screen's vertical axis by {@code yaw}, then about its horizontal
     * axis by {@code pitch} (radians).
     */
    public void rotate(double yaw, double pitch) {
        double cy = Math.cos(yaw);
        double sy = Math.sin(yaw);
        double cp = Math.cos(pitch);
        double sp = Math.sin(pitch);
        double[] ry = {cy, 0, sy, 0, 1, 0, -sy, 0, cy};
        double[] rx = {1, 0, 0, 0, cp, sp, 0, -sp, cp};
        rotation = multiply(rx, multiply(ry, rotation));
        viewChanged();
    }

    /** Calls {@code listener} after every rotation, zoom or reset (to turn linked canvases with this one). */
    public void addViewListener(Runnable listener) {
        viewListeners.add(listener);
    }

    /** Takes another canvas's orientation and zoom, without notifying this canvas's view listeners. */
    public void copyView(StructureCanvas other) {
        rotation = other.rotation.clone();
        zoom = other.zoom;
        redraw();
    }

    private void viewChanged() {
        redraw();
        viewListeners.forEach(Runnable::run);
    }

    /** @return the view rotation (row-major 3×3, a copy) */
    public double[] rotation() {
        return rotation.clone();
    }

    /** c up the screen, a toward the viewer's right, tilted so that all three cell directions show. */
    private static double[] initialRotation() {
        double[] toScreen = {1, 0, 0, 0, 0, 1, 0, -1, 0}; // world z up, world y into the screen
        double t = Math.toRadians(-28);
        double[] spin = {Math.cos(t), -Math.sin(t), 0, Math.sin(t), Math.cos(t), 0, 0, 0, 1};
        double p = Math.toRadians(12);
        double[] tilt = {1, 0, 0, 0, Math.cos(p), -Math.sin(p), 0, Math.sin(p), Math.cos(p)};
        // then turned as a 60-pixel drag right and 30 down would: layered cells stop looking edge-on
        double y = 0.6;
        double[] yaw = {Math.cos(y), 0, Math.sin(y), 0, 1, 0, -Math.sin(y), 0, Math.cos(y)};
        double x = 0.3;
        double[] pitch = {1, 0, 0, 0, Math.cos(x), Math.sin(x), 0, -Math.sin(x), Math.cos(x)};
        return multiply(pitch, multiply(yaw, multiply(tilt, multiply(toScreen, spin))));
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
                }
            }
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------------- painting

    /** Something to draw at a depth; larger depth is nearer the viewer. */
    private record Item(double depth, int kind, int index, int half) {
        static final int EDGE = 0;
        static final int BOND = 1;
        static final int ATOM = 2;
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        if (scene == null || area.width < 10 || area.height < 10) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.drawText("Open a CIF file (toolbar)", 10, 10, true);
            return;
        }
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        double[] centre = scene.centre();
        double scale = zoom * Math.min(area.width, area.height) / (2.1 * scene.extent());
        List<Atom> atoms = scene.atoms();
        double[][] atomScreen = new double[atoms.size()][];
        for (int i = 0; i < atoms.size(); i++) {
            Atom a = atoms.get(i);
            atomScreen[i] = project(a.x(), a.y(), a.z(), centre, scale, area);
        }
        double[][] corners = scene.cellCorners();
        double[][] cornerScreen = new double[8][];
        for (int k = 0; k < 8; k++) {
            cornerScreen[k] = project(corners[k][0], corners[k][1], corners[k][2], centre, scale, area);
        }
        List<Item> items = new ArrayList<>();
        for (int e = 0; e < BallAndStickScene.CELL_EDGES.length; e++) {
            int[] ed = BallAndStickScene.CELL_EDGES[e];
            items.add(new Item((cornerScreen[ed[0]][2] + cornerScreen[ed[1]][2]) / 2, Item.EDGE, e, 0));
        }
        List<Bond> bonds = scene.bonds();
        for (int b = 0; b < bonds.size(); b++) {
            double za = atomScreen[bonds.get(b).a()][2];
            double zb = atomScreen[bonds.get(b).b()][2];
            double mid = (za + zb) / 2;
            items.add(new Item((za + mid) / 2, Item.BOND, b, 0));
            items.add(new Item((zb + mid) / 2, Item.BOND, b, 1));
        }
        for (int i = 0; i < atoms.size(); i++) {
            items.add(new Item(atomScreen[i][2], Item.ATOM, i, 0));
        }
        items.sort(Comparator.comparingDouble(Item::depth));
        Color edge = new Color(60, 60, 60);
        for (Item it : items) {
            switch (it.kind()) {
                case Item.EDGE -> {
                    int[] ed = BallAndStickScene.CELL_EDGES[it.index()];
                    gc.setForeground(edge);
                    gc.setLineWidth(1);
                    gc.drawLine(px(cornerScreen[ed[0]][0]), px(cornerScreen[ed[0]][1]), px(cornerScreen[ed[1]][0]),
                            px(cornerScreen[ed[1]][1]));
                }
                case Item.BOND -> drawHalfBond(gc, bonds.get(it.index()), it.half(), atoms, atomScreen, scale);
                default -> {
                    Atom a = atoms.get(it.index());
                    drawSphere(gc, atomScreen[it.index()][0], atomScreen[it.index()][1],
                            BallAndStickScene.displayRadius(a.element()) * scale, ElementColours.of(a.element()));
                }
            }
        }
        drawAxes(gc, area);
        drawLegend(gc);
    }

    private double[] project(double x, double y, double z, double[] centre, double scale, Rectangle area) {
        double dx = x - centre[0];
        double dy = y - centre[1];
        double dz = z - centre[2];
        double sx = rotation[0] * dx + rotation[1] * dy + rotation[2] * dz;
        double sy = rotation[3] * dx + rotation[4] * dy + rotation[5] * dz;
        double sz = rotation[6] * dx + rotation[7] * dy + rotation[8] * dz;
        return new double[] {area.x + area.width / 2.0 + sx * scale, area.y + area.height / 2.0 - sy * scale, sz};
    }

    private static void drawHalfBond(GC gc, Bond bond, int half, List<Atom> atoms, double[][] screen, double scale) {
        int from = half == 0 ? bond.a() : bond.b();
        int to = half == 0 ? bond.b() : bond.a();
        double mx = (screen[from][0] + screen[to][0]) / 2;
        double my = (screen[from][1] + screen[to][1]) / 2;
        RGB c = ElementColours.of(atoms.get(from).element());
        int width = Math.max(2, (int) Math.round(2 * BOND_RADIUS * scale));
        gc.setLineCap(SWT.CAP_ROUND);
        gc.setLineWidth(width + 2);
        gc.setForeground(new Color(mix(c, new RGB(0, 0, 0), 0.55)));
        gc.drawLine(px(screen[from][0]), px(screen[from][1]), px(mx), px(my));
        gc.setLineWidth(width);
        gc.setForeground(new Color(mix(c, new RGB(255, 255, 255), 0.15)));
        gc.drawLine(px(screen[from][0]), px(screen[from][1]), px(mx), px(my));
        gc.setLineWidth(1);
        gc.setLineCap(SWT.CAP_FLAT);
    }

    /** A sphere lit from the upper left: discs shrinking toward the highlight, dark rim to bright spot. */
    static void drawSphere(GC gc, double cx, double cy, double r, RGB base) {
        RGB dark = mix(base, new RGB(0, 0, 0), 0.45);
        RGB light = mix(base, new RGB(255, 255, 255), 0.6);
        for (int k = 0; k < SHADES; k++) {
            double t = k / (double) (SHADES - 1);
            double rk = r * (1 - 0.8 * t);
            double ox = -0.35 * r * t;
            double oy = -0.35 * r * t;
            RGB c = t < 0.35 ? mix(dark, base, t / 0.35) : mix(base, light, (t - 0.35) / 0.65);
            gc.setBackground(new Color(c));
            gc.fillOval(px(cx + ox - rk), px(cy + oy - rk), px(2 * rk), px(2 * rk));
        }
        gc.setForeground(new Color(mix(base, new RGB(0, 0, 0), 0.6)));
        gc.setLineWidth(1);
        gc.drawOval(px(cx - r), px(cy - r), px(2 * r), px(2 * r));
    }

    private void drawAxes(GC gc, Rectangle area) {
        double[][] m = scene.structure().lattice().matrix();
        int ox = area.x + 30;
        int oy = area.y + area.height - 30;
        String[] names = {"a", "b", "c"};
        RGB[] colours = {new RGB(200, 0, 0), new RGB(0, 150, 0), new RGB(0, 0, 200)};
        for (int i = 0; i < 3; i++) {
            double len = Math.sqrt(m[i][0] * m[i][0] + m[i][1] * m[i][1] + m[i][2] * m[i][2]);
            double sx = (rotation[0] * m[i][0] + rotation[1] * m[i][1] + rotation[2] * m[i][2]) / len;
            double sy = (rotation[3] * m[i][0] + rotation[4] * m[i][1] + rotation[5] * m[i][2]) / len;
            int ex = ox + (int) Math.round(20 * sx);
            int ey = oy - (int) Math.round(20 * sy);
            gc.setForeground(new Color(colours[i]));
            gc.setLineWidth(2);
            gc.drawLine(ox, oy, ex, ey);
            gc.drawText(names[i], ex + (int) Math.round(6 * sx) - 3, ey - (int) Math.round(6 * sy) - 8, true);
        }
        gc.setLineWidth(1);
    }

    private void drawLegend(GC gc) {
        List<LegendEntry> legend = scene.legend();
        int lineHeight = Math.max(18, gc.getFontMetrics().getHeight() + 4);
        int width = 0;
        for (LegendEntry e : legend) {
            width = Math.max(width, gc.textExtent(legendText(e)).x);
        }
        int x = 8;
        int y = 8;
        gc.setAlpha(220);
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRoundRectangle(x - 4, y - 4, width + 36, legend.size() * lineHeight + 8, 6, 6);
        gc.setAlpha(255);
        gc.setForeground(new Color(160, 160, 160));
        gc.drawRoundRectangle(x - 4, y - 4, width + 36, legend.size() * lineHeight + 8, 6, 6);
        for (LegendEntry e : legend) {
            drawSphere(gc, x + 8, y + lineHeight / 2.0, 7, ElementColours.of(e.element()));
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
            Point ext = gc.textExtent(legendText(e));
            gc.drawText(legendText(e), x + 22, y + (lineHeight - ext.y) / 2, true);
            y += lineHeight;
        }
    }

    /** @return the legend line of an element, e.g. "Ni  3" (sites in the cell) */
    static String legendText(LegendEntry e) {
        return e.element().symbol() + "  " + e.sites();
    }

    private static RGB mix(RGB a, RGB b, double t) {
        return new RGB(channel(a.red, b.red, t), channel(a.green, b.green, t), channel(a.blue, b.blue, t));
    }

    private static int channel(int a, int b, double t) {
        return Math.max(0, Math.min(255, (int) Math.round(a + (b - a) * t)));
    }

    private static int px(double v) {
        return (int) Math.round(v);
    }

    /** @return the legend's elements, top to bottom (empty without a scene) */
    public List<Element> legendElements() {
        return scene == null ? List.of() : scene.legend().stream().map(LegendEntry::element).toList();
    }
}
