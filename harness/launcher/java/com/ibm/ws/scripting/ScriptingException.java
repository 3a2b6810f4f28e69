package com.ibm.ws.scripting;

/**
 * The exception wsadmin's scripting objects raise (WASX... messages).
 * The harness's stand-in: same name and parent as in harness/errors.py, so that Jython scripts
 * import it and catch it by name as on a real wsadmin.
 */
public class ScriptingException extends Exception {
    public ScriptingException() {
        super();
    }

    public ScriptingException(String message) {
        super(message);
    }
}
