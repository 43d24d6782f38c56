package org.activestructopt.app.internal;

import java.io.PrintWriter;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/** The {@code aso} command line as an Equinox application: arguments in, exit code out. */
public final class AsoApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return Integer.valueOf(Aso.run(args == null ? new String[0] : args, out, err));
    }

    @Override
    public void stop() {
        // Commands watch their progress monitor; nothing is held here.
    }
}
