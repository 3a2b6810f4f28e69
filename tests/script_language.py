"""The language rules of wsadmin_scripts/ (docs/script-language.md) as a checker over CPython's AST.

The Jython 2.1 compiler (tools/jython_compile.py, tests/test_compile_gate.py) catches syntax that 2.1 cannot
parse; this catches what parses everywhere but fails at run time on 2.1 or 3: True/False, sorted/set/dict/...,
str.rsplit/format/strip(x),
isinstance with a tuple, try/except/finally in one statement, closures without nested_scopes, modules that are
not on every wsadmin. A construct that is safe in one place (a NameError-guarded `bytes`, tempfile in the
CPython branch of stwaslib/files.py) is allowed there by the rules below, nowhere else.

    problems = check_file(path)    # ['file.py:12: True (Jython 2.1 has no True/False: use 1/0)', ...]
"""

import ast
import os
import re
import symtable

# builtins that Jython 2.1 does not have (or that are no types there)
MISSING_BUILTINS = {
    "True": "Jython 2.1 has no True/False: use 1/0 (jsonout.TRUE/FALSE for JSON)",
    "False": "Jython 2.1 has no True/False: use 1/0 (jsonout.TRUE/FALSE for JSON)",
    "bool": "no bool on 2.1: use the value (or jsonout.boolean)",
    "sorted": "no sorted on 2.1: compat.sort_by",
    "enumerate": "no enumerate on 2.1: compat.number_items",
    "set": "no set on 2.1: compat.unique or a dict",
    "frozenset": "no frozenset on 2.1",
    "sum": "no sum on 2.1",
    "reversed": "no reversed on 2.1",
    "any": "no any on 2.1",
    "all": "no all on 2.1",
    "dict": "no dict() on 2.1: a {} literal",
    "super": "no new-style classes on 2.1",
    "property": "no properties on 2.1",
    "staticmethod": "no staticmethod on 2.1",
    "classmethod": "no classmethod on 2.1",
    "object": "no object on 2.1: classic classes (class X:)",
    "print": "no print function on 2.1: output.write_line",
    "bytes": "no bytes on 2.1 (binary.py)",
    "unicode": "no unicode on 3",
    "long": "no long on 3",
    "unichr": "no unichr on 3",
    "basestring": "no basestring on 2.1 or 3: compat.is_text",
    "next": "no next on 2.1",
    "format": "no format on 2.1",
    "iter": "no iterators on 2.1",
}
MISSING_METHODS = {
    "format": "no str.format on 2.1: % formatting",
    "rsplit": "no str.rsplit on 2.1: compat.split_last",
    "partition": "no str.partition on 2.1: compat.partition",
    "rpartition": "no str.rpartition on 2.1",
    "has_key": "no dict.has_key on 3: compat.has_key",
    "iteritems": "no iteritems on 3: items()",
    "iterkeys": "no iterkeys on 3: keys()",
    "itervalues": "no itervalues on 3: values()",
    "isoformat": "no datetime on 2.1: dates.iso",
    "encode": "no codecs on 2.1: binary.utf8_bytes / latin1_bytes",
    "decode": "no codecs on 2.1: binary.utf8_text / latin1_text",
    "isdecimal": "no isdecimal on 2.1",
    "isnumeric": "no isnumeric on 2.1",
    "casefold": "no casefold on 2.1",
}
STRIP_METHODS = ("strip", "lstrip", "rstrip")
# modules on every wsadmin (and CPython); per-file extras below
ALLOWED_MODULES = ("sys", "os", "os.path", "string", "getopt", "types", "time", "binascii", "copy", "jarray")
EXTRA_MODULES = {
    "files.py": ("tempfile",),  # CPython branch (the harness); Java under Jython
    "digest.py": ("hashlib",),  # CPython branch
}
# functions of os that Jython 2.1 has
OS_NAMES = (
    "path",
    "environ",
    "getcwd",
    "remove",
    "rename",
    "listdir",
    "mkdir",
    "sep",
    "linesep",
    "pathsep",
    "curdir",
    "pardir",
    "name",
    "error",
    "unlink",
    "rmdir",
    "makedirs",
)
EXTRA_OS_NAMES = {"files.py": ("close",)}  # os.close of tempfile.mkstemp's descriptor (CPython branch)
# files where `.encode(`/`.decode(` is the point (feature-tested codecs)
CODEC_FILES = ("binary.py",)


COMPREHENSIONS = ("listcomp", "setcomp", "dictcomp", "genexpr")
# builtins a module may use where it has checked the interpreter first (binary.py: only without codecs, on 2.1)
EXTRA_BUILTINS = {"binary.py": ("unichr",)}


STRING_METHODS = ("lower", "upper", "strip", "lstrip", "rstrip", "join", "replace", "text", "one_line")


def _kinds(tree):
    """({name: 'dict'|'str'}) of the names this file binds to a dict literal or to a string-returning call (the
    name's every simple assignment agrees), for the `in` checks: `key in d` and `'ab' in s` fail on 2.1."""
    seen = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.For)):  # any other binding makes a name's kind unknown
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, (ast.Tuple, ast.List)) or isinstance(node, ast.For):
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name):
                            seen.setdefault(n.id, set()).add(None)
        if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            continue
        v = node.value
        kind = None
        if isinstance(v, (ast.Dict, ast.DictComp)):
            kind = "dict"
        elif isinstance(v, (ast.List, ast.ListComp, ast.Tuple)):
            kind = "list"
        elif isinstance(v, ast.Call):
            f = v.func
            name = f.attr if isinstance(f, ast.Attribute) else (f.id if isinstance(f, ast.Name) else None)
            if name in STRING_METHODS:
                kind = "str"
        elif isinstance(v, ast.JoinedStr) or (
            isinstance(v, ast.BinOp) and isinstance(v.op, ast.Mod) and isinstance(v.left, ast.Constant)
        ):
            kind = "str"
        seen.setdefault(node.targets[0].id, set()).add(kind)
    return {k: list(v)[0] for k, v in seen.items() if len(v) == 1 and None not in v}


def _library_dicts(root):
    """Names of module-level dict constants in stwaslib (for `x in topology.WEB_ENDPOINTS`)."""
    out = set()
    lib = os.path.join(root, "stwaslib")
    if os.path.isdir(lib):
        for name in os.listdir(lib):
            if name.endswith(".py"):
                with open(os.path.join(lib, name), encoding="utf-8") as f:
                    tree = ast.parse(f.read())
                for node in tree.body:
                    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                        out.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return out


class _Checker(ast.NodeVisitor):
    def __init__(self, path, kinds=None, library_dicts=()):
        self.path = path
        self.base = os.path.basename(path)
        self.problems = []
        self.guarded = 0  # inside a try whose handlers catch NameError / LookupError / ImportError
        self.kinds = kinds or {}
        self.library_dicts = library_dicts

    def report(self, node, what):
        self.problems.append("%s:%d: %s" % (self.path, node.lineno, what))

    # ------------------------------------------------------------------ statements
    def visit_Try(self, node):
        if node.handlers and node.finalbody:
            self.report(node, "try/except/finally in one statement (2.5+): nest a try/except in a try/finally")
        catches = []
        for h in node.handlers:
            if h.name is not None:
                self.report(h, "except E as e (2.6+) / except E, e (not on 3): except E: + sys.exc_info()")
            if h.type is not None:
                for n in h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]:
                    if isinstance(n, ast.Name):
                        catches.append(n.id)
        guard = bool({"NameError", "LookupError", "ImportError"} & set(catches))
        self.guarded += guard
        for stmt in node.body:
            self.visit(stmt)
        self.guarded -= guard
        for part in node.handlers + node.orelse + node.finalbody:
            self.visit(part)

    def visit_With(self, node):
        self.report(node, "with (2.5+): try/finally")
        self.generic_visit(node)

    def visit_ClassDef(self, node):
        if node.decorator_list:
            self.report(node, "class decorator")
        for b in node.bases:
            if isinstance(b, ast.Name) and b.id == "object":
                self.report(node, "new-style class: class %s: (classic)" % node.name)
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        if node.decorator_list:
            self.report(node, "decorator (2.4+)")
        a = node.args
        if a.kwonlyargs or a.posonlyargs or node.returns or [x for x in a.args if x.annotation]:
            self.report(node, "Python 3 only argument syntax")
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        if node.module == "__future__":
            for alias in node.names:
                if alias.name != "nested_scopes":
                    self.report(node, "from __future__ import %s (only nested_scopes runs on 2.1)" % alias.name)
            return
        self._module(node, node.module or "")

    def visit_Import(self, node):
        for alias in node.names:
            self._module(node, alias.name)

    def _module(self, node, name):
        top = name.split(".")[0]
        if top in ("stwaslib", "java", "javax") or name in ALLOWED_MODULES:
            return
        if name in EXTRA_MODULES.get(self.base, ()):
            return
        self.report(node, "module %s is not on every wsadmin" % name)

    # ------------------------------------------------------------------ expressions
    def visit_Name(self, node):
        if (
            isinstance(node.ctx, ast.Load)
            and node.id in MISSING_BUILTINS
            and not self.guarded
            and node.id not in EXTRA_BUILTINS.get(self.base, ())
        ):
            self.report(node, "%s (%s)" % (node.id, MISSING_BUILTINS[node.id]))

    def visit_Constant(self, node):
        if node.value is True or node.value is False:
            self.report(node, "True/False (use 1/0)")
        elif isinstance(node.value, bytes):
            self.report(node, "b'' literal (not on 2.1)")
        elif node.value is Ellipsis:
            self.report(node, "... literal")

    def visit_IfExp(self, node):
        self.report(node, "conditional expression (2.5+): an if statement or `x and a or b` with a true a")
        self.generic_visit(node)

    def visit_GeneratorExp(self, node):
        self.report(node, "generator expression (2.4+): a list comprehension")
        self.generic_visit(node)

    def visit_Yield(self, node):
        self.report(node, "yield (2.2+): build a list")

    visit_YieldFrom = visit_Yield

    def visit_SetComp(self, node):
        self.report(node, "set comprehension")

    def visit_DictComp(self, node):
        self.report(node, "dict comprehension")

    def visit_Set(self, node):
        self.report(node, "set literal")

    def visit_JoinedStr(self, node):
        self.report(node, "f-string")

    def visit_BinOp(self, node):
        if isinstance(node.op, ast.FloorDiv):
            self.report(node, "// (2.2+): int(a / b) or divmod")
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        if isinstance(node.op, ast.FloorDiv):
            self.report(node, "//= (2.2+)")
        self.generic_visit(node)

    def visit_Subscript(self, node):
        if isinstance(node.slice, ast.Slice) and node.slice.step is not None:
            self.report(node, "extended slice s[a:b:c] (2.3+ for lists and strings)")
        self.generic_visit(node)

    def visit_Compare(self, node):
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            if isinstance(op, (ast.In, ast.NotIn)):
                kind = None
                if isinstance(right, (ast.Dict, ast.DictComp)):
                    kind = "dict"
                elif isinstance(right, ast.Name):
                    kind = self.kinds.get(right.id)
                elif isinstance(right, ast.Attribute) and right.attr in self.library_dicts:
                    kind = "dict"
                elif isinstance(right, ast.Call) and isinstance(right.func, ast.Attribute) and right.func.attr in STRING_METHODS:
                    kind = "str"
                elif isinstance(right, ast.Constant) and isinstance(right.value, str):
                    kind = "str"
                one_char = isinstance(left, ast.Constant) and isinstance(left.value, str) and len(left.value) == 1
                # a text on the left (a literal of 2+ characters, or 'x%s' % y) is a substring test unless the
                # right is a list/tuple
                text_left = (isinstance(left, ast.Constant) and isinstance(left.value, str) and not one_char) or (
                    isinstance(left, ast.BinOp) and isinstance(left.op, ast.Mod) and isinstance(left.left, ast.Constant)
                )
                listish = (
                    kind == "list"
                    or isinstance(right, (ast.List, ast.Tuple, ast.ListComp))
                    or (
                        isinstance(right, ast.Call)
                        and isinstance(right.func, ast.Attribute)
                        and right.func.attr in ("keys", "values", "split", "splitlines")
                    )
                )
                if kind == "dict":
                    self.report(node, "`in` on a dict (2.2+): compat.has_key")
                elif kind == "str" and not one_char and not isinstance(left, (ast.Name, ast.Subscript)):
                    self.report(node, "substring `in` (2.1 takes one character): compat.contains / s.find(x) >= 0")
                elif text_left and not listish:
                    self.report(node, "substring `in`? (2.1 takes one character): compat.contains, or make the right a list")
            left = right
        self.generic_visit(node)

    def _iteration(self, node, it):
        if (isinstance(it, ast.Name) and self.kinds.get(it.id) == "dict") or isinstance(it, (ast.Dict, ast.DictComp)):
            self.report(node, "iterating a dict (2.2+): .keys() / .items()")

    def visit_For(self, node):
        self._iteration(node, node.iter)
        self.generic_visit(node)

    def visit_comprehension(self, node):
        self._iteration(node.iter, node.iter)
        self.generic_visit(node)

    def visit_Call(self, node):
        f = node.func
        if isinstance(f, ast.Name) and f.id == "isinstance" and len(node.args) == 2 and isinstance(node.args[1], ast.Tuple):
            self.report(node, "isinstance with a tuple (2.2+): compat.is_text / is_sequence / type() in")
        if isinstance(f, ast.Attribute):
            name = f.attr
            codec = name in ("encode", "decode")
            if codec and (self.base in CODEC_FILES or not node.args or not isinstance(node.args[0], ast.Constant)):
                pass  # (a codec call names its codec: xor.encode(secret) is no str.encode)
            elif name in MISSING_METHODS:
                self.report(node, ".%s() (%s)" % (name, MISSING_METHODS[name]))
            if name in STRIP_METHODS and node.args:
                self.report(node, ".%s(chars) (2.1 strips blanks only): compat.strip_chars" % name)
            if name in ("startswith", "endswith") and node.args and isinstance(node.args[0], ast.Tuple):
                self.report(node, ".%s(tuple) (2.5+): compat.starts_with_any" % name)
            if name == "sort" and (node.args or node.keywords):
                self.report(node, ".sort() with arguments (key= is 2.4+, cmp= not on 3): compat.sort_by")
            if (
                isinstance(f.value, ast.Name)
                and f.value.id == "os"
                and name not in OS_NAMES
                and name not in EXTRA_OS_NAMES.get(self.base, ())
            ):
                self.report(node, "os.%s is not on Jython 2.1" % name)
        self.generic_visit(node)


def _closures(source, path):
    """Functions that use a variable of an enclosing function (2.1 needs from __future__ import nested_scopes)."""
    out = []

    def walk(table):
        for child in table.get_children():
            # (comprehensions are scopes on 3 only: on 2.1 they run inline)
            if child.get_type() == "function" and child.get_frees() and child.get_name() not in COMPREHENSIONS:
                out.append(
                    "%s:%d: %s uses %s of the enclosing function (needs from __future__ import "
                    "nested_scopes on 2.1)" % (path, child.get_lineno(), child.get_name(), ", ".join(child.get_frees()))
                )
            walk(child)

    walk(symtable.symtable(source, path, "exec"))
    return out


def check_source(source, path, library_dicts=()):
    tree = ast.parse(source, path)
    checker = _Checker(path, _kinds(tree), library_dicts)
    checker.visit(tree)
    problems = checker.problems
    for i, line in enumerate(source.splitlines()):
        if re.search(r"\\u[dD][89abAB][0-9a-fA-F]{2}", line):
            problems.append("%s:%d: a surrogate escape in a literal (Jython 2.7 refuses the file): unichr()" % (path, i + 1))
        if not line.isascii():
            problems.append(
                "%s:%d: a non-ASCII character (Jython 2.7 wants an encoding declaration, 2.1 reads "
                "Latin-1): write it as an escape" % (path, i + 1)
            )
        if line.lstrip().startswith("from ") and " import (" in line:
            problems.append("%s:%d: from x import (a, b) (2.4+): one import line each, or a backslash" % (path, i + 1))
    future = [
        n
        for n in tree.body
        if isinstance(n, ast.ImportFrom) and n.module == "__future__" and [a for a in n.names if a.name == "nested_scopes"]
    ]
    if not future:
        problems += _closures(source, path)
    return problems


def check_file(path, scripts_root=None):
    """Problems of one file; scripts_root (wsadmin_scripts) names stwaslib's dict constants for the `in` check."""
    with open(path, encoding="utf-8") as f:
        return check_source(f.read(), path, _library_dicts(scripts_root) if scripts_root else ())


def script_files(root):
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                out.append(os.path.join(d, name))
    return out


def main(argv):
    """python tests/script_language.py [DIR ...]: the language check (invoke lint; the Jython 2.1 and 2.7 compiles
    are tools/jython_compile.py's)."""
    roots = argv or [os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "wsadmin_scripts")]
    paths = []
    for root in roots:
        paths.extend(script_files(root))
    problems = []
    for path in paths:
        problems.extend(check_file(path, roots[0]))
    for p in problems:
        print(p)
    print("script_language: %d file(s), %d problem(s)" % (len(paths), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
