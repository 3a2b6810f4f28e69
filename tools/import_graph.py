"""The drawing of harness/'s imports: layer -> layer edges, module cycles, and what breaks the rules.

    python tools/import_graph.py            # the drawing; exit 1 when a rule is broken
    python tools/import_graph.py --modules  # also every module -> module edge

The layers, bottom to top (a module may import its own layer and the layers below it, never above; the three
products at the top do not import each other):

    base       errors, messages, wsadmin_semantics, lazymodule: what every layer shares
    config     the model: repository/, metamodel/, config ids, attribute input, the editor, {xor}
    was        the WebSphere stand-ins: key stores, LTPA keys, MBeans, the file registry, web module bindings
    scripting  what a script sees: AdminConfig, AdminTask, AdminApp, AdminControl, rendering
    launcher   python -m harness.wsadmin: options, the Session, the CPython and Jython runners
    plan | generate | remote   the products over the launcher (none imports another)
    entry      harness/__main__.py and harness/wsadmin.py, the command lines

An edge is an import statement (module level or in a function) or a ``lazymodule.Module("harness....")``
(an import at first use is an import too).  The rules (tests/test_layers.py holds them): no cycle between
modules, no upward or sideways edge between layers, no relative import, and every import inside a function
carries a comment saying why (on its line or right above its block).
"""

import ast
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HARNESS = os.path.join(ROOT, "harness")
SKIP_DIRS = ("jython_side", "java", "__pycache__")  # Python 2.1 code run inside Jython; Java sources

# (layer, rank, module prefixes); layers of one rank may not import each other
LAYERS = [
    ("base", 0, ("harness.base",)),
    ("config", 1, ("harness.config",)),
    ("was", 2, ("harness.was",)),
    ("scripting", 3, ("harness.scripting",)),
    ("launcher", 4, ("harness.launcher",)),
    ("plan", 5, ("harness.plan",)),
    ("generate", 5, ("harness.generate",)),
    ("remote", 5, ("harness.remote",)),
    ("entry", 6, ("harness.__main__", "harness.wsadmin", "harness")),
]
RANK = {name: rank for name, rank, _ in LAYERS}


def layer_of(module):
    best = None
    for name, _rank, prefixes in LAYERS:
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and (best is None or len(p) > len(best[1])):
                best = (name, p)
    return best[0] if best else None


def module_name(path, root=ROOT):
    rel = os.path.relpath(path, root)[:-3].replace(os.sep, ".")
    return rel[: -len(".__init__")] if rel.endswith(".__init__") else rel


def harness_files(base=HARNESS):
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for fn in sorted(filenames):
            if fn.endswith(".py"):
                yield os.path.join(dirpath, fn)


class Import(object):
    """One edge: importer -> target, where (line), how (import / lazy), and whether inside a function."""

    def __init__(self, importer, target, line, in_function, kind="import", reason=True, relative=False):
        self.importer, self.target, self.line, self.in_function = importer, target, line, in_function
        self.kind, self.reason, self.relative = kind, reason, relative
        self.external = target.split(".")[0] != "harness"  # kept only when in a function (the reason rule)

    def __repr__(self):
        return "%s:%d -> %s" % (self.importer, self.line, self.target)


def _has_reason(lines, node):
    """A comment on the import's line(s), or on the line above its block of consecutive imports."""
    end = getattr(node, "end_lineno", node.lineno)
    if any("#" in lines[i - 1] for i in range(node.lineno, end + 1)):
        return True
    i = node.lineno - 1
    while i >= 1:
        text = lines[i - 1].strip()
        if text.startswith("#"):
            return True
        if not (text.startswith("import ") or text.startswith("from ")):
            return False
        i -= 1
    return False


def imports_of(source, module, modules, is_package=False):
    """The harness imports of one module's source.  modules: every harness module name (to tell a submodule
    imported with ``from package import name`` from a name defined in the package)."""
    tree = ast.parse(source)
    lines = source.splitlines()
    out = []

    def resolve(node):
        if not node.level:
            return node.module or ""
        package = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        return package + ("." + node.module if node.module else "")

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == "harness" or in_function:
                        out.append(Import(module, alias.name, child.lineno, in_function, reason=_has_reason(lines, child)))
            elif isinstance(child, ast.ImportFrom):
                base = resolve(child)
                if base.split(".")[0] != "harness":
                    if in_function:
                        out.append(Import(module, base, child.lineno, in_function, reason=_has_reason(lines, child)))
                    continue
                for alias in child.names:
                    sub = base + "." + alias.name
                    out.append(
                        Import(
                            module,
                            sub if sub in modules else base,
                            child.lineno,
                            in_function,
                            reason=_has_reason(lines, child),
                            relative=bool(child.level),
                        )
                    )
            elif (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and child.func.attr == "Module"
                and child.args
                and isinstance(child.args[0], ast.Constant)
                and isinstance(child.args[0].value, str)
                and child.args[0].value.startswith("harness.")
            ):
                out.append(Import(module, child.args[0].value, child.lineno, False, kind="lazy"))
            visit(child, inner)

    visit(tree, False)
    return out


def collect(base=HARNESS, root=ROOT):
    """Every harness module -> its imports."""
    files = list(harness_files(base))
    modules = {module_name(p, root) for p in files}
    graph = {}
    for path in files:
        name = module_name(path, root)
        with open(path, encoding="utf-8") as f:
            graph[name] = imports_of(f.read(), name, modules, is_package=path.endswith("__init__.py"))
    return graph


def cycles(edges):
    """The module cycles (strongly connected components of more than one module, or a self-import) of
    {module: set(targets)}, each as a sorted list; Tarjan's algorithm, iterative."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    comp.append(m)
                    if m == node:
                        break
                if len(comp) > 1 or node in edges.get(node, ()):
                    found.append(sorted(comp))
    return sorted(found)


def check(graph):
    """The broken rules of an import graph {module: [Import]}: a list of one-line problems (empty: all kept)."""
    problems = []
    for comp in cycles(module_edges(graph)):
        problems.append("cycle: " + " -> ".join(comp))
    for module in sorted(graph):
        for imp in graph[module]:
            if imp.in_function and not imp.reason:
                problems.append("%s: import inside a function without a comment saying why" % imp)
            if imp.external:
                continue
            src, dst = layer_of(module), layer_of(imp.target)
            if src is None or dst is None:
                problems.append("%s: not in a layer" % imp)
            elif src != dst and RANK[dst] >= RANK[src]:
                problems.append("%s: %s imports %s (%s)" % (imp, src, dst, "upward" if RANK[dst] > RANK[src] else "sideways"))
            if imp.relative:
                problems.append("%s: relative import" % imp)
    return problems


def module_edges(graph):
    """{module: set(harness modules it imports)}."""
    return {m: {i.target for i in imps if not i.external} for m, imps in graph.items()}


def layer_edges(graph):
    """{(layer, layer): number of module edges} between different layers."""
    out = {}
    for module, imps in graph.items():
        for imp in imps:
            if imp.external:
                continue
            key = (layer_of(module), layer_of(imp.target))
            if key[0] != key[1]:
                out[key] = out.get(key, 0) + 1
    return out


def draw(graph, modules=False, out=sys.stdout):
    by_rank = {}
    for name, rank, _ in LAYERS:
        by_rank.setdefault(rank, []).append(name)
    count = {}
    for module in graph:
        count[layer_of(module)] = count.get(layer_of(module), 0) + 1
    out.write("layers, top first (modules):\n")
    for rank in sorted(by_rank, reverse=True):
        out.write("  %d  %s\n" % (rank, " | ".join("%s (%d)" % (n, count.get(n, 0)) for n in by_rank[rank])))
    out.write("\nlayer -> layer (module edges):\n")
    edges = layer_edges(graph)
    for a, b in sorted(edges, key=lambda k: (-RANK[k[0]], k[0], -RANK[k[1]], k[1])):
        arrow = "->" if RANK[b] < RANK[a] else "=> UPWARD"
        out.write("  %-10s %s %-10s %d\n" % (a, arrow, b, edges[(a, b)]))
    if modules:
        out.write("\nmodule -> module:\n")
        for module in sorted(graph):
            for imp in sorted(graph[module], key=lambda i: i.line):
                if imp.external:
                    continue
                note = " (in a function)" if imp.in_function else (" (lazy)" if imp.kind == "lazy" else "")
                out.write("  %s:%d -> %s%s\n" % (module, imp.line, imp.target, note))
    found = cycles(module_edges(graph))
    out.write("\nmodule cycles: %s\n" % ("none" if not found else ""))
    for comp in found:
        out.write("  " + " -> ".join(comp) + "\n")
    problems = check(graph)
    out.write("rules: %s\n" % ("kept" if not problems else "%d broken" % len(problems)))
    for p in problems:
        out.write("  " + p + "\n")
    return problems


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    return 1 if draw(collect(), modules="--modules" in argv) else 0


if __name__ == "__main__":
    sys.exit(main())
