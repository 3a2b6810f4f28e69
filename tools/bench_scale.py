"""Cost that follows the change, not the cell (issue 14): the README plan, listServers, reportConfiguredPorts,
getid and a touch-all on generated cells of about 100, 1,000 and 5,000 servers, each next to lxml's time to
parse just the documents the answer needs, with peak memory.

    python tools/bench_scale.py [--sizes 10x10,100x10,500x10] [--repeat 5] [--ops plan,listServers,...]
                                [--cache DIR] [--harness DIR] [--jython] [--touch-all-repeat 1] [--json FILE]

Cells: ``python -m harness fixture sametime DIR --nodes N --servers-per-node K`` (N x K: 10x10 = 120 servers,
100x10 = 1,110, 500x10 = 5,510), generated once into a cache (``--cache``, default
``$XDG_CACHE_HOME/stwas/bench-cells``, never the repository) under a name that holds a digest of the generator
and its templates, so a changed generator makes new cells. The cells are never written: every operation runs
on the plan's overlay (``-planOverlay``) or saves nothing.

Every measurement is a new process (``--child``), so that its peak memory (ru_maxrss) is its own and nothing
is cached from one round to the next; the OS file cache is warm for both sides. Per round the operation and
its lxml floor run one after the other (alternating which goes first); the figures are medians over
``--repeat`` rounds, the ratio is median(operation) / median(floor). Operations (each on a new session, the
session's open not timed except in the plan and "open"):

plan                 ``python -m harness plan --config CELL -interpreter cpython -- set_server_ports.py --server
                     STProxyServer --host chat.example.com --http-port 80 --https-port 443`` (wall time of the
                     whole command, both processes; peak memory of the larger); floor: parse of every node's
                     serverindex.xml and node.xml, the cell's cell.xml and virtualhosts.xml (the documents the
                     job reads whole)
listServers          ``AdminTask.listServers('[-serverType APPLICATION_SERVER]')``; floor: every node's
                     serverindex.xml and node.xml (server names come from the start tag of each server.xml)
reportConfiguredPorts  ``AdminTask.reportConfiguredPorts()``; floor: every node's serverindex.xml and node.xml
getid                ``AdminConfig.getid('/Node:n/Server:s/')`` of the middle server of the middle node; floor:
                     that server.xml, its node.xml and the cell.xml
open                 opening the session (repository, scripting objects); floor: cell.xml
touch-all            tests/wsadmin/roundtrip.py (every attribute of every object set to itself, then save:
                     nothing may change); floor: every .xml/.xmi document under cells/

``--harness DIR`` measures the harness of another checkout (e.g. ``git archive`` of the branch point) with the
same cells and this script: the before/after figures of docs/benchmarks.md. A harness without the plan's
overlay runs the in-process operations on the directory itself (they write nothing). ``--jython`` adds the
plan under ``-interpreter jython`` (a cold JVM each run).

The machine this runs on may be shared: medians, the floor measured in the same rounds, and the ratio are
what to compare, not single timings.
"""

import argparse
import gc
import hashlib
import inspect
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDTRIP = os.path.join(REPO, "tests", "wsadmin", "roundtrip.py")
PLAN_ARGS = ["--server", "STProxyServer", "--host", "chat.example.com", "--http-port", "80", "--https-port", "443"]
DEFAULT_SIZES = "10x10,100x10,500x10"
OPS = ("plan", "listServers", "reportConfiguredPorts", "getid", "open", "touch-all")
LIST_TYPE = "APPLICATION_SERVER"


# ---------------------------------------------------------------------------------------------- cells
def generator_digest():
    """A digest of the generator and its templates: a changed generator makes new cells."""
    h = hashlib.sha256()
    for base in (os.path.join(REPO, "harness", "generate"), os.path.join(REPO, "templates")):
        for d, dirs, files in os.walk(base):
            dirs.sort()
            for f in sorted(files):
                if f.endswith(".pyc"):
                    continue
                p = os.path.join(d, f)
                h.update(os.path.relpath(p, REPO).encode())
                with open(p, "rb") as fh:
                    h.update(fh.read())
    return h.hexdigest()[:12]


def default_cache():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "stwas", "bench-cells")


def cell(cache, nodes, per_node, say):
    """(config dir, summary) of the cached cell, generated first when missing."""
    name = "sametime-%dx%d-%s" % (nodes, per_node, generator_digest())
    root = os.path.join(cache, name)
    summary_file = os.path.join(root, "summary.json")
    if not os.path.isfile(summary_file):
        tmp = tempfile.mkdtemp(prefix=name + ".", dir=_mkdirs(cache))
        env = dict(os.environ, PYTHONPATH=REPO)
        cmd = [
            sys.executable,
            "-m",
            "harness",
            "fixture",
            "sametime",
            os.path.join(tmp, "config"),
            "--nodes",
            str(nodes),
            "--servers-per-node",
            str(per_node),
        ]
        t0 = time.perf_counter()
        r = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=False)
        if r.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            sys.exit("fixture generation failed (%d):\n%s%s" % (r.returncode, r.stdout, r.stderr))
        words = r.stdout.split()
        summary = {
            "servers": int(words[words.index("servers,") - 1]),
            "documents": int(words[words.index("documents,") - 1]),
            "generated_in": round(time.perf_counter() - t0, 1),
        }
        with open(os.path.join(tmp, "summary.json"), "w") as f:
            json.dump(summary, f)
        try:
            os.rename(tmp, root)
        except OSError:  # generated meanwhile by another run
            shutil.rmtree(tmp, ignore_errors=True)
        say("generated %s (%d servers) in %.1f s" % (root, summary["servers"], summary["generated_in"]))
    with open(summary_file) as f:
        return os.path.join(root, "config"), json.load(f)


def _mkdirs(d):
    os.makedirs(d, exist_ok=True)
    return d


def target(config):
    """(cell, node, server): the middle server of the middle node that has several servers."""
    cells = os.path.join(config, "cells")
    cell_name = sorted(c for c in os.listdir(cells) if os.path.isfile(os.path.join(cells, c, "cell.xml")))[0]
    nodes_dir = os.path.join(cells, cell_name, "nodes")
    candidates = []
    for n in sorted(os.listdir(nodes_dir)):
        sdir = os.path.join(nodes_dir, n, "servers")
        if os.path.isdir(sdir):
            servers = sorted(
                s for s in os.listdir(sdir) if s != "nodeagent" and os.path.isfile(os.path.join(sdir, s, "server.xml"))
            )
            if servers:
                candidates.append((n, servers))
    multi = [c for c in candidates if len(c[1]) > 1] or candidates
    node, servers = multi[len(multi) // 2]
    return cell_name, node, servers[len(servers) // 2]


def floor_documents(config, op):
    """The documents whose lxml parse is the floor of op."""
    op = "plan" if op.startswith("plan") else op
    cell_name, node, server = target(config)
    cell_dir = os.path.join(config, "cells", cell_name)
    nodes = sorted(os.listdir(os.path.join(cell_dir, "nodes")))
    per_node = [os.path.join(cell_dir, "nodes", n, f) for n in nodes for f in ("serverindex.xml", "node.xml")]
    per_node = [p for p in per_node if os.path.isfile(p)]
    if op == "plan":
        return per_node + [os.path.join(cell_dir, "cell.xml"), os.path.join(cell_dir, "virtualhosts.xml")]
    if op in ("listServers", "reportConfiguredPorts"):
        return per_node
    if op == "getid":
        return [
            os.path.join(cell_dir, "nodes", node, "servers", server, "server.xml"),
            os.path.join(cell_dir, "nodes", node, "node.xml"),
            os.path.join(cell_dir, "cell.xml"),
        ]
    if op == "open":
        return [os.path.join(cell_dir, "cell.xml")]
    out = []
    for d, _dirs, files in os.walk(os.path.join(config, "cells")):
        out.extend(os.path.join(d, f) for f in files if f.endswith((".xml", ".xmi")))
    return sorted(out)


# ---------------------------------------------------------------------------------------------- a child
def child(op, config, harness):
    """One measurement in this process; prints {"seconds", "cpu", "maxrss_kb", "baseline_kb", ...} as JSON."""
    sys.path.insert(0, harness)
    if op.startswith("floor-"):
        from lxml import etree

        paths = floor_documents(config, op[len("floor-") :])
        baseline = _maxrss()
        t0, c0 = time.perf_counter(), time.process_time()
        trees = [etree.parse(p) for p in paths]
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        return {"seconds": seconds, "cpu": cpu, "maxrss_kb": _maxrss(), "baseline_kb": baseline, "documents": len(trees)}
    if op == "plan" or op == "plan-jython":
        return plan_child(config, harness, "jython" if op == "plan-jython" else "cpython")

    from harness.config import metamodel
    from harness.launcher.session import make_session

    # loading the model and its derived tables (subtypes) happens once per session start, not timed
    metamodel.load().subtypes("Server")
    overlay = tempfile.mkdtemp(prefix="stwas-bench-overlay-")
    try:
        kwargs = {"overlay": overlay} if "overlay" in inspect.signature(make_session).parameters else {}
        if not kwargs and op == "touch-all":
            # a harness without the overlay saves into the directory: a copy, so the cached cell stays as made
            config = shutil.copytree(config, os.path.join(overlay, "copy"))
        # which server getid asks for is the question, not part of the answer: found before the clock starts
        question = target(config) if op == "getid" else None
        baseline = _maxrss()
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        session = make_session(config, "NONE", "\n", **kwargs)
        if op == "open":
            result = session
        else:
            t0, c0 = time.perf_counter(), time.process_time()
            result = run_op(op, session, question)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        out = {
            "seconds": seconds,
            "cpu": cpu,
            "maxrss_kb": _maxrss(),
            "baseline_kb": baseline,
            "mode": "overlay" if kwargs else "directory",
        }
        if op != "open":
            out["answer_lines"] = len(result.splitlines()) if isinstance(result, str) else result
        if op == "touch-all":
            written = sum(len(f) for _d, _s, f in os.walk(overlay))
            out["documents_written"] = written
        return out
    finally:
        shutil.rmtree(overlay, ignore_errors=True)


def run_op(op, session, question):
    objects = session.objects
    if op == "listServers":
        return objects["AdminTask"].listServers("[-serverType %s]" % LIST_TYPE)
    if op == "reportConfiguredPorts":
        return objects["AdminTask"].reportConfiguredPorts()
    if op == "getid":
        _cell, node, server = question
        found = objects["AdminConfig"].getid("/Node:%s/Server:%s/" % (node, server))
        if len(found.splitlines()) != 1:
            raise SystemExit("getid found %r" % found)
        return found
    if op == "touch-all":
        scope = {"AdminConfig": objects["AdminConfig"]}
        with open(ROUNDTRIP) as f:
            code = compile(f.read(), ROUNDTRIP, "exec")
        real_stdout, sys.stdout = sys.stdout, open(os.devnull, "w")
        try:
            exec(code, scope)
        finally:
            sys.stdout.close()
            sys.stdout = real_stdout
        return 0
    raise SystemExit("unknown operation %s" % op)


def plan_child(config, harness, interpreter):
    script = os.path.join(harness, "wsadmin_scripts", "set_server_ports.py")
    cmd = [sys.executable, "-m", "harness", "plan", "--config", config, "-interpreter", interpreter, "--", script]
    env = dict(os.environ, PYTHONPATH=harness)
    env.pop("STWAS_WARM_JYTHON", None)  # a user's run: a new JVM
    t0 = time.perf_counter()
    r = subprocess.run(cmd + PLAN_ARGS, cwd=harness, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    if r.returncode != 0:
        raise SystemExit("plan failed (%d):\n%s%s" % (r.returncode, r.stdout[-2000:], r.stderr[-2000:]))
    lines = r.stdout.splitlines()
    diff = [ln for ln in lines[lines.index(next(ln for ln in lines if ln.startswith("--- a/"))) :]]
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "cpu": ru.ru_utime + ru.ru_stime,
        "maxrss_kb": ru.ru_maxrss,
        "baseline_kb": 0,
        "output_lines": len(lines),
        "diff_lines": len(diff),
        "diff_digest": hashlib.sha256("\n".join(_stable(diff)).encode()).hexdigest()[:12],
    }


def _stable(diff):
    """The diff without the new host aliases' ids (they carry the time of the run)."""
    return [re.sub(r"HostAlias_\d+", "HostAlias_N", ln) for ln in diff]


def _maxrss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# ---------------------------------------------------------------------------------------------- the parent
def measure(op, config, harness, repeat):
    """[(op sample, floor sample)] over repeat rounds, alternating which runs first."""
    rounds = []
    for i in range(repeat):
        pair = []
        for which in (op, "floor-" + op) if i % 2 == 0 else ("floor-" + op, op):
            pair.append((which, run_child(which, config, harness)))
        d = dict(pair)
        rounds.append((d[op], d["floor-" + op]))
    return rounds


def run_child(op, config, harness):
    cmd = [sys.executable, os.path.abspath(__file__), "--child", op, config, "--harness", harness]
    r = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=harness)
    if r.returncode != 0:
        raise SystemExit("%s failed (%d):\n%s%s" % (op, r.returncode, r.stdout[-3000:], r.stderr[-3000:]))
    return json.loads(r.stdout.strip().splitlines()[-1])


def environment():
    try:
        load = " ".join("%.1f" % x for x in os.getloadavg())
    except OSError:
        load = "?"
    import lxml
    from lxml import etree

    return "Python %s, lxml %s (libxml2 %s), %s %s, nproc %d, load average %s" % (
        platform.python_version(),
        lxml.__version__,
        ".".join(map(str, etree.LIBXML_VERSION)),
        platform.system(),
        platform.release(),
        os.cpu_count() or 0,
        load,
    )


def row(label, servers, rounds):
    s = [a["seconds"] for a, _b in rounds]
    f = [b["seconds"] for _a, b in rounds]
    med, fmed = statistics.median(s), statistics.median(f)
    peak = max(a["maxrss_kb"] for a, _b in rounds) / 1024.0
    return {
        "label": label,
        "servers": servers,
        "median": med,
        "min": min(s),
        "floor": fmed,
        "ratio": med / fmed if fmed else float("inf"),
        "cpu": statistics.median(a["cpu"] for a, _b in rounds),
        "peak_mb": peak,
        "per_1000": med / servers * 1000.0,
        "floor_documents": rounds[0][1].get("documents"),
        "extra": {k: v for k, v in rounds[0][0].items() if k not in ("seconds", "cpu", "maxrss_kb", "baseline_kb")},
    }


def table(rows):
    head = ("operation", "servers", "med s", "min s", "cpu s", "lxml s", "ratio", "peak MB", "s/1000 srv")
    body = [
        (
            r["label"],
            "{:,}".format(r["servers"]),
            "%.3f" % r["median"],
            "%.3f" % r["min"],
            "%.3f" % r["cpu"],
            "%.3f" % r["floor"],
            "%.1f" % r["ratio"],
            "%.0f" % r["peak_mb"],
            "%.3f" % r["per_1000"],
        )
        for r in rows
    ]
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    out = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))) for line in [head] + body
    ]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


def verdicts(rows):
    """The issue's criteria, judged on these figures (information: the machine may be shared)."""
    by = {}
    for r in rows:
        by.setdefault(r["label"], []).append(r)
    out = []

    def at(label, servers_min):
        return [r for r in by.get(label, []) if r["servers"] >= servers_min]

    for r in at("plan", 5000):
        out.append(("plan on %d servers under 2 s (cpython)" % r["servers"], r["median"] < 2.0, "%.2f s" % r["median"]))
        out.append(("plan on %d servers under 300 MB" % r["servers"], r["peak_mb"] < 300, "%.0f MB" % r["peak_mb"]))
    for r in at("plan-jython", 5000):
        out.append(
            (
                "plan on %d servers under 4 s (jython, JVM start included)" % r["servers"],
                r["median"] < 4.0,
                "%.2f s" % r["median"],
            )
        )
    for label in ("listServers", "reportConfiguredPorts"):
        for r in at(label, 5000):
            out.append(("%s on %d servers under 1 s" % (label, r["servers"]), r["median"] < 1.0, "%.2f s" % r["median"]))
    for label in ("plan", "listServers", "reportConfiguredPorts"):
        sizes = sorted(by.get(label, []), key=lambda r: r["servers"])
        big = [r for r in sizes if r["servers"] >= 5000]
        mid = [r for r in sizes if 1000 <= r["servers"] < 5000]
        if big and mid:
            g = big[0]["median"] / mid[0]["median"]
            out.append(
                ("%s: time %d / %d servers at most 5.5" % (label, big[0]["servers"], mid[0]["servers"]), g <= 5.5, "%.2f" % g)
            )
    for r in by.get("getid", []):
        if 1000 <= r["servers"] < 5000:
            out.append(("getid on %d servers within 10x lxml" % r["servers"], r["ratio"] <= 10, "%.1fx" % r["ratio"]))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=DEFAULT_SIZES, help="NODESxSERVERS,... (default %(default)s)")
    ap.add_argument("--repeat", type=int, default=5, help="rounds per operation (default 5)")
    ap.add_argument("--ops", default=",".join(OPS), help="operations (default: all)")
    ap.add_argument("--touch-all-repeat", type=int, default=1, help="rounds of touch-all (default 1: it is long)")
    ap.add_argument("--cache", default=default_cache(), help="where generated cells are kept (default %(default)s)")
    ap.add_argument("--harness", default=REPO, help="the checkout whose harness is measured (default: this one)")
    ap.add_argument("--jython", action="store_true", help="also the plan under -interpreter jython (cold)")
    ap.add_argument("--json", metavar="FILE", help="write the rows as JSON")
    ap.add_argument("--child", nargs=2, metavar=("OP", "CONFIG"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], os.path.abspath(args.harness))))
        return 0

    def say(*a):
        print(*a, flush=True)

    harness = os.path.abspath(args.harness)
    ops = [o for o in args.ops.split(",") if o]
    if args.jython and "plan" in ops:
        ops.insert(ops.index("plan") + 1, "plan-jython")
    say(environment())
    say("harness: %s" % harness)
    rows = []
    for spec in args.sizes.split(","):
        nodes, per_node = (int(x) for x in spec.lower().split("x"))
        config, summary = cell(args.cache, nodes, per_node, say)
        say("cell %s: %d servers, %d documents" % (spec, summary["servers"], summary["documents"]))
        for op in ops:
            repeat = args.touch_all_repeat if op == "touch-all" else args.repeat
            r = row(op, summary["servers"], measure(op, config, harness, repeat))
            rows.append(r)
            say(
                "  %-22s med %7.3f s  (lxml %.3f s over %s documents, ratio %.1f)  peak %.0f MB  %s"
                % (
                    op,
                    r["median"],
                    r["floor"],
                    r["floor_documents"],
                    r["ratio"],
                    r["peak_mb"],
                    " ".join("%s=%s" % kv for kv in sorted(r["extra"].items())),
                )
            )
    say("")
    say(
        "medians of %d rounds (touch-all: %d), each in a new process; ratio = median / median of lxml's parse of "
        "the documents needed, measured in the same rounds" % (args.repeat, args.touch_all_repeat)
    )
    say(table(rows))
    say("")
    for text, ok, value in verdicts(rows):
        say("%-4s %s: %s" % ("PASS" if ok else "FAIL", text, value))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
