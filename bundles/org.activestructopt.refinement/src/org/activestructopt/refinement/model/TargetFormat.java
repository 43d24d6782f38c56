package org.activestructopt.refinement.model;

/** How a target file is read. */
public enum TargetFormat implements ModelEnum {
    /** NeXus/HDF5 for the extensions .nxs, .nx5, .h5, .hdf5 and .hdf; two columns otherwise. */
    AUTO("auto"),
    /** NeXus/HDF5. */
    NEXUS("nexus"),
    /** Text with two columns x and y (more columns are ignored; '#' starts a comment). */
    COLUMNS("columns");

    private final String literal;

    TargetFormat(String literal) {
        this.literal = literal;
    }

    @Override
    public String literal() {
        return literal;
    }

    @Override
    public String toString() {
        return literal;
    }
}
