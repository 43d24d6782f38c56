package org.activestructopt.app.internal;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code aso examples}: the bundled examples, one line each. */
@Command(name = "examples", mixinStandardHelpOptions = true, description = {
        "List the bundled examples, one line each: <name> <description>. Run one with: aso refine --example NAME" })
public final class ExamplesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var all = Examples.list();
        int width = all.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (Examples.Example e : all) {
            spec.commandLine().getOut().println(String.format("%-" + width + "s  %s", e.name(), e.description()));
        }
        return 0;
    }
}
