"""Where the documents of a repository live: the repository's one door to the file system.

``DirTree(root)``: a config directory, read and written in place (a save is ``journal.commit`` in root).

``OverlayTree(source, overlay_dir)``: the mode of ``python -m harness plan``. Documents are read from a source
that is never written -- a directory (``DirSource``) or a backupConfig zip read member by member
(``zipsource.ZipSource``) -- and every save goes to the overlay directory: a changed or new document is
written there under its uri, a deleted one is marked by an empty file ``<overlay>/.stwas-deleted/<uri>``
(a whiteout). The lock, the journal and the temp files of a save are the overlay's (the same protocol,
journal.commit in the overlay), so no byte and no name of the source changes, and a link in the source is
never written through. What the overlay holds is the plan's diff (``overlay_changes``).

The directory listing is lazy: a directory is listed when a lookup first needs it (a getid of one named
server lists the directories on its path, not the cell) and the listing is kept; a save lists again only
the directories it wrote into. ``DirTree`` lists the whole tree at open anyway, to remove the temp files an
interrupted save of an older harness left (docs/internals.md "Saving").

Listing rules (both kinds): documents are the ``.xml``/``.xmi`` files; a linked directory that points
outside the tree is part of it (e.g. ``cells/<cell>`` on another file system); a link back into the tree
(a loop or a second name) is not followed.
"""

import os

from harness.base import messages as M
from harness.base.errors import NotAConfigRepositoryError
from harness.config.repository import journal
from harness.config.repository.zipsource import ZipSource

DOC_SUFFIXES = (".xml", ".xmi")
WHITEOUTS = ".stwas-deleted"  # <overlay>/.stwas-deleted/<uri>: the document is deleted in the overlay
SCOPES = ("cells", "templates")


def is_config_root(root):
    """Whether the directory root holds cells/<cell>/cell.xml: the one test of a configuration directory."""
    cells = os.path.join(root, "cells")
    return os.path.isdir(cells) and any(os.path.isfile(os.path.join(cells, c, "cell.xml")) for c in os.listdir(cells))


def not_a_config(root):
    return NotAConfigRepositoryError(M.NOT_A_CONFIG_ROOT % root)


def check_config_root(root):
    """Raise NotAConfigRepositoryError unless root is a configuration directory (is_config_root)."""
    if not is_config_root(root):
        raise not_a_config(root)


def open_tree(config_root, overlay=None):
    """The tree of a launcher's -configRoot: the directory itself, or with an overlay directory (the plan's
    -planOverlay) the directory or backupConfig zip read-only under that overlay."""
    if overlay is None:
        return DirTree(config_root)
    if os.path.isfile(config_root):
        return OverlayTree(ZipSource(config_root), overlay)
    return OverlayTree(DirSource(config_root), overlay)


class _Listing(object):
    """One directory: its followed subdirectories, its files (every kind) and both in path order."""

    __slots__ = ("dirs", "files", "order")

    def __init__(self, dirs, files):
        self.dirs = sorted(dirs)
        self.files = sorted(files)
        # a depth-first walk in this order yields full paths in sorted string order: "a.xml" < "a/..." < "a0"
        if not self.dirs:
            self.order = [(f, False) for f in self.files]
        else:
            keyed = [(f, f, False) for f in self.files] + [(d + "/", d, True) for d in self.dirs]
            keyed.sort()
            self.order = [(name, is_dir) for _k, name, is_dir in keyed]


_EMPTY = _Listing((), ())


class DirSource(object):
    """A config directory on disk, read only through this object."""

    def __init__(self, root):
        root = os.path.abspath(root)
        self.root = root
        self._prefix = root.rstrip(os.sep) + os.sep
        self._real_root = os.path.realpath(root)
        self._visits = {self._real_root: ""}  # real path of a followed directory -> the uri that follows it
        self._linked = {}  # dir uri -> True when it was reached through a link out of the tree
        self.leftovers = []  # temp/backup files of an interrupted save met while listing
        check_config_root(root)

    def path(self, uri):
        if not uri:
            return self.root
        return self._prefix + (uri if os.sep == "/" else uri.replace("/", os.sep))

    def describe(self, uri):
        return self.path(uri)

    def isfile(self, uri):
        return os.path.isfile(self.path(uri))

    def read(self, uri, limit=None):
        with open(self.path(uri), "rb") as f:
            return f.read(limit) if limit is not None else f.read()

    def head(self, uri, limit):
        try:
            return self.read(uri, limit)
        except OSError:
            return None

    def digest(self, uri):
        return journal.disk_digest(self.path(uri))

    def scan(self, d):
        """(subdirectory names to descend into, file names) of the directory d ('' for the root), or None."""
        linked = self._linked.get(d, False)
        prefix = d + "/" if d else ""
        dirs, files = [], []
        try:
            it = os.scandir(self.path(d))
        except (FileNotFoundError, NotADirectoryError):
            return None
        with it:
            for e in it:
                name = e.name
                if e.is_dir(follow_symlinks=False):
                    if not linked:
                        dirs.append(name)
                    elif self._first_visit(e.path, prefix + name):
                        dirs.append(name)
                        self._linked[prefix + name] = True
                    continue
                if e.is_symlink() and e.is_dir():
                    # a linked directory: part of the tree when it points outside it (and is not met twice)
                    child = prefix + name
                    if not name.endswith(DOC_SUFFIXES) and self._outside(e.path) and self._first_visit(e.path, child):
                        dirs.append(name)
                        self._linked[child] = True
                    continue
                if name[:1] == "." and journal.is_leftover(name):
                    self.leftovers.append(e.path)
                files.append(name)
        return dirs, files

    def _outside(self, path):
        real = os.path.realpath(path)
        return real != self._real_root and not real.startswith(self._real_root + os.sep)

    def _first_visit(self, path, uri):
        real = os.path.realpath(path)
        seen = self._visits.get(real)
        if seen is None:
            self._visits[real] = uri
            return True
        return seen == uri  # the same directory listed again (after a save): still followed


class _Tree(object):
    """The lazy directory index shared by both trees (subclasses give scan, read, isfile, digest, commit)."""

    def __init__(self):
        self._listings = {}  # dir uri -> _Listing
        self._lists = {}  # dir uri -> sorted document uris under it

    def listing(self, d):
        got = self._listings.get(d)
        if got is None:
            found = self.scan(d)
            got = _Listing(*found) if found is not None else _EMPTY
            self._listings[d] = got
        return got

    def doc_uris(self, d, confine=None):
        """Sorted uris of the documents under the directory d ('cells', 'cells/C/nodes/N').

        confine {collection: name}: under a directory named like a collection ('nodes', 'servers', ...) go only
        into the child of that name (getid of a named Node or Server reads only that object's directory)."""
        if confine:
            out = []
            self._walk(d, d + "/", confine, out)
            return out
        got = self._lists.get(d)
        if got is None:
            got = []
            self._walk(d, d + "/", None, got)
            self._lists[d] = got
        return got

    def _walk(self, d, prefix, confine, out):
        only = confine.get(d.rsplit("/", 1)[-1]) if confine else None
        for name, is_dir in self.listing(d).order:
            if is_dir:
                if only is None or name == only:
                    self._walk(prefix + name, prefix + name + "/", confine, out)
            elif only is None and name.endswith(DOC_SUFFIXES):
                out.append(prefix + name)

    def files_under(self, d):
        """Every file under the directory d (documents, key stores, properties ...), sorted."""
        out = []
        stack = [d]
        while stack:
            cur = stack.pop()
            lst = self.listing(cur)
            out.extend(cur + "/" + f for f in lst.files)
            stack.extend(cur + "/" + x for x in lst.dirs)
        out.sort()
        return out

    def forget(self, uris):
        """Directories whose entries may have changed (a save wrote or deleted uris): list them again."""
        self._lists.clear()
        for uri in uris:
            d = uri.rpartition("/")[0]
            while True:
                self._listings.pop(d, None)
                if not d:
                    break
                d = d.rpartition("/")[0]

    def forget_all(self):
        self._lists.clear()
        self._listings.clear()

    def cell_names(self):
        return [c for c in self.listing("cells").dirs if self.isfile("cells/%s/cell.xml" % c)]


class DirTree(_Tree, DirSource):
    """A config directory read and written in place."""

    def __init__(self, root):
        DirSource.__init__(self, root)
        _Tree.__init__(self)
        for scope in SCOPES:  # the whole listing: finds the temp files an interrupted save left
            self.doc_uris(scope)
        if self._needs_recovery() and journal.recover_at_open(self.root, self.leftovers):
            self.forget_all()  # an interrupted save was finished: documents may have come or gone
        self.leftovers = []

    def _needs_recovery(self):
        """A save was interrupted here (its journal, lock file or temp files are left)."""
        if self.leftovers:
            return True
        try:
            names = os.listdir(self.root)
        except OSError:
            return False
        return bool(journal.protocol_files(names))

    def commit(self, changes, bases, check=True, job=None):
        """Save changes {uri: bytes, or None to delete} (journal.commit); the uris written or deleted."""
        saved = journal.commit(self.root, changes, bases, check=check, job=job)
        self.forget(changes)
        return saved


class OverlayTree(_Tree):
    """A read-only source (DirSource or ZipSource) under a writable overlay directory (module docstring)."""

    def __init__(self, source, overlay):
        _Tree.__init__(self)
        self.source = source
        self.overlay = os.path.abspath(overlay)
        os.makedirs(self.overlay, exist_ok=True)
        self.root = source.root  # the source checked that it holds cells/<cell>/cell.xml
        if journal.protocol_files(os.listdir(self.overlay)):
            journal.recover_at_open(self.overlay)
        # what the overlay holds, known in memory (this tree is its only writer): no stat per lookup
        self._files, self._whiteouts = set(), set()
        for uri, deleted in _overlay_entries(self.overlay):
            (self._whiteouts if deleted else self._files).add(uri)

    # ------------------------------------------------------------------ reading
    def overlay_path(self, uri):
        return os.path.join(self.overlay, *uri.split("/"))

    def _deleted(self, uri):
        return uri in self._whiteouts

    def _in_overlay(self, uri):
        return uri in self._files

    def describe(self, uri):
        return self.overlay_path(uri) if self._in_overlay(uri) else self.source.describe(uri)

    def isfile(self, uri):
        if self._deleted(uri):
            return False
        return self._in_overlay(uri) or self.source.isfile(uri)

    def read(self, uri, limit=None):
        if self._deleted(uri):
            raise FileNotFoundError(uri)
        if self._in_overlay(uri):
            with open(self.overlay_path(uri), "rb") as f:
                return f.read(limit) if limit is not None else f.read()
        return self.source.read(uri, limit)

    def head(self, uri, limit):
        try:
            return self.read(uri, limit)
        except OSError:
            return None

    def digest(self, uri):
        if self._deleted(uri):
            return journal.ABSENT
        if self._in_overlay(uri):
            return journal.disk_digest(self.overlay_path(uri))
        try:
            return journal.digest(self.source.read(uri))
        except FileNotFoundError:
            return journal.ABSENT

    def scan(self, d):
        found = self.source.scan(d)
        if found is not None and not self._files and not self._whiteouts:
            return found  # nothing in the overlay yet (a plan's reads): the source's listing as it is
        dirs, files = (set(found[0]), set(found[1])) if found is not None else (set(), set())
        prefix = d + "/" if d else ""
        hit = found is not None
        for uri in self._files:
            if uri.startswith(prefix):
                name, sub, _rest = uri[len(prefix) :].partition("/")
                (dirs if sub else files).add(name)
                hit = True
        for uri in self._whiteouts:
            name = uri[len(prefix) :]
            if uri.startswith(prefix) and "/" not in name and uri not in self._files:
                files.discard(name)
        return (dirs, files) if hit else None

    # ------------------------------------------------------------------ writing
    def commit(self, changes, bases, check=True, job=None):
        """Save changes into the overlay (module docstring); the source is never written. Returns the uris
        written or deleted."""
        physical, saved = {}, []
        for uri in sorted(changes):
            data = changes[uri]
            whiteout = WHITEOUTS + "/" + uri
            if data is None:
                if not self.isfile(uri):
                    continue
                if self._in_overlay(uri):
                    physical[uri] = None
                if self.source.isfile(uri) and not self._deleted(uri):
                    physical[whiteout] = b""
            else:
                physical[uri] = data
                if self._deleted(uri):
                    physical[whiteout] = None
            saved.append(uri)
        journal.commit(self.overlay, physical, bases, check=check, job=job, current=self.digest)
        for uri, data in physical.items():
            deleted = uri.startswith(WHITEOUTS + "/")
            entries = self._whiteouts if deleted else self._files
            key = uri[len(WHITEOUTS) + 1 :] if deleted else uri
            if data is None:
                entries.discard(key)
            else:
                entries.add(key)
        self.forget(changes)
        return saved


def _overlay_entries(root):
    """(uri, deleted) of every document in an overlay directory: written ones, and whiteouts (deleted)."""
    for d, _dirs, files in os.walk(root):
        rel = os.path.relpath(d, root).replace(os.sep, "/")
        rel = "" if rel == "." else rel
        deleted = rel == WHITEOUTS or rel.startswith(WHITEOUTS + "/")
        base = rel[len(WHITEOUTS) + 1 :] if deleted else rel
        for f in files:
            if journal.is_leftover(f) or (not rel and journal.protocol_files([f])):
                continue
            yield (base + "/" + f if base else f), deleted


def overlay_changes(tree):
    """{uri: (bytes before or None, bytes after or None)} of every document a plan's saves changed, read from
    the overlay and the source only for those documents."""
    out = {}
    for uri, deleted in _overlay_entries(tree.overlay):
        after = None
        if not deleted:
            with open(tree.overlay_path(uri), "rb") as fh:
                after = fh.read()
        out[uri] = (_source_bytes(tree, uri), after)
    return out


def _source_bytes(tree, uri):
    try:
        return tree.source.read(uri)
    except FileNotFoundError:
        return None
