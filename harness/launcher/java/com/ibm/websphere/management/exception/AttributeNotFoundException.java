package com.ibm.websphere.management.exception;

/**
 * An attribute the type does not have.
 * The harness's stand-in: same name and parent as in harness/errors.py, so that Jython scripts
 * import it and catch it by name as on a real wsadmin.
 */
public class AttributeNotFoundException extends com.ibm.ws.scripting.ScriptingException {
    public AttributeNotFoundException() {
        super();
    }

    public AttributeNotFoundException(String message) {
        super(message);
    }
}
