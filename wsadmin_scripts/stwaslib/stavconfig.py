"""The Sametime Media Manager configuration, stavconfig.xml: where its copies are, its entries, edits in place.

What is public [V, HCL Sametime 9.0.1 "Changing the default authentication method for clients" and 10.0 "Setting
a retry interval for client connections"; sametime-operations.md 7.3]: the file is kept by the deployment manager
at cells/<cell>/nodes/<node>/servers/<server>/stavconfig.xml, there are several copies and every one must be
changed, followed by a full resynchronize of the nodes; it holds flat entries

    <configuration lastUpdated="1226425838277" name="SIPAuthenticationType" value="LTPA"/>

and the documented names are SIPAuthenticationType (Basic, LTPA or None) and ClientSIPRegisterRetryDelay
(seconds). The names of the SIP Proxy/Registrar transport and port and of SRTP are NOT public: nothing here knows
or guesses them; a job sets the entries an admin names (from the admin's own copy) and prints the System Console
steps for the rest.

Where the copies are [U]: looked for in every server directory of the nodes that run a Media Manager application
(SIP Registrar, SIP Proxy, Conference Manager, Packet Switcher) or the named media server, and in the deployment
manager's; when no such node is found, in every server directory of the cell. One existsDocument per candidate.
Edits replace attribute values only (every other byte stays), so setting the old value back gives the original
document byte for byte. lastUpdated is left as it is (what the Media Manager does with it is not public; the
resynchronize and the restart of the media components load the file anyway).
Language level: docs/script-language.md (Jython 2.1, Jython 2.7 and CPython 3).
"""

from stwaslib.binary import latin1_bytes, latin1_text
from stwaslib.compat import sort_by
from stwaslib.errors import JobError, UsageError
from stwaslib.files import private_temp_file, read_bytes, remove_quietly, write_bytes
from stwaslib.topology import is_media_app
from stwaslib.xmltags import start_tags, unescape

DOC_NAME = "stavconfig.xml"
ENTRY = "configuration"
# the public entry names and their allowed values (None: any)
KNOWN = {"SIPAuthenticationType": ("Basic", "LTPA", "None"), "ClientSIPRegisterRetryDelay": None}
# [U] applications of the Media Manager components (lower case, matched as parts of the application name)
NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"

# media_disable_tls keeps the value it replaced in a comment right after the entry, on the entry's line, so that
# --enable gives the original bytes back: <configuration ... value="None"/><!-- media_disable_tls: was "LTPA" -->
MARK_PREFIX = '<!-- media_disable_tls: was "'
MARK_SUFFIX = '" -->'


class Entry:
    """One <configuration> entry: name, value (unescaped), raw (as written), the value's span, the tag's end, and
    the media_disable_tls mark after it (the raw value it replaced, and the mark's span) when there is one."""

    def __init__(self, tag, text):
        self.name = tag.get("name")
        a = tag.attr("value")
        self.raw, self.start, self.end, self.quote = None, None, None, '"'
        if a is not None:
            self.raw, self.start, self.end = a[1], a[2], a[3]
            self.quote = text[a[2] - 1]
        self.value = unescape(self.raw)
        self.last_updated = tag.get("lastUpdated")
        self.tag_end = tag.end
        self.was, self.mark_end = None, None
        if text[tag.end : tag.end + len(MARK_PREFIX)] == MARK_PREFIX:
            close = text.find(MARK_SUFFIX, tag.end + len(MARK_PREFIX))
            newline = text.find("\n", tag.end)
            if close >= 0 and (newline < 0 or close < newline):
                self.was = unmark(text[tag.end + len(MARK_PREFIX) : close])
                self.mark_end = close + len(MARK_SUFFIX)


def entries(text):
    """[Entry] of a stavconfig.xml text, in document order."""
    return [Entry(t, text) for t in start_tags(text, ENTRY) if t.get("name") is not None]


def by_name(items, name):
    return [e for e in items if e.name == name]


# ------------------------------------------------------------------------------------------ values and marks
def mark(raw):
    """A raw attribute value as the text of a comment (no '--', no quote: & - and " as character references)."""
    return raw.replace("&", "&amp;").replace("-", "&#45;").replace('"', "&quot;")


def unmark(s):
    return s.replace("&quot;", '"').replace("&#45;", "-").replace("&amp;", "&")


def escape(value, quote='"'):
    """A value as XML attribute text between quote characters (" or ')."""
    value = value.replace("&", "&amp;").replace("<", "&lt;")
    if quote == "'":
        return value.replace("'", "&apos;")
    return value.replace('"', "&quot;")


def parse_setting(spec, option):
    """'NAME=VALUE' -> (name, value); UsageError for a bad name, a control character or non-ASCII text, or a
    value a public entry does not take."""
    i = spec.find("=")
    name, value = spec[:i].strip(), spec[i + 1 :]
    if i < 0 or not name or [c for c in name if NAME_CHARS.find(c) < 0]:
        raise UsageError(
            "%s wants NAME=VALUE with a name of letters, digits, '_', '.' or '-' (an entry name "
            "of stavconfig.xml), got '%s'" % (option, spec)
        )
    for c in value:
        if ord(c) < 32 or ord(c) > 126:
            raise UsageError("%s %s: the value may hold printable ASCII characters only" % (option, name))
    allowed = KNOWN.get(name)
    if allowed and value not in allowed:
        raise UsageError("%s %s: %s takes %s (HCL documentation), got '%s'" % (option, name, name, ", ".join(allowed), value))
    return name, value


def settings(specs, option):
    """[(name, value)] of repeated NAME=VALUE options, each name once (UsageError for two different values)."""
    out = []
    for spec in specs or []:
        name, value = parse_setting(spec, option)
        same = [v for n, v in out if n == name]
        if same and same[0] != value:
            raise UsageError("%s %s is given twice with different values" % (option, name))
        if not same:
            out.append((name, value))
    return out


def _start(edit):
    return edit[0]


def apply_edits(text, edits):
    """text with each (start, end, replacement) applied, the last first (so the earlier offsets stay right)."""
    for start, end, new in sort_by(edits, _start, reverse=1):
        text = text[:start] + new + text[end:]
    return text


# ------------------------------------------------------------------------------------------ the copies
class Instance:
    """One copy: uri, node, server, the text as extracted (one character per byte), its digest, its entries."""

    def __init__(self, uri, node, server, dmgr=0):
        self.uri = uri
        self.node = node
        self.server = server
        self.dmgr = dmgr  # the deployment manager's own copy (no node agent to synchronise, no server to restart)
        self.text = None
        self.digest = None
        self.entries = []

    def label(self):
        return "%s@%s" % (self.server, self.node)

    def read(self, job):
        path = private_temp_file("stwas-stav-", ".xml")
        try:
            self.digest = job.AdminConfig.extract(self.uri, path)
            self.text = latin1_text(read_bytes(path))
        finally:
            remove_quietly(path)
        self.entries = entries(self.text)
        return self

    def one(self, name):
        """The entry of that name; JobError when it is missing or there twice."""
        found = by_name(self.entries, name)
        if len(found) != 1:
            how = "has no entry"
            if found:
                how = "has %d entries" % len(found)
            raise JobError(
                '%s %s %s (<configuration name="%s" .../>); refused: entries are changed, never added '
                "or guessed (set it once with the System Console)" % (self.uri, how, name, name)
            )
        if found[0].raw is None:
            raise JobError("%s: entry %s has no value attribute; refused" % (self.uri, name))
        return found[0]

    def write(self, job, new_text):
        """AdminConfig.checkin of the changed text (the digest of the extract guards against a concurrent edit)."""
        path = private_temp_file("stwas-stav-", ".xml")
        try:
            write_bytes(path, latin1_bytes(new_text))
            job.AdminConfig.checkin(self.uri, path, self.digest)
        finally:
            remove_quietly(path)


def _path_parts(uri):
    """(node, server) of cells/C/nodes/N/servers/S/stavconfig.xml, else (None, None)."""
    p = uri.split("/")
    if len(p) == 7 and p[0] == "cells" and p[2] == "nodes" and p[4] == "servers" and p[6] == DOC_NAME:
        return p[3], p[5]
    return None, None


def find(job, cell, given=None, media_server=None):
    """[Instance] (sorted by uri, not read yet): the documents given (each must exist), else the copies found
    where the module docstring says. Also returns where it looked: (instances, searched server labels)."""
    if given:
        out = []
        for uri in given:
            if not job.document_exists(uri):
                raise JobError("document %s does not exist in the repository" % uri)
            node, server = _path_parts(uri)
            out.append(
                Instance(
                    uri,
                    node or "?",
                    server or "?",
                    [1 for s in cell.find(server or "", node) if s.type == "DEPLOYMENT_MANAGER"] != [],
                )
            )
        return out, []
    media_nodes = []
    for s in cell.servers:
        hit = s.name == media_server or [a for a in s.apps if is_media_app(a)]
        if hit and s.node not in media_nodes:
            media_nodes.append(s.node)
    candidates = [s for s in cell.servers if s.node in media_nodes or s.type == "DEPLOYMENT_MANAGER"]
    if not media_nodes:
        candidates = cell.servers
    out, searched = [], []
    for s in candidates:
        uri = "cells/%s/nodes/%s/servers/%s/%s" % (cell.name, s.node, s.name, DOC_NAME)
        searched.append(s.label())
        if job.document_exists(uri):
            out.append(Instance(uri, s.node, s.name, s.type == "DEPLOYMENT_MANAGER"))
    return sort_by(out, _uri_of), searched


def _uri_of(inst):
    return inst.uri
