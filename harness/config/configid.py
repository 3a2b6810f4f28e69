"""Configuration IDs: ``<displayName>(<docDir>|<docFile>#<xmiId>)`` (wsadmin-semantics.md §1).

A document-level ID has no ``#<xmiId>``: ``server1(cells/C/nodes/N/servers/server1|server.xml)`` (what
AdminTask.listServers returns, wsadmin-semantics.md 12); it names the document's root object."""

import re

from harness.base import messages as M
from harness.base.errors import ScriptingException

# The trailing "(docDir|file#id)" part; parsed from the right so display names may hold "(".
_TAIL = re.compile(r"\(([^()|#]*)\|([^()|#]+)(?:#([^()]+))?\)$")


class ConfigId(object):
    __slots__ = ("docdir", "filename", "xmiid")

    def __init__(self, docdir, filename, xmiid):
        self.docdir = docdir
        self.filename = filename
        self.xmiid = xmiid

    @property
    def uri(self):
        return "%s/%s" % (self.docdir, self.filename) if self.docdir else self.filename

    def __eq__(self, other):
        return isinstance(other, ConfigId) and (self.docdir, self.filename, self.xmiid) == (
            other.docdir,
            other.filename,
            other.xmiid,
        )

    def __hash__(self):
        return hash((self.docdir, self.filename, self.xmiid))

    def __repr__(self):
        return "ConfigId(%r, %r, %r)" % (self.docdir, self.filename, self.xmiid)


# str.isspace's characters (re's \s on str patterns is the same Unicode test)
_SPACE = re.compile(r"\s")


def format_id(display, docdir, filename, xmiid):
    """The ID string as wsadmin returns it: quoted iff it contains whitespace (§1.3)."""
    s = "%s(%s|%s#%s)" % (display or "", docdir, filename, xmiid)
    if _SPACE.search(s):
        return '"%s"' % s
    return s


def format_document_id(display, docdir, filename):
    """A document-level ID: the display name and the document, no fragment."""
    s = "%s(%s|%s)" % (display or "", docdir, filename)
    if _SPACE.search(s):
        return '"%s"' % s
    return s


def parse_id(text, command="showAttribute", param="config id"):
    """Parse an ID string (quoted or not, with or without display name).

    Raises WASX7077E when the closing parenthesis is missing and WASX7444E for anything else
    that is not an ID.
    """
    if text is None:
        raise invalid_param("None", command, param)
    s = str(text).strip()
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        s = s[1:-1]
    if "(" in s and not s.endswith(")"):
        raise ScriptingException(M.INCOMPLETE_ID % text)
    m = _TAIL.search(s)
    if not m:
        raise invalid_param(text, command, param)
    return ConfigId(m.group(1), m.group(2), m.group(3))


def looks_like_id(text):
    s = str(text).strip()
    if len(s) >= 2 and s[0] == '"' and s[-1] == '"':
        s = s[1:-1]
    return bool(_TAIL.search(s))


def invalid_param(value, command, param="config id"):
    return ScriptingException(M.INVALID_PARAM % (value, param, command))
