package org.activestructopt.execution.slurm.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;

/** The settings of the {@code slurm} executor: where jobs go and what they may use, as a facility's users set them. */
final class SlurmSettings {

    static final Setting<String> PARTITION = Setting.text("partition", "",
            "partition (queue) to submit to; empty = the cluster's default partition");
    static final Setting<String> ACCOUNT = Setting.text("account", "",
            "account charged for the jobs; empty = the user's default account");
    static final Setting<Integer> TIME_LIMIT = Setting.integer("time_limit", 0, "minutes",
            "wall-time limit of each job; 0 = the simulator's own limit for the run").withRange(0, 525_600);
    static final Setting<Integer> CORES = Setting.integer("cores", 0, "",
            "cores per job (--cpus-per-task); 0 = what the simulator asks for").withRange(0, 4096);
    static final Setting<String> EXTRA = Setting.text("extra_sbatch", "",
            "further #SBATCH options, separated by ';', e.g. '--qos=short; --mem=2G'");
    static final Setting<Double> POLL = Setting.real("poll_interval", 2.0, "s",
            "seconds between two queries of a job's state").withRange(0.1, 3600);
    static final Setting<String> BIN_DIR = Setting.text("bin_dir", "",
            "directory of sbatch, scontrol and scancel; empty = look them up on PATH");

    static final SettingsSchema SCHEMA = SettingsSchema.of("executor " + SlurmExecutor.NAME, PARTITION, ACCOUNT,
            TIME_LIMIT, CORES, EXTRA, POLL, BIN_DIR);

    private SlurmSettings() {
    }

    /** @throws IllegalArgumentException for settings of another schema, or an extra option that is not an option */
    static List<String> extraOptions(Settings settings) {
        List<String> out = new ArrayList<>();
        for (String part : settings.get(EXTRA).split(";")) {
            String opt = part.strip();
            if (opt.isEmpty()) {
                continue;
            }
            if (!opt.startsWith("-") || opt.contains("\n") || opt.contains("\r")) {
                throw new IllegalArgumentException("executor setting 'extra_sbatch': '" + opt
                        + "' is not an sbatch option (options start with '-')");
            }
            out.add(opt);
        }
        return out;
    }

    static Path binDir(Settings settings) {
        String d = settings.get(BIN_DIR).strip();
        return d.isEmpty() ? null : Path.of(d);
    }

    static void check(Settings settings) {
        if (!settings.schema().equals(SCHEMA)) {
            throw new IllegalArgumentException("settings of " + settings.schema().owner() + " passed to "
                    + SCHEMA.owner());
        }
        extraOptions(settings);
    }
}
