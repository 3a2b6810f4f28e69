"""A tiny in-memory AdminConfig for launcher tests and the bridge benchmark.

Use it from the command line with STWAS_SESSION_FACTORY=harness.launcher.fakes:fake_objects.
It knows two servers; it is NOT a model of wsadmin semantics (harness.scripting.adminconfig is).
"""

from harness.base import errors
from harness.base import messages as M


class Digest:
    """An opaque object (like AdminConfig.extract's digest) to exercise handles over the bridge."""

    def __init__(self, uri):
        self.uri = uri

    def getUri(self):
        return self.uri

    def __repr__(self):
        return "Digest(%s)" % self.uri


class FakeAdminConfig:
    def __init__(self, line_separator="\n"):
        self.sep = line_separator
        self.objects = {
            "server1(cells/c/nodes/n|server.xml#Server_1)": {"name": "server1", "type": "Server"},
            "server2(cells/c/nodes/n|server.xml#Server_2)": {"name": "server2", "type": "Server"},
        }
        self.changed = False
        self.saves = 0

    def _get(self, cid, command):
        if cid not in self.objects:
            raise errors.ScriptingException(M.INVALID_PARAM % (cid, "config id", command))
        return self.objects[cid]

    def getid(self, path):
        name = path.strip("/").split(":")[-1]
        return "".join(c for c, o in sorted(self.objects.items()) if o["name"] == name)

    def list(self, typename, scope=None):
        return self.sep.join(sorted(c for c, o in self.objects.items() if o["type"] == typename))

    def showAttribute(self, cid, attr):
        return self._get(cid, "showAttribute").get(attr)

    def modify(self, cid, attrs):
        obj = self._get(cid, "modify")
        if isinstance(attrs, str):
            raise errors.ScriptingException("fake: use list form")
        for name, value in attrs:
            obj[name] = value
        self.changed = True
        return ""

    def types(self):
        raise errors.InvalidConfigDataTypeException(M.INVALID_TYPE % "X")

    def hasChanges(self):
        return 1 if self.changed else 0

    def save(self):
        self.saves += 1
        self.changed = False
        return ""

    def reset(self):
        self.changed = False
        return ""

    def extract(self, uri, local):
        return Digest(uri)

    def echo(self, *args):
        """Returns its arguments as a list (checks what crosses the bridge)."""
        return [list(args), [type(a).__name__ for a in args]]

    def nothing(self):
        return None

    def number(self):
        return 42

    def boom(self):
        raise ValueError("fake internal error")


def fake_objects(config_root, conntype, line_separator):
    return {"AdminConfig": FakeAdminConfig(line_separator)}
