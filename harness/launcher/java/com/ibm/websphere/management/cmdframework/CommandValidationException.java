package com.ibm.websphere.management.cmdframework;

/**
 * An AdminTask command refused its parameters or target.
 * The harness's stand-in: same name and parent as in harness/errors.py, so that Jython scripts
 * import it and catch it by name as on a real wsadmin.
 */
public class CommandValidationException extends CommandException {
    public CommandValidationException() {
        super();
    }

    public CommandValidationException(String message) {
        super(message);
    }
}
