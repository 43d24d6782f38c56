package org.activestructopt.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

/** The {@code aso} command line, run inside the test's Equinox exactly as the application runs it. */
class AsoTest {

    /** Output and exit code of one run. */
    record Run(int code, String out, String err) {
    }

    static Run aso(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Aso.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Run run = aso("--help");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Usage: aso"), run.out());
        assertTrue(run.out().contains("version"), run.out());
        assertTrue(run.out().contains("help"), run.out());
    }

    @Test
    void versionNamesThisBuildAndTheFramework() {
        Run run = aso("version");
        assertEquals(0, run.code(), run.err());
        String expected = "ActiveStructOpt " + FrameworkUtil.getBundle(Aso.class).getVersion();
        assertTrue(run.out().startsWith(expected), run.out());
        assertTrue(run.out().contains("OSGi framework org.eclipse.osgi"), run.out());
        assertTrue(run.out().contains("org.activestructopt.app "), run.out());
    }

    @Test
    void anUnknownCommandOrOptionIsNamedAndRejected() {
        Run run = aso("refne");
        assertEquals(Aso.EXIT_USAGE, run.code());
        assertTrue(run.err().contains("refne"), run.err());
        Run option = aso("version", "--colour");
        assertEquals(Aso.EXIT_USAGE, option.code());
        assertTrue(option.err().contains("--colour"), option.err());
    }
}
