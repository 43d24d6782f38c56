package org.activestructopt.refinement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A run's results could not be written (disk full, directory no longer writable): the message says which file and
 * why in one line. What was recorded before is still on disk (the job file is replaced atomically and the journal
 * only appended to), so the run can be resumed once the cause is removed.
 */
public final class RunWriteException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public RunWriteException(Path file, IOException cause) {
        super("cannot write " + Objects.requireNonNull(file, "file") + ": " + reason(cause), cause);
        this.file = file;
    }

    /** @return the file that could not be written */
    public Path file() {
        return file;
    }

    /** @return whether the cause is a full disk (or an exhausted quota) */
    public boolean isDiskFull() {
        return isDiskFull(getCause());
    }

    private static boolean isDiskFull(IOException e) {
        String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        m = m == null ? "" : m.toLowerCase(Locale.ROOT);
        return m.contains("no space left") || m.contains("quota exceeded");
    }

    /** @return the operating system's reason, without the file names it repeats; "disk full" said first */
    static String reason(IOException e) {
        String r = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : String.valueOf(e.getMessage());
        if (e instanceof java.nio.file.AccessDeniedException) {
            r = "permission denied";
        } else if (e instanceof java.nio.file.NoSuchFileException) {
            r = "no such file or directory";
        }
        return isDiskFull(e) ? "disk full (" + r + ")" : r;
    }
}
