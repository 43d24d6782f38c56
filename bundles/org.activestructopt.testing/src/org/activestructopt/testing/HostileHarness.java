package org.activestructopt.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile-input suites' harness (in a bundle of its own, which the test fragments require, since fragments cannot
 * share classes): runs a parser on a bad input in a worker thread with a time limit and classifies what happened.
 * <ul>
 * <li>clean error: the format's typed exception, its message one line, at most {@link #MAX_MESSAGE} characters,
 * naming the file (and the field or line the case names);</li>
 * <li>correct result: the parser returned and the case's check of the result passed;</li>
 * <li>trace: any other exception (NullPointerException, IndexOutOfBounds, ClassCast, ...), which would reach a user
 * as a stack trace;</li>
 * <li>bad message: the typed exception, but on several lines, too long, or not naming the file;</li>
 * <li>silent wrong result: the parser returned although the input is wrong (or its result failed the check);</li>
 * <li>hang: no answer within the limit.</li>
 * </ul>
 * A format is one {@link Format} value: a name, its exception type and the call that reads a file. Every outcome is
 * appended to {@code target/hostile-results.tsv} for {@code releng/reliability-summary.py}.
 */
public final class HostileHarness {

    public static final int MAX_MESSAGE = 400;
    public static final Duration LIMIT = Duration.ofSeconds(10);
    public static final Path RESULTS = Path.of("target", "hostile-results.tsv");

    public enum Outcome {
        CLEAN_ERROR, CORRECT_RESULT, TRACE, BAD_MESSAGE, SILENT_WRONG, HANG
    }

    /** What a case expects: an error, a result, or either (as long as it is clean). */
    public enum Expect {
        ERROR, RESULT, EITHER
    }

    @FunctionalInterface
    public interface Reader {
        Object read(Path file) throws Exception;
    }

    @FunctionalInterface
    public interface Check {
        /** @return null if the result is right, else what is wrong */
        String problem(Object result);
    }

    /**
     * A parser under test.
     *
     * @param maxLines lines its message may have: 1, except for formats that list several problems one per line
     */
    public record Format(String name, Class<? extends Exception> error, Reader reader, int maxLines) {
        public Format(String name, Class<? extends Exception> error, Reader reader) {
            this(name, error, reader, 1);
        }
    }

    /** Outcome of one case. */
    public record Result(Outcome outcome, String detail) {
        public boolean ok() {
            return outcome == Outcome.CLEAN_ERROR || outcome == Outcome.CORRECT_RESULT;
        }
    }

    private HostileHarness() {
    }

    static {
        try {
            Files.deleteIfExists(RESULTS); // one file per test run
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ExecutorService worker = newWorker();

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hostile-input");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs one case.
     *
     * @param mustName texts the error message must contain besides the file name (a field, an HDF5 path, a word)
     * @param check    check of a result, or null (any result is then right when one is allowed)
     */
    public static Result run(Format f, Path file, Expect expect, Check check, String... mustName) {
        Future<Object> job = worker.submit(() -> f.reader().read(file));
        Object value;
        try {
            value = job.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            job.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the stuck thread is a daemon and is abandoned
            return new Result(Outcome.HANG, "no answer within " + LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.HANG, "interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            return classify(f, file, e.getCause(), expect, mustName);
        }
        if (expect == Expect.ERROR) {
            return new Result(Outcome.SILENT_WRONG, "read without error: " + abbreviate(String.valueOf(value)));
        }
        String problem = check == null ? null : check.problem(value);
        return problem == null ? new Result(Outcome.CORRECT_RESULT, "")
                : new Result(Outcome.SILENT_WRONG, problem);
    }

    private static Result classify(Format f, Path file, Throwable t, Expect expect, String... mustName) {
        if (!f.error().isInstance(t)) {
            return new Result(Outcome.TRACE, t.getClass().getName() + ": " + abbreviate(String.valueOf(t.getMessage())));
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return new Result(Outcome.BAD_MESSAGE, "no message");
        }
        long lines = m.lines().count();
        if (lines > f.maxLines()) {
            return new Result(Outcome.BAD_MESSAGE, "message on " + lines + " lines: " + abbreviate(m));
        }
        if (m.length() > MAX_MESSAGE * lines) {
            return new Result(Outcome.BAD_MESSAGE, m.length() + " characters: " + abbreviate(m));
        }
        if (!m.contains(file.getFileName().toString())) {
            return new Result(Outcome.BAD_MESSAGE, "does not name the file: " + m);
        }
        for (String s : mustName) {
            if (s != null && !m.toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT))) {
                return new Result(Outcome.BAD_MESSAGE, "does not name '" + s + "': " + m);
            }
        }
        if (expect == Expect.RESULT) {
            return new Result(Outcome.SILENT_WRONG, "refused a good input: " + m);
        }
        return new Result(Outcome.CLEAN_ERROR, m);
    }

    /** Runs a case, records it, and fails the test unless it ended in a clean error or a correct result. */
    public static void assertClean(Format f, String suite, Path file, Expect expect, Check check, String... mustName) {
        Result r = run(f, file, expect, check, mustName);
        record(suite, f.name(), file.getFileName().toString(), r);
        if (!r.ok()) {
            fail(f.name() + " " + file.getFileName() + ": " + r.outcome() + ": " + r.detail());
        }
    }

    public static synchronized void record(String suite, String format, String name, Result r) {
        try {
            Files.createDirectories(RESULTS.getParent());
            String line = String.join("\t", suite, format, name, r.outcome().name(),
                    r.detail().replace('\t', ' ').replace('\n', ' ')) + "\n";
            Files.writeString(RESULTS, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One line per fuzz run: mutants tried, clean errors, mutants read without error, failures. */
    public static synchronized void recordFuzz(String format, int tried, int clean, int read, int failures) {
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.writeString(RESULTS, String.join("\t", "fuzz", format, String.valueOf(tried), String.valueOf(clean),
                    String.valueOf(read), String.valueOf(failures)) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }

    // ---- the fuzzer ------------------------------------------------------------------------------------------------

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final String[] ODD_NUMBERS = { "NaN", "nan", "1e308", "1e400", "-1e308", "-0", "0", "-1",
            "99999999999999999999", "4.9e-324", "Infinity", "-inf", "1,5", "0x10", "" };

    /** One mutation of a seed file: byte flips, truncation, duplicated or deleted lines, odd numbers, lost tokens. */
    public static byte[] mutate(byte[] seed, SplittableRandom random, boolean binary) {
        byte[] b = seed.clone();
        int kinds = binary ? 3 : 7;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            switch (random.nextInt(kinds)) {
                case 0 -> { // flip bits of a few bytes
                    for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length)); // truncate
                case 2 -> { // overwrite a run of bytes with one value
                    int at = random.nextInt(b.length);
                    byte v = (byte) (random.nextBoolean() ? 0xff : random.nextInt(256));
                    for (int k = at; k < Math.min(b.length, at + 1 + random.nextInt(16)); k++) {
                        b[k] = v;
                    }
                }
                case 3 -> b = lines(b, random, true);
                case 4 -> b = lines(b, random, false);
                case 5 -> b = numbers(b, random);
                default -> b = deleteToken(b, random);
            }
        }
        return b;
    }

    private static byte[] lines(byte[] b, SplittableRandom random, boolean duplicate) {
        List<String> lines = new ArrayList<>(List.of(new String(b, StandardCharsets.ISO_8859_1).split("\n", -1)));
        int at = random.nextInt(lines.size());
        if (duplicate) {
            for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
                lines.add(at, lines.get(at));
            }
        } else {
            lines.remove(at);
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] numbers(byte[] b, SplittableRandom random) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        Matcher m = NUMBER.matcher(s);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] { m.start(), m.end() });
        }
        if (spans.isEmpty()) {
            return b;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        String number = s.substring(span[0], span[1]);
        String replacement = random.nextInt(4) == 0 ? (number.startsWith("-") ? number.substring(1) : "-" + number)
                : ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)];
        return (s.substring(0, span[0]) + replacement + s.substring(span[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] deleteToken(byte[] b, SplittableRandom random) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("\\S+").matcher(s);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] { m.start(), m.end() });
        }
        if (spans.isEmpty()) {
            return b;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return (s.substring(0, span[0]) + s.substring(span[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Mutates each seed for about {@code budget}, running the format on every mutant; a mutant that ends in anything
     * but a clean error or a result (a trace, a bad message, a hang) is saved under {@code target/fuzz-crashes/} and
     * named in the failure, to be kept as a regression case under {@code data/fuzz-regressions/}.
     *
     * @return the number of mutants tried
     */
    public static int fuzz(Format f, List<Path> seeds, long seed, Duration budget, boolean binary, Path scratch)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long end = System.nanoTime() + budget.toNanos();
        List<String> crashes = new ArrayList<>();
        int tried = 0;
        int clean = 0;
        while (System.nanoTime() < end && crashes.size() < 5) {
            Path seedFile = seeds.get(tried % seeds.size());
            byte[] mutant = mutate(Files.readAllBytes(seedFile), random, binary);
            Path file = scratch.resolve("mutant-" + tried + "-" + seedFile.getFileName());
            Files.write(file, mutant);
            Result r = run(f, file, Expect.EITHER, null);
            tried++;
            if (r.ok()) {
                clean += r.outcome() == Outcome.CLEAN_ERROR ? 1 : 0;
                Files.delete(file);
                continue;
            }
            Path keep = Path.of("target", "fuzz-crashes", f.name(),
                    String.format(Locale.ROOT, "%s-%08x-%s", r.outcome().name().toLowerCase(Locale.ROOT),
                            java.util.Arrays.hashCode(mutant), seedFile.getFileName()));
            Files.createDirectories(keep.getParent());
            Files.move(file, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            crashes.add(keep + ": " + r.outcome() + ": " + r.detail());
        }
        recordFuzz(f.name(), tried, clean, tried - clean - crashes.size(), crashes.size());
        if (!crashes.isEmpty()) {
            fail(f.name() + ": " + crashes.size() + " of " + tried + " mutants failed:\n" + String.join("\n", crashes));
        }
        return tried;
    }
}
