# -*- coding: utf-8 -*-
"""Runs inside a Jython 2.7 process: proxies for the scripting objects, then the script.

Invoked as:  jython stwas_bootstrap.py <request fd> <reply fd>
The protocol is described in harness/launcher/bridge.py (CPython side).  This file must stay
Jython-2.7 code (no CPython-3-only syntax).
"""
import imp
import jarray
import struct
import sys
import traceback

import java
import java.util  # java.util.Properties in invoke_jmx: `import java` alone does not load the subpackage
from java.io import FileInputStream, FileOutputStream, BufferedInputStream, BufferedOutputStream

try:
    import json
except ImportError:  # pragma: no cover
    json = None

_BOOTSTRAP_FILE = __file__


# ---------------------------------------------------------------------------------------------
# pipe framing: 4-byte big-endian length + UTF-8 JSON
# ---------------------------------------------------------------------------------------------
class _Channel(object):
    def __init__(self, req_fd, rep_fd):
        # Java streams on /dev/fd/N: byte-exact, no Python-level buffering surprises
        self.out = BufferedOutputStream(FileOutputStream("/dev/fd/%d" % req_fd), 65536)
        self.inp = BufferedInputStream(FileInputStream("/dev/fd/%d" % rep_fd), 65536)

    def send(self, obj):
        data = json.dumps(obj, separators=(',', ':'), ensure_ascii=False).encode('utf-8')
        self.out.write(struct.pack('>I', len(data)) + data)
        self.out.flush()

    def _read(self, n):
        buf = jarray.zeros(n, 'b')
        got = 0
        while got < n:
            k = self.inp.read(buf, got, n - got)
            if k < 0:
                raise EOFError('bridge closed')
            got += k
        return buf.tostring()

    def recv(self):
        (n,) = struct.unpack('>I', self._read(4))
        return json.loads(self._read(n).decode('utf-8'))

    def close(self):
        try:
            self.out.close()
        except Exception:
            pass


_chan = None


# ---------------------------------------------------------------------------------------------
# exceptions: Java subclasses placed at their Java names, so `except com.ibm.ws.scripting.X, e` works,
# e.message is getMessage() and str(e) is toString() = "<fqcn>: <message>".
# ---------------------------------------------------------------------------------------------
_JAVA_EXC = {'java.lang.Exception': java.lang.Exception}


def _module(name):
    mod = sys.modules.get(name)
    if mod is None or not getattr(mod, '__stwas_shim__', False):
        if name.split('.')[0] in ('java', 'javax'):
            return None  # never shadow real Java packages
        mod = imp.new_module(name)
        mod.__path__ = []
        mod.__stwas_shim__ = True
        sys.modules[name] = mod
        if '.' in name:
            parent, leaf = name.rsplit('.', 1)
            pm = _module(parent)
            if pm is not None:
                setattr(pm, leaf, mod)
    return mod


def _make_exception(java_name, parent_name):
    if java_name in _JAVA_EXC:
        return _JAVA_EXC[java_name]
    parent = _JAVA_EXC.get(parent_name) or java.lang.Exception
    pkg, leaf = java_name.rsplit('.', 1)

    def __init__(self, message=u''):
        parent.__init__(self, message)

    def toString(self):
        m = self.getMessage()
        if m:
            return u'%s: %s' % (java_name, m)
        return java_name

    cls = type(str(leaf), (parent,), {'__init__': __init__, 'toString': toString, '__module__': pkg})
    _JAVA_EXC[java_name] = cls
    mod = _module(pkg)
    if mod is not None:
        setattr(mod, leaf, cls)
    return cls


def _raise_remote(err):
    if err.get('java'):
        chain = err.get('chain') or [err['java']]
        cls = None
        for i in range(len(chain) - 1, -1, -1):  # build missing ancestors first
            cls = _make_exception(chain[i], chain[i + 1] if i + 1 < len(chain) else 'java.lang.Exception')
        raise cls(err.get('msg') or u'')
    import __builtin__
    cls = getattr(__builtin__, str(err.get('py')), None)
    if not (isinstance(cls, type) and issubclass(cls, Exception)):
        cls = RuntimeError
    raise cls(err.get('msg'))


# ---------------------------------------------------------------------------------------------
# values and proxies
# ---------------------------------------------------------------------------------------------
def _encode(value):
    if value is None or isinstance(value, (bool, int, long, float, unicode)):
        return value
    if isinstance(value, str):
        try:
            return value.decode('utf-8')
        except UnicodeError:
            return value.decode('latin-1')
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, _HandleProxy):
        return {'$h': value._handle}
    if isinstance(value, dict):
        return {'$d': [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, java.util.Collection):
        return [_encode(v) for v in value]
    return unicode(value)


def _decode(value):
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if '$h' in value:
            return _HandleProxy(value['$h'], value.get('$r'))
        if '$d' in value:
            d = {}
            for k, v in value['$d']:
                d[_decode(k)] = _decode(v)
            return d
    return value


def _call(target, method, args):
    _chan.send({'op': 'call', 'obj': target, 'm': method, 'a': [_encode(a) for a in args]})
    reply = _chan.recv()
    if 'e' in reply:
        _raise_remote(reply['e'])
    return _decode(reply.get('r'))


class _Method(object):
    __slots__ = ('_target', '_name')

    def __init__(self, target, name):
        self._target = target
        self._name = name

    def __call__(self, *args, **kwargs):
        if kwargs:
            raise TypeError('%s(): takes no keyword arguments' % self._name)
        return _call(self._target, self._name, args)

    def __repr__(self):
        return '<method %s.%s>' % (self._target, self._name)


class _ObjectProxy(object):
    """AdminConfig & co.: every attribute is a method forwarded to the CPython session."""

    def __init__(self, name):
        self.__dict__['_name'] = name

    def __getattr__(self, attr):
        if attr.startswith('__'):
            raise AttributeError(attr)
        m = _Method(self._name, attr)
        self.__dict__[attr] = m
        return m

    def __repr__(self):
        return self._name

    __str__ = __repr__


class _HandleProxy(object):
    """An opaque object returned by a scripting call (e.g. a digest)."""

    def __init__(self, handle, text):
        self.__dict__['_handle'] = handle
        self.__dict__['_text'] = text

    def __getattr__(self, attr):
        if attr.startswith('__'):
            raise AttributeError(attr)
        return _Method(self._handle, attr)

    def __repr__(self):
        return self._text or '<object %d>' % self._handle

    __str__ = __repr__


# --- stwas: AdminControl.invoke_jmx with real Java values (byte[], java.util.Properties, ObjectName) ---
# They cross the pipe as tagged plain data, handled by harness.admincontrol.encode_java/decode_java.
_TAG = '$java'


def _jmx_out(value):
    import array
    import base64
    from javax.management import ObjectName
    if isinstance(value, (list, tuple)):
        return [_jmx_out(v) for v in value]
    if isinstance(value, array.array):
        return {_TAG: '[B', 'b64': unicode(base64.b64encode(value.tostring()))}
    if isinstance(value, java.util.Properties):
        return {_TAG: 'java.util.Properties',
                'entries': [[unicode(k), unicode(value.getProperty(k))] for k in value.stringPropertyNames()]}
    if isinstance(value, ObjectName):
        return {_TAG: 'javax.management.ObjectName', 'name': unicode(value.toString())}
    return value


def _jmx_in(value):
    import base64
    from javax.management import ObjectName
    if isinstance(value, list):
        return [_jmx_in(v) for v in value]
    if isinstance(value, dict) and _TAG in value:
        kind = value[_TAG]
        if kind == 'java.util.Properties':
            props = java.util.Properties()
            for k, v in value.get('entries') or []:
                props.setProperty(k, v)
            return props
        if kind == '[B':
            raw = base64.b64decode(value.get('b64') or '')
            return jarray.array([(ord(c) ^ 0x80) - 0x80 for c in raw], 'b')
        if kind == 'javax.management.ObjectName':
            return ObjectName(value['name'])
    return value


class _AdminControlProxy(_ObjectProxy):
    def invoke_jmx(self, name, op, params=None, signature=None):
        if params is None:
            params = []
        if signature is None:
            signature = []
        return _jmx_in(_call(self._name, 'stwasInvokeJmxPlain',
                             [_jmx_out(name), op, _jmx_out(list(params)), [unicode(s) for s in signature]]))
# --- end stwas invoke_jmx ---


# ---------------------------------------------------------------------------------------------
# running the script
# ---------------------------------------------------------------------------------------------
def _exception_info(exc_type, exc, tb):
    if isinstance(exc, java.lang.Throwable):
        return 'java', unicode(exc.toString())
    frames = [f for f in traceback.extract_tb(tb) if f[0] != _BOOTSTRAP_FILE]
    text = 'Traceback (most recent call last):\n' + ''.join(traceback.format_list(frames))
    text += ''.join(traceback.format_exception_only(exc_type, exc))
    return 'python', text.rstrip('\n')


def _native_str(text):
    """Command-line arguments are plain str in Jython (ASCII); keep unicode otherwise."""
    try:
        return str(text)
    except UnicodeError:
        return text


def _exit_code(e):
    code = e.code
    if code is None:
        return 0
    if isinstance(code, (int, long)):
        return int(code)
    sys.stdout.flush()
    try:
        sys.stderr.write('%s\n' % (code,))
    except Exception:
        pass
    return 1


def _run(spec):
    main = imp.new_module('__main__')
    ns = main.__dict__
    ns['__builtins__'] = sys.modules['__builtin__']
    for name in spec['objects']:
        ns[name] = _AdminControlProxy(name) if name == 'AdminControl' else _ObjectProxy(name)  # stwas invoke_jmx
    if spec.get('preseed_lineseparator'):
        ns['lineSeparator'] = java.lang.System.getProperty('line.separator')
    sys.modules['__main__'] = main
    sys.argv = [_native_str(a) for a in spec['argv']]

    def failed(where, what):
        t, v, tb = sys.exc_info()
        kind, text = _exception_info(t, v, tb)
        return {'kind': kind, 'text': text, 'where': where, 'what': what}

    for profile in spec['profiles']:
        try:
            execfile(profile, ns)
        except SystemExit, e:
            return _exit_code(e), None
        except (Exception, java.lang.Throwable):
            return None, failed('file', profile)
    if spec.get('script') is not None:
        try:
            execfile(spec['script'], ns)
        except SystemExit, e:
            return _exit_code(e), None
        except (Exception, java.lang.Throwable):
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
        except SystemExit, e:
            return _exit_code(e), None
        except (Exception, java.lang.Throwable):
            # only the first failure is reported (wsadmin's 105 either way)
            if spec.get('stop_after_failed_command', True):
                return None, failed('command', cmd)
            if result[1] is None:
                result = (None, failed('command', cmd))
    return result


def main():
    global _chan
    _chan = _Channel(int(sys.argv[1]), int(sys.argv[2]))
    spec = _chan.recv()
    for java_name, parent in spec['exceptions']:
        _make_exception(java_name, parent)
    sys.displayhook = sys.__displayhook__
    code, error = _run(spec)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    _chan.send({'op': 'done', 'code': code, 'error': error})
    _chan.close()
    java.lang.System.exit(0)


if __name__ == '__main__':
    main()
