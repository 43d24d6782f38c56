package org.activestructopt.refinement.benchmark;

/**
 * A benchmark suite definition cannot be used: malformed JSON, an unknown key (a typo is never ignored), a value of
 * the wrong type or out of range, an unreadable structure file, or a problem whose target cannot be generated. The
 * message names the suite file and the JSON path of the value at fault, e.g.
 * {@code suites/thermal/suite.json: problems[3].target.transforms[0].thermal.sigma: must be > 0, got -0.1}.
 */
public class SuiteFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public SuiteFormatException(String message) {
        super(message);
    }

    public SuiteFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
