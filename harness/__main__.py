"""``python -m harness <subcommand>``.

Subcommands are registered in :func:`build_parser`; each sets ``func`` (called with the parsed namespace,
returning the exit code). Implemented here: ``fixture`` and ``plan`` (whose engine is harness.plan).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from harness import plan
from harness.base import lazymodule
from harness.base import wsadmin_semantics as sem
from harness.generate import defaults
from harness.launcher import interpreters

# the generator (jinja2, cryptography: about 0.1 s) is imported by the fixture command, not by every plan
sametime = lazymodule.Module("harness.generate.sametime")


def _cmd_fixture(args) -> int:
    t0 = time.perf_counter()
    try:
        clusters = dict(sametime.parse_cluster(spec) for spec in args.cluster or ())
        colocate = [sametime.parse_colocate(spec) for spec in args.colocate or ()]
        summary = sametime.generate(
            args.dir,
            cell=args.cell,
            domain=args.domain,
            seed=args.seed,
            nodes=args.nodes,
            servers_per_node=args.servers_per_node,
            force=args.force,
            templates_from=args.templates_from,
            clusters=clusters,
            colocate=colocate,
            ihs=args.ihs,
        )
    except sametime.FixtureError as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    print(
        "fixture %s: cell %s, %d nodes, %d servers, %d documents, %d key stores -> %s (%.1f s)"
        % (
            args.kind,
            summary["cell"],
            summary["nodes"],
            summary["servers"],
            summary["documents"],
            summary["keystores"],
            summary["out_dir"],
            time.perf_counter() - t0,
        )
    )
    return 0


def add_fixture_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "fixture",
        help="generate a fixture cell (WebSphere config directory)",
        description="Generate a WebSphere config directory (DIR/cells/...) from templates/.",
    )
    p.add_argument("kind", choices=["sametime"], help="which cell to build")
    p.add_argument("dir", metavar="DIR", help="output config root (DIR/cells/<cell>/...)")
    p.add_argument("--nodes", type=int, default=0, help="extra application-server nodes (default 0)")
    p.add_argument("--servers-per-node", type=int, default=1, help="servers on each extra node (default 1)")
    p.add_argument("--cell", default=defaults.DEFAULT_CELL, help="cell name (default %(default)s)")
    p.add_argument("--domain", default=defaults.DEFAULT_DOMAIN, help="DNS domain of the hosts (default %(default)s)")
    p.add_argument(
        "--seed", type=int, default=defaults.DEFAULT_SEED, help="seed of ids, UUIDs and key-store salts (default %(default)s)"
    )
    p.add_argument(
        "--cluster",
        action="append",
        metavar="COMPONENT=N",
        help="make COMPONENT (proxy, meeting, media) a cluster of N members, the others on nodes of "
        "their own, e.g. meeting=2 (repeatable)",
    )
    p.add_argument(
        "--colocate",
        action="append",
        metavar="A,B",
        help="install these components (console, proxy, meeting, media) on one node, e.g. proxy,meeting (repeatable)",
    )
    p.add_argument(
        "--ihs", action="store_true", help="add an IBM HTTP Server web server definition on an unmanaged node (IHS_Node)"
    )
    p.add_argument("--force", action="store_true", help="replace DIR/cells and DIR/templates if DIR is not empty")
    p.add_argument(
        "--templates-from", metavar="PATH", default=None, help="copy this WAS config/templates directory to DIR/templates"
    )
    p.set_defaults(func=_cmd_fixture)


def _cmd_plan(args) -> int:
    script_args = list(args.script)
    if script_args and script_args[0] == "--":
        script_args = script_args[1:]
    if not script_args:
        print("plan: no script given (python -m harness plan --config DIR|ZIP -- SCRIPT [ARG...])", file=sys.stderr)
        return 2
    script, rest = script_args[0], script_args[1:]
    if not os.path.isfile(script):
        print("plan: script %s not found" % script, file=sys.stderr)
        return 2
    why = interpreters.problem(args.interpreter) if args.interpreter else None
    if why:
        print(why, file=sys.stderr)
        return 2
    try:
        return plan.run(args.config, script, rest, interpreter=args.interpreter, read_only=args.read_only)
    except plan.PlanError as e:
        print(str(e), file=sys.stderr)
        return 2


def add_plan_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "plan",
        help="show what a script would change, as a unified diff (the source is never written)",
        description="Run a wsadmin script against a throwaway copy of a config directory or backupConfig zip "
        "and print a unified diff of every document it changed. Secrets in the diff are masked. "
        "The exit code is the script's.",
        usage="python -m harness plan --config DIR|ZIP [-interpreter jython|jython21|cpython] [--read-only] -- SCRIPT [ARG...]",
    )
    p.add_argument(
        "--config",
        required=True,
        metavar="DIR|ZIP",
        help="a profile's config directory (or any directory holding cells/<cell>/cell.xml) or a backupConfig zip",
    )
    p.add_argument(
        "-interpreter",
        "--interpreter",
        choices=list(sem.INTERPRETERS),
        default=None,
        help="run the script in a real Jython 2.7 (wsadmin of WAS 9), a real Jython 2.1 (WAS 7.0, 8.5.5) "
        "or in CPython (default: jython when on PATH)",
    )
    p.add_argument(
        "--read-only", action="store_true", help="the script is a check (or --help): no closing line when no document changed"
    )
    p.add_argument("script", nargs=argparse.REMAINDER, metavar="-- SCRIPT [ARG...]", help="the wsadmin script and its arguments")
    p.set_defaults(func=_cmd_plan)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m harness", description="stwas harness")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    add_fixture_parser(subparsers)
    add_plan_parser(subparsers)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
