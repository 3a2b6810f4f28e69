package com.ibm.websphere.management.exception;

/**
 * wsadmin's AdminException.
 * The harness's stand-in: same name and parent as in harness/errors.py, so that Jython scripts
 * import it and catch it by name as on a real wsadmin.
 */
public class AdminException extends com.ibm.ws.scripting.ScriptingException {
    public AdminException() {
        super();
    }

    public AdminException(String message) {
        super(message);
    }
}
