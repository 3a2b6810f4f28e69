"""wsadmin message texts the harness emits, by message id, in one place.

Texts marked [V] are quoted from real wsadmin output (wsadmin-semantics.md §4.2 and §7);
[U] texts are our best reconstruction and must be checked on a real WAS before anything parses them.
"""

# [V]
INCOMPLETE_ID = 'WASX7077E: Incomplete config id: need closing parenthesis in "%s"'
INVALID_PARAM = 'WASX7444E: Invalid parameter value "%s" for parameter "%s" on command "%s"'
INVALID_TYPE = "ADMG0007E: The configuration data type %s is not valid."
NO_REQUIRED = 'WASX7361I: No required attribute found for type "%s".'
CHANGES_HEADER = "WASX7146I: The following configuration files contain unsaved changes:"
NO_CHANGES = "WASX7241I: There are no unsaved changes in this workspace."
VALIDATION_LOGGED = "WASX7193I: Validation results are logged in %s: Total number of messages: %d"
VALIDATION_SEVERITY = "WASX7194I: Number of messages of severity %d: %d"
VALIDATION_LEVEL = "WASX7189I: Validation level set to %s"
CROSS_DOC_VALIDATION = "WASX7188I: Cross-document validation enablement set to %s"
LOCAL_MODE = ("WASX7357I: By request, this scripting client is not connected to any server process. "
              "Certain configuration and application operations will be available in local mode.")
SAVE_MODES = ("rollbackOnConflict", "overwriteOnConflict")

# [U] reconstructed texts
NO_PARENTS = 'WASX7351I: No parent types found for type "%s".'
INVALID_ATTRIBUTES = 'WASX7080E: Invalid attributes for type "%s" -- "%s".'
READ_ONLY_ATTRIBUTE = 'ADMG0014E: Attribute %s of type %s is read-only and cannot be modified.'
BAD_NUMBER = 'java.lang.NumberFormatException: For input string: "%s"'
BAD_ENUM = 'ADMG0010E: The value "%s" is not valid for attribute %s of type %s; valid values are %s.'
BAD_BOOLEAN = 'ADMG0010E: The value "%s" is not valid for attribute %s of type %s; valid values are true, false.'
NO_PARENT_FEATURE = 'WASX7209E: Cannot create an object of type "%s" under an object of type "%s".'
AMBIGUOUS_PARENT = ('WASX7210E: Type "%s" can be contained in attributes %s of type "%s"; '
                    'name the attribute as fourth argument.')
ABSTRACT_TYPE = 'ADMG0008E: The configuration data type %s is abstract; name a concrete subtype.'
NOT_CONTAINED = 'WASX7211E: Attribute "%s" of type "%s" does not hold configuration objects of type "%s".'
REFERENCE_NOT_FOUND = 'WASX7444E: Invalid parameter value "%s" for parameter "%s" on command "%s"'
DOCUMENT_EXISTS = 'ADMR0005E: The document %s already exists.'
DOCUMENT_NOT_FOUND = 'ADMR0004E: The document %s does not exist.'
STALE_DIGEST = ('ADMR0006E: The document %s changed since it was extracted; '
                'nothing was checked in. Extract it again.')
BAD_SAVE_MODE = 'WASX7201E: Invalid save mode "%s"; valid modes are rollbackOnConflict and overwriteOnConflict.'
FILE_NOT_FOUND = 'WASX7418E: The file %s cannot be read.'
BAD_GETID_PATH = 'WASX7084E: Invalid containment path "%s"; it must start with "/".'

# Harness-only (the launcher; no wsadmin equivalent): one line each, then a usage exit code.
JYTHON21_NOT_FOUND = ("wsadmin: -interpreter jython21: no Jython 2.1 here: set STWAS_JYTHON21 to its launcher "
                      "(../shared/jython21/build.sh builds one and prints its path)")
JYTHON21_NOT_EXECUTABLE = "wsadmin: -interpreter jython21: STWAS_JYTHON21=%s is not an executable file"
JYTHON21_BUILD_FAILED = "wsadmin: -interpreter jython21: %s failed: %s"
JYTHON27_NOT_FOUND = "wsadmin: -interpreter jython: jython is not on PATH (apt-get install jython), or set STWAS_JYTHON"
JYTHON_START_FAILED = "wsadmin: cannot start %s (%s); use -interpreter cpython"
JAVAC_MISSING = ("wsadmin: javac not found: the wsadmin exception classes for Jython are compiled at first use; "
                 "install a JDK (e.g. apt-get install default-jdk-headless)")
JAVAC_FAILED = "wsadmin: javac failed on harness/launcher/java: %s"
