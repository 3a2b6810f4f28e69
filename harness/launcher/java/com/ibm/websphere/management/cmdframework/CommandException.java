package com.ibm.websphere.management.cmdframework;

/**
 * Base of the AdminTask command framework's exceptions.
 * The harness's stand-in: same name and parent as in harness/errors.py, so that Jython scripts
 * import it and catch it by name as on a real wsadmin.
 */
public class CommandException extends com.ibm.ws.scripting.ScriptingException {
    public CommandException() {
        super();
    }

    public CommandException(String message) {
        super(message);
    }
}
