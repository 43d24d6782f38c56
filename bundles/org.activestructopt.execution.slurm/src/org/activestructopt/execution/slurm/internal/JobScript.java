package org.activestructopt.execution.slurm.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.activestructopt.api.ProgramRequest;
import org.activestructopt.api.Settings;

/**
 * The batch script of one program run. The program's exit status is written into the run directory by the script
 * itself, so a run whose record the controller has already purged (MinJobAge) can still be judged when a killed
 * refinement is resumed hours later.
 */
final class JobScript {

    static final String EXIT_FILE_PREFIX = ".aso-slurm-exit-";

    private JobScript() {
    }

    static String of(ProgramRequest request, Settings settings) {
        StringBuilder sb = new StringBuilder("#!/bin/sh\n");
        sb.append("#SBATCH --job-name=").append(jobName(request.name())).append('\n');
        sb.append("#SBATCH --chdir=").append(request.directory()).append('\n');
        sb.append("#SBATCH --output=").append(request.directory().resolve("slurm-%j.out")).append('\n');
        sb.append("#SBATCH --time=").append(time(settings.get(SlurmSettings.TIME_LIMIT) > 0
                ? Duration.ofMinutes(settings.get(SlurmSettings.TIME_LIMIT)) : request.timeLimit())).append('\n');
        int cores = settings.get(SlurmSettings.CORES) > 0 ? settings.get(SlurmSettings.CORES) : request.cores();
        sb.append("#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=").append(cores).append('\n');
        if (!settings.get(SlurmSettings.PARTITION).isBlank()) {
            sb.append("#SBATCH --partition=").append(settings.get(SlurmSettings.PARTITION).strip()).append('\n');
        }
        if (!settings.get(SlurmSettings.ACCOUNT).isBlank()) {
            sb.append("#SBATCH --account=").append(settings.get(SlurmSettings.ACCOUNT).strip()).append('\n');
        }
        for (String extra : SlurmSettings.extraOptions(settings)) {
            sb.append("#SBATCH ").append(extra).append('\n');
        }
        for (Map.Entry<String, String> e : request.environment().entrySet()) {
            sb.append("export ").append(e.getKey()).append('=').append(quote(e.getValue())).append('\n');
        }
        sb.append(String.join(" ", request.command().stream().map(JobScript::quote).toList())).append('\n');
        sb.append("status=$?\n");
        sb.append("echo $status > ").append(EXIT_FILE_PREFIX).append("\"$SLURM_JOB_ID\"\n");
        sb.append("exit $status\n");
        return sb.toString();
    }

    /** SLURM's H:MM:SS, rounded up to whole minutes as SLURM itself does. */
    static String time(Duration limit) {
        long minutes = Math.max(1, (limit.toSeconds() + 59) / 60);
        return String.format(Locale.ROOT, "%d:%02d:00", minutes / 60, minutes % 60);
    }

    private static String jobName(String name) {
        String n = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        return n.isEmpty() ? "aso" : n.substring(0, Math.min(n.length(), 64));
    }

    /** POSIX single quotes: nothing inside is interpreted. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
