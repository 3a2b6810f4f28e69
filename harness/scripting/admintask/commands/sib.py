"""SIBAdminCommands: listSIBuses, showSIBus, deleteSIBus (wsadmin-semantics.md §5.3 "SIB").

Bus documents: ``cells/C/buses/<bus>/sib-bus.xml`` (SIBus with busMembers); messaging engines:
``…/servers/<S>/sib-engines.xml`` (or a cluster's), SIBMessagingEngine with ``busName``. Read through
harness.scripting.admintask.cellfacts, removed through AdminConfig's editor."""

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import CommandValidationException
from harness.scripting.admintask import cellfacts
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.formats import java_map
from harness.scripting.admintask.framework import command, command_group
from harness.scripting.render import MASK

command_group("SIBAdminCommands", "Commands for managing service integration buses.")

# attribute types that are scalars (everything else is a reference or containment).
_SCALAR_TYPES = ("String", "boolean", "Boolean", "int", "Integer", "long", "Long", "short", "float", "double")


def find_bus(facts, name):
    for b in facts.objects("SIBus"):
        if facts.text(b, "name") == name:
            return b
    raise CommandValidationException(M.SIBUS_NOT_FOUND % name)


def _scalar_attributes(facts, typename):
    """The scalar attributes of typename, in name order (as AdminConfig.attributes lists them)."""
    feats = facts.mm.features(typename)
    return [n for n in sorted(feats) if feats[n].kind == "attr" and (feats[n].type in _SCALAR_TYPES or feats[n].type == "ENUM")]


@command("listSIBuses", "SIBAdminCommands", description="Lists all service integration buses in the cell.")
def list_sibuses(ctx, target, params):
    facts = cellfacts.of(ctx)
    return [facts.id(b) for b in facts.objects("SIBus")]


@command(
    "showSIBus",
    "SIBAdminCommands",
    params=[Param("bus", required=True, description="The name of the bus to show.")],
    description="Shows the attributes of a service integration bus.",
)
def show_sibus(ctx, target, params):
    facts = cellfacts.of(ctx)
    bus = find_bus(facts, params["bus"])
    pairs = []
    for name in _scalar_attributes(facts, "SIBus"):
        v = facts.value(bus, name)
        if v is not None and facts.feature(bus, name).password:
            v = MASK  # as AdminConfig.showAttribute shows it
        pairs.append((name, S.SHOW_SIBUS_UNSET_VALUE if v is None else str(v)))
    return java_map(pairs)


@command(
    "deleteSIBus",
    "SIBAdminCommands",
    params=[Param("bus", required=True, description="The name of the bus to delete.")],
    description="Delete a named bus, including everything on it.",
)
def delete_sibus(ctx, target, params):
    facts = cellfacts.of(ctx)
    name = params["bus"]
    bus = find_bus(facts, name)
    for me in [me for me in facts.objects("SIBMessagingEngine") if facts.text(me, "busName") == name]:
        facts.remove(me)
    facts.remove(bus)  # the bus document's root: the whole cells/C/buses/<bus>/ directory goes
    return S.DELETE_SIBUS_RESULT
