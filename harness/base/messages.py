"""Every wsadmin message the harness emits, by message id, in one place (the one message catalogue).

Each text is tagged with its source: [V] quoted from real wsadmin output (wsadmin-semantics.md and the
source it names), [L] likely, [U] our reconstruction (check on a real WAS before anything parses it).
Ids starting STWAS are the harness's own (no wsadmin equivalent).  tests/test_messages.py fails when an id
has two texts here or a text with a message id is written anywhere else in harness/.
"""

# ----------------------------------------------------------------------------------------------------
# AdminConfig (harness/scripting/adminconfig.py, configedit.py, configid.py, render.py)
# [V] wsadmin-semantics.md 4.2 and 3.8-3.9
INCOMPLETE_ID = 'WASX7077E: Incomplete config id: need closing parenthesis in "%s"'
INVALID_PARAM = 'WASX7444E: Invalid parameter value "%s" for parameter "%s" on command "%s"'
INVALID_TYPE = "ADMG0007E: The configuration data type %s is not valid."
NO_REQUIRED = 'WASX7361I: No required attribute found for type "%s".'
CHANGES_HEADER = "WASX7146I: The following configuration files contain unsaved changes:"
NO_CHANGES = "WASX7241I: There are no unsaved changes in this workspace."
VALIDATION_LOGGED = "WASX7193I: Validation results are logged in %s: Total number of messages: %d"
VALIDATION_SEVERITY = "WASX7194I: Number of messages of severity %d: %d"
VALIDATION_LEVEL = "WASX7189I: Validation level set to %s"
CROSS_DOC_VALIDATION = "WASX7188I: Cross-document validation enablement set to %s"
SAVE_MODES = ("rollbackOnConflict", "overwriteOnConflict")
# [V] showAttribute(None, ..): Java's null reaches the command as "null" (wsadmin-semantics.md 12)
NULL_ARGUMENT = "null"
# [U] reconstructed texts
NO_PARENTS = 'WASX7351I: No parent types found for type "%s".'
INVALID_ATTRIBUTES = 'WASX7080E: Invalid attributes for type "%s" -- "%s".'
READ_ONLY_ATTRIBUTE = "ADMG0014E: Attribute %s of type %s is read-only and cannot be modified."
BAD_NUMBER = 'java.lang.NumberFormatException: For input string: "%s"'
BAD_ENUM = 'ADMG0010E: The value "%s" is not valid for attribute %s of type %s; valid values are %s.'
NO_PARENT_FEATURE = 'WASX7209E: Cannot create an object of type "%s" under an object of type "%s".'
AMBIGUOUS_PARENT = 'WASX7210E: Type "%s" can be contained in attributes %s of type "%s"; name the attribute as fourth argument.'
ABSTRACT_TYPE = "ADMG0008E: The configuration data type %s is abstract; name a concrete subtype."
NOT_CONTAINED = 'WASX7211E: Attribute "%s" of type "%s" does not hold configuration objects of type "%s".'
REFERENCE_NOT_FOUND = INVALID_PARAM
DOCUMENT_EXISTS = "ADMR0005E: The document %s already exists."
DOCUMENT_NOT_FOUND = "ADMR0004E: The document %s does not exist."
STALE_DIGEST = "ADMR0007E: The document %s changed since it was extracted; nothing was checked in. Extract it again."
SAVE_CONFLICT = (
    "ADMR0006E: The document %s was changed by another process since this workspace read it; "
    "nothing was saved. Reset the workspace and apply the changes again."
)
DANGLING_REFERENCE = "ADMG0122W: %s#%s %s -> %s not found"
BAD_SAVE_MODE = 'WASX7201E: Invalid save mode "%s"; valid modes are rollbackOnConflict and overwriteOnConflict.'
FILE_NOT_FOUND = "WASX7418E: The file %s cannot be read."
BAD_GETID_PATH = 'WASX7084E: Invalid containment path "%s"; it must start with "/".'

# ----------------------------------------------------------------------------------------------------
# Launcher (harness/launcher/cli.py, harness/launcher/; wsadmin_semantics.py names them for the launcher)
# [V] wsadmin-semantics.md 7 and 4.1
LOCAL_MODE = (
    "WASX7357I: By request, this scripting client is not connected to any server process. "
    "Certain configuration and application operations will be available in local mode."
)
CONNECTED = 'WASX7209I: Connected to process "dmgr" on node %s using SOAP connector;  The type of process is: DeploymentManager'
SCRIPT_ARGS = (
    "WASX7303I: The following options are passed to the scripting environment and are available "
    'as arguments that are stored in the argv variable: "[%s]"'
)
FILE_EXCEPTION = 'WASX7017E: Exception received while running file "%s"; exception information: %s'
COMMAND_EXCEPTION = 'WASX7015E: Exception running command: "%s"; exception information: %s'
SERVICE_UNAVAILABLE = "WASX7070E: The configuration service is not available."
# [V] wsadmin-semantics.md 12: every AdminControl call in local mode raises ScriptingException with this
# message (public scripts test value.endswith('AdminControl service not available'))
ADMINCONTROL_LOCAL = "AdminControl service not available"
# [U] missing -f script file
SCRIPT_NOT_FOUND = 'WASX7117E: Cannot find file "%s"'
# [V] the usage text's first line; the option list is wsadmin's, plus the harness's own options
USAGE = """WASX7001I: wsadmin is the executable for WebSphere scripting.
Syntax:

wsadmin
	[ -h(elp) ]
	[ -? ]
	[ -c <command> ]
	[ -p <properties_file_name>]
	[ -profile <profile_script_name>]
	[ -f <script_file_name>]
	[ -javaoption java_option]
	[ -lang language]
	[ -wsadmin_classpath class path]
	[ -profileName profile]
	[ -conntype
		SOAP
			[-host host_name]
			[-port port_number]
			[-user userid]
			[-password password] |
		NONE
	]
	[ -configRoot <config directory> ]          (stwas harness)
	[ -interpreter jython|jython21|cpython ]   (stwas harness)
	[ -lineSeparator <separator, e.g. '\\r\\n'> ] (stwas harness)
	[ script parameters ]

Where:
	"command" is a command to be passed to the script processor
	"script_file_name" is the name of a script file, ending in .py, to be run
	"script parameters" represent any arguments to be passed to the script; they are stored in sys.argv
	"-conntype NONE" runs in local mode against -configRoot; no server process is contacted.

Only one of -f and -c may be used.  -c may be repeated.
"""

# ----------------------------------------------------------------------------------------------------
# AdminTask ports and servers (harness/scripting/admintask/commands/ports.py, servers.py, jvm.py, cleanup.py)
# [U] CommandValidationException texts
SERVER_NOT_FOUND = 'ADMG0250E: Server "%s" is not found%s.'
SERVER_ON_NODE = ' on node "%s"'  # the %s after "is not found" when a node was given
SERVER_AMBIGUOUS = 'ADMG0251E: Server name "%s" is not unique in the cell (nodes %s); specify the -nodeName parameter.'
NODE_NOT_FOUND = 'ADMG0252E: Node "%s" is not found.'
PORTS_ENDPOINT_NOT_FOUND = 'ADMG0253E: End point "%s" is not found for server "%s" on node "%s".'
PORTS_BAD_PORT = 'ADMG0254E: Port "%s" is not valid; specify a port number from %d to %d.'
PORTS_NO_SERVER = "ADMG0255E: Specify a server name as target object or the -serverConfigObject parameter."
NODEGROUP_NOT_FOUND = 'ADMG0256E: Node group "%s" is not found.'
SERVER_INFO_NOT_SERVER = 'ADMG0257E: "%s" is not a Server configuration object.'
NODE_METADATA_MISSING = 'ADMG0258E: The property %s is not in the metadata of node "%s".'
SERVER_EXISTS = 'ADMG0259E: Server "%s" already exists on node "%s".'
SERVER_TEMPLATE_NOT_FOUND = 'ADMG0264E: The server template "%s" of server type %s is not found in the configuration.'
SERVER_CLUSTER_UNSUPPORTED = (
    "STWAS0301E: Creating a server as a member of cluster %s is not supported by the "
    "stwas harness (createClusterMember is the command for it)."
)
SIBUS_NOT_FOUND = "CWSJA0008E: The service integration bus %s does not exist."

# ----------------------------------------------------------------------------------------------------
# AdminTask arguments (harness/scripting/admintask/args.py)
# [U] (wsadmin-semantics.md 8 item 3): ADMF0002E's text is remembered from the field, WASX8009E is known to
# be the syntax-error id (text reconstructed), the rest are reconstructions
TASK_SYNTAX = 'WASX8009E: Syntax error in the parameter string "%s": %s'
TASK_REQUIRED_PARAM = "ADMF0002E: Required parameter %s is not found for command %s."
TASK_INVALID_PARAM = "ADMF0001E: Invalid parameter %s for command %s."
TASK_REQUIRED_STEP = "ADMF0005E: Required step %s is not found for command %s."
TASK_BAD_VALUE = 'ADMF0012E: Invalid value "%s" for parameter %s of command %s; expected type %s.'
TASK_TARGET_REQUIRED = "ADMF0008E: Target object is required for command %s."
TASK_TARGET_NOT_ALLOWED = "ADMF0009E: Command %s does not accept a target object."


# ----------------------------------------------------------------------------------------------------
# AdminTask help and framework (harness/scripting/admintask/framework.py)
# [U] ids WASX8001I..WASX8011E are the AdminTask help family; texts reconstructed. STWAS ids are the harness's own
TASK_INTERACTIVE = "STWAS0001E: Interactive mode is not supported by the harness (command %s)."
TASK_HELP_UNKNOWN = 'WASX8010E: Command, step or command group "%s" is not found.'
TASK_HELP_UNKNOWN_STEP = 'WASX8011E: Step "%s" is not found for command %s.'
TASK_HELP_COMMANDS_HEADER = "WASX8004I: Available administrative commands"
TASK_HELP_GROUPS_HEADER = "WASX8005I: Available administrative command groups"
TASK_HELP_COMMAND_HEADER = "WASX8006I: Detailed help for command: %s"
TASK_HELP_STEP_HEADER = "WASX8007I: Detailed help for step %s of command %s"
TASK_HELP_GROUP_HEADER = "WASX8008I: Detailed help for command group: %s"
TASK_HELP_GENERAL = [
    ("WASX8001I: The AdminTask object enables the available administrative commands. AdminTask commands operate in two modes:"),
    (
        "In the default mode, AdminTask communicates with the WebSphere server to accomplish its task. "
        "A local mode is also available, in which no server communication takes place. The local mode of "
        'operation is invoked by bringing up the scripting client using the command line "-conntype NONE" '
        'option or setting the "com.ibm.ws.scripting.connectionType=NONE" property in wsadmin.properties.'
    ),
    "",
    (
        "The number of administrative commands varies and depends on your WebSphere install. Use the "
        "following help commands to obtain a list of supported commands and their parameters:"
    ),
    "",
    "help -commands                      list all the admin commands",
    'help -commands <pattern>            list admin commands matching with wildcard "pattern"',
    "help -commandGroups                 list all the admin command groups",
    'help -commandGroups <pattern>       list admin command groups matching with wildcard "pattern"',
    "help commandName                    display detailed information for the specified command",
    (
        "help commandName stepName           display detailed information for the specified step belonging "
        "to the specified command"
    ),
    "help commandGroupName               display detailed information for the specified command group",
    "",
    "There are various flavors to invoke an admin command. Invoke an admin command as follows:",
    "",
    "commandName                         invokes an admin command that does not require any argument.",
    "commandName parameters              invokes an admin command with the specified parameter string.",
    (
        "commandName targetObject parameters invokes an admin command with the specified target object "
        "string and parameter string."
    ),
    "commandName -interactive            invokes an admin command in interactive mode.",
    "",
    (
        'The "parameters" string is "-name1 value1 -name2 value2 ..." and may be enclosed in brackets; '
        "a step is given as -stepName [-name1 value1 ...]."
    ),
]


# ----------------------------------------------------------------------------------------------------
# AdminTask deleteServer / cleanupNode (harness/scripting/admintask/commands/cleanup.py)
# [U] reconstructed
PROTECTED_SERVER = (
    'ADMG0270E: Server "%s" on node "%s" is a %s; it cannot be deleted with deleteServer '
    "(a node agent goes with its node through cleanupNode; the deployment manager stays)."
)
DMGR_NODE = 'ADMG0271E: Node "%s" hosts the deployment manager; it cannot be removed from its own cell.'


# ----------------------------------------------------------------------------------------------------
# AdminTask JVM commands (harness/scripting/admintask/commands/jvm.py)
# [U] reconstructed
JVM_SERVER_NEEDED = "ADMG0263E: Specify -serverName: the %s has %d servers."
JVM_NONE = 'ADMG0260E: Server "%s" on node "%s" has no Java virtual machine definition%s.'
JVM_BAD_PROPERTY = 'ADMG0261E: "%s" is not a property of the Java virtual machine (properties: %s).'
JVM_BAD_SYSPROP = 'ADMG0262E: The system property name must not be empty or contain white space: "%s".'


# ----------------------------------------------------------------------------------------------------
# AdminTask IdMgr commands (harness/scripting/admintask/commands/idmgr.py)
# [U] reconstructed (CWWIM ids of the federated repositories component)
WIM_NO_WIMCONFIG = (
    "CWWIM5505E: The federated repository configuration %s was not found; federated repositories are not configured."
)
WIM_NO_DOMAIN = "CWWIM5506E: The security domain %s has no federated repository configuration (%s)."
WIM_NO_REALM = "CWWIM5021E: The realm %s is not defined."
WIM_NO_REPOSITORY = "CWWIM5022E: The repository %s is not defined."
WIM_REALM_ENTRY_EXISTS = "CWWIM5023E: The base entry %s is already a participating base entry of the realm %s."
WIM_REALM_ENTRY_MISSING = "CWWIM5024E: The base entry %s is not a participating base entry of the realm %s."
WIM_REALM_ENTRY_UNDEFINED = "CWWIM5025E: The base entry %s is not defined in any repository."
WIM_REALM_LAST_ENTRY = "CWWIM5026E: The base entry %s is the only participating base entry of the realm %s."
WIM_REPO_ENTRY_EXISTS = "CWWIM5027E: The base entry %s is already defined in the repository %s."
WIM_REPO_ENTRY_MISSING = "CWWIM5028E: The base entry %s is not defined in the repository %s."
WIM_REPO_ENTRY_IN_REALM = (
    "CWWIM5029E: The base entry %s of the repository %s participates in the realm %s; remove it from the realm first."
)
WIM_NO_DEFAULT_REALM = "CWWIM5030E: No default realm is defined."


# ----------------------------------------------------------------------------------------------------
# AdminTask SSL configurations (harness/scripting/admintask/commands/sslconfig.py)
# [U] reconstructed (CWPKI ids)
SSL_NOT_FOUND = 'CWPKI0627E: The SSL configuration "%s" was not found at the scope "%s".'
SSL_EXISTS = 'CWPKI0628E: The SSL configuration "%s" already exists at the scope "%s".'
SSL_GROUP_NOT_FOUND = 'CWPKI0631E: The SSL configuration group "%s" (%s) was not found at the scope "%s".'
SSL_GROUP_EXISTS = 'CWPKI0632E: The SSL configuration group "%s" (%s) already exists at the scope "%s".'
SSL_BAD_DIRECTION = 'CWPKI0633E: The direction "%s" is not valid; use inbound or outbound.'
SSL_BAD_SCOPE = 'CWPKI0634E: The management scope "%s" is not valid: %s.'
SSL_SCOPE_EXISTS = 'CWPKI0635E: The management scope "%s" already exists.'
SSL_ALIAS_MISSING = (
    'CWPKI0636E: The certificate alias "%s" is not a personal certificate of the key store '
    '"%s" (%s) used by the SSL configuration "%s".'
)
SSL_MANAGER_NOT_FOUND = 'CWPKI0637E: The %s "%s" was not found at the scope "%s".'
SSL_BAD_VALUE = 'CWPKI0638E: The value "%s" is not valid for parameter %s; valid values: %s.'


# ----------------------------------------------------------------------------------------------------
# AdminTask key stores and certificates (harness/scripting/admintask/commands/certificates.py)
# [U] reconstructed (CWPKI ids)
CERT_NO_SECURITY = "CWPKI0001E: The global security configuration (security.xml) was not found."
KEYSTORE_NOT_FOUND = 'CWPKI0662E: The key store "%s" was not found at the scope "%s".'
KEYSTORE_AMBIGUOUS = 'CWPKI0663E: The key store "%s" exists at several scopes (%s); give -keyStoreScope.'
KEYSTORE_NOT_FILE = (
    'CWPKI0664E: The key store "%s" (type %s, location %s) is not a PKCS12 or JCEKS file under '
    "${CONFIG_ROOT}; the stwas harness cannot open it."
)
KEYSTORE_FILE_MISSING = 'CWPKI0665E: The file of key store "%s" (%s) does not exist.'
KEYSTORE_PASSWORD = 'CWPKI0666E: The key store "%s" (%s) cannot be opened: wrong password, or not a %s key store.'
CERT_FILE_MISSING = 'CWPKI0034E: The file "%s" does not exist.'
KEY_FILE_PASSWORD = 'CWPKI0033E: The key file "%s" cannot be opened: wrong password, or not a %s file.'
KEY_FILE_TYPE = 'CWPKI0035E: The key file type "%s" is not supported by the stwas harness (supported: %s).'
KEY_FILE_ALIAS = 'CWPKI0036E: The alias "%s" is not in the key file "%s" (aliases: %s).'
KEY_FILE_NO_KEY = 'CWPKI0037E: The entry "%s" of the key file "%s" has no private key.'
KEY_FILE_ALIAS_NEEDED = (
    'CWPKI0038E: The key file "%s" holds several personal certificates (%s); give -certificateAliasFromKeyFile.'
)
CERT_ALIAS_EXISTS = 'CWPKI0629E: The alias "%s" already exists in the key store "%s".'
CERT_ALIAS_NOT_FOUND = 'CWPKI0648E: The alias "%s" does not exist in the key store "%s".'
CERT_NOT_PERSONAL = 'CWPKI0649E: The alias "%s" in the key store "%s" is a signer certificate, not a personal one.'
CERT_NOT_SIGNER = 'CWPKI0650E: The alias "%s" in the key store "%s" is a personal certificate, not a signer.'
CERT_NO_MATCH = 'CWPKI0651E: The certificate in "%s" does not match the private key of "%s" in the key store "%s".'
CERT_BAD_FILE = 'CWPKI0652E: The file "%s" does not hold an X.509 certificate (%s).'
CERT_BAD_SIZE = "CWPKI0653E: The key size %s is not supported; use 1024, 2048, 3072 or 4096."
CERT_BAD_ALGORITHM = 'CWPKI0654E: The signature algorithm "%s" is not supported; use one of %s.'
CERT_BAD_SUBJECT = "CWPKI0656E: The certificate subject is not valid: %s"
CERT_CANNOT_WRITE = 'CWPKI0655E: The certificate request file "%s" cannot be written (%s).'
SIGNER_PORT_UNREACHABLE = "CWPKI0657E: Cannot connect to %s:%s to retrieve the signer certificate: %s."
SIGNER_HANDSHAKE_FAILED = "CWPKI0658E: The SSL handshake with %s:%s failed: %s."
SIGNER_NO_CERTIFICATE = "CWPKI0659E: The server at %s:%s sent no certificate."
SIGNER_BAD_PORT = "CWPKI0660E: The port %s is not valid; give 1 to 65535."


# ----------------------------------------------------------------------------------------------------
# AdminTask LTPA commands (harness/scripting/admintask/commands/ltpa.py)
# harness ids (STWAS): no wsadmin text to follow
LTPA_LOCAL_MODE = (
    "STWAS0205E: %s acts on the LTPA keys of the running deployment manager; it is not available in local mode (-conntype NONE)."
)
LTPA_NO_FILE = "STWAS0206E: The LTPA key file %s cannot be read: %s"
LTPA_WRITE_FAILED = "STWAS0207E: The LTPA key file %s cannot be written: %s"


# ----------------------------------------------------------------------------------------------------
# AdminTask security commands (harness/scripting/admintask/commands/security.py)
# [U] reconstructed (SECJ / CWWIM ids)
SEC_NO_SECURITY = "SECJ7700E: The global security configuration (security.xml) was not found."
SEC_NO_LTPA = "SECJ7701E: No LTPA authentication mechanism is configured in the global security configuration."
SEC_BAD_TIMEOUT = 'SECJ7702E: The LTPA timeout "%s" is not valid: give a whole number of minutes (at least %d).'
SEC_DOMAIN_UNSUPPORTED = (
    'SECJ7703E: Security domain "%s" is not supported by the stwas harness; only the global security configuration is.'
)
SEC_BAD_CHOICE = 'SECJ7704E: The value "%s" is not valid for parameter %s; valid values: %s.'
SEC_BAD_CUSTOM_PROPS = 'SECJ7705E: The custom properties "%s" are not valid: give name=value pairs separated by commas.'
WIM_NO_FILE_REGISTRY = "CWWIM4001E: The file registry %s does not exist in this configuration."
WIM_NO_USER = "CWWIM1001E: The entity with uid %s was not found in the file registry."
WIM_EMPTY_PASSWORD = "CWWIM1011E: The password must not be empty."


# ----------------------------------------------------------------------------------------------------
# LTPA key files (harness/was/ltpa.py)
# harness ids (STWAS): no wsadmin text to follow
LTPA_BAD_PASSWORD = (
    "STWAS0201E: The LTPA keys cannot be decrypted: wrong password, or not an LTPA key file; nothing was imported."
)
LTPA_BAD_FORMAT = "STWAS0202E: Not an LTPA key file: missing or invalid property %s."
LTPA_NO_PASSWORD = "STWAS0203E: Exporting or importing LTPA keys needs a password."
LTPA_STORE_UNREADABLE = "STWAS0204E: The stored LTPA keys %s cannot be decrypted with the CellLTPAKeys key store password."


# ----------------------------------------------------------------------------------------------------
# AdminConfig attribute input (harness/config/attrinput.py)
# [U] ids/texts of attribute-string syntax errors (only WASX7122E's shape is known from the field)
ATTR_EXPECTED_OPEN = 'WASX7121E: Expected "[" not found. Attribute string: %s'
ATTR_EXPECTED_CLOSE = 'WASX7122E: Expected "]" not found. Attribute string: %s'
ATTR_UNEXPECTED_CLOSE = 'WASX7123E: Unexpected "]" found. Attribute string: %s'
ATTR_UNTERMINATED_QUOTE = "WASX7124E: Closing quote not found. Attribute string: %s"
ATTR_BAD_PAIR = "WASX7125E: Invalid attribute specification %s; expected [name value]."
ATTR_TRAILING_TEXT = "WASX7126E: Unexpected text after the attribute list: %s"
ATTR_BAD_INPUT_TYPE = "WASX7130E: Invalid attribute list %r; expected a string or a list."


# ----------------------------------------------------------------------------------------------------
# AdminControl (harness/scripting/admincontrol.py)
# [V] WASX7026W, WASX7217I (wsadmin output quoted by scripts)
CONTROL_SEVERAL_MBEANS = 'WASX7026W: String "%s" corresponds to %d different MBeans; returning first one.'
CONTROL_CONNECTION_OK = "WASX7217I: Connection to provided server was successful."


# ----------------------------------------------------------------------------------------------------
# MBeans (harness/was/mbeans.py)
# [V] wsadmin-semantics.md 4.2
BAD_OBJECT_NAME = 'WASX7025E: Error found in String "%s"; cannot create ObjectName.'


# ----------------------------------------------------------------------------------------------------
# AdminApp (harness/scripting/adminapp.py)
# [V] WASX7280E, WASX7108E (wsadmin-semantics.md 4.2); [U] the rest
APP_NOT_FOUND = 'WASX7280E: An application with name "%s" does not exist.'
APP_TASK_INVALID = 'WASX7108E: Invalid data specified for install task: "%s." Errors are: "%s"'
APP_VALIDATION_ERROR = "ADMA0010E: Validation error in task %s: %s"
# the detail after "Validation error in task <task>:"
APP_ROLE_UNKNOWN = 'the role "%s" is not defined in application %s.'
APP_ROW_COLUMNS = (
    "row %s has %d columns; expected 5 (role, Everyone?, All authenticated?, users, groups) or 8 "
    "(plus All authenticated in trusted realms?, user access ids, group access ids)."
)
APP_ROW_YESNO = '"%s" in column %d of role %s is not Yes or No.'
APP_ROW_SHAPE = "expected a list of rows [[...] [...]], got %s."
APP_ROLE_TWICE = 'the role "%s" is given more than once.'
APP_UNSUPPORTED = 'WASX7107E: Option "%s" of AdminApp.%s is not supported by the stwas harness; it emulates: %s.'
APP_BAD_OPTIONS = "WASX7131E: Cannot parse the options of AdminApp.%s: %s"
# -MapWebModToVH: [L] WASX7111E (a row that matches no module; the row as Java's List.toString), [U] the details
APP_NO_MATCH = 'WASX7111E: Cannot find a match for supplied option: "%s" for task "%s"'
APP_WEBMOD_COLUMNS = "row %s has %d columns; expected 3 (web module, URI, virtual host)."
APP_VIRTUAL_HOST_UNKNOWN = 'the virtual host "%s" is not defined in cell %s.'
# [L] the view text of -MapWebModToVH: heading and 'Label:  value' lines per web module
WEBMOD_VIEW_HEADING = (
    "MapWebModToVH: Selecting virtual hosts for Web modules",
    "",
    "Specify the virtual host where you want to install the Web modules that are contained in your application. "
    "Web modules can be installed on the same virtual host or dispersed among several hosts.",
)
WEBMOD_LABEL_MODULE = "Web module"
WEBMOD_LABEL_URI = "URI"
WEBMOD_LABEL_VIRTUAL_HOST = "Virtual host"

# ----------------------------------------------------------------------------------------------------
# help(): the scripting objects' help and the Help object (harness/scripting/adminconfig.py, adminapp.py,
# admincontrol.py, launcher Help)
# [V] layout of a method's help: "WASX7061I: Method: <name>" then an "Arguments:" and a "Description:" block
# (AdminConfig.help('attributes'), wsadmin-semantics.md 12); [U] the descriptions (IBM's wording, shortened)
METHOD_HELP = ("WASX7061I: Method: %s", "", "\tArguments: %s", "", "\tDescription: %s")
# [U] help(name) for a name the object has no method of
NO_SUCH_METHOD = "WASX7062E: Method %s does not exist for the %s object."
# [U] general help: the header, then one "<method padded to 24> <summary>" line per method
OBJECT_METHODS_HEADER = "WASX7053I: The following functions are supported by %s:"
OBJECT_METHOD_LINE = "%-*s%s"  # the method column is as wide as the longest name + 2, at least 24
# method -> (arguments, one-line summary, description)
ADMINCONFIG_METHODS = {
    "attributes": (
        "object type",
        "Show the attributes for a given type",
        'Displays all the possible attributes contained by an object of type "object type", as well as '
        "the type of each attribute.  If the attribute represents a reference to another object, the type "
        'of the attribute has "@" appended; a collection of objects has "*" appended; an enum is shown '
        "as ENUM followed by its possible values.",
    ),
    "checkin": (
        "document URI, filename, opaque object",
        "Check a file into the configuration repository",
        "Checks the file named by filename into the configuration repository at the location described by "
        "the document URI; the opaque object is the one extract() returned.",
    ),
    "create": (
        "type, parent ID, attributes, optional parent attribute name",
        "Creates a configuration object, given a type, a parent, and a list of attributes",
        'Creates a configuration object of type "type" as a child of the object "parent ID", with the given '
        "attributes; the optional name of the parent's attribute chooses where the new object goes.",
    ),
    "createDocument": (
        "document URI, filename",
        "Create a new document in the configuration repository",
        "Creates a document at the given URI with the contents of the given file.",
    ),
    "createUsingTemplate": (
        "type, parent ID, attributes, template ID",
        "Create an object using a particular template type",
        'Creates an object of type "type" under "parent ID" using the template "template ID", '
        "overriding the template's attributes with the given ones.",
    ),
    "defaults": (
        "type",
        "Displays the default values for attributes of a given type",
        'Displays the attributes of type "type" with their types and default values, if any.',
    ),
    "deleteDocument": (
        "document URI",
        "Delete a document from the configuration repository",
        "Deletes the document at the given URI.",
    ),
    "existsDocument": (
        "document URI",
        "Tests for the existence of a document in the configuration repository",
        "Returns 1 if a document exists at the given URI, 0 otherwise.",
    ),
    "extract": (
        "document URI, filename",
        "Extract a file from the configuration repository",
        "Copies the document at the given URI to the named file and returns an opaque object to give to checkin().",
    ),
    "getCrossDocumentValidationEnabled": (
        "none",
        "Returns true if cross-document validation is enabled",
        "Returns a message with the current cross-document enablement setting.",
    ),
    "getObjectName": (
        "config ID",
        "Given a config id, return a string version of the ObjectName for the corresponding running MBean, if any",
        "Returns the ObjectName of the running MBean for the configuration object, or an empty string if there is none.",
    ),
    "getObjectType": (
        "config ID",
        "Return the type of the given configuration object",
        "Returns the type of the object with the given configuration id.",
    ),
    "getSaveMode": ("none", 'Returns the mode used when "save" is invoked', "Returns rollbackOnConflict or overwriteOnConflict."),
    "getValidationLevel": (
        "none",
        "Returns the validation used when files are extracted from the repository",
        "Returns the validation level.",
    ),
    "getid": (
        "containment path",
        "Show the configObjects with a given containment path",
        'Returns the configuration ids of the objects matching a containment path like "/Node:n/Server:s/".',
    ),
    "hasChanges": (
        "none",
        "Returns true if unsaved configuration changes exist",
        "Returns 1 if the workspace has unsaved changes, 0 otherwise.",
    ),
    "help": ("method name", "Show help information", "Displays help for a method, or lists the methods."),
    "list": (
        "object type, optional scope or pattern",
        "Lists all configuration objects of a given type",
        'Lists the configuration objects of type "object type", optionally only those under the object "scope" '
        "or those whose id matches the pattern.",
    ),
    "listTemplates": (
        "object type, optional pattern",
        "Lists all available configuration templates of a given type",
        'Lists the templates of type "object type", optionally only those matching the pattern.',
    ),
    "modify": (
        "config ID, attributes",
        "Change specified attributes of a given configuration object",
        "Sets the given attributes of the configuration object; list attributes are appended to.",
    ),
    "parents": (
        "object type",
        "Show the objects which contain a given type",
        'Displays the types that can contain an object of type "object type".',
    ),
    "queryChanges": (
        "none",
        "Returns a list of unsaved files",
        "Lists the documents of the workspace that have unsaved changes.",
    ),
    "remove": (
        "config ID",
        "Removes the specified configuration object",
        "Removes the configuration object and everything it contains.",
    ),
    "required": (
        "type",
        "Displays the required attributes of a given type",
        'Displays the attributes of type "type" that must be given when an object of that type is created.',
    ),
    "reset": ("none", "Discard unsaved configuration changes", "Discards every unsaved change of the workspace."),
    "resetAttributes": (
        "config ID, attributes",
        "Resets the specified attributes of a given configuration object",
        "Sets the given attributes, replacing list attributes instead of appending to them.",
    ),
    "save": (
        "none",
        "Commit unsaved changes to the configuration repository",
        "Saves the workspace's changes to the configuration repository.",
    ),
    "setCrossDocumentValidationEnabled": (
        "true or false",
        "Sets the cross-document validation enabled mode",
        "Enables or disables cross-document validation.",
    ),
    "setSaveMode": (
        "mode",
        'Changes the mode used when "save" is invoked',
        "Sets the save mode: rollbackOnConflict or overwriteOnConflict.",
    ),
    "setValidationLevel": (
        "level",
        "Sets the validation used when files are extracted from the repository",
        "Sets the validation level: NONE, LOW, MEDIUM, HIGH or HIGHEST.",
    ),
    "show": (
        "config ID, optional attribute names",
        "Show the attributes of a given configuration object",
        "Displays the attributes of the configuration object, or only the named ones.",
    ),
    "showAttribute": (
        "config ID, attribute name",
        "Displays only the value for the single attribute specified",
        "Returns the value of one attribute of the configuration object.",
    ),
    "showall": (
        "config ID, optional attribute names",
        "Recursively show the attributes of a given configuration object",
        "Displays the attributes of the configuration object and of the objects it contains.",
    ),
    "types": (
        "optional pattern",
        "Show the possible types for configuration",
        "Lists the configuration types, optionally only those matching the pattern.",
    ),
    "unsetAttributes": (
        "config ID, attribute names",
        "Unsets the specified attributes",
        "Resets the named attributes of the configuration object to their defaults.",
    ),
    "validate": (
        "optional config ID",
        "Invokes validation",
        "Validates the workspace, or the configuration object, and reports the results.",
    ),
}
ADMINAPP_METHODS = {
    "edit": (
        "application name, options",
        "Edit the properties of an application",
        "Edits the application's binding tasks (the harness emulates -MapRolesToUsers and -MapWebModToVH).",
    ),
    "list": (
        "optional target",
        "List all installed applications",
        "Lists the installed applications (system applications are not listed).",
    ),
    "uninstall": ("application name, options", "Uninstall an application", "Uninstalls the named application."),
    "view": ("application name, optional task names", "View an application or module", "Shows the application's binding tasks."),
    "help": ("method name", "Show help information", "Displays help for a method, or lists the methods."),
}
ADMINCONTROL_HELP = "WASX7027I: The AdminControl object enables the manipulation of MBeans running in a WebSphere server process."
# [U] the Help object's general help
HELP_OBJECT = (
    "WASX7028I: The Help object has two purposes:",
    "",
    "\tFirst, provide general help information for the objects supplied by wsadmin for scripting: Help, "
    "AdminApp, AdminConfig, AdminControl and AdminTask.",
    "",
    "\tSecond, provide a means to obtain interface information about MBeans running in the system.",
    "",
    "\tAdminApp\tprovide help on the AdminApp object",
    "\tAdminConfig\tprovide help on the AdminConfig object",
    "\tAdminControl\tprovide help on the AdminControl object",
    "\tAdminTask\tprovide help on the AdminTask object",
    "\thelp\t\tprovide help on the Help object",
)
# [U] Help's MBean methods (attributes, operations, ...) in local mode: the control service is not running
HELP_NEEDS_SERVER = "WASX7206W: The control service is not running. Control commands are not available."


# The Help object's methods: the objects' general help, and the MBean ones (they need a server)
HELP_TOPICS = (
    "AdminApp",
    "AdminConfig",
    "AdminControl",
    "AdminTask",
    "help",
    "all",
    "attributes",
    "classname",
    "constructors",
    "description",
    "message",
    "notifications",
    "operations",
)


def help_object(topic, sep="\n"):
    """What the Help object's method `topic` answers: Help.AdminConfig() and the like give the object's
    general help, Help.help() the Help object's own; the MBean methods need a server."""
    if topic == "AdminConfig":
        return object_help(ADMINCONFIG_METHODS, "AdminConfig", sep)
    if topic == "AdminApp":
        return object_help(ADMINAPP_METHODS, "AdminApp", sep)
    if topic == "AdminTask":
        return sep.join(TASK_HELP_GENERAL)
    if topic == "AdminControl":
        return ADMINCONTROL_HELP
    if topic == "help":
        return sep.join(HELP_OBJECT)
    return HELP_NEEDS_SERVER


def method_help(methods, method, object_name, sep="\n"):
    """WASX7061I help of one method from a METHODS table, or NO_SUCH_METHOD."""
    entry = methods.get(method)
    if entry is None:
        return NO_SUCH_METHOD % (method, object_name)
    arguments, _summary, description = entry
    return sep.join(METHOD_HELP) % (method, arguments, description)


def object_help(methods, object_name, sep="\n"):
    """WASX7053I: the object's methods, one summary line each."""
    width = max([24] + [len(m) + 2 for m in methods])
    return sep.join(
        [OBJECT_METHODS_HEADER % object_name, ""] + [OBJECT_METHOD_LINE % (width, m, methods[m][1]) for m in sorted(methods)]
    )


# ----------------------------------------------------------------------------------------------------
# The save (harness/config/repository/journal.py, lock.py)
# [U] every text is one line and says what was saved (SAVE_CONFLICT is with the documents above)
SAVE_LOCKED = (
    "ADMR0010E: The configuration repository %s is locked by another save (%s) and was not released "
    "within %g seconds; nothing was saved."
)
SAVE_FAILED = "ADMR0011E: The configuration was not saved: cannot write %s (%s); no document was changed."
SAVE_ROLLBACK_FAILED = (
    "ADMR0012E: The configuration save failed at %s (%s) and could not be undone now (%s); the next open of %s %s."
)
SAVE_RECOVERY_FAILED = "ADMR0013E: An interrupted save in %s cannot be finished (%s); nothing was saved."
SAVE_JOURNAL_UNREADABLE = "ADMR0014E: The save journal %s cannot be read; no save can run until it is inspected and removed."
# [U] an edit of an object whose xmi:id occurs more than once in its document
AMBIGUOUS_OBJECT = (
    'ADMR0015E: The object id "%s" is not unique (%s); the object to change is ambiguous and '
    "nothing was changed. Give each object its own xmi:id."
)

# Harness-only: a directory without cells/<cell>/cell.xml (the one check: harness/config/repository/tree.py
# is_config_root); the launcher prefixes "wsadmin: -configRoot ", the plan "plan: ".
NOT_A_CONFIG_ROOT = "%s is not a WebSphere configuration directory (no cells/<cell>/cell.xml)"

# Harness-only (the launcher; no wsadmin equivalent): one line each, then a usage exit code.
JYTHON21_NOT_FOUND = (
    "wsadmin: -interpreter jython21: no Jython 2.1 here: set STWAS_JYTHON21 to its launcher "
    "(../shared/jython21/build.sh builds one and prints its path)"
)
JYTHON21_NOT_EXECUTABLE = "wsadmin: -interpreter jython21: STWAS_JYTHON21=%s is not an executable file"
JYTHON21_BUILD_FAILED = "wsadmin: -interpreter jython21: %s failed: %s"
JYTHON27_NOT_FOUND = "wsadmin: -interpreter jython: jython is not on PATH (apt-get install jython), or set STWAS_JYTHON"
JYTHON_START_FAILED = "wsadmin: cannot start %s (%s); use -interpreter cpython"
JAVAC_MISSING = (
    "wsadmin: javac not found: the wsadmin exception classes for Jython are compiled at first use; "
    "install a JDK (e.g. apt-get install default-jdk-headless)"
)
JAVAC_FAILED = "wsadmin: javac failed on harness/launcher/java: %s"
