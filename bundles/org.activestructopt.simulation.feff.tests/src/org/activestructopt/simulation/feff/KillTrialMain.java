package org.activestructopt.simulation.feff;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalDouble;

/**
 * The JVM that {@link OrphanTest} kills: runs real FEFF 8.5L on fcc Cu in the scratch directory given as first
 * argument, outside OSGi (the classes of the bundles on a plain class path). {@code slow}: with self-consistent
 * potentials (FEFF's pot module then runs for about a minute, so FEFF is alive when the JVM is killed); {@code fast}:
 * without (a few seconds), the "next start" whose first run sweeps what a killed JVM left.
 */
public final class KillTrialMain {

    private KillTrialMain() {
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Path.of(args[1]);
        boolean slow = args[0].equals("slow");
        FeffCards cards = FeffCards.builder().rpath(slow ? 6 : 4).nleg(slow ? 4 : 2).criteria(4, 2.5)
                .debye(300, 315).scf(slow ? OptionalDouble.of(4.5) : OptionalDouble.empty()).build();
        FeffInput input = new FeffInput(cards, Cluster.cut(TestData.cu(), 0, slow ? 6 : 4), FeffVersion.FEFF85L);
        FeffRun run = FeffRunner.of(FeffExecutable.locate("", "auto")).withScratchDirectory(scratch)
                .withTimeout(Duration.ofSeconds(slow ? 600 : 120))
                .run(input, EnumSet.of(FeffRunner.Output.CHI), null);
        System.out.println("chi points " + run.chi().orElseThrow().size());
    }
}
