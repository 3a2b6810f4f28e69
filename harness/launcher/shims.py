"""``java`` / ``com`` / ``javax`` shim modules for scripts running under CPython.

What scripts use (semantics §4.1, §7):
  import java; java.lang.System.getProperty('line.separator')
  from java.lang import System
  import com.ibm.ws.scripting[.ScriptingException] ... except com.ibm.ws.scripting.ScriptingException as e
  except java.lang.Exception as e        (catches every scripting-object exception)
The exception classes are the ones of harness.base.errors, placed at their ``java_name``.
Kept deliberately small: java.lang.{System, Exception, Throwable, String}, java.io.File.
"""

import os
import sys
import time
import types

from harness.base import errors
from harness.was import ltpa, mbeans


class _System:
    """java.lang.System (static methods only)."""

    def __init__(self, line_separator):
        self._props = {
            "line.separator": line_separator,
            "file.separator": os.sep,
            "path.separator": os.pathsep,
            "os.name": "Windows" if line_separator == "\r\n" else "Linux",
            "user.dir": os.getcwd(),
            "user.home": os.path.expanduser("~"),
            "user.name": os.environ.get("USER", ""),
            "java.version": "1.8.0",
            "java.io.tmpdir": os.environ.get("TMPDIR", "/tmp"),
        }

    def getProperty(self, key, default=None):
        return self._props.get(key, default)

    def setProperty(self, key, value):
        old = self._props.get(key)
        self._props[key] = value
        return old

    def getProperties(self):
        return dict(self._props)

    def getenv(self, name=None):
        return dict(os.environ) if name is None else os.environ.get(name)

    def currentTimeMillis(self):
        return int(time.time() * 1000)

    def nanoTime(self):
        return time.perf_counter_ns()

    def exit(self, code):
        sys.stdout.flush()
        raise SystemExit(code)


class _File:
    """java.io.File, the few methods scripts use."""

    separator = os.sep
    pathSeparator = os.pathsep

    def __init__(self, path, child=None):
        self._path = os.path.join(str(path), child) if child is not None else str(path)

    def exists(self):
        return os.path.exists(self._path)

    def isFile(self):
        return os.path.isfile(self._path)

    def isDirectory(self):
        return os.path.isdir(self._path)

    def getName(self):
        return os.path.basename(self._path)

    def getPath(self):
        return self._path

    def getAbsolutePath(self):
        return os.path.abspath(self._path)

    def getParent(self):
        return os.path.dirname(self._path) or None

    def length(self):
        return os.path.getsize(self._path) if os.path.isfile(self._path) else 0

    def delete(self):
        try:
            os.remove(self._path)
            return True
        except OSError:
            return False

    def mkdirs(self):
        try:
            os.makedirs(self._path)
            return True
        except OSError:
            return False

    def list(self):
        return sorted(os.listdir(self._path)) if os.path.isdir(self._path) else None

    def toString(self):
        return self._path

    __str__ = toString


# --- stwas: Java value types for AdminControl.invoke_jmx scripts (LTPA keys; harness.was.ltpa / harness.was.mbeans) ---
class _String(str):
    """java.lang.String: a str with getBytes() (UTF-8, the JVM default charset on Linux)."""

    def getBytes(self, charset="UTF-8"):  # noqa: N802
        return self.encode(str(charset))

    def length(self):
        return len(self)


class _FileOutputStream:
    """java.io.FileOutputStream(path[, append]): write/flush/close over a binary file."""

    def __init__(self, path, append=False):
        self._f = open(str(path), "ab" if append else "wb")

    def write(self, data):
        self._f.write(bytes(data))

    def flush(self):
        self._f.flush()

    def close(self):
        self._f.close()


class _FileInputStream:
    """java.io.FileInputStream(path): read()/close() over a binary file (FileNotFoundException text)."""

    def __init__(self, path):
        try:
            self._f = open(str(path), "rb")
        except OSError as e:
            raise errors.JavaException("%s (%s)" % (path, e.strerror))

    def read(self, n=-1):
        return self._f.read(n)

    def close(self):
        self._f.close()


def _add_java_value_types(get):
    get("java.lang").String = _String
    get("java.io").FileOutputStream = _FileOutputStream
    get("java.io").FileInputStream = _FileInputStream
    get("java.util").Properties = ltpa.Properties
    jmx = get("javax.management")
    jmx.ObjectName = mbeans.ObjectName
    for exc in mbeans.JMX_EXCEPTIONS:
        setattr(jmx, exc.java_name.rsplit(".", 1)[1], exc)


# --- end stwas Java value types ---


def _module(name):
    mod = types.ModuleType(name)
    mod.__path__ = []  # a package, so `import a.b.c` resolves through sys.modules
    mod.__stwas_shim__ = True
    return mod


def build(line_separator):
    """Return {module name: module} for every shim module."""
    mods = {}

    def get(name):
        if name not in mods:
            mods[name] = _module(name)
            if "." in name:
                parent, leaf = name.rsplit(".", 1)
                setattr(get(parent), leaf, mods[name])
        return mods[name]

    lang = get("java.lang")
    lang.System = _System(line_separator)
    lang.Exception = errors.JavaException
    lang.Throwable = errors.JavaException
    lang.String = str
    get("java.io").File = _File
    get("java.util")
    get("javax.management")
    _add_java_value_types(get)  # stwas: String.getBytes, FileOutputStream, Properties, ObjectName
    for cls in errors.ALL:
        pkg, leaf = cls.java_name.rsplit(".", 1)
        if not hasattr(get(pkg), leaf):  # first class of a java_name wins (ALL lists bases first)
            setattr(get(pkg), leaf, cls)
            # `import com.ibm.ws.scripting.ScriptingException` (as real scripts write it, before the dotted
            # except) imports the class's own name: the import system takes what sys.modules holds there
            mods[cls.java_name] = cls
    return mods


class installed:
    """Put the shim modules into sys.modules for the duration of a run, then restore what was there."""

    def __init__(self, line_separator):
        self.mods = build(line_separator)
        self.saved = {}

    def __enter__(self):
        for name, mod in self.mods.items():
            self.saved[name] = sys.modules.get(name)
            sys.modules[name] = mod
        return self.mods

    def __exit__(self, *exc):
        for name, old in self.saved.items():
            if old is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = old
        return False
