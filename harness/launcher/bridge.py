"""The pipe protocol between the CPython session (server) and a Jython 2.7 script process (client).

Transport: two anonymous pipes handed to the child as extra file descriptors (the script's own
stdin/stdout/stderr stay untouched).  The child opens them as ``/dev/fd/<n>``.

Framing: every message is a 4-byte big-endian unsigned length followed by that many bytes of UTF-8 JSON.

Messages (child -> parent):
  {"op": "call", "obj": <name or handle int>, "m": <method>, "a": [<value>...]}
  {"op": "done", "code": <int>, "error": null | {"kind": "java"|"python", "text": <str>,
                                                 "where": "file"|"command", "what": <file or command>}}
Messages (parent -> child):
  first message: the spec (see jython_runner.build_spec)
  reply to call:  {"r": <value>}  or  {"e": {"java": <fqcn or null>, "chain": [<fqcn>, <parent fqcn>, ...],
                                             "py": <python class name>, "msg": <str>}}

Values: JSON null/bool/int/float/str/list.  Tuples travel as lists.  A return value that is not one of
these (an opaque digest, a Java-like object) is kept in a handle table on the CPython side and travels as
``{"$h": <int>, "$r": <repr>}``; the child wraps it in a proxy whose method calls come back with
``"obj": <int>``.  A dict travels as ``{"$d": [[k, v], ...]}``.
"""

import json
import struct

from harness import errors

_HEADER = struct.Struct(">I")


class BridgeClosed(EOFError):
    """The other side closed its pipe."""


def write_message(stream, obj):
    data = json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exact(stream, n):
    buf = b""
    while len(buf) < n:
        chunk = stream.read(n - len(buf))
        if not chunk:
            raise BridgeClosed("bridge pipe closed")
        buf += chunk
    return buf


def read_message(stream):
    (n,) = _HEADER.unpack(_read_exact(stream, _HEADER.size))
    return json.loads(_read_exact(stream, n).decode("utf-8"))


def exception_table():
    """[[java_name, parent_java_name], ...] parents first, for the Jython side to build its classes.

    java.lang.Exception (the root) is not listed: Jython has the real one.  Several Python classes may
    share one Java name (SaveConflictError/ConfigServiceException); the first one wins.
    """
    seen = {}
    for cls in errors.ALL:
        if cls.java_name in seen or cls.java_name == errors.JavaException.java_name:
            continue
        parent = None
        for base in cls.__mro__[1:]:
            if issubclass(base, errors.JavaException) and base.java_name != cls.java_name:
                parent = base.java_name
                break
        seen[cls.java_name] = parent or errors.JavaException.java_name
    # order parents first
    out, done = [], {errors.JavaException.java_name}
    pending = dict(seen)
    while pending:
        progressed = False
        for name, parent in list(pending.items()):
            if parent in done:
                out.append([name, parent])
                done.add(name)
                del pending[name]
                progressed = True
        if not progressed:  # pragma: no cover - inconsistent table
            out.extend([n, errors.JavaException.java_name] for n in pending)
            break
    return out


class Server:
    """Serves the child's calls against the session's objects until it says "done"."""

    _PLAIN = (str, int, float, bool, type(None))

    def __init__(self, objects, rfile, wfile):
        self.objects = objects
        self.rfile = rfile
        self.wfile = wfile
        self.handles = {}
        self.calls = 0

    # -- values ---------------------------------------------------------------------------------
    def encode(self, value):
        if isinstance(value, self._PLAIN):
            return value
        if isinstance(value, (list, tuple)):
            return [self.encode(v) for v in value]
        if isinstance(value, dict):
            return {"$d": [[self.encode(k), self.encode(v)] for k, v in value.items()]}
        h = len(self.handles) + 1
        self.handles[h] = value
        return {"$h": h, "$r": repr(value)}

    def decode(self, value):
        if isinstance(value, list):
            return [self.decode(v) for v in value]
        if isinstance(value, dict):
            if "$h" in value:
                return self.handles[value["$h"]]
            if "$d" in value:
                return {self.decode(k): self.decode(v) for k, v in value["$d"]}
        return value

    # -- calls ----------------------------------------------------------------------------------
    def dispatch(self, msg):
        target = msg["obj"]
        obj = self.handles[target] if isinstance(target, int) else self.objects[target]
        name = msg["m"]
        if name.startswith("_"):
            raise AttributeError("%s has no method %s" % (target, name))
        method = getattr(obj, name)
        return method(*[self.decode(a) for a in msg["a"]])

    def serve(self):
        """Returns the child's "done" message, or None when the child went away without one."""
        while True:
            try:
                msg = read_message(self.rfile)
            except BridgeClosed:
                return None
            if msg.get("op") == "done":
                return msg
            self.calls += 1
            try:
                reply = {"r": self.encode(self.dispatch(msg))}
            except errors.JavaException as e:
                chain = []
                for c in type(e).__mro__:
                    jn = getattr(c, "java_name", None)
                    if jn and jn not in chain:
                        chain.append(jn)
                reply = {"e": {"java": e.java_name, "chain": chain, "py": type(e).__name__, "msg": e.message}}
            except Exception as e:  # noqa: BLE001 - forwarded to the script as a Python error
                reply = {"e": {"java": None, "py": type(e).__name__, "msg": str(e)}}
            write_message(self.wfile, reply)
