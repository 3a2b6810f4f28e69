"""Java-style exceptions that the scripting objects raise.

wsadmin surfaces failures as Java exceptions; scripts catch them by dotted name
(``except com.ibm.ws.scripting.ScriptingException, e``) and read ``e.message``.
``str(e)`` is Java's ``toString()``: ``<fqcn>: <message>``.

Each class names its Java class (``java_name``).  Under Jython the bridge raises the real Java class of
that name: harness/launcher/java/ holds one small source per name, with the same parent as here (a test
checks that the two hierarchies agree).  Under CPython the launcher places these Python classes into
``com.*`` shim modules (harness/launcher/shims.py).
"""


class JavaException(Exception):
    """Base for every exception a scripting object raises."""

    java_name = "java.lang.Exception"

    def __init__(self, message=""):
        Exception.__init__(self, message)
        self.message = message

    def getMessage(self):  # noqa: N802 - Java API name
        return self.message

    def __str__(self):
        return "%s: %s" % (self.java_name, self.message) if self.message else self.java_name

    def __repr__(self):
        return str(self)


class ScriptingException(JavaException):
    java_name = "com.ibm.ws.scripting.ScriptingException"


class ConfigServiceException(ScriptingException):
    """Raised for configuration-service failures (save conflicts, bad documents)."""

    java_name = "com.ibm.websphere.management.exception.ConfigServiceException"


class InvalidConfigDataTypeException(ScriptingException):
    java_name = "com.ibm.websphere.management.exception.InvalidConfigDataTypeException"


class InvalidAttributeException(ScriptingException):
    java_name = "com.ibm.websphere.management.exception.AttributeNotFoundException"


class CommandException(ScriptingException):
    """Base of the AdminTask command framework's exceptions."""

    java_name = "com.ibm.websphere.management.cmdframework.CommandException"


class CommandValidationException(CommandException):
    java_name = "com.ibm.websphere.management.cmdframework.CommandValidationException"


class CommandNotFoundException(CommandException):
    java_name = "com.ibm.websphere.management.cmdframework.CommandNotFoundException"


class AdminException(ScriptingException):
    java_name = "com.ibm.websphere.management.exception.AdminException"


class MalformedDocumentError(ConfigServiceException):
    """A repository document that is not well-formed XML (path and line in the message)."""

    java_name = "com.ibm.websphere.management.exception.DocumentIOException"


class SaveConflictError(ConfigServiceException):
    java_name = "com.ibm.websphere.management.exception.ConfigServiceException"


class SaveLockError(ConfigServiceException):
    """Another save held the cell lock for longer than the lock timeout (the message names it)."""


class SaveFailedError(ConfigServiceException):
    """A save failed on an I/O error; every document is as it was before (unless the message says otherwise)."""


class AmbiguousObjectError(ConfigServiceException):
    """An edit of an object whose xmi:id is not unique in its document (the message names every place)."""


class NotAConfigRepositoryError(Exception):
    """-configRoot does not point at a WebSphere config directory (launcher prints one line)."""


# Every exception class the shims expose, by Java name.
ALL = [
    JavaException,
    ScriptingException,
    ConfigServiceException,
    InvalidConfigDataTypeException,
    InvalidAttributeException,
    CommandException,
    CommandValidationException,
    CommandNotFoundException,
    AdminException,
    MalformedDocumentError,
]
