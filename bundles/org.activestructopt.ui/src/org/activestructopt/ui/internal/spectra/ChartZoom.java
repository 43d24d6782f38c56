package org.activestructopt.ui.internal.spectra;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.MouseAdapter;
import org.eclipse.swt.events.MouseEvent;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.Range;

/**
 * Mouse zoom on a chart's plot area: drag a rectangle with the left button to zoom into it, turn the wheel to zoom
 * around the pointer, double-click to show everything again.
 */
final class ChartZoom {

    /** Drags shorter than this (pixels) are clicks, not zoom rectangles. */
    private static final int MIN_DRAG = 5;
    private static final double WHEEL_FACTOR = 1.25;

    private final Chart chart;
    private Point start;
    private Point end;

    private ChartZoom(Chart chart) {
        this.chart = chart;
    }

    static void install(Chart chart) {
        ChartZoom zoom = new ChartZoom(chart);
        Control area = chart.getPlotArea().getControl();
        area.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseDown(MouseEvent e) {
                if (e.button == 1) {
                    zoom.start = new Point(e.x, e.y);
                    zoom.end = null;
                }
            }

            @Override
            public void mouseUp(MouseEvent e) {
                if (e.button == 1 && zoom.start != null) {
                    zoom.finishDrag(new Point(e.x, e.y));
                }
            }

            @Override
            public void mouseDoubleClick(MouseEvent e) {
                zoom.start = null;
                zoom.reset();
            }
        });
        area.addMouseMoveListener(e -> {
            if (zoom.start != null && (e.stateMask & SWT.BUTTON1) != 0) {
                zoom.end = new Point(e.x, e.y);
                area.redraw();
            }
        });
        area.addListener(SWT.MouseVerticalWheel, e -> zoom.wheel(e.x, e.y, e.count));
        chart.getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
            @Override
            public void paintControl(PaintEvent e) {
                zoom.paintRubberBand(e);
            }

            @Override
            public boolean drawBehindSeries() {
                return false;
            }
        });
    }

    private void finishDrag(Point p) {
        Point s = start;
        start = null;
        end = null;
        if (Math.abs(p.x - s.x) < MIN_DRAG || Math.abs(p.y - s.y) < MIN_DRAG) {
            chart.redraw();
            return;
        }
        for (IAxis x : chart.getAxisSet().getXAxes()) {
            x.setRange(ordered(x.getDataCoordinate(s.x), x.getDataCoordinate(p.x)));
        }
        for (IAxis y : chart.getAxisSet().getYAxes()) {
            y.setRange(ordered(y.getDataCoordinate(s.y), y.getDataCoordinate(p.y)));
        }
        chart.redraw();
    }

    private void wheel(int px, int py, int count) {
        if (count == 0) {
            return;
        }
        double f = count > 0 ? 1 / WHEEL_FACTOR : WHEEL_FACTOR;
        for (IAxis x : chart.getAxisSet().getXAxes()) {
            scale(x, x.getDataCoordinate(px), f);
        }
        for (IAxis y : chart.getAxisSet().getYAxes()) {
            scale(y, y.getDataCoordinate(py), f);
        }
        chart.redraw();
    }

    private static void scale(IAxis axis, double centre, double f) {
        Range r = axis.getRange();
        axis.setRange(new Range(centre - (centre - r.lower) * f, centre + (r.upper - centre) * f));
    }

    void reset() {
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    private void paintRubberBand(PaintEvent e) {
        if (start == null || end == null) {
            return;
        }
        e.gc.setLineStyle(SWT.LINE_DOT);
        e.gc.setForeground(e.display.getSystemColor(SWT.COLOR_DARK_GRAY));
        e.gc.drawRectangle(Math.min(start.x, end.x), Math.min(start.y, end.y), Math.abs(end.x - start.x),
                Math.abs(end.y - start.y));
    }

    private static Range ordered(double a, double b) {
        return new Range(Math.min(a, b), Math.max(a, b));
    }
}
