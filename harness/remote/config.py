"""Cells (deployment managers) from the invoke configuration: ``stwas.defaults`` and ``stwas.cells.<name>``.

    stwas:
      defaults: {user: wasadmin, key_file: ~/.ssh/id_ed25519, port: 22}
      cells:
        stconsole:
          host: dmgr.example.com
          profile: /opt/IBM/WebSphere/AppServer/profiles/Dmgr01

Every key of a cell may also stand in ``defaults``; a cell's own value wins. See docs/remote.md for the keys.
"""

import os

DEFAULT_PROFILE = "/opt/IBM/WebSphere/AppServer/profiles/Dmgr01"

# key -> default (None: unset)
KEYS = {
    "host": None,  # SSH host name or address of the deployment manager (required)
    "port": 22,  # SSH port
    "user": None,  # SSH login (default: the local user, or ~/.ssh/config)
    "key_file": None,  # SSH private key (default: agent and ~/.ssh/id_*)
    "profile": DEFAULT_PROFILE,  # the deployment manager's profile directory (bin/wsadmin.sh lives there)
    "remote_tmp": "/tmp",  # where a private 0700 working directory is made for each run
    "credentials": "auto",  # auto | props  (props: never send wsadmin credentials, use the host's
    #                soap.client.props)
    "wsadmin_user": None,  # wsadmin user name when STWAS_WSADMIN_USER is not set (not a secret)
    "soap_host": None,  # -host for wsadmin (default: the profile's wsadmin.properties)
    "soap_port": None,  # -port for wsadmin (default: the profile's wsadmin.properties)
    "connect_timeout": 15,  # seconds to wait for the SSH connection
    "command_timeout": None,  # seconds a remote wsadmin may run (default: no limit)
    "host_key_check": "accept-new",  # accept-new | strict | off
    "known_hosts": None,  # known_hosts file (default ~/.ssh/known_hosts when it exists)
}

HOST_KEY_CHECKS = ("accept-new", "strict", "off")
CREDENTIAL_MODES = ("auto", "props")


class ConfigError(Exception):
    """A one-line configuration error."""


class Cell(object):
    """One deployment manager as configured."""

    def __init__(self, name, **values):
        self.name = name
        for k, default in KEYS.items():
            setattr(self, k, values.get(k, default))
        unknown = sorted(set(values) - set(KEYS))
        if unknown:
            raise ConfigError("cell %s: unknown key(s) %s (known: %s)" % (name, ", ".join(unknown), ", ".join(sorted(KEYS))))
        if not self.host:
            raise ConfigError("cell %s: no host configured (stwas.cells.%s.host)" % (name, name))
        try:
            self.port = int(self.port)
            self.connect_timeout = float(self.connect_timeout)
            self.command_timeout = float(self.command_timeout) if self.command_timeout else None
        except (TypeError, ValueError) as e:
            raise ConfigError("cell %s: bad number (%s)" % (name, e))
        if self.host_key_check not in HOST_KEY_CHECKS:
            raise ConfigError("cell %s: host_key_check must be one of %s" % (name, ", ".join(HOST_KEY_CHECKS)))
        if self.credentials not in CREDENTIAL_MODES:
            raise ConfigError("cell %s: credentials must be one of %s" % (name, ", ".join(CREDENTIAL_MODES)))
        if self.key_file:
            self.key_file = os.path.expanduser(str(self.key_file))
        if self.known_hosts:
            self.known_hosts = os.path.expanduser(str(self.known_hosts))
        self.profile = str(self.profile).rstrip("/") or "/"

    @property
    def address(self):
        return "%s%s:%d" % (self.user + "@" if self.user else "", self.host, self.port)

    @property
    def wsadmin(self):
        return self.profile + "/bin/wsadmin.sh"

    @property
    def backup_config(self):
        return self.profile + "/bin/backupConfig.sh"

    def __repr__(self):
        return "Cell(%r, %s, profile=%r)" % (self.name, self.address, self.profile)


def _plain(value):
    """invoke's DataProxy (and nested ones) as plain dicts."""
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    return value


def load_cells(config):
    """{name: Cell} from an invoke Config (or a plain dict holding the ``stwas`` section)."""
    section = _plain(config.get("stwas", None) or {}) if hasattr(config, "get") else {}
    defaults = section.get("defaults") or {}
    cells = {}
    for name, values in sorted((section.get("cells") or {}).items()):
        merged = dict(defaults)
        merged.update(values or {})
        cells[name] = Cell(name, **merged)
    return cells


def select(cells, host=None, hosts=None):
    """The cells named by --host NAME or --hosts a,b (in the given order, no duplicates)."""
    names = []
    if host:
        names.append(host)
    if hosts:
        names.extend(n.strip() for n in str(hosts).split(",") if n.strip())
    if not names:
        raise ConfigError(
            "no deployment manager given: use --host NAME or --hosts A,B (configured: %s)"
            % (", ".join(sorted(cells)) or "none; see invoke.yaml")
        )
    out, seen = [], set()
    for n in names:
        if n in seen:
            continue
        seen.add(n)
        if n not in cells:
            raise ConfigError(
                "unknown cell %r: configure stwas.cells.%s in invoke.yaml (configured: %s)"
                % (n, n, ", ".join(sorted(cells)) or "none")
            )
        out.append(cells[n])
    return out
