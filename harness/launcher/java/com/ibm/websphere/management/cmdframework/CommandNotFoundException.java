package com.ibm.websphere.management.cmdframework;

/**
 * An AdminTask command that does not exist.
 * The harness's stand-in: same name and parent as in harness/errors.py, so that Jython scripts
 * import it and catch it by name as on a real wsadmin.
 */
public class CommandNotFoundException extends CommandException {
    public CommandNotFoundException() {
        super();
    }

    public CommandNotFoundException(String message) {
        super(message);
    }
}
