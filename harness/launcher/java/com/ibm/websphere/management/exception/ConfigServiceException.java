package com.ibm.websphere.management.exception;

/**
 * Configuration-service failures (save conflicts, bad documents).
 * The harness's stand-in: same name and parent as in harness/errors.py, so that Jython scripts
 * import it and catch it by name as on a real wsadmin.
 */
public class ConfigServiceException extends com.ibm.ws.scripting.ScriptingException {
    public ConfigServiceException() {
        super();
    }

    public ConfigServiceException(String message) {
        super(message);
    }
}
