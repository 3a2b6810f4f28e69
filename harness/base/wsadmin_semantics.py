"""Every [U] (unverified) choice of shared/docs/wsadmin-semantics.md, named, in one place.

Each constant says what we chose and why; change it here (and nowhere else) once a real
WAS run tells us otherwise.  Other modules add their own sections below.  Message texts live in
harness/base/messages.py (the MSG_ names here are the launcher's handles on them).
"""

from harness.base import messages as M

# --------------------------------------------------------------------------------------------
# Launcher (harness/launcher/cli.py, harness/launcher/)
# --------------------------------------------------------------------------------------------

# Startup lines [V texts, semantics §7].
MSG_LOCAL_MODE = M.LOCAL_MODE
MSG_CONNECTED = M.CONNECTED
# Node name in WASX7209I when the session does not know its dmgr node.
DEFAULT_DMGR_NODE = "dmgrNode"

MSG_SCRIPT_ARGS = M.SCRIPT_ARGS
# [U] wsadmin prints WASX7303I only when the script got arguments (no line for an empty argv).
PRINT_WASX7303I_WITHOUT_ARGS = False
# [V] separator of the argument list inside WASX7303I: Java's List.toString -> "a, b".
WASX7303I_ARG_JOINER = ", "
# [deliberate difference] real wsadmin echoes argv as given, a password passed as an option included. The
# launcher masks the value of every password-like option (--password X, --new-password=X, -storepass X; not
# --password-file PATH) as ***** in that line: the harness need not print a secret that a job will refuse anyway,
# and its output goes into plan runs, CI logs and test captures. Scripts still see the real argv.
MASK_PASSWORD_ARGS_IN_WASX7303I = True

# [V text] uncaught exception in a -f script / a -c command, and the exit code 105 [V].
MSG_FILE_EXCEPTION = M.FILE_EXCEPTION
MSG_COMMAND_EXCEPTION = M.COMMAND_EXCEPTION
# [V for WASX7015E with a Jython error (semantics §12), U for WASX7017E and Java exceptions] the Jython 2.1
# wsadmin breaks the line after "exception information:" (the same message, another separator).
MSG_FILE_EXCEPTION_JYTHON21 = M.FILE_EXCEPTION.replace("information: ", "information:\n", 1)
MSG_COMMAND_EXCEPTION_JYTHON21 = M.COMMAND_EXCEPTION.replace("information: ", "information:\n", 1)
EXIT_UNCAUGHT_EXCEPTION = 105
# [V] prefix for Python-level (non-Java) exceptions, followed by a newline and the traceback.
PY_EXCEPTION_PREFIX = "com.ibm.bsf.BSFException: exception from Jython:"
# [U] the file name in a -c command's traceback frames (Jython 2.7 in wsadmin shows "<string>" for -c).
TRACEBACK_FILE_FOR_COMMAND = "<string>"
# [V] ... and under Jython 2.1: `File "<input>", line 1, in ?` (semantics §12, two transcripts).
TRACEBACK_FILE_FOR_COMMAND_JYTHON21 = "<input>"
# [V 2.7, L 2.1] wsadmin runs a -f script's (and a -profile's) text, so its frames read `File "<string>", line N,
# in <module>` with no source line (IBM "Jython V2.7 behavior changes"; 2.1's PythonInterpreter.exec compiles
# with the same name).  Shown so in every interpreter's WASX7017E; frames of imported modules and execfile'd
# files keep their file name (and, under 2.7 and CPython, their source line).
TRACEBACK_FILE_FOR_SCRIPT = "<string>"
# [U] the script's code still carries its real path (sys._getframe().f_code.co_filename), which the jobs use to
# find stwaslib next to them; only the traceback text shows "<string>".
SCRIPT_CODE_KEEPS_ITS_PATH = True
# [V] traceback headers: Jython 2.7 (and CPython) vs Jython 2.1.
TRACEBACK_HEADER = "Traceback (most recent call last):"
TRACEBACK_HEADER_JYTHON21 = "Traceback (innermost last):"
# [V] Jython 2.1 tracebacks never show source lines (checked on the real 2.1 runtime); 2.7's do.
TRACEBACK_SOURCE_LINES_JYTHON21 = False
# [U] WASX7017E / WASX7015E go to stdout (wsadmin writes its messages with System.out; Ansible logs
# show them in stdout).  "stdout" or "stderr".
ERROR_MESSAGE_STREAM = "stdout"
# [U] after a failing -c command, the remaining -c commands are not run.
STOP_AFTER_FAILED_COMMAND = True

# [L] sys.exit() -> 0, sys.exit(n) -> n.  [U] sys.exit('text') behaves like CPython/Jython:
# the text is printed to stderr and the exit code is 1.
EXIT_CODE_FOR_STRING_EXIT = 1

# [U] missing -f script file: message id and exit code.
MSG_SCRIPT_NOT_FOUND = M.SCRIPT_NOT_FOUND
EXIT_SCRIPT_NOT_FOUND = 103

# Harness-only (no wsadmin equivalent): -configRoot that is not a config directory; one line on
# stderr, no traceback.
MSG_BAD_CONFIG_ROOT = "wsadmin: -configRoot " + M.NOT_A_CONFIG_ROOT
EXIT_BAD_CONFIG_ROOT = 1
# Harness-only: bad command line (unknown option, -f and -c together, ...).
EXIT_USAGE = 1

# [V] message of the ScriptingException every AdminControl call raises in local mode (-conntype NONE):
# "com.ibm.ws.scripting.ScriptingException: AdminControl service not available" (wsadmin-semantics.md 12).
MSG_ADMINCONTROL_LOCAL = M.ADMINCONTROL_LOCAL


# [V] keyword arguments to a scripting-object method.
MSG_NO_KEYWORDS = "%s(): takes no keyword arguments"

# [V] `lineSeparator` is not a wsadmin built-in; pre-seeding it into __main__ is off by default so that
# scripts that forget `lineSeparator = java.lang.System.getProperty('line.separator')` fail here too.
PRESEED_LINESEPARATOR = False

# [V] scripting objects that are globals of __main__ (semantics §7).
SCRIPTING_OBJECT_NAMES = ("AdminConfig", "AdminControl", "AdminApp", "AdminTask", "Help")

# Known gap, documented: under CPython 3 scripting calls return `str`, so the -c echo shows 'text'
# where Jython 2.7 shows u'text' [V]; '' echoes the same in both.  Jython 2.1 has one string type: its
# scripting calls return plain str and echo 'text' [V, semantics §12].
CPYTHON_ECHO_GAP = "CPython echoes 'x' where Jython 2.7 echoes u'x'"

# -interpreter: cpython (in process), jython (Jython 2.7, wsadmin of WAS 9), jython21 (Jython 2.1, wsadmin of
# WAS 7.0 and 8.5.5).  Default: "jython" when `jython` is on PATH, else "cpython"; env STWAS_INTERPRETER overrides.
INTERPRETERS = ("cpython", "jython", "jython21")
INTERPRETER_ENV = "STWAS_INTERPRETER"

# [L] Under Jython the scripting exceptions are Java exceptions (the bridge makes them Python subclasses of
# java.lang.Exception), so `except Exception` does NOT catch them there -- like real wsadmin on Jython 2.7;
# under CPython they derive from Exception.  Portable scripts catch them by name or with a bare except.
JYTHON_SCRIPTING_EXCEPTIONS_ARE_JAVA = True


# --------------------------------------------------------------------------------------------
# AdminConfig (harness/scripting/adminconfig.py, harness/config/configedit.py, harness/scripting/render.py)
# --------------------------------------------------------------------------------------------

# [L] EMF leaves out a feature whose value equals its default: setting an absent attribute to its
# default value (HostAlias port 80) writes nothing, so a set-to-same-value round trip is byte-identical.
DEFAULT_VALUE_IS_UNSET = True
# [U] list(type, scopeId) includes the scope object itself when it is of that type.
LIST_SCOPE_INCLUDES_SELF = True
# [U] list(type, pattern): '*' is a wildcard; anything else with regex syntax is a Java regex;
# the pattern must match the whole ID string.
LIST_PATTERN_FULL_MATCH = True
# [U] getid returns matches sorted like list().
GETID_SORTED = True
# [L] password-like attributes are masked in show/showall and in showAttribute.
MASK_PASSWORDS_IN_SHOW_ATTRIBUTE = True
# [U] queryChanges lists "docDir|file" without indentation.
QUERY_CHANGES_INDENT = ""
# [V for the first rows, U after] defaults() and required(): rows in model declaration order, inherited
# first; the data attributes come first ("name, clusterName, modelId, ..., parallelStartEnabled" for Server,
# wsadmin-semantics.md 12, although the reference declares ManagedObject's stateManagement right after
# name), then the references and containments, again inherited first.  "attributes-first" or "declared".
DEFAULTS_ORDER = "attributes-first"
# [U] defaults(): rows without a default end after the Type column (no trailing padding).
DEFAULTS_TRAILING_PADDING = False
# [U] hasChanges()/existsDocument() return int 1/0 (Jython 2.7 type unverified).
# Types whose document wraps its top-level objects in xmi:XMI (several per document).
WRAPPED_DOCUMENT_TYPES = (
    "VirtualHost",
    "URIGroup",
    "JDBCProvider",
    "J2CResourceAdapter",
    "JMSProvider",
    "MailProvider",
    "URLProvider",
    "ResourceEnvironmentProvider",
)
# [U] validate(): the log file wsadmin names (wsadmin writes <profile>/logs/wsadmin.valout).
VALIDATION_LOG_NAME = "wsadmin.valout"
# [U] attributes modify() refuses with ADMG0014E (renaming a cell or node needs renameCell/renameNode);
# setting one to the value it already has is accepted as a no-op.
READ_ONLY_ATTRIBUTES = {("Cell", "name"), ("Node", "name")}


# --------------------------------------------------------------------------------------------
# AdminTask arguments (harness/scripting/admintask/args.py)
# --------------------------------------------------------------------------------------------
# [U] In the Jython list form (`AdminTask.cmd(['-password', pw])`) the element after a declared scalar
# parameter name (String, Integer, ...; not Boolean, list, table or step) is that parameter's value, verbatim:
# brackets, quotes and blanks in it are characters, not syntax (the list form is how scripts pass arbitrary
# text; `-password [Summer2024]` in the string form groups and gives `Summer2024`, and a password store that got
# the grouped value would lock the admin out).  The one exception: an element that is exactly a declared
# parameter name (`['-enabledCiphers', '-securityLevel', 'HIGH']`) stays a name, the earlier one empty.
LIST_FORM_VALUE_IS_LITERAL = True


# --------------------------------------------------------------------------------------------
# AdminTask signer certificates (harness/scripting/admintask/commands/certificates.py; semantics §5.3)
# --------------------------------------------------------------------------------------------
# [U] retrieveSignerFromPort stores the certificate the server presents (the leaf, as the console's "Retrieved
# signer information" shows one certificate) under -certificateAlias; the handshake does not verify it (that is
# the point: the store does not trust it yet).  -sslConfigName/-sslConfigScopeName are accepted and not used by the
# harness (its handshake offers the TLS versions Python's ssl offers).  Returns ''.
RETRIEVE_SIGNER_STORES_LEAF_ONLY = True
# [U] seconds to connect and finish the handshake before retrieveSignerFromPort gives up (CWPKI0657E/0658E).
RETRIEVE_SIGNER_TIMEOUT = 10.0
# [U] exchangeSigners (-keyStoreName1/-keyStoreScope1/-certificateAliasList1, -keyStoreName2/..2,
# -addRootSignerOnly): the signers of the personal certificates of each store (the issuers in their chains, or
# the certificate itself when it is self-signed) are added to the other store as signers; with
# -addRootSignerOnly true only the last certificate of each chain.  A certificate the target store already holds
# (same SHA-1 fingerprint, under any alias) is not added again; a new signer's alias is the personal
# certificate's alias with this suffix and its place in the chain (1 = the first issuer), lower case.
EXCHANGE_SIGNER_ALIAS = "%s_signer_%d"
EXCHANGE_ADD_ROOT_SIGNER_ONLY_DEFAULT = False


# --------------------------------------------------------------------------------------------
# AdminTask ports (harness/scripting/admintask/commands/ports.py; wsadmin-semantics.md §5.3 "Ports")
# --------------------------------------------------------------------------------------------

# [U] listServerPorts: one line per NamedEndPoint of the server, in serverindex.xml order.  Chosen so
# that the 2015 parser `line[2:line.find('[host ')-3]` yields the endpoint name (two chars before the
# name, exactly " [ " between name and "[host"), that `'[[SOAP_CONNECTOR_ADDRESS '`-stripping after
# mapping '[ '->'[' reads host first, and that each line is a balanced 8.5-style record `[[k v] ]`
# whose value is the old-style `[ [host h] [node n] [port p] [server s] ]`.  The 6.1-era regex
# `\[WC_defaulthost \[ \[port ...` (re.match, port first, one leading bracket) does NOT match this.
# Key order and outer framing are unverified (semantics §8 item 1).
LIST_SERVER_PORTS_LINE = "[[%(name)s [ [host %(host)s] [node %(node)s] [port %(port)s] [server %(server)s] ]] ]"
# [U] modifyServerPort returns '' (void command, like modifySSLConfig [V]).
MODIFY_SERVER_PORT_RESULT = ""
# [U] modifyServerPort accepts ports in this inclusive range (0 = "any free port" in WAS endpoints);
# non-integers are refused by the Integer parameter type (ADMF0012E).
MODIFY_SERVER_PORT_RANGE = (0, 65535)
# [U] -modifyShared is accepted and has no effect: the harness never refuses a shared port.
MODIFY_SHARED_IGNORED = True
# [U] reportConfiguredPorts ([-node N]; without -node every node of the cell, in list('Node') order): per
# server (serverindex.xml order) a header line naming server, node and the node's host name (the
# ServerIndex hostName), then one line per NamedEndPoint: the endpoint name, its host and its port in
# columns (an endpoint without EndPoint shows empty host and port); a blank line between servers.  Real
# WAS 7+ has the command (PortManagement group); its exact text is unverified, so scripts should parse
# it leniently (header by prefix/suffix, endpoint lines by whitespace-separated tokens).
REPORT_PORTS_HEADER = "Port usage for server %(server)s on node %(node)s (host %(host)s):"
REPORT_PORTS_LINE = "  %(name)-38s %(host)-30s %(port)s"
REPORT_PORTS_SERVER_SEPARATOR = ""
# [U] reportConfiguredPorts with an unknown -node raises messages.NODE_NOT_FOUND.

# --------------------------------------------------------------------------------------------
# AdminTask servers (harness/scripting/admintask/commands/servers.py)
# --------------------------------------------------------------------------------------------

# [U] showServerInfo: Java map with these keys in this order (IBM doc example shape); the version
# key is left out when the node has no node-metadata.properties or the property is absent.
SHOW_SERVER_INFO_KEYS = ("cell", "serverType", "com.ibm.websphere.baseProductVersion", "node", "server")
NODE_METADATA_FILE = "node-metadata.properties"
# [V] the properties of node-metadata.properties the ManagedObjectMetadata commands answer (real base profile)
NODE_METADATA_OS = "com.ibm.websphere.nodeOperatingSystem"
NODE_METADATA_VERSION = "com.ibm.websphere.baseProductVersion"
# [U] listServers with an unknown -nodeName returns '' rather than raising.
LIST_SERVERS_UNKNOWN_NODE_RAISES = False
# [U] listNodes with an unknown -nodeGroup raises messages.NODEGROUP_NOT_FOUND.
# [L] createProxyServer's default -templateName (IBM's proxy server template).
PROXY_SERVER_DEFAULT_TEMPLATE = "proxy_server_foundation"
# [L] createApplicationServer/createProxyServer put the node's host name where the template's end points say
# $(node.host.name); other hosts ("*", "localhost") are copied as they are.
TEMPLATE_HOST_VARIABLE = "$(node.host.name)"

# --------------------------------------------------------------------------------------------
# AdminTask SIB (harness/scripting/admintask/commands/sib.py)
# --------------------------------------------------------------------------------------------

# [U] showSIBus: Java map of the bus's scalar attributes in AdminConfig.attributes('SIBus') order
# (alphabetical); containment/reference lists (busMembers, properties, foreignBus) are left out and
# an unset/empty value renders as nothing after "=".
SHOW_SIBUS_UNSET_VALUE = ""
# [U] deleteSIBus returns ''; it removes the bus document directory (cells/C/buses/<bus>/, members
# included) and every SIBMessagingEngine whose busName is the bus; SIBService enablement is untouched.
DELETE_SIBUS_RESULT = ""

# --------------------------------------------------------------------------------------------
# AdminConfig: passwords and display names (harness/config/configedit.py, harness/config/repository/repository.py)
# --------------------------------------------------------------------------------------------
# [L] AdminConfig.modify/create store a password attribute {xor}-encoded, as the console does; a value that is
# already in {xor} form is stored as given (not encoded twice) [U].
ENCODE_PASSWORDS = True
# [L] AdminApp.list() leaves out the system applications: those whose binariesURL lies under this directory
# (isclite, commsvc, WebSphereWSDM, ibmARS on the real base profile; ws_ant wsListApps output, semantics 12).
SYSTEM_APPS_BINARIES = "$(WAS_INSTALL_ROOT)/systemApps/"
# [L] A Deployment's display name is its application's name (the deployment directory's name).
DEPLOYMENT_DISPLAY_NAME_FROM_DIRECTORY = True

# --------------------------------------------------------------------------------------------
# Saving (harness/config/repository/journal.py, lock.py; docs/internals.md "Saving")
# --------------------------------------------------------------------------------------------
# [U] AdminConfig.save() waits this many seconds for another save of the same cell (the cell lock) before
# it gives up with ADMR0010E naming the holder; the operator may give other seconds in the environment.
SAVE_LOCK_TIMEOUT = 60.0
SAVE_LOCK_TIMEOUT_ENV = "STWAS_SAVE_LOCK_TIMEOUT"
# [U] a document with a duplicated xmi:id: reads resolve the id to its first occurrence; an edit of an
# object with that id is refused (messages.AMBIGUOUS_OBJECT names every place).
DUPLICATE_XMIID_READ_FIRST = True

# --------------------------------------------------------------------------------------------
# python -m harness plan (harness/plan/__init__.py): limits of a backupConfig zip, checked before unpacking
# --------------------------------------------------------------------------------------------
# Harness-only. A backupConfig zip of a large cell (3,700 documents plus the applications' EARs) is far
# below each of these; a zip bomb is above one of them.
PLAN_ZIP_MAX_MEMBERS = 200000
PLAN_ZIP_MAX_BYTES = 4 * 1024**3  # total uncompressed size
PLAN_ZIP_MAX_RATIO = 100  # uncompressed : compressed, per member and for the whole zip
PLAN_ZIP_RATIO_FLOOR = 1024**2  # sizes below this are not ratio-checked (tiny files compress well)

# --------------------------------------------------------------------------------------------
# AdminApp -MapWebModToVH (harness/scripting/adminapp.py, harness/was/webmodules.py)
# --------------------------------------------------------------------------------------------
# [L] view/edit rows are [web module, URI, virtual host]; URI is "<module uri>,WEB-INF/web.xml" (the form every
# published MapWebModToVH row has, e.g. [["Default Web Application" DefaultWebApplication.war,WEB-INF/web.xml
# default_host]]).
WEBMOD_URI_SUFFIX = ",WEB-INF/web.xml"
# [L] the web module and URI columns of an edit row match a module when equal to its value or when they match it
# as a (Java) regular expression over the whole value: `[[.* .* default_host]]` maps every module (widely used).
WEBMOD_ROW_REGEX = True
# [U] a module matched by several rows takes the virtual host of the last one.
WEBMOD_LAST_ROW_WINS = True
# [U] the "Web module" column is the display-name of the module's WEB-INF/web.xml; without one, the module's URI
# (e.g. "stproxy.war").
WEBMOD_NAME_FALLBACK_TO_URI = True
# [U] a web module with no binding document (or one without a virtual host) is shown on default_host, the
# install default; edit() then creates WEB-INF/ibm-web-bnd.xmi (the form every WAS release reads).
WEBMOD_UNBOUND_VIRTUAL_HOST = "default_host"
# [U] the xmi:id of a binding document edit() creates (the id IBM's assembly tools write) and the href of its
# webapp reference when web.xml has no id.
WEBMOD_NEW_BINDING_ID = "WebApp_ID_Bnd"
WEBMOD_WEBAPP_ID = "WebApp_ID"
# [U] edit() refuses a virtual host that the cell does not define (WASX7108E wrapping ADMA0010E); the console
# offers only defined ones.
WEBMOD_VIRTUAL_HOST_MUST_EXIST = True
# [U] view(app) without task names shows the emulated tasks in this order.
VIEW_TASK_ORDER = ("-MapRolesToUsers", "-MapWebModToVH")
