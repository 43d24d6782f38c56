package org.activestructopt.refinement.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A Java enumeration mirroring an enumeration of {@code model/refinement.ecore}: each constant carries the literal
 * written in job files. The agreement test checks that both list the same literals.
 */
public interface ModelEnum {

    /** @return the word used in job files, e.g. {@code coordinatesAndLattice} */
    String literal();

    /**
     * @return the constant of {@code type} whose literal is {@code literal}
     * @throws IllegalArgumentException naming the literal and the allowed ones
     */
    static <E extends Enum<E> & ModelEnum> E of(Class<E> type, String literal) {
        for (E e : type.getEnumConstants()) {
            if (e.literal().equals(literal)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + literal + "' is not a " + type.getSimpleName() + "; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(ModelEnum::literal).collect(Collectors.joining(", ")));
    }
}
