package org.activestructopt.app.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * An exception that reaches the top of {@code aso} unexpectedly is a bug: the user gets one line that says so and
 * where the details are; the stack trace goes into a log file, {@code aso-DATE-TIME-PID.log} in {@code $ASO_LOG_DIR}
 * (default {@code ~/.aso/logs}, or the temporary directory if that cannot be written).
 */
final class InternalErrors {

    /** The environment variable naming the directory of the logs. */
    static final String LOG_DIR_VARIABLE = "ASO_LOG_DIR";

    private InternalErrors() {
    }

    /**
     * Writes {@code e} with the command line into a new log file.
     *
     * @return the line for the user: "internal error: ... — please report; details in LOGFILE"
     */
    static String report(Throwable e, List<String> args) {
        String what = "internal error: " + e.getClass().getName() + (e.getMessage() == null ? ""
                : ": " + e.getMessage().lines().findFirst().orElse(""));
        StringWriter trace = new StringWriter();
        try (PrintWriter w = new PrintWriter(trace)) {
            w.println("aso " + String.join(" ", args));
            w.println("java " + Runtime.version() + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
            e.printStackTrace(w);
        }
        String name = "aso-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT))
                + "-" + ProcessHandle.current().pid() + ".log";
        for (Path dir : List.of(logDirectory(), Path.of(System.getProperty("java.io.tmpdir")))) {
            try {
                Files.createDirectories(dir);
                Path log = dir.resolve(name);
                Files.writeString(log, trace.toString());
                return what + " — please report; details in " + log;
            } catch (IOException | RuntimeException ex) {
                // try the next directory
            }
        }
        return what + " — please report (no log could be written: " + e.getStackTrace().length + " frames, first "
                + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "none") + ")";
    }

    static Path logDirectory() {
        String dir = System.getenv(LOG_DIR_VARIABLE);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(System.getProperty("user.home"), ".aso", "logs");
    }
}
