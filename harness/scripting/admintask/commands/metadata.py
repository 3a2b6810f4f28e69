"""ManagedObjectMetadata commands: getNodePlatformOS, getNodeBaseProductVersion.

WebSphere answers them from the node's metadata, ``cells/C/nodes/N/node-metadata.properties`` (written by
the installer and by addNode; the real base profile and the generated Sametime cell have one per node):
``com.ibm.websphere.nodeOperatingSystem`` and ``com.ibm.websphere.baseProductVersion``."""

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import CommandValidationException
from harness.scripting.admintask import cellfacts
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.framework import command, command_group

command_group("ManagedObjectMetadata", "Commands for reading the metadata of managed nodes.")

NODE_PARAM = Param("nodeName", required=True, description="The name of the node.")


def node_property(ctx, params, key):
    facts = cellfacts.of(ctx)
    node = params["nodeName"]
    obj = facts.node(node)
    if obj is None:
        raise CommandValidationException(M.NODE_NOT_FOUND % node)
    value = facts.node_metadata(obj).get(key)
    if value is None:
        raise CommandValidationException(M.NODE_METADATA_MISSING % (key, node))
    return value


@command(
    "getNodePlatformOS",
    "ManagedObjectMetadata",
    params=[NODE_PARAM],
    description="Returns the operating system platform of the node (linux, windows, aix, os390, ...).",
)
def get_node_platform_os(ctx, target, params):
    return node_property(ctx, params, S.NODE_METADATA_OS)


@command(
    "getNodeBaseProductVersion",
    "ManagedObjectMetadata",
    params=[NODE_PARAM],
    description="Returns the base WebSphere product version of the node (8.5.5.9, ...).",
)
def get_node_base_product_version(ctx, target, params):
    return node_property(ctx, params, S.NODE_METADATA_VERSION)
