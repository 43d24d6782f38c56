package org.activestructopt.refinement.model;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32;

import org.activestructopt.refinement.internal.JobResource;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;

/**
 * The append-only journal of a run beside its job file ({@code job.xmi.journal} next to {@code job.xmi}): one line per
 * simulation, written and handed to the operating system before the next simulation starts, so that a killed process
 * loses at most the simulation in flight while the job file itself is rewritten only now and then
 * ({@link #clear()} after the job was saved with every candidate, "compaction").
 * <p>
 * A line is {@code C <crc32> <candidate>}: the candidate's element as the job file writes it (XMI on one line) and the
 * CRC-32 of that text, so that a line torn by a kill (or garbled by a crash of the machine) is recognised and dropped.
 * {@link Job#load(Path)} replays the records whose candidates are not yet in the job file, in order; records already
 * in it (the journal was not yet cleared after a save) are skipped by their index.
 * <p>
 * With {@code force} each record is also forced to the disk ({@link FileChannel#force(boolean)}), which makes it
 * survive a power failure and not only a killed process.
 */
public final class RunJournal implements Closeable {

    /** Appended to the job file's name. */
    public static final String SUFFIX = ".journal";

    private static final String TAG = "C ";

    private final Path file;
    private final FileChannel channel;
    private final boolean force;

    private RunJournal(Path file, FileChannel channel, boolean force) {
        this.file = file;
        this.channel = channel;
        this.force = force;
    }

    /** @return the journal of job file {@code jobFile} */
    public static Path fileOf(Path jobFile) {
        return jobFile.resolveSibling(jobFile.getFileName() + SUFFIX);
    }

    /**
     * Opens (creating it if absent) the journal of {@code job}'s file for appending.
     *
     * @param force whether each record is forced to the disk, not only written to the operating system
     * @throws IllegalStateException if the job has no file
     */
    public static RunJournal open(Job job, boolean force) throws IOException {
        Path file = fileOf(job.file().orElseThrow(() -> new IllegalStateException("job has no file")));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return new RunJournal(file, channel, force);
    }

    /** @return the journal's file */
    public Path file() {
        return file;
    }

    /** @return the journal's length in bytes */
    public long size() throws IOException {
        return channel.size();
    }

    /** Appends {@code candidate}, returning once the operating system (with force: the disk) holds the record. */
    public void append(Candidate candidate) throws IOException {
        ByteBuffer record = ByteBuffer.wrap(line(candidate).getBytes(StandardCharsets.UTF_8));
        while (record.hasRemaining()) {
            channel.write(record);
        }
        if (force) {
            channel.force(false);
        }
    }

    /** Empties the journal; call only after the job file was saved with every candidate recorded here. */
    public void clear() throws IOException {
        channel.truncate(0);
        if (force) {
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static String line(Candidate candidate) {
        String xmi = JobResource.toLine(EcoreUtil.copy(candidate.eObject()));
        return TAG + crc(xmi) + " " + xmi + "\n";
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /**
     * Appends to {@code results} the journal's candidates that follow its last one, stopping at the first line that
     * is torn, fails its checksum or does not follow on.
     *
     * @return the number of candidates added
     */
    static int replay(Path jobFile, Results results) throws IOException {
        Objects.requireNonNull(results, "results");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(fileOf(jobFile));
        } catch (NoSuchFileException e) {
            return 0;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int added = 0;
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
            String line = text.substring(start, end);
            int space = line.indexOf(' ', TAG.length());
            if (!line.startsWith(TAG) || space < 0) {
                break;
            }
            String xmi = line.substring(space + 1);
            if (!line.substring(TAG.length(), space).equals(crc(xmi))) {
                break;
            }
            EObject o;
            try {
                o = JobResource.fromLine(xmi, Candidate.CLASS);
            } catch (IOException | RuntimeException e) {
                break;
            }
            int index = new Candidate(o).index();
            if (index < results.size()) {
                continue;
            }
            if (index > results.size()) {
                break;
            }
            results.append(o);
            added++;
        }
        return added;
    }
}
