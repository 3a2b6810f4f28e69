package stwas.launcher;

import java.security.Permission;

/**
 * The warm interpreter's guard (harness/launcher/warm.py): when a script calls System.exit(n) during a run,
 * {@link #onExit} reports the run as ended with exit code n (its output flushed) before the JVM goes, so that
 * the launcher shows what a cold run shows.  Permits everything else.
 */
public class ExitGuard extends SecurityManager {
    /** Called with the exit status while a run is in progress; null between runs. */
    public static volatile Runnable onExit;
    /** The status of the System.exit call being reported. */
    public static volatile int status;

    @Override
    public void checkPermission(Permission perm) {
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
    }

    @Override
    public void checkExit(int code) {
        Runnable hook = onExit;
        if (hook != null) {
            onExit = null;
            status = code;
            hook.run();
        }
    }
}
