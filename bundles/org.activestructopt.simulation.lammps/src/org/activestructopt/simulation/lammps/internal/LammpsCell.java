package org.activestructopt.simulation.lammps.internal;

import java.util.List;
import java.util.Locale;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;

/**
 * A structure as a LAMMPS data file. LAMMPS wants a restricted triclinic box (a along x, b in the xy plane) with
 * tilts at most half the box length, so the cell is rotated into that frame and its tilts reduced by adding lattice
 * vectors to b and c (the same lattice, other basis vectors); the forces LAMMPS reports are rotated back.
 */
final class LammpsCell {

    private final double lx;
    private final double ly;
    private final double lz;
    private final double xy;
    private final double xz;
    private final double yz;
    /** Rotation taking the structure's Cartesian frame to LAMMPS's; forces go back with its transpose. */
    private final double[][] rotation;
    private final double[][] positions;
    private final int[] types;
    private final List<Element> typeElements;

    LammpsCell(Structure s, List<Element> typeElements) {
        this.typeElements = List.copyOf(typeElements);
        double[][] m = s.lattice().matrix();
        double[] a = m[0];
        double[] b = m[1];
        double[] c = m[2];
        boolean flip = det(m) < 0; // -c spans the same lattice; LAMMPS needs a right-handed basis
        if (flip) {
            c = new double[] { -c[0], -c[1], -c[2] };
        }
        double la = norm(a);
        double bx = dot(b, a) / la;
        double by = Math.sqrt(Math.max(0, dot(b, b) - bx * bx));
        double cx = dot(c, a) / la;
        double cy = (dot(b, c) - bx * cx) / by;
        double cz = Math.sqrt(Math.max(0, dot(c, c) - cx * cx - cy * cy));
        // rotation R = N^T (M^T)^-1 with M and N the rows a, b, c before and after
        double[][] mRows = { a, b, c };
        double[][] nRows = { { la, 0, 0 }, { bx, by, 0 }, { cx, cy, cz } };
        double[][] mInvT = transpose(inverse(mRows));
        this.rotation = multiply(transpose(nRows), mInvT);
        int n = s.size();
        positions = new double[n][];
        types = new int[n];
        for (int i = 0; i < n; i++) {
            double[] f = s.frac(i);
            if (flip) {
                f[2] = -f[2];
            }
            positions[i] = new double[] { f[0] * la + f[1] * bx + f[2] * cx, f[1] * by + f[2] * cy, f[2] * cz };
            types[i] = typeElements.indexOf(s.species(i)) + 1;
        }
        // tilt reduction: b -= round(bx/la) a; c -= round(cy/by) b; c -= round(cx/la) a
        double k = Math.rint(bx / la);
        bx -= k * la;
        double kc = Math.rint(cy / by);
        cx -= kc * bx;
        cy -= kc * by;
        double kc2 = Math.rint(cx / la);
        cx -= kc2 * la;
        lx = la;
        ly = by;
        lz = cz;
        xy = bx;
        xz = cx;
        yz = cy;
    }

    String dataFile() {
        StringBuilder sb = new StringBuilder("ActiveStructOpt structure\n\n");
        sb.append(positions.length).append(" atoms\n").append(typeElements.size()).append(" atom types\n\n");
        sb.append(fmt(0)).append(' ').append(fmt(lx)).append(" xlo xhi\n");
        sb.append(fmt(0)).append(' ').append(fmt(ly)).append(" ylo yhi\n");
        sb.append(fmt(0)).append(' ').append(fmt(lz)).append(" zlo zhi\n");
        sb.append(fmt(xy)).append(' ').append(fmt(xz)).append(' ').append(fmt(yz)).append(" xy xz yz\n\nMasses\n\n");
        for (int t = 0; t < typeElements.size(); t++) {
            sb.append(t + 1).append(' ').append(fmt(typeElements.get(t).mass())).append(" # ")
                    .append(typeElements.get(t).symbol()).append('\n');
        }
        sb.append("\nAtoms # atomic\n\n");
        for (int i = 0; i < positions.length; i++) {
            sb.append(i + 1).append(' ').append(types[i]).append(' ').append(fmt(positions[i][0])).append(' ')
                    .append(fmt(positions[i][1])).append(' ').append(fmt(positions[i][2])).append('\n');
        }
        return sb.toString();
    }

    /** @return the force in the structure's frame of one LAMMPS (rotated-frame) force */
    double[] forceInStructureFrame(double[] f) {
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[i] += rotation[j][i] * f[j];
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.16g", v);
    }

    private static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    private static double norm(double[] u) {
        return Math.sqrt(dot(u, u));
    }

    private static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                t[i][j] = m[j][i];
            }
        }
        return t;
    }

    private static double[][] multiply(double[][] p, double[][] q) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += p[i][k] * q[k][j];
                }
            }
        }
        return r;
    }

    private static double[][] inverse(double[][] m) {
        double d = det(m);
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int i1 = (j + 1) % 3;
                int i2 = (j + 2) % 3;
                int j1 = (i + 1) % 3;
                int j2 = (i + 2) % 3;
                inv[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / d;
            }
        }
        return inv;
    }
}
