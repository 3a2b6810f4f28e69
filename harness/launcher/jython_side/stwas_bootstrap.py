# -*- coding: utf-8 -*-
"""Runs inside a Jython 2.1 or 2.7 process: proxies for the scripting objects, then the script.

    jython stwas_bootstrap.py <request fd> <reply fd>            one run over two pipes (cold)
    jython stwas_bootstrap.py --serve <socket path> <fingerprint>  many runs, one per connection (warm)

The protocol (framing, value encoding, messages) is defined in harness/launcher/bridge.py, the CPython side;
this file follows it.  It must stay Python 2.1 code, the language of the oldest wsadmin: no True/False,
no new-style classes, generators, `with`, conditional expressions or isinstance with a tuple; `except E:` with
sys.exc_info(); nothing from CPython's pure-Python library (json, re, traceback, StringIO, base64 are not in
Jython 2.1): Java classes serve instead.
"""
from __future__ import nested_scopes

import sys
import string
import types
import binascii
import jarray

import java
import java.io
import java.lang
import java.util
from java.io import BufferedInputStream, BufferedOutputStream, DataInputStream, DataOutputStream
from java.io import FileInputStream, FileOutputStream
from java.lang import String, System

_JYTHON21 = sys.version[:3] == '2.1'
_TWO_STRING_TYPES = type(u'') is not type('')  # Jython 2.7: str and unicode; 2.1: one string type
_TRUE = (1 == 1)  # True on 2.7, 1 on 2.1
_FALSE = (1 == 0)
_BOOL = getattr(types, 'BooleanType', None)
_INTEGERS = [types.IntType, types.LongType]
_STRINGS = [types.StringType, getattr(types, 'UnicodeType', types.StringType)]
_SEQUENCES = [types.ListType, types.TupleType]
_LATIN1 = 'ISO-8859-1'

if _JYTHON21:
    # This Jython 2.1 build indexes only java.base's java.* packages; a wsadmin's JDK has javax.management too
    # (AdminControl.invoke_jmx values and the JMX exceptions).
    sys.add_package('javax.management')


def _here():
    pass


_BOOTSTRAP_FILE = _here.func_code.co_filename


# ---------------------------------------------------------------------------------------------
# bytes and text: a frame is read into a Java byte[] and seen as text with one character per byte
# ---------------------------------------------------------------------------------------------
def _bytes_to_text(buf, off, n):
    return String(buf, off, n, _LATIN1).toString()


def _text_to_bytes(text):
    return String(text).getBytes(_LATIN1)


def _utf8_decode(raw):
    """UTF-8 bytes (one character per byte) -> text."""
    return String(String(raw).getBytes(_LATIN1), 'UTF-8').toString()


def _utf8_encode(text):
    """text -> its UTF-8 bytes, one character per byte."""
    if _TWO_STRING_TYPES and type(text) is types.StringType:
        try:
            text = text.decode('utf-8')  # a byte string (e.g. read from a file) is taken as UTF-8, else Latin-1
        except UnicodeError:
            text = text.decode('latin-1')
    return String(String(text).getBytes('UTF-8'), _LATIN1).toString()


# ---------------------------------------------------------------------------------------------
# value encoding (bridge.py: N T F i f s u l d h)
# ---------------------------------------------------------------------------------------------
def _dump(value, out):
    t = type(value)
    if value is None:
        out.append('N')
    elif _BOOL is not None and t is _BOOL:
        if value:
            out.append('T')
        else:
            out.append('F')
    elif t in _INTEGERS:
        out.append('i%s;' % str(value))
    elif t is types.FloatType:
        out.append('f%s;' % repr(value))
    elif t in _STRINGS:
        raw = _utf8_encode(value)
        if len(raw) == len(value):
            out.append('s%d:' % len(raw))
        else:
            out.append('u%d:' % len(raw))
        out.append(raw)
    elif t in _SEQUENCES:
        out.append('l%d:' % len(value))
        for v in value:
            _dump(v, out)
    elif t is types.DictType:
        out.append('d%d:' % len(value))
        for k in value.keys():
            _dump(k, out)
            _dump(value[k], out)
    elif isinstance(value, _HandleProxy):
        out.append('h%d;' % value._handle)
        _dump(value._text, out)
    elif isinstance(value, java.util.Collection):
        _dump(list(value.toArray()), out)
    else:
        _dump(str(value), out)


def _int(text):
    try:
        return int(text)
    except (ValueError, OverflowError):
        return long(text)


def _load(text, i):
    """(value, index after it) of the value at text[i]."""
    tag = text[i]
    if tag == 'N':
        return None, i + 1
    if tag == 'T':
        return _TRUE, i + 1
    if tag == 'F':
        return _FALSE, i + 1
    if tag == 'i':
        j = text.find(';', i)
        return _int(text[i + 1:j]), j + 1
    if tag == 'f':
        j = text.find(';', i)
        return float(text[i + 1:j]), j + 1
    if tag == 's' or tag == 'u':
        j = text.find(':', i)
        end = j + 1 + int(text[i + 1:j])
        if tag == 'u':
            return _utf8_decode(text[j + 1:end]), end
        return text[j + 1:end], end
    if tag == 'l':
        j = text.find(':', i)
        n = int(text[i + 1:j])
        i = j + 1
        out = []
        while n > 0:
            v, i = _load(text, i)
            out.append(v)
            n = n - 1
        return out, i
    if tag == 'd':
        j = text.find(':', i)
        n = int(text[i + 1:j])
        i = j + 1
        out = {}
        while n > 0:
            k, i = _load(text, i)
            v, i = _load(text, i)
            out[k] = v
            n = n - 1
        return out, i
    if tag == 'h':
        j = text.find(';', i)
        handle = int(text[i + 1:j])
        shown, i = _load(text, j + 1)
        return _HandleProxy(handle, shown), i
    raise ValueError('bridge: bad value tag %s at %d' % (repr(tag), i))


# ---------------------------------------------------------------------------------------------
# the channel: 4-byte big-endian length + the encoded message (UTF-8)
# ---------------------------------------------------------------------------------------------
class _Channel:
    def __init__(self, inp, out):
        self.inp = DataInputStream(BufferedInputStream(inp, 65536))
        self.out = DataOutputStream(BufferedOutputStream(out, 65536))

    def send(self, message):
        parts = []
        _dump(message, parts)
        data = _text_to_bytes(string.join(parts, ''))
        self.out.writeInt(len(data))
        self.out.write(data, 0, len(data))
        self.out.flush()

    def recv(self):
        n = self.inp.readInt()
        buf = jarray.zeros(n, 'b')
        self.inp.readFully(buf)
        return _load(_bytes_to_text(buf, 0, n), 0)[0]

    def close(self):
        try:
            self.out.close()
        except:
            pass


_chan = None


# ---------------------------------------------------------------------------------------------
# exceptions: the CPython side names a Java class (harness/launcher/java/, or the JDK's); it is raised here
# ---------------------------------------------------------------------------------------------
_JAVA_CLASSES = {}


def _java_class(name):
    cls = _JAVA_CLASSES.get(name)
    if cls is None:
        # importing the class's full name is what makes Jython 2.7 (package cache off) learn its packages
        cls = __import__(name)
        for part in name.split('.')[1:]:
            cls = getattr(cls, part)
        _JAVA_CLASSES[name] = cls
    return cls


def _python_exception(name):
    import __builtin__
    cls = getattr(__builtin__, str(name), None)
    try:
        if cls is not None and issubclass(cls, Exception):
            return cls
    except TypeError:
        pass
    return RuntimeError


def _raise_remote(err):
    message = err.get('msg')
    if err.get('java'):
        cls = _java_class(err['java'])
        if not message:
            raise cls()
        try:
            exc = cls(message)
        except TypeError:  # JMX wrappers (MBeanException, ReflectionException) take (cause, message)
            exc = cls(java.lang.Exception(message), message)
        raise exc
    raise _python_exception(err.get('py'))(message)


# ---------------------------------------------------------------------------------------------
# proxies of the scripting objects
# ---------------------------------------------------------------------------------------------
def _call(target, method, args):
    _chan.send({'op': 'call', 'obj': target, 'm': method, 'a': list(args)})
    reply = _chan.recv()
    if reply.has_key('e'):
        _raise_remote(reply['e'])
    return reply.get('r')


class _Method:
    def __init__(self, target, name):
        self._target = target
        self._name = name

    def __call__(self, *args, **kwargs):
        if kwargs:
            raise TypeError('%s(): takes no keyword arguments' % self._name)
        return _call(self._target, self._name, args)

    def __repr__(self):
        return '<method %s.%s>' % (self._target, self._name)


def _method(target, attr):
    """The proxy method ``attr`` of ``target`` if the object on the CPython side has it, else AttributeError."""
    if attr[:2] == '__':
        raise AttributeError(attr)
    _chan.send({'op': 'attr', 'obj': target, 'm': attr})
    reply = _chan.recv()
    if reply.has_key('e'):
        _raise_remote(reply['e'])
    return _Method(target, attr)


class _ObjectProxy:
    """AdminConfig & co.: every method is forwarded to the CPython session."""

    def __init__(self, name):
        self.__dict__['_name'] = name

    def __getattr__(self, attr):
        m = _method(self._name, attr)
        self.__dict__[attr] = m  # asked once per run and name
        return m

    def __repr__(self):
        return self._name

    __str__ = __repr__


class _HandleProxy:
    """An opaque object returned by a scripting call (e.g. a digest)."""

    def __init__(self, handle, text):
        self.__dict__['_handle'] = handle
        self.__dict__['_text'] = text

    def __getattr__(self, attr):
        m = _method(self._handle, attr)
        self.__dict__[attr] = m
        return m

    def __repr__(self):
        return self._text or '<object %d>' % self._handle

    __str__ = __repr__


# --- stwas: AdminControl.invoke_jmx with real Java values (byte[], java.util.Properties, ObjectName) ---
# They cross the pipe as tagged plain data, handled by harness.scripting.admincontrol.encode_java/decode_java.
_TAG = '$java'
_BYTE_ARRAY = type(jarray.zeros(0, 'b'))


def _jmx_out(value):
    from javax.management import ObjectName
    if type(value) in _SEQUENCES:
        out = []
        for v in value:
            out.append(_jmx_out(v))
        return out
    if type(value) is _BYTE_ARRAY:
        return {_TAG: '[B', 'b64': string.strip(binascii.b2a_base64(value.tostring()))}
    if isinstance(value, java.util.Properties):
        entries = []
        for k in list(value.stringPropertyNames().toArray()):
            entries.append([k, value.getProperty(k)])
        return {_TAG: 'java.util.Properties', 'entries': entries}
    if isinstance(value, ObjectName):
        return {_TAG: 'javax.management.ObjectName', 'name': value.toString()}
    return value


def _jmx_in(value):
    from javax.management import ObjectName
    if type(value) is types.ListType:
        out = []
        for v in value:
            out.append(_jmx_in(v))
        return out
    if type(value) is types.DictType and value.has_key(_TAG):
        kind = value[_TAG]
        if kind == 'java.util.Properties':
            props = java.util.Properties()
            for k, v in value.get('entries') or []:
                props.setProperty(k, v)
            return props
        if kind == '[B':
            raw = binascii.a2b_base64(value.get('b64') or '')
            signed = []
            for c in raw:
                signed.append(((ord(c) ^ 0x80) - 0x80))
            return jarray.array(signed, 'b')
        if kind == 'javax.management.ObjectName':
            return ObjectName(value['name'])
    return value


class _AdminControlProxy(_ObjectProxy):
    def invoke_jmx(self, name, op, params=None, signature=None):
        if params is None:
            params = []
        if signature is None:
            signature = []
        sig = []
        for s in signature:
            sig.append(str(s))
        return _jmx_in(_call(self._name, 'stwasInvokeJmxPlain', [_jmx_out(name), op, _jmx_out(list(params)), sig]))
# --- end stwas invoke_jmx ---


# ---------------------------------------------------------------------------------------------
# what an uncaught exception looks like (wsadmin's "exception information"; wsadmin_semantics names the forms)
# ---------------------------------------------------------------------------------------------
def _source_line(filename, lineno):
    try:
        f = open(filename, 'r')
        try:
            lines = f.readlines()
        finally:
            f.close()
    except:
        return None
    if 0 < lineno <= len(lines):
        return string.strip(lines[lineno - 1])
    return None


def _exception_only(t, v):
    if type(t) in _STRINGS:  # a string exception (raise "text"), Jython 2.1
        name = t
    else:
        name = getattr(t, '__name__', str(t))
    text = ''
    if v is not None:
        try:
            text = str(v)
        except:
            text = '<unprintable %s object>' % name
    if text:
        return '%s: %s' % (name, text)
    return name


def _exception_info(spec):
    """('java', toString()) for a Java exception, else ('python', the traceback text)."""
    t, v, tb = sys.exc_info()
    if isinstance(v, java.lang.Throwable):
        return 'java', v.toString()
    script_files = spec['script_files']
    lines = [spec['traceback_header']]
    while tb is not None:
        code = tb.tb_frame.f_code
        filename = code.co_filename
        if filename != _BOOTSTRAP_FILE:
            if filename in script_files:  # wsadmin runs the script's text: no file name, no source line
                lines.append('  File "%s", line %d, in %s' % (spec['script_frame_file'], tb.tb_lineno, code.co_name))
            else:
                lines.append('  File "%s", line %d, in %s' % (filename, tb.tb_lineno, code.co_name))
                if spec['traceback_source_lines']:
                    source = _source_line(filename, tb.tb_lineno)
                    if source:
                        lines.append('    ' + source)
        tb = tb.tb_next
    lines.append(_exception_only(t, v))
    return 'python', string.join(lines, '\n')


# ---------------------------------------------------------------------------------------------
# running the script
# ---------------------------------------------------------------------------------------------
def _native_str(text):
    """Command-line arguments are plain str in Jython (ASCII); keep unicode otherwise."""
    try:
        return str(text)
    except UnicodeError:
        return text


def _exit_code(e):
    code = getattr(e, 'code', None)
    if code is None:
        return 0
    if type(code) in _INTEGERS or (_BOOL is not None and type(code) is _BOOL):
        return int(code)
    try:
        sys.stdout.flush()
    except:
        pass
    try:
        sys.stderr.write('%s\n' % (code,))
    except:
        pass
    return 1


def _new_main():
    import imp
    main = imp.new_module('__main__')
    return main


def _run(spec):
    """(exit code, None) or (None, error) for the script or commands of spec."""
    for package in spec['java_packages']:
        # the project's classes are in a folder, not a jar: Jython 2.7 (package cache off) would know their
        # packages only after a class import; `import com.ibm.websphere.management.cmdframework` works on wsadmin
        sys.add_package(package)
    main = _new_main()
    ns = main.__dict__
    ns['__builtins__'] = sys.modules['__builtin__']
    for name in spec['objects']:
        if name == 'AdminControl':
            ns[name] = _AdminControlProxy(name)  # stwas invoke_jmx
        else:
            ns[name] = _ObjectProxy(name)
    if spec.get('preseed_lineseparator'):
        ns['lineSeparator'] = System.getProperty('line.separator')
    sys.modules['__main__'] = main
    argv = []
    for a in spec['argv']:
        argv.append(_native_str(a))
    sys.argv = argv
    sys.displayhook = sys.__displayhook__

    def failed(where, what):
        kind, text = _exception_info(spec)
        return {'kind': kind, 'text': text, 'where': where, 'what': what}

    for path in spec['profiles']:
        try:
            execfile(path, ns)
        except SystemExit:
            return _exit_code(sys.exc_info()[1]), None
        except:
            return None, failed('file', path)
    if spec.get('script') is not None:
        try:
            execfile(spec['script'], ns)
        except SystemExit:
            return _exit_code(sys.exc_info()[1]), None
        except:
            return None, failed('file', spec['script'])
        return 0, None
    result = (0, None)
    for cmd in spec['commands']:
        try:
            try:
                code = compile(cmd + '\n', spec['command_filename'], 'single')
            except SyntaxError:
                code = compile(cmd + '\n', spec['command_filename'], 'exec')
            exec code in ns
        except SystemExit:
            return _exit_code(sys.exc_info()[1]), None
        except:
            # only the first failure is reported (wsadmin's 105 either way)
            if spec.get('stop_after_failed_command', 1):
                return None, failed('command', cmd)
            if result[1] is None:
                result = (None, failed('command', cmd))
    return result


def _flush_std():
    for f in (sys.stdout, sys.stderr):
        try:
            f.flush()
        except:
            pass


def _run_cold(req_fd, rep_fd):
    """One run over two pipes; stdin/stdout/stderr are this process's own (inherited from the launcher)."""
    global _chan
    # Java streams on /dev/fd/N: byte-exact, no Python-level buffering surprises
    _chan = _Channel(FileInputStream('/dev/fd/%d' % rep_fd), FileOutputStream('/dev/fd/%d' % req_fd))
    spec = _chan.recv()
    code, error = _run(spec)
    _flush_std()
    _chan.send({'op': 'done', 'code': code, 'error': error})
    _chan.close()
    System.exit(0)


# ---------------------------------------------------------------------------------------------
# warm mode: one process, many runs (harness/launcher/warm.py starts it and documents the guarantees)
# ---------------------------------------------------------------------------------------------
class _ForwardOut(java.io.OutputStream):
    """The run's stdout or stderr: every write goes to the launcher as an "out" message."""

    def __init__(self, fd):
        self.fd = fd

    def write(self, *args):
        if len(args) == 1 and type(args[0]) in _INTEGERS:
            data = chr(args[0] & 0xff)
        else:
            buf = args[0]
            off = 0
            n = len(buf)
            if len(args) == 3:
                off = args[1]
                n = args[2]
            if n <= 0:
                return
            data = _bytes_to_text(buf, off, n)
        _chan.send({'op': 'out', 'fd': self.fd, 'data': data})


class _ForwardIn(java.io.InputStream):
    """The run's stdin: every read asks the launcher for up to n bytes of its standard input."""

    def read(self, *args):
        if not args:
            data = self._fetch(1)
            if not data:
                return -1
            return ord(data[0])
        buf = args[0]
        off = 0
        n = len(buf)
        if len(args) == 3:
            off = args[1]
            n = args[2]
        if n <= 0:
            return 0
        data = self._fetch(n)
        if not data:
            return -1
        raw = _text_to_bytes(data)
        System.arraycopy(raw, 0, buf, off, len(raw))
        return len(raw)

    def _fetch(self, n):
        _chan.send({'op': 'in', 'n': n})
        return _chan.recv().get('r')


def _py_file(stream, name, mode, errors):
    """A Python file over a Java stream, made as this Jython makes sys.stdin/stdout/stderr at startup."""
    if _JYTHON21:
        from org.python.core import PyFile
        return PyFile(stream, name)
    # Jython 2.7: PyFile(stream, name, mode, bufsize, closefd) + setEncoding, reached through reflection
    # (calling the type from Python would run file.__init__ instead)
    from java.lang import Boolean, Class, Integer
    from org.python.core import PyFile
    if mode == 'r':
        kind = java.io.InputStream
    else:
        kind = java.io.OutputStream
    bufsize = 1
    if name == '<stderr>':
        bufsize = 0
    ctor = Class.getConstructor(PyFile, [kind, String, String, Integer.TYPE, Boolean.TYPE])
    f = ctor.newInstance([stream, name, mode, Integer(bufsize), Boolean.FALSE])
    set_encoding = Class.getDeclaredMethod(PyFile, 'setEncoding', [String, String])
    set_encoding.setAccessible(1)
    set_encoding.invoke(f, [sys.__stdout__.encoding, errors])
    return f


class _RunStdio:
    """The run's stdin/stdout/stderr, for Python (sys.*) and Java (System.in/out/err) code alike."""

    def __init__(self):
        self.saved = (sys.stdin, sys.stdout, sys.stderr, System.in, System.out, System.err)
        self.jin = _ForwardIn()
        self.jout = java.io.PrintStream(_ForwardOut(1), 1)
        self.jerr = java.io.PrintStream(_ForwardOut(2), 1)
        System.setIn(self.jin)
        System.setOut(self.jout)
        System.setErr(self.jerr)
        sys.stdin = _py_file(self.jin, '<stdin>', 'r', None)
        sys.stdout = _py_file(self.jout, '<stdout>', 'w', None)
        sys.stderr = _py_file(self.jerr, '<stderr>', 'w', 'backslashreplace')

    def finish(self):
        _flush_std()
        self.jout.flush()
        self.jerr.flush()
        sys.stdin, sys.stdout, sys.stderr = self.saved[:3]
        System.setIn(self.saved[3])
        System.setOut(self.saved[4])
        System.setErr(self.saved[5])


class _ClientShellEnv:
    """Jython 2.1's os.environ for one run: javaos's lazy `sh -c env`, run with the launcher's environment
    (so that it holds exactly what a fresh Jython 2.1 started by that launcher would see)."""

    def __init__(self, env):
        import javaos
        lines = []
        for k in env.keys():
            lines.append('%s=%s' % (k, env[k]))

        class ShellEnv(javaos._ShellEnv):
            def execute(self, cmd):
                if self.environment._populated:
                    return javaos._ShellEnv.execute(self, cmd)
                try:
                    return java.lang.Runtime.getRuntime().exec(self._formatCmd(cmd), lines)
                except java.io.IOException:
                    raise OSError(0, 'Failed to execute command (%s): %s' % (cmd, sys.exc_info()[1]))

        self.shell = ShellEnv(javaos._shellCmd, javaos._envCmd, javaos._envTransform)


class _Baseline:
    """The interpreter state a run may change, taken when the server is ready, put back after every run."""

    _SYS = ('path', 'argv', 'displayhook', 'excepthook', 'meta_path', 'path_hooks', 'dont_write_bytecode')

    def __init__(self):
        import __builtin__
        import os
        self.modules = sys.modules.copy()
        self.sys = {}
        for name in self._SYS:
            if hasattr(sys, name):
                value = getattr(sys, name)
                if type(value) is types.ListType:
                    value = value[:]
                self.sys[name] = value
        self.builtins = __builtin__.__dict__.copy()
        self.properties = System.getProperties().clone()
        self.cwd = os.getcwd()
        if _JYTHON21:
            import javaos
            self.env21 = (javaos._shellEnv, javaos.environ, javaos.putenv, javaos.getenv, javaos.system)
        else:
            self.environ = os.environ.copy()

    def enter(self, env):
        """Give the run the launcher's environment."""
        import os
        if _JYTHON21:
            import javaos
            shell = _ClientShellEnv(env).shell
            environ = shell.environment
            for mod in (javaos, os):
                mod._shellEnv = shell
                mod.environ = environ
                mod.putenv = environ.__setitem__
                mod.getenv = environ.__getitem__
                mod.system = shell.system
        else:
            os.environ.clear()
            os.environ.update(env)

    def restore(self):
        import __builtin__
        import os
        for name in sys.modules.keys():
            if not self.modules.has_key(name):
                del sys.modules[name]
        for name in self.modules.keys():
            if sys.modules.get(name) is not self.modules[name]:
                sys.modules[name] = self.modules[name]
        for name in self.sys.keys():
            value = self.sys[name]
            if type(value) is types.ListType:
                value = value[:]
            setattr(sys, name, value)
        current = __builtin__.__dict__
        for name in current.keys():
            if not self.builtins.has_key(name):
                del current[name]
        for name in self.builtins.keys():
            if current.get(name) is not self.builtins[name]:
                current[name] = self.builtins[name]
        System.setProperties(self.properties.clone())
        if _JYTHON21:
            import javaos
            for mod in (javaos, os):
                mod._shellEnv, mod.environ, mod.putenv, mod.getenv, mod.system = self.env21
        else:
            os.environ.clear()
            os.environ.update(self.environ)
            if os.getcwd() != self.cwd:
                os.chdir(self.cwd)


class _ExitReport(java.lang.Runnable):
    """Run by stwas.launcher.ExitGuard when the script calls System.exit(n): the run ends with exit code n."""

    def __init__(self, guard, stdio):
        self.guard = guard
        self.stdio = stdio

    def run(self):
        try:
            self.stdio.finish()
            _chan.send({'op': 'done', 'code': self.guard.status, 'error': None})
        except:
            pass


def _exit_guard():
    """stwas.launcher.ExitGuard installed as the security manager, or None where the JVM refuses one (Java 18+
    without -Djava.security.manager=allow): then System.exit in a script ends this server (warm.py notes)."""
    try:
        guard = _java_class('stwas.launcher.ExitGuard')
        System.setSecurityManager(guard())
        return guard
    except:
        return None


def _serve(path, fingerprint):
    global _chan
    from java.net import StandardProtocolFamily, UnixDomainSocketAddress
    from java.nio.channels import Channels, ServerSocketChannel
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
    server.bind(UnixDomainSocketAddress.of(path))
    guard = _exit_guard()
    baseline = _Baseline()
    runs = 0
    sys.stdout.write('STWAS-WARM-READY\n')
    sys.stdout.flush()
    serving = 1
    while serving:
        conn = server.accept()
        _chan = _Channel(Channels.newInputStream(conn), Channels.newOutputStream(conn))
        try:
            try:
                _chan.send({'op': 'hello', 'fingerprint': fingerprint, 'runs': runs})
                spec = _chan.recv()
                if spec.get('op') == 'stop':
                    serving = 0
                elif spec.get('op') == 'run':
                    runs = runs + 1
                    baseline.enter(spec['env'])
                    stdio = _RunStdio()
                    if guard is not None:
                        guard.onExit = _ExitReport(guard, stdio)
                    try:
                        code, error = _run(spec)
                    finally:
                        if guard is not None:
                            guard.onExit = None
                        stdio.finish()
                    _chan.send({'op': 'done', 'code': code, 'error': error})
            except:
                t, v = sys.exc_info()[:2]
                sys.stderr.write('stwas warm %s: run %d: %s: %s\n' % (sys.version[:3], runs, t, v))
        finally:
            baseline.restore()
            _chan.close()
            conn.close()
    server.close()
    System.exit(0)


def main():
    if sys.argv[1] == '--serve':
        _serve(sys.argv[2], sys.argv[3])
    else:
        _run_cold(int(sys.argv[1]), int(sys.argv[2]))


if __name__ == '__main__':
    main()
