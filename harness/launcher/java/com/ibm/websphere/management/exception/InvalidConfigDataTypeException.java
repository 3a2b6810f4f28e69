package com.ibm.websphere.management.exception;

/**
 * ADMG0007E: an unknown configuration data type.
 * The harness's stand-in: same name and parent as in harness/errors.py, so that Jython scripts
 * import it and catch it by name as on a real wsadmin.
 */
public class InvalidConfigDataTypeException extends com.ibm.ws.scripting.ScriptingException {
    public InvalidConfigDataTypeException() {
        super();
    }

    public InvalidConfigDataTypeException(String message) {
        super(message);
    }
}
