package org.activestructopt.refinement;

import java.nio.file.Path;

/** Holds the lock of a run directory until killed: {@code java -cp ... LockHolder DIR}, prints "locked". */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        RunLock lock = RunLock.acquire(Path.of(args[0]));
        System.out.println("locked " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(600_000);
        lock.close();
    }
}
