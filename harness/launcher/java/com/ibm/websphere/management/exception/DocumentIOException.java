package com.ibm.websphere.management.exception;

/**
 * A repository document that cannot be read (not well-formed XML).
 * The harness's stand-in: same name and parent as in harness/errors.py, so that Jython scripts
 * import it and catch it by name as on a real wsadmin.
 */
public class DocumentIOException extends ConfigServiceException {
    public DocumentIOException() {
        super();
    }

    public DocumentIOException(String message) {
        super(message);
    }
}
