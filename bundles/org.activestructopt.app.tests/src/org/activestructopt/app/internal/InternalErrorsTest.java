package org.activestructopt.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A bug reaches the user as one line naming a log file, and the log holds the command line and the stack trace. */
class InternalErrorsTest {

    @Test
    void aBugIsOneLineNamingTheLogThatHoldsTheTrace() throws Exception {
        IllegalStateException bug = new IllegalStateException("index 7 of 3\nsecond line of the message");
        String line = InternalErrors.report(bug, List.of("refine", "job.xmi"));
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("internal error: java.lang.IllegalStateException: index 7 of 3 — please report;"),
                line);
        String marker = "details in ";
        Path log = Path.of(line.substring(line.indexOf(marker) + marker.length()));
        try {
            String text = Files.readString(log);
            assertTrue(text.startsWith("aso refine job.xmi\n"), text);
            assertTrue(text.contains("second line of the message"), text);
            assertTrue(text.contains("at " + InternalErrorsTest.class.getName()
                    + ".aBugIsOneLineNamingTheLogThatHoldsTheTrace"), text);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
