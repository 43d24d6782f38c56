package org.activestructopt.simulation.lammps.internal;

import org.activestructopt.api.Setting;
import org.activestructopt.api.SettingsSchema;

/** The settings of the LAMMPS energy calculator. */
final class LammpsSettings {

    static final Setting<String> EXECUTABLE = Setting.text("executable", "lmp",
            "LAMMPS executable: a path, or a name looked up on PATH (Debian: lmp from the lammps package)");
    static final Setting<String> POTENTIAL_DIR = Setting.text("potential_dir", "/usr/share/lammps/potentials",
            "directory of the packaged potential files (Debian: lammps-data)");
    static final Setting<String> PAIR_STYLE = Setting.text("pair_style", "",
            "a potential of your own: the LAMMPS pair_style line without the keyword, e.g. 'tersoff'; "
                    + "empty = chosen from the table by the structure's elements");
    static final Setting<String> PAIR_COEFF = Setting.text("pair_coeff", "",
            "with pair_style: the pair_coeff lines without the keyword, separated by ';', e.g. "
                    + "'* * /path/SiC.tersoff Si C' (types are numbered in order of first appearance of the elements)");
    static final Setting<Double> TIMEOUT = Setting.real("timeout", 60, "s",
            "time allowed per structure; a batch may take this times its size plus 30 s").withRange(1, 86_400);

    static final SettingsSchema SCHEMA = SettingsSchema.of("energy calculator " + LammpsEnergy.NAME, EXECUTABLE,
            POTENTIAL_DIR, PAIR_STYLE, PAIR_COEFF, TIMEOUT);

    private LammpsSettings() {
    }
}
