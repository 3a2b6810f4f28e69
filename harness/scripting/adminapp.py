"""AdminApp over the configuration repository (wsadmin-semantics.md section 6).

Emulated: ``list([target])``, ``view(app [, options])`` and ``edit(app, options)`` for the tasks
``MapRolesToUsers`` and ``MapWebModToVH`` (web modules to virtual hosts: harness/was/webmodules.py holds where
WAS keeps it), ``uninstall(app)``, ``help()``.  Everything else a real AdminApp can do (install, update, other
install tasks) is out of scope and raises a ScriptingException naming what is emulated.

Storage [V/L, sametime-operations.md 7.1]: the deployed application's binding document
``cells/C/applications/<app>.ear/deployments/<app>/META-INF/ibm-application-bnd.xmi``::

    <authorizationTable xmi:id="AuthorizationTable_1">
      <authorizations xmi:id="RoleAssignment_1">
        <specialSubjects xmi:type="applicationbnd:AllAuthenticatedUsers" xmi:id="AllAuthenticatedUsers_1"
                         name="AllAuthenticatedUsers"/>
        <role href="META-INF/application.xml#SecurityRole_1"/>
      </authorizations>
    </authorizationTable>

Roles come from ``META-INF/application.xml`` (``<security-role id=...><role-name>``).  Every change goes
through the Document mutation API, so only the changed lines of the binding document change and a change
that is undone gives the original bytes back.  Like the real AdminApp.edit, changes stay in the workspace
until ``AdminConfig.save()`` (``AdminConfig.reset()`` discards them).

Every choice that a real WAS would have to confirm is a named [U] constant below.
"""

import posixpath
import re

from harness.base import messages as M
from harness.base import wsadmin_semantics as S
from harness.base.errors import ScriptingException
from harness.config.repository.document import XMI_NS
from harness.was import webmodules

XMI_ID = "{%s}id" % XMI_NS
XMI_TYPE = "{%s}type" % XMI_NS

# ------------------------------------------------------------------------------------------------
# Messages
# ------------------------------------------------------------------------------------------------
# [V] (wsadmin-semantics.md 4.2)
# [U] the inner validation texts of WASX7108E (ADMA ids and wording unverified).
# [U] an option/task the harness does not emulate (or that does not exist).

TASK = "MapRolesToUsers"
WEBMOD_TASK = "MapWebModToVH"
EMULATED_TASKS = ("-" + TASK, "-" + WEBMOD_TASK)

# ------------------------------------------------------------------------------------------------
# [U] view(app, ['-MapRolesToUsers']) text: heading, the blank-line-separated block per role and the
# field labels (research: the -MapRunAsRolesToUsers view has this block style with 'Role:' lines [V];
# the -MapRolesToUsers labels are our reconstruction).  Label and value are separated by two spaces
# like the other AdminApp.view blocks ('Virtual host:  default_host').
# ------------------------------------------------------------------------------------------------
VIEW_HEADING = [
    "MapRolesToUsers: Map special subjects, users and groups to roles",
    "",
    "Each role that is defined in the application or module must map to a user or group from the domain user registry.",
    "",
    "accessIds are optional for both users and groups. The accessIds are not required to be specified "
    "because they are automatically generated based on information that is obtained from the user registry.",
]
LABEL_ROLE = "Role"
LABEL_EVERYONE = "Everyone?"
LABEL_ALL_AUTH = "All authenticated in application's realm?"
LABEL_USERS = "Mapped users"
LABEL_GROUPS = "Mapped groups"
LABEL_TRUSTED = "All authenticated in trusted realms?"
LABEL_USER_IDS = "Mapped users access ids"
LABEL_GROUP_IDS = "Mapped groups access ids"
LABEL_SEP = ":  "
VIEW_YES, VIEW_NO = "Yes", "No"
# Users, groups and access ids inside one column are separated by "|" [V edit syntax].
LIST_SEP = "|"

# ------------------------------------------------------------------------------------------------
# [U] binding document details
# ------------------------------------------------------------------------------------------------
# Special-subject classes (CFGDOC packages/applicationbnd [V]) and the name attribute written for them.
EVERYONE = "Everyone"
ALL_AUTHENTICATED = "AllAuthenticatedUsers"
ALL_AUTHENTICATED_TRUSTED = "AllAuthenticatedInTrustedRealms"
SPECIAL_NAMES = {
    EVERYONE: "Everyone",
    ALL_AUTHENTICATED: "AllAuthenticatedUsers",
    ALL_AUTHENTICATED_TRUSTED: "AllAuthenticatedInTrustedRealms",
}
# Order of RoleAssignment's children: the [V] sample has specialSubjects before role; users and groups
# are placed after the special subjects and before role [U].
CHILD_ORDER = ("specialSubjects", "users", "groups", "role")
# New xmi:ids: "<Type>_<n>" with the lowest n >= 1 not used in the document [U: WAS uses
# "<Type>_<timestamp>"; the counter keeps the ids of the documents shipped with the applications
# ("RoleAssignment_1", "AllAuthenticatedUsers_1") and makes an undone change byte-identical].
# The 5-column edit form leaves "All authenticated in trusted realms?" as it is, and keeps the access
# id of a user/group whose name stays mapped [U].
FIVE_COLUMNS_KEEP_TRUSTED = True
# list() order: application names sorted [U: real order is the repository's].
LIST_SORTED = True
# Namespace of a binding document created by edit() when the application has none [L].
BND_NSMAP = [("applicationbnd", "applicationbnd.xmi"), ("application", "application.xmi")]
BND_FILE = "META-INF/ibm-application-bnd.xmi"
APP_DD_FILE = "META-INF/application.xml"

_YES = ("yes",)
_NO = ("no",)


def _local(tag):
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1]


def _ptype(el):
    """Special-subject class of an element (xmi:type 'applicationbnd:Everyone' or the long-prefix form)."""
    t = el.get(XMI_TYPE) or ""
    return t.rsplit(":", 1)[-1]


# ------------------------------------------------------------------------------------------------
# option text
# ------------------------------------------------------------------------------------------------
_TOKEN_RE = re.compile(r'\s*(?:(\[)|(\])|"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([^\s\[\]"]+))')


def parse_brackets(s, command="edit"):
    """'[-a [["x y" No] [b c]]]' -> ['-a', [['x y', 'No'], ['b', 'c']]] (one outer [...] is unwrapped)."""
    s = str(s)
    stack = [[]]
    pos = 0
    n = len(s)
    while pos < n:
        if s[pos:].strip() == "":
            break
        m = _TOKEN_RE.match(s, pos)
        if not m or m.end() == pos:
            raise ScriptingException(M.APP_BAD_OPTIONS % (command, s))
        pos = m.end()
        if m.group(1):
            stack.append([])
        elif m.group(2):
            if len(stack) == 1:
                raise ScriptingException(M.APP_BAD_OPTIONS % (command, s))
            top = stack.pop()
            stack[-1].append(top)
        elif m.group(3) is not None:
            stack[-1].append(re.sub(r"\\(.)", r"\1", m.group(3)))
        elif m.group(4) is not None:
            stack[-1].append(m.group(4))
        else:
            stack[-1].append(m.group(5))
    if len(stack) != 1:
        raise ScriptingException(M.APP_BAD_OPTIONS % (command, s))
    out = stack[0]
    if len(out) == 1 and isinstance(out[0], list):
        out = out[0]
    return out


def _option_items(options, command):
    """options (string or list form) -> [(name, value)] with value None, a string or a nested list."""
    if options is None:
        return []
    if isinstance(options, (list, tuple)):
        flat = []
        for item in options:
            if isinstance(item, (list, tuple)):
                flat.append([_plain(x) for x in item])
            else:
                s = str(item)
                if s.strip().startswith("-") and (" " in s.strip() or "[" in s):
                    flat.extend(parse_brackets(s, command))
                else:
                    flat.append(s)
    else:
        if not str(options).strip():
            return []
        flat = parse_brackets(options, command)
    out = []
    i = 0
    while i < len(flat):
        name = flat[i]
        if not isinstance(name, str) or not name.startswith("-"):
            raise ScriptingException(M.APP_BAD_OPTIONS % (command, "expected an option name, got %r" % (name,)))
        value = None
        if i + 1 < len(flat) and not (isinstance(flat[i + 1], str) and flat[i + 1].startswith("-")):
            value = flat[i + 1]
            i += 1
        if isinstance(value, str) and value.strip().startswith("["):
            value = parse_brackets(value, command)
            if value and not isinstance(value[0], list):
                value = [value]
        out.append((name, value))
        i += 1
    return out


def _plain(x):
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    return "" if x is None else str(x)


def _validation_error(task, detail):
    """How wsadmin reports a bad row of an install/edit task: WASX7108E wrapping ADMA0010E."""
    return ScriptingException(M.APP_TASK_INVALID % (task, M.APP_VALIDATION_ERROR % (task, detail)))


def _row_text(row):
    """A row as wsadmin writes it: [a "b c" ""]."""

    def q(v):
        v = str(v)
        return '"%s"' % v if (v == "" or " " in v) else v

    return "[" + " ".join(q(v) for v in row) + "]"


def _yes_no(token, column, role, task=TASK):
    t = str(token).strip()
    if t.startswith("AppDeploymentOption."):
        t = t[len("AppDeploymentOption.") :]
    if t.lower() in _YES:
        return True
    if t.lower() in _NO:
        return False
    raise _validation_error(task, M.APP_ROW_YESNO % (token, column, role))


def _cell_matches(pattern, value):
    """A -MapWebModToVH key column: equal, or a regular expression matching the whole value."""
    if pattern == value:
        return True
    if not S.WEBMOD_ROW_REGEX:
        return False
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        return False


def _split_list(v):
    v = "" if v is None else str(v)
    return [p for p in v.split(LIST_SEP)] if v != "" else []


# ------------------------------------------------------------------------------------------------
class RoleMapping(object):
    """The mapping of one role as view shows it."""

    __slots__ = ("role", "everyone", "all_auth", "trusted", "users", "groups")

    def __init__(self, role):
        self.role = role
        self.everyone = False
        self.all_auth = False
        self.trusted = False
        self.users = []  # [(name, accessId or '')]
        self.groups = []

    def block(self, yes=VIEW_YES, no=VIEW_NO):
        def yn(b):
            return yes if b else no

        rows = [
            (LABEL_ROLE, self.role),
            (LABEL_EVERYONE, yn(self.everyone)),
            (LABEL_ALL_AUTH, yn(self.all_auth)),
            (LABEL_USERS, LIST_SEP.join(n for n, _ in self.users)),
            (LABEL_GROUPS, LIST_SEP.join(n for n, _ in self.groups)),
            (LABEL_TRUSTED, yn(self.trusted)),
            (LABEL_USER_IDS, LIST_SEP.join(a for _, a in self.users) if any(a for _, a in self.users) else ""),
            (LABEL_GROUP_IDS, LIST_SEP.join(a for _, a in self.groups) if any(a for _, a in self.groups) else ""),
        ]
        return ["%s%s%s" % (k, LABEL_SEP, v) for k, v in rows]


class _App(object):
    """Where one deployed application lives in the repository."""

    def __init__(self, name, ear_dir, dep_dir):
        self.name = name
        self.ear_dir = ear_dir  # cells/C/applications/X.ear
        self.dep_dir = dep_dir  # cells/C/applications/X.ear/deployments/X

    @property
    def bnd_uri(self):
        return self.dep_dir + "/" + BND_FILE

    @property
    def dd_uri(self):
        return self.dep_dir + "/" + APP_DD_FILE

    @property
    def deployment_uri(self):
        return self.dep_dir + "/deployment.xml"


class AdminApp(object):
    """AdminApp(session): session.repository (harness Repository) and session.line_separator."""

    def __init__(self, session, line_separator=None):
        repo = getattr(session, "repository", None)
        if repo is None:  # a bare Repository
            repo = session
        self._repo = repo
        self._sep = line_separator or getattr(session, "line_separator", None) or "\n"

    def __repr__(self):
        return "AdminApp"

    # ---------------------------------------------------------------------------- discovery
    def _apps(self):
        out = {}
        for uri in self._repo.uris("cells"):
            parts = uri.split("/")
            # cells/C/applications/X.ear/deployments/X/deployment.xml
            if len(parts) == 7 and parts[2] == "applications" and parts[4] == "deployments" and parts[6] == "deployment.xml":
                name = parts[5]
                out.setdefault(name, _App(name, "/".join(parts[:4]), "/".join(parts[:6])))
        return out

    def _app(self, name):
        app = self._apps().get(str(name))
        if app is None:
            raise ScriptingException(M.APP_NOT_FOUND % name)
        return app

    def _is_system_app(self, app):
        """A system application (its binaries under $(WAS_INSTALL_ROOT)/systemApps): list() leaves it out."""
        doc = self._repo.doc(app.deployment_uri)
        if doc is None:
            return False
        for el in doc.root.iter():
            url = el.get("binariesURL") if isinstance(el.tag, str) else None
            if url is not None:
                return url.startswith(S.SYSTEM_APPS_BINARIES)
        return False

    def _targets(self, app):
        """[(kind, name, node)] of the application's deployment targets."""
        doc = self._repo.doc(app.deployment_uri)
        out = []
        if doc is None:
            return out
        for el in doc.root.iter():
            if _local(el.tag) == "deploymentTargets":
                kind = _ptype(el)
                out.append((kind, el.get("name") or "", el.get("nodeName") or ""))
        return out

    # ---------------------------------------------------------------------------- list
    def list(self, target=None):
        """Application names, line-separated; with a target 'WebSphere:cell=C,node=N,server=S' (or
        cluster=X) only the applications deployed there."""
        names = [n for n, app in self._apps().items() if not self._is_system_app(app)]
        if target is not None and str(target).strip():
            want = {}
            for part in str(target).split(":", 1)[-1].split(","):
                if "=" in part:
                    k, v = part.split("=", 1)
                    want[k.strip()] = v.strip()
            apps = self._apps()
            keep = []
            for n in names:
                for kind, tname, tnode in self._targets(apps[n]):
                    if "cluster" in want:
                        ok = kind == "ClusteredTarget" and tname == want["cluster"]
                    else:
                        ok = (
                            kind == "ServerTarget"
                            and (not want.get("server") or tname == want["server"])
                            and (not want.get("node") or tnode == want["node"])
                        )
                    if ok:
                        keep.append(n)
                        break
            names = keep
        if LIST_SORTED:
            names.sort()
        return self._sep.join(names)

    # ---------------------------------------------------------------------------- roles
    def _roles(self, app):
        """[(role name, SecurityRole id)] in application.xml order."""
        doc = self._repo.doc(app.dd_uri)
        out = []
        if doc is None:
            return out
        for el in doc.root.iter():
            if _local(el.tag) == "security-role":
                name = None
                for c in el:
                    if _local(c.tag) == "role-name":
                        name = (c.text or "").strip()
                if name:
                    out.append((name, el.get("id") or el.get(XMI_ID) or ""))
        return out

    def _bnd(self, app):
        return self._repo.doc(app.bnd_uri)

    def _assignments(self, app, doc, roles):
        """{role name: RoleAssignment element} of the binding document."""
        by_id = dict((rid, name) for name, rid in roles)
        out = {}
        if doc is None:
            return out
        for ra in doc.root.iter():
            if _local(ra.tag) != "authorizations":
                continue
            for c in ra:
                if _local(c.tag) == "role":
                    href = c.get("href") or ""
                    rid = href.split("#", 1)[-1]
                    path = href.split("#", 1)[0] if "#" in href else ""
                    if path and posixpath.normpath(path) != posixpath.normpath(APP_DD_FILE):
                        continue
                    name = by_id.get(rid)
                    if name is not None and name not in out:
                        out[name] = ra
        return out

    @staticmethod
    def _mapping_of(name, ra):
        m = RoleMapping(name)
        if ra is None:
            return m
        for c in ra:
            tag = _local(c.tag)
            if tag == "specialSubjects":
                t = _ptype(c)
                if t == EVERYONE:
                    m.everyone = True
                elif t == ALL_AUTHENTICATED:
                    m.all_auth = True
                elif t == ALL_AUTHENTICATED_TRUSTED:
                    m.trusted = True
            elif tag == "users":
                m.users.append((c.get("name") or "", c.get("accessId") or ""))
            elif tag == "groups":
                m.groups.append((c.get("name") or "", c.get("accessId") or ""))
        return m

    def role_mappings(self, app_name):
        """Harness-internal: [RoleMapping] of an application (for tests and other harness code)."""
        app = self._app(app_name)
        roles = self._roles(app)
        doc = self._bnd(app)
        ras = self._assignments(app, doc, roles)
        return [self._mapping_of(name, ras.get(name)) for name, _ in roles]

    # ---------------------------------------------------------------------------- view
    def view(self, app_name, options=None):
        """view(app) or view(app, ['-MapRolesToUsers']) / view(app, '-MapRolesToUsers'): the task's text."""
        app = self._app(app_name)
        names = [n for n, _ in _option_items(options, "view")]
        for n in names:
            if n not in EMULATED_TASKS:
                raise ScriptingException(M.APP_UNSUPPORTED % (n, "view", ", ".join(EMULATED_TASKS)))
        lines = []
        for task in [t for t in S.VIEW_TASK_ORDER if t in names] or list(S.VIEW_TASK_ORDER):
            if lines:
                lines.append("")  # a blank line between the tasks' blocks [U]
            lines.extend(self._view_roles(app) if task == "-" + TASK else self._view_web_modules(app))
        return self._sep.join(lines)

    def _view_roles(self, app):
        lines = list(VIEW_HEADING)
        for m in self.role_mappings(app.name):
            lines.append("")
            lines.extend(m.block())
        return lines

    def _view_web_modules(self, app):
        lines = list(M.WEBMOD_VIEW_HEADING)
        for wm in webmodules.web_modules(self._repo, app.deployment_uri):
            lines.append("")
            for label, value in (
                (M.WEBMOD_LABEL_MODULE, wm.name),
                (M.WEBMOD_LABEL_URI, wm.uri_column),
                (M.WEBMOD_LABEL_VIRTUAL_HOST, wm.virtual_host()),
            ):
                lines.append("%s%s%s" % (label, LABEL_SEP, value))
        return lines

    # ---------------------------------------------------------------------------- edit
    def edit(self, app_name, options):
        """edit(app, '[-MapRolesToUsers [["role" Everyone? AllAuth? "users" "groups"]]]') and the 8-column
        and list forms; changes the workspace, returns ''."""
        app = self._app(app_name)
        items = _option_items(options, "edit")
        if not items:
            raise ScriptingException(M.APP_BAD_OPTIONS % ("edit", "no options given"))
        for name, _value in items:
            if name not in EMULATED_TASKS:
                raise ScriptingException(M.APP_UNSUPPORTED % (name, "edit", ", ".join(EMULATED_TASKS)))
        # every task's rows are validated before the first change
        planned = []
        for name, value in items:
            if name == "-" + TASK:
                roles = self._roles(app)
                planned.append((self._apply_roles, (app, self._rows(app, value, roles), roles)))
            else:
                planned.append((self._apply_web_modules, (self._web_module_plan(app, value),)))
        for fn, args in planned:
            fn(*args)
        return ""

    # ---------------------------------------------------------------------------- -MapWebModToVH
    def _web_module_plan(self, app, value):
        """[(WebModule, virtual host)] from the rows (validated: shape, defined virtual host, a match per row)."""
        task = WEBMOD_TASK
        if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
            raise _validation_error(task, M.APP_ROW_SHAPE % (value,))
        modules = webmodules.web_modules(self._repo, app.deployment_uri)
        defined = webmodules.virtual_host_names(self._repo) if S.WEBMOD_VIRTUAL_HOST_MUST_EXIST else None
        wanted = {}
        order = []
        for raw in value:
            row = [_plain(x) for x in raw]
            if any(isinstance(x, list) for x in row):
                raise _validation_error(task, M.APP_ROW_SHAPE % (_row_text(raw),))
            if len(row) != 3:
                raise _validation_error(task, M.APP_WEBMOD_COLUMNS % (_row_text(row), len(row)))
            name, uri, vh = row
            if defined is not None and vh not in defined:
                raise _validation_error(task, M.APP_VIRTUAL_HOST_UNKNOWN % (vh, self._repo.cell_name))
            hits = [wm for wm in modules if _cell_matches(name, wm.name) and _cell_matches(uri, wm.uri_column)]
            if not hits:
                raise ScriptingException(M.APP_NO_MATCH % ("[%s]" % ", ".join(row), task))
            for wm in hits:
                if wm.uri not in wanted:
                    order.append(wm)
                elif not S.WEBMOD_LAST_ROW_WINS:
                    continue
                wanted[wm.uri] = vh
        return [(wm, wanted[wm.uri]) for wm in order]

    @staticmethod
    def _apply_web_modules(plan):
        for wm, vh in plan:
            wm.set_virtual_host(vh)

    def _rows(self, app, value, roles):
        task = TASK
        if not isinstance(value, list) or not value or not all(isinstance(r, list) for r in value):
            raise _validation_error(task, M.APP_ROW_SHAPE % (value,))
        known = [n for n, _ in roles]
        rows = []
        seen = set()
        for raw in value:
            row = [_plain(x) for x in raw]
            if any(isinstance(x, list) for x in row):
                raise _validation_error(task, M.APP_ROW_SHAPE % (_row_text(raw),))
            role = row[0] if row else ""
            if len(row) not in (5, 8):
                raise _validation_error(task, M.APP_ROW_COLUMNS % (_row_text(row), len(row)))
            if role not in known:
                raise _validation_error(task, M.APP_ROLE_UNKNOWN % (role, app.name))
            if role in seen:
                raise _validation_error(task, M.APP_ROLE_TWICE % (role,))
            seen.add(role)
            spec = {
                "role": role,
                "everyone": _yes_no(row[1], 2, role),
                "all_auth": _yes_no(row[2], 3, role),
                "users": _split_list(row[3]),
                "groups": _split_list(row[4]),
                "full": len(row) == 8,
            }
            if len(row) == 8:
                spec["trusted"] = _yes_no(row[5], 6, role)
                spec["user_ids"] = _split_list(row[6])
                spec["group_ids"] = _split_list(row[7])
            rows.append(spec)
        return rows

    def _apply_roles(self, app, rows, roles):
        role_ids = dict(roles)
        doc = self._bnd(app)
        for spec in rows:
            ras = self._assignments(app, doc, roles)
            ra = ras.get(spec["role"])
            cur = self._mapping_of(spec["role"], ra)
            want_trusted = spec["trusted"] if spec["full"] else (cur.trusted if FIVE_COLUMNS_KEEP_TRUSTED else False)
            users = self._subjects(spec["users"], spec.get("user_ids"), cur.users, spec["full"])
            groups = self._subjects(spec["groups"], spec.get("group_ids"), cur.groups, spec["full"])
            want = (spec["everyone"], spec["all_auth"], want_trusted, users, groups)
            if want == (cur.everyone, cur.all_auth, cur.trusted, cur.users, cur.groups):
                continue
            if doc is None:
                doc = self._new_bnd(app)
            if ra is None:
                ra = self._new_assignment(doc, role_ids[spec["role"]])
            self._apply(doc, ra, spec["everyone"], spec["all_auth"], want_trusted, users, groups)

    @staticmethod
    def _subjects(names, ids, current, full):
        cur_ids = dict(current)
        out = []
        for i, n in enumerate(names):
            if full:
                a = ids[i] if ids is not None and i < len(ids) else ""
            else:
                a = cur_ids.get(n, "")
            out.append((n, a))
        return out

    # ---------------------------------------------------------------------------- document changes
    def _new_id(self, doc, typename):
        used = set()
        for el in doc.root.iter():
            if isinstance(el.tag, str):
                i = el.get(XMI_ID)
                if i:
                    used.add(i)
        n = 1
        while "%s_%d" % (typename, n) in used:
            n += 1
        return "%s_%d" % (typename, n)

    def _bnd_prefix(self, doc):
        root = doc.root
        uri = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else None
        for p, u in doc.prefixes().items():
            if u == uri:
                return p
        return "applicationbnd"

    def _register(self, doc, el, typename):
        try:
            self._repo.register_element(doc, el, typename)
        except Exception:  # noqa: BLE001 - index bookkeeping only
            pass

    def _forget(self, doc, el):
        try:
            self._repo.forget_element(doc, el)
        except Exception:  # noqa: BLE001
            pass

    def _insert_ordered(self, doc, parent, el, feature):
        rank = CHILD_ORDER.index(feature)
        pos = 0
        for i, c in enumerate(list(parent)):
            f = _local(c.tag)
            if f in CHILD_ORDER and CHILD_ORDER.index(f) <= rank:
                pos = i + 1
        doc.insert_child(parent, pos, el)

    def _new_bnd(self, app):
        doc = self._repo.new_document(
            app.bnd_uri, "applicationbnd:ApplicationBinding", BND_NSMAP, [("xmi:id", "Application_ID_Bnd")]
        )
        return doc

    def _new_assignment(self, doc, role_id):
        table = None
        for c in doc.root:
            if _local(c.tag) == "authorizationTable":
                table = c
        if table is None:
            table = doc.make_element("authorizationTable", [("xmi:id", self._new_id(doc, "AuthorizationTable"))])
            doc.insert_child(doc.root, 0, table)
            self._register(doc, table, "AuthorizationTable")
        ra = doc.make_element("authorizations", [("xmi:id", self._new_id(doc, "RoleAssignment"))])
        ra.append(doc.make_element("role", [("href", "%s#%s" % (APP_DD_FILE, role_id))]))
        doc.append_child(table, ra)
        self._register(doc, ra, "RoleAssignment")
        return ra

    def _apply(self, doc, ra, everyone, all_auth, trusted, users, groups):
        want = {EVERYONE: everyone, ALL_AUTHENTICATED: all_auth, ALL_AUTHENTICATED_TRUSTED: trusted}
        prefix = self._bnd_prefix(doc)
        # removals first, then additions (so a swap puts the new subject where the old one was)
        present = {}
        for c in list(ra):
            if _local(c.tag) == "specialSubjects":
                t = _ptype(c)
                if t in want and (not want[t] or t in present):
                    self._forget(doc, c)
                    doc.remove(c)
                else:
                    present[t] = c
        self._sync_named(doc, ra, "users", "User", users, remove_only=True)
        self._sync_named(doc, ra, "groups", "Group", groups, remove_only=True)
        for t in (EVERYONE, ALL_AUTHENTICATED, ALL_AUTHENTICATED_TRUSTED):
            if want[t] and t not in present:
                el = doc.make_element(
                    "specialSubjects",
                    [("xmi:type", "%s:%s" % (prefix, t)), ("xmi:id", self._new_id(doc, t)), ("name", SPECIAL_NAMES[t])],
                )
                self._insert_ordered(doc, ra, el, "specialSubjects")
                self._register(doc, el, t)
                present[t] = el
        self._sync_named(doc, ra, "users", "User", users)
        self._sync_named(doc, ra, "groups", "Group", groups)

    def _sync_named(self, doc, ra, feature, typename, wanted, remove_only=False):
        names = [n for n, _ in wanted]
        ids = dict(wanted)
        existing = [c for c in ra if _local(c.tag) == feature]
        kept = {}
        for c in existing:
            n = c.get("name") or ""
            if n not in ids or n in kept:
                self._forget(doc, c)
                doc.remove(c)
            else:
                kept[n] = c
        if remove_only:
            return
        for n in names:
            c = kept.get(n)
            if c is not None:
                doc.set_attr(c, "accessId", ids[n] or None)
                continue
            el = doc.make_element(feature, [("xmi:id", self._new_id(doc, typename)), ("name", n), ("accessId", ids[n] or None)])
            self._insert_ordered(doc, ra, el, feature)
            self._register(doc, el, typename)

    # ---------------------------------------------------------------------------- uninstall
    def uninstall(self, app_name, options=None):
        """Remove the application's documents and its deployedApplications entries; '' (WASX7280E if missing)."""
        app = self._app(app_name)
        entry = "%s/deployments/%s" % (app.ear_dir.rsplit("/", 1)[-1], app.name)
        repo = self._repo
        for uri in repo.uris("cells"):
            if not uri.endswith("/serverindex.xml"):
                continue
            doc = repo.doc(uri)
            if doc is None:
                continue
            for se in doc.root:
                if _local(se.tag) != "serverEntries":
                    continue
                tag = None
                vals = []
                for c in se:
                    if _local(c.tag) == "deployedApplications":
                        tag = c.tag
                        vals.append(c.text or "")
                if tag is not None and entry in vals:
                    doc.set_text_list(se, "deployedApplications", [v for v in vals if v != entry])
        repo.delete_tree(app.ear_dir)
        return ""

    # ---------------------------------------------------------------------------- help
    def help(self, topic=None):
        if topic is None:
            return M.object_help(M.ADMINAPP_METHODS, "AdminApp")
        return M.method_help(M.ADMINAPP_METHODS, str(topic), "AdminApp")
