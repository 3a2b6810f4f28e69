"""A backupConfig zip as a read-only configuration source, read member by member (``python -m harness plan``).

``ZipSource(path)`` checks the whole zip before anything is read -- no absolute member names, no ``..``
segments, no symbolic links, at most wsadmin_semantics.PLAN_ZIP_MAX_MEMBERS members and PLAN_ZIP_MAX_BYTES
uncompressed, no member (and not the whole zip) compressed beyond PLAN_ZIP_MAX_RATIO -- and finds the config
root inside it (the directory that holds ``cells/<cell>/cell.xml``). A member is decompressed only when the
repository reads it; nothing is unpacked to disk. The bytes actually read are counted against the total
limit too (a header may lie about a size).
"""

import re
import stat
import zipfile

from harness.base import wsadmin_semantics as S
from harness.base.errors import ConfigServiceException

_CELL_XML = re.compile(r"^(?:(.*)/)?cells/[^/]+/cell\.xml$")

MSG_UNREADABLE = "plan: %s is not a readable zip file (%s)"
MSG_OUTSIDE = "plan: refusing zip member %r: it would be written outside the target directory"
MSG_LINK = "plan: refusing zip member %r: symbolic links are not allowed"
MSG_MEMBERS = "plan: refusing %s: %d members, more than the limit of %d"
MSG_BYTES = "plan: refusing %s: %d bytes uncompressed, more than the limit of %d"
MSG_MEMBER_RATIO = "plan: refusing zip member %r: compressed %d:1, more than the limit of %d:1"
MSG_RATIO = "plan: refusing %s: compressed %d:1 overall, more than the limit of %d:1"
MSG_MEMBER_BYTES = "plan: refusing zip member %r: the zip unpacks to more than %d bytes"
MSG_MEMBER_BROKEN = "plan: zip member %r cannot be unpacked (%s)"
MSG_NO_CONFIG = "plan: %s holds no WebSphere configuration (no cells/<cell>/cell.xml)"


class ZipSourceError(Exception):
    """A one-line reason why the zip is refused (raised when it is opened)."""


def check_members(zip_path, members):
    """Refuse member names that would leave the config root, links, and zips beyond the limits."""
    for m in members:
        name = m.filename.replace("\\", "/")
        mode = (m.external_attr >> 16) & 0o170000
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/"):
            raise ZipSourceError(MSG_OUTSIDE % m.filename)
        if mode == stat.S_IFLNK:
            raise ZipSourceError(MSG_LINK % m.filename)
    if len(members) > S.PLAN_ZIP_MAX_MEMBERS:
        raise ZipSourceError(MSG_MEMBERS % (zip_path, len(members), S.PLAN_ZIP_MAX_MEMBERS))
    total = sum(m.file_size for m in members)
    if total > S.PLAN_ZIP_MAX_BYTES:
        raise ZipSourceError(MSG_BYTES % (zip_path, total, S.PLAN_ZIP_MAX_BYTES))
    for m in members:
        if _too_compressed(m.file_size, m.compress_size):
            raise ZipSourceError(MSG_MEMBER_RATIO % (m.filename, m.file_size // max(m.compress_size, 1), S.PLAN_ZIP_MAX_RATIO))
    packed = sum(m.compress_size for m in members)
    if _too_compressed(total, packed):
        raise ZipSourceError(MSG_RATIO % (zip_path, total // max(packed, 1), S.PLAN_ZIP_MAX_RATIO))


def _too_compressed(size, packed):
    return size >= S.PLAN_ZIP_RATIO_FLOOR and size > S.PLAN_ZIP_MAX_RATIO * max(packed, 1)


def config_prefix(names):
    """The member-name prefix of the config root ('' or 'Dmgr01/config/'), or None: the first directory holding
    cells/<cell>/cell.xml in a sorted depth-first walk, as for a directory source."""
    found = []
    for name in names:
        m = _CELL_XML.match(name)
        if m:
            found.append(m.group(1) or "")
    if not found:
        return None
    best = min(found, key=lambda p: p.split("/") if p else [])
    return best + "/" if best else ""


class ZipSource(object):
    """The config root inside a backupConfig zip: ``read(uri)``, ``head(uri)``, ``isfile(uri)``,
    ``scan(dir_uri)`` and ``describe(uri)``, as harness.config.repository.tree.DirSource has them."""

    def __init__(self, path):
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as e:
            raise ZipSourceError(MSG_UNREADABLE % (path, e)) from None
        try:
            members = self._zip.infolist()
            check_members(path, members)
            names = [m.filename.replace("\\", "/") for m in members]
            prefix = config_prefix(names)
            if prefix is None:
                raise ZipSourceError(MSG_NO_CONFIG % path)
        except BaseException:
            self._zip.close()
            raise
        self.prefix = prefix
        self.root = "%s!/%s" % (path, prefix)
        self._left = S.PLAN_ZIP_MAX_BYTES
        self._members = {}  # uri -> ZipInfo of a file
        self._dirs = {"": (set(), set())}  # dir uri -> (subdirectory names, file names)
        for m, name in zip(members, names):
            if not name.startswith(prefix) or name == prefix:
                continue
            uri = name[len(prefix) :]
            if uri.endswith("/"):
                self._add_dir(uri.rstrip("/"))
                continue
            self._members[uri] = m
            parent, _, base = uri.rpartition("/")
            self._add_dir(parent)[1].add(base)

    def _add_dir(self, d):
        entry = self._dirs.get(d)
        if entry is None:
            entry = self._dirs[d] = (set(), set())
            parent, _, base = d.rpartition("/")
            self._add_dir(parent)[0].add(base)
        return entry

    def close(self):
        self._zip.close()

    def describe(self, uri):
        return "%s!/%s%s" % (self.path, self.prefix, uri)

    def isfile(self, uri):
        return uri in self._members

    def isdir(self, uri):
        return uri.rstrip("/") in self._dirs

    def scan(self, d):
        """(subdirectory names, file names) of the directory d ('' for the root), None if there is none."""
        entry = self._dirs.get(d)
        if entry is None:
            return None
        return sorted(entry[0]), sorted(entry[1])

    def read(self, uri, limit=None):
        """The member's bytes (at most limit of them); FileNotFoundError if there is none, ConfigServiceException
        (the script sees a wsadmin exception) if it cannot be unpacked."""
        member = self._members.get(uri)
        if member is None:
            raise FileNotFoundError(uri)
        try:
            with self._zip.open(member) as src:
                data = src.read(limit) if limit is not None else src.read()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError) as e:
            raise ConfigServiceException(MSG_MEMBER_BROKEN % (member.filename, e)) from None
        self._left -= len(data)
        if self._left < 0:
            raise ConfigServiceException(MSG_MEMBER_BYTES % (member.filename, S.PLAN_ZIP_MAX_BYTES))
        return data

    def head(self, uri, limit):
        try:
            return self.read(uri, limit)
        except (FileNotFoundError, ConfigServiceException):
            return None
