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

# [U] the save (harness/repository/journal.py, lock.py); every text is one line and says what was saved
SAVE_CONFLICT = ("ADMR0006E: The document %s was changed by another process since this workspace read it; "
                 "nothing was saved. Reset the workspace and apply the changes again.")
SAVE_LOCKED = ("ADMR0010E: The configuration repository %s is locked by another save (%s) and was not released "
               "within %g seconds; nothing was saved.")
SAVE_FAILED = "ADMR0011E: The configuration was not saved: cannot write %s (%s); no document was changed."
SAVE_ROLLBACK_FAILED = ("ADMR0012E: The configuration save failed at %s (%s) and could not be undone now (%s); "
                        "the next open of %s %s.")
SAVE_RECOVERY_FAILED = ("ADMR0013E: An interrupted save in %s cannot be finished (%s); nothing was saved.")
SAVE_JOURNAL_UNREADABLE = ("ADMR0014E: The save journal %s cannot be read; no save can run until it is "
                           "inspected and removed.")
# [U] an edit of an object whose xmi:id occurs more than once in its document
AMBIGUOUS_OBJECT = ('ADMR0015E: The object id "%s" is not unique (%s); the object to change is ambiguous and '
                    'nothing was changed. Give each object its own xmi:id.')
