package org.activestructopt.spectra.internal;

import java.util.ArrayList;
import java.util.List;

/** Absolute HDF5 paths as plain strings: "/entry/data/G". */
public final class HdfPaths {

    private HdfPaths() {
    }

    /** "/entry//data/" and "entry/data" both become "/entry/data"; "" and "/" become "/". */
    public static String normalize(String path) {
        return "/" + String.join("/", components(path));
    }

    /** The non-empty components of a path ("." components are dropped). */
    public static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return parts;
    }

    /** "/entry/data" for "/entry/data/G"; "/" for "/entry". */
    public static String parent(String path) {
        String n = normalize(path);
        int i = n.lastIndexOf('/');
        return i <= 0 ? "/" : n.substring(0, i);
    }

    /** "G" for "/entry/data/G". */
    public static String name(String path) {
        String n = normalize(path);
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** A child path: child("/", "entry") is "/entry". */
    public static String child(String group, String name) {
        return normalize(group + "/" + name);
    }

    /** jHDF reports the root's path as "/" or ""; both mean the root. */
    static String orRoot(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }
}
