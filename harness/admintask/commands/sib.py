"""SIBAdminCommands: listSIBuses, showSIBus, deleteSIBus (wsadmin-semantics.md §5.3 "SIB").

Bus documents: ``cells/C/buses/<bus>/sib-bus.xml`` (SIBus with busMembers); messaging engines:
``…/servers/<S>/sib-engines.xml`` (or a cluster's), SIBMessagingEngine with ``busName``."""

from harness import messages as M
from harness import wsadmin_semantics as S
from harness.errors import CommandValidationException

from ..args import Param
from ..formats import java_map
from ..framework import command, command_group
from .servers import adminconfig, attr, id_lines

command_group("SIBAdminCommands", "Commands for managing service integration buses.")

# attributes() types that are scalars (everything else is a reference or containment).
_SCALAR_TYPES = ("String", "boolean", "Boolean", "int", "Integer", "long", "Long", "short", "float", "double")


def find_bus(ac, name):
    for b in id_lines(ac.list("SIBus")):
        if attr(ac, b, "name") == name:
            return b
    raise CommandValidationException(M.SIBUS_NOT_FOUND % name)


def _scalar_attributes(ac, typename):
    out = []
    for line in id_lines(ac.attributes(typename)):
        name, _, typ = line.strip().partition(" ")
        typ = typ.strip()
        if typ in _SCALAR_TYPES or typ.startswith("ENUM"):
            out.append(name)
    return out


@command("listSIBuses", "SIBAdminCommands", description="Lists all service integration buses in the cell.")
def list_sibuses(ctx, target, params):
    return id_lines(adminconfig(ctx).list("SIBus"))


@command("showSIBus", "SIBAdminCommands",
         params=[Param("bus", required=True, description="The name of the bus to show.")],
         description="Shows the attributes of a service integration bus.")
def show_sibus(ctx, target, params):
    ac = adminconfig(ctx)
    bus = find_bus(ac, params["bus"])
    pairs = []
    for name in _scalar_attributes(ac, "SIBus"):
        v = ac.showAttribute(bus, name)
        pairs.append((name, S.SHOW_SIBUS_UNSET_VALUE if v is None else str(v)))
    return java_map(pairs)


@command("deleteSIBus", "SIBAdminCommands",
         params=[Param("bus", required=True, description="The name of the bus to delete.")],
         description="Delete a named bus, including everything on it.")
def delete_sibus(ctx, target, params):
    ac = adminconfig(ctx)
    name = params["bus"]
    bus = find_bus(ac, name)
    for me in id_lines(ac.list("SIBMessagingEngine")):
        if attr(ac, me, "busName") == name:
            ac.remove(me)
    ac.remove(bus)  # the bus document's root: the whole cells/C/buses/<bus>/ directory goes
    return S.DELETE_SIBUS_RESULT
