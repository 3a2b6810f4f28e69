"""A tiny stand-in of set_server_ports for the SSH tests: set named end points of one server.

wsadmin.sh -lang jython -f tiny_set_ports.py --server NAME [--hostname H] --port NAME=PORT ... [--dry-run]
"""

from __future__ import print_function

import os
import sys

# stwaslib: in $STWAS_SCRIPTS, next to this script (wsadmin may run it without __file__), or in ./wsadmin_scripts
sys.dont_write_bytecode = True
_LIB = [
    os.environ.get("STWAS_SCRIPTS", ""),
    os.path.dirname(os.path.abspath(sys._getframe().f_code.co_filename)),
    os.path.dirname(os.path.abspath(globals().get("__file__") or ".")),
    os.path.join(os.getcwd(), "wsadmin_scripts"),
]
_LIB = [_d for _d in _LIB if _d and os.path.isfile(os.path.join(_d, "stwaslib", "__init__.py"))]
if not _LIB:
    raise SystemExit("ERROR: stwaslib not found next to this script: set STWAS_SCRIPTS to the wsadmin_scripts directory")
if _LIB[0] not in sys.path:
    sys.path.insert(0, _LIB[0])
import stwaslib  # noqa: E402

job = stwaslib.Job("tiny_set_ports", globals(), description="set named end points of one server")
job.add_option("--server", help="server name")
job.add_option("--hostname", default=None, help="host name of the end points")
job.add_option("--port", action="append", default=[], help="NAME=PORT, repeatable")


def main(job, opts):
    if not opts.server or not opts.port:
        raise stwaslib.UsageError("--server and at least one --port NAME=PORT are required")
    wanted = {}
    for p in opts.port:
        name, _, value = p.partition("=")
        wanted[name] = value
    found = 0
    for se in job.list("ServerEntry"):
        if job.attr(se, "serverName") != opts.server:
            continue
        for nep in job.attr_list(se, "specialEndpoints"):
            name = job.attr(nep, "endPointName")
            if name not in wanted:
                continue
            found += 1
            ep = job.attr(nep, "endPoint")
            attrs = [("port", wanted[name])]
            if opts.hostname:
                attrs.append(("host", opts.hostname))
            job.ensure(ep, "EndPoint", "%s %s" % (opts.server, name), attrs)
    if not found:
        job.fail("no end point %s on server %s" % (", ".join(sorted(wanted)), opts.server))


job.run(main)
