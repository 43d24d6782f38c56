package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.RunJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job.load replays a run's journal: records beyond job.xmi in order, duplicates skipped, a torn or bad line ends it. */
class RunJournalTest {

    @Test
    void loadingReplaysTheJournalUpToATornOrCorruptRecord(@TempDir Path tmp) throws Exception {
        try (SimulatorRegistry registry = Simulators.registry()) {
            Simulator pdf = Simulators.await(registry, "pdf");
            Job full = KillTarget.run(tmp.resolve("a"), 12, pdf, null, RunRecorder.Durability.EVERY_SAVE);
            Path b = tmp.resolve("b");
            Job part = KillTarget.run(b, 5, pdf, null, RunRecorder.Durability.EVERY_SAVE);
            try (RunJournal journal = RunJournal.open(part, false)) {
                for (int i = 3; i < 12; i++) { // 3 and 4 are in job.xmi already
                    journal.append(full.results().candidate(i));
                }
            }
            Path file = b.resolve("job.xmi");
            assertLosses(full, Job.load(file), 12);

            Path journal = RunJournal.fileOf(file);
            byte[] bytes = Files.readAllBytes(journal);
            Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length - 10)); // a kill mid-write
            assertLosses(full, Job.load(file), 11);

            List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
            String bad = lines.get(5).replaceFirst("loss=\"", "loss=\"9"); // the record of candidate 8
            lines.set(5, bad);
            Files.write(journal, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            assertLosses(full, Job.load(file), 8);
        }
    }

    private static void assertLosses(Job expected, Job actual, int n) {
        assertEquals(n, actual.results().size());
        for (int i = 0; i < n; i++) {
            assertEquals(expected.results().candidate(i).loss(), actual.results().candidate(i).loss(), "candidate " + i);
            assertEquals(expected.results().candidate(i).structure(), actual.results().candidate(i).structure());
        }
        assertEquals(expected.results().candidates().subList(0, n).stream().mapToDouble(c -> c.loss()).min()
                .orElseThrow(), actual.results().best().orElseThrow().loss(), "best kept up to date");
    }
}
