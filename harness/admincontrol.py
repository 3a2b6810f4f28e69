"""AdminControl for local mode (-conntype NONE): every call raises a ScriptingException [V semantics §6].

wsadminlib's ``isConnected()`` calls ``AdminControl.getType()`` and treats an exception as "not connected";
the message text is a named [U] choice in harness.wsadmin_semantics.
"""

from harness import wsadmin_semantics as sem
from harness.errors import ScriptingException


class LocalAdminControl:
    """Every public method (known or not) raises ScriptingException(MSG_ADMINCONTROL_LOCAL)."""

    def __init__(self, message=None):
        self._message = message or sem.MSG_ADMINCONTROL_LOCAL

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)

        def method(*args):
            raise ScriptingException(self._message)

        method.__name__ = name
        return method

    def __repr__(self):
        return "AdminControl"


# The name other modules expect.
AdminControl = LocalAdminControl
