"""The protocol between the CPython session (server) and a Jython 2.1 or 2.7 script process (client).

This module is the protocol's one authority; harness/launcher/jython_side/stwas_bootstrap.py follows it in the
Python 2.1 subset both Jythons run (no json there: the encoding below is parsed by slicing, no scanning).

Transport: cold, two anonymous pipes handed to the child as extra file descriptors (the script's own
stdin/stdout/stderr stay the child's); warm, one Unix socket connection per run (harness.launcher.warm).

Framing: every message is a 4-byte big-endian unsigned length followed by that many bytes of UTF-8.

Values (a message is a value, always a dict with string keys):
  N                   None
  T  F                True, False (Jython 2.1, which has no bool, reads 1 and 0)
  i<digits>;          an integer of any size
  f<repr>;            a float
  s<n>:<bytes>        a string of n bytes, all ASCII
  u<n>:<bytes>        a string of n bytes of UTF-8 (the reader decodes it)
  l<n>:<v>...         a list of n values (tuples travel as lists)
  d<n>:<k><v>...      a dict of n entries
  h<id>;<value>       an opaque object kept in the CPython side's handle table, with its repr (a string)

Messages (child -> parent):
  {"op": "call", "obj": <name or handle id>, "m": <method>, "a": [<value>...]}
  {"op": "attr", "obj": <name or handle id>, "m": <method>}  (first use of a method name: does it exist?)
  {"op": "done", "code": <int or None>, "error": None | {"kind": "java"|"python", "text": <str>,
                                                        "where": "file"|"command", "what": <file or command>}}
  warm runs only:  {"op": "hello", "fingerprint": <str>, "runs": <int>}  (first message of a connection)
                   {"op": "out", "fd": 1|2, "data": <bytes as Latin-1 text>}  (the script's output)
                   {"op": "in", "n": <int>}  -> reply {"r": <up to n bytes as Latin-1 text> | None at EOF}
Messages (parent -> child):
  first message: the spec (jython_runner.build_spec), with "op": "run" (warm: plus "env")
  reply to call:  {"r": <value>}  or  {"e": {"java": <Java class name or None>, "py": <Python class name>,
                                             "msg": <str>}}   -- the child raises that Java class
  reply to attr:  {"r": None} or the AttributeError as {"e": ...}
  warm, instead of a spec:  {"op": "bye"} (wrong interpreter: the launcher runs cold) or {"op": "stop"}
"""

import os
import struct

from harness.base import errors

_HEADER = struct.Struct(">I")


class BridgeClosed(EOFError):
    """The other side closed its pipe."""


class ProtocolError(ValueError):
    """A message that does not follow the encoding."""


# ------------------------------------------------------------------------------------------------ values
def encode(value, handle=None):
    """The bytes of ``value``; ``handle(obj) -> id`` keeps any other object (else it is an error)."""
    out = []
    _encode(value, out, handle)
    return b"".join(out)


def _encode(value, out, handle):
    if value is None:
        out.append(b"N")
    elif value is True:
        out.append(b"T")
    elif value is False:
        out.append(b"F")
    elif isinstance(value, int):
        out.append(b"i%d;" % value)
    elif isinstance(value, float):
        out.append(b"f" + repr(value).encode("ascii") + b";")
    elif isinstance(value, str):
        raw = value.encode("utf-8", "surrogatepass")
        out.append((b"s%d:" if len(raw) == len(value) else b"u%d:") % len(raw))
        out.append(raw)
    elif isinstance(value, (list, tuple)):
        out.append(b"l%d:" % len(value))
        for v in value:
            _encode(v, out, handle)
    elif isinstance(value, dict):
        out.append(b"d%d:" % len(value))
        for k, v in value.items():
            _encode(k, out, handle)
            _encode(v, out, handle)
    elif handle is not None:
        out.append(b"h%d;" % handle(value))
        _encode(repr(value), out, handle)
    else:
        raise ProtocolError("bridge: cannot encode %s" % type(value).__name__)


def decode(data, resolve=None):
    """The value encoded in ``data``; ``resolve(id)`` gives back a handle's object (else its repr)."""
    value, end = _decode(data, 0, resolve)
    if end != len(data):
        raise ProtocolError("bridge: %d bytes after the value" % (len(data) - end))
    return value


def _decode(data, i, resolve):
    tag = data[i : i + 1]
    try:
        if tag == b"N":
            return None, i + 1
        if tag == b"T":
            return True, i + 1
        if tag == b"F":
            return False, i + 1
        if tag in (b"i", b"f", b"h"):
            j = data.index(b";", i)
            text = data[i + 1 : j]
            if tag == b"i":
                return int(text), j + 1
            if tag == b"f":
                return float(text), j + 1
            shown, end = _decode(data, j + 1, resolve)
            return (resolve(int(text)) if resolve else shown), end
        j = data.index(b":", i)
        n = int(data[i + 1 : j])
        i = j + 1
        if tag in (b"s", b"u"):
            if i + n > len(data):
                raise ProtocolError("bridge: a string runs past the end of the message")
            return data[i : i + n].decode("ascii" if tag == b"s" else "utf-8", "surrogatepass"), i + n
        if tag == b"l":
            out = []
            for _ in range(n):
                v, i = _decode(data, i, resolve)
                out.append(v)
            return out, i
        if tag == b"d":
            out = {}
            for _ in range(n):
                k, i = _decode(data, i, resolve)
                out[k], i = _decode(data, i, resolve)
            return out, i
    except ProtocolError:
        raise
    except (ValueError, IndexError, UnicodeDecodeError) as e:
        raise ProtocolError("bridge: bad value at byte %d: %s" % (i, e))
    raise ProtocolError("bridge: bad value tag %r at byte %d" % (tag, i))


# ------------------------------------------------------------------------------------------------ framing
def write_message(stream, message, handle=None):
    data = encode(message, handle)
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


def read_message(stream, resolve=None):
    (n,) = _HEADER.unpack(_read_exact(stream, _HEADER.size))
    return decode(_read_exact(stream, n), resolve)


# ------------------------------------------------------------------------------------------------ serving
def java_exception(e):
    """The reply for an exception a scripting object raised: the Jython side raises the Java class named here."""
    if isinstance(e, errors.JavaException):
        return {"e": {"java": e.java_name, "py": type(e).__name__, "msg": e.message}}
    return {"e": {"java": None, "py": type(e).__name__, "msg": str(e)}}


class Server:
    """Serves the child's calls against the session's objects until it says "done".

    ``stdin``/``stdout``/``stderr`` (binary files) serve a warm run's "in" and "out" messages; a cold child
    has the launcher's own standard streams and never sends them.
    """

    def __init__(self, objects, rfile, wfile, stdin=None, stdout=None, stderr=None):
        self.objects = objects
        self.rfile = rfile
        self.wfile = wfile
        self.stdin = stdin
        self.outputs = {1: stdout, 2: stderr}
        self.handles = {}
        self.calls = 0

    def _handle(self, value):
        h = len(self.handles) + 1
        self.handles[h] = value
        return h

    def send(self, message):
        write_message(self.wfile, message, self._handle)

    def method(self, msg):
        target = msg["obj"]
        obj = self.handles[target] if isinstance(target, int) else self.objects[target]
        name = msg["m"]
        if name.startswith("_"):
            raise AttributeError("%s has no method %s" % (target, name))
        return getattr(obj, name)

    def dispatch(self, msg):
        return self.method(msg)(*msg["a"])

    def serve(self):
        """Returns the child's "done" message, or None when the child went away without one."""
        while True:
            try:
                msg = read_message(self.rfile, self.handles.__getitem__)
            except BridgeClosed:
                return None
            op = msg.get("op")
            if op == "done":
                return msg
            if op == "out":
                out = self.outputs[msg["fd"]]
                out.write(msg["data"].encode("latin-1"))
                out.flush()
                continue
            if op == "in":
                data = os.read(self.stdin.fileno(), msg["n"]) if self.stdin is not None else b""
                self.send({"r": data.decode("latin-1") if data else None})
                continue
            if op == "attr":  # not a call: `getattr(AdminTask, 'x', None)` and hasattr see what the object has
                try:
                    self.method(msg)
                    self.send({"r": None})
                except AttributeError as e:
                    self.send(java_exception(e))
                continue
            self.calls += 1
            try:
                data = encode({"r": self.dispatch(msg)}, self._handle)
            except Exception as e:  # noqa: BLE001 - forwarded to the script as a Java or Python exception
                data = encode(java_exception(e))
            self.wfile.write(_HEADER.pack(len(data)) + data)
            self.wfile.flush()
