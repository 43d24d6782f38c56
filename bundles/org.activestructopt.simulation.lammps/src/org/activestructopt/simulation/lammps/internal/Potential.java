package org.activestructopt.simulation.lammps.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.activestructopt.structure.Element;

/**
 * One interatomic potential: the LAMMPS pair style and the pair_coeff lines it needs for the atom types of a
 * structure.
 *
 * @param elements  the elements it describes
 * @param pairStyle the pair_style line after the keyword, e.g. {@code tersoff} or {@code airebo 3.0 1 1}
 * @param file      the potential file
 * @param perType   whether pair_coeff names each type by itself ({@code pair_coeff i i FILE}, single-element funcfl
 *                  EAM files) instead of one {@code pair_coeff * * FILE El1 El2 ...} line
 * @param reference where the potential comes from, for the README and the log
 */
record Potential(Set<Element> elements, String pairStyle, Path file, boolean perType, String reference) {

    Potential {
        elements = Set.copyOf(elements);
    }

    /** @param types the element of each atom type, type 1 first */
    List<String> pairCoeffLines(List<Element> types) {
        List<String> out = new ArrayList<>();
        if (perType) {
            for (int t = 1; t <= types.size(); t++) {
                out.add("pair_coeff " + t + " " + t + " " + file);
            }
        } else {
            StringBuilder sb = new StringBuilder("pair_coeff * * ").append(file);
            for (Element e : types) {
                sb.append(' ').append(e.symbol());
            }
            out.add(sb.toString());
        }
        return out;
    }

    String describe() {
        return pairStyle + " " + file.getFileName() + " (" + reference + ")";
    }
}
