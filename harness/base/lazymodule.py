"""Modules imported at their first use, for the one import a session should not pay for at start.

The key store and certificate commands need the cryptography package (with asn1crypto about 0.2 s to import,
the largest import of the harness); every AdminTask command module is imported when a session starts, and
most jobs never call one of those commands. So their modules name the cryptography parts through these
stand-ins, which import on the first attribute read:

    x509 = lazymodule.Module("cryptography.x509")
    NameOID = lazymodule.Member("cryptography.x509.oid", "NameOID")
    SIGNATURE_HASHES = lazymodule.Table(lambda: {"SHA256withRSA": hashes.SHA256})   # a dict, built at first use
"""

import importlib
from collections.abc import Mapping


class Module(object):
    """A module imported when one of its attributes is first read; with several names, the first that imports
    (a module that moved between versions of a package)."""

    __slots__ = ("_name", "_fallbacks", "_module")

    def __init__(self, name, *fallbacks):
        self._name = name
        self._fallbacks = fallbacks
        self._module = None

    def __getattr__(self, attr):
        module = self._module
        if module is None:
            *firsts, last = (self._name,) + self._fallbacks
            for name in firsts:
                try:
                    module = importlib.import_module(name)
                    break
                except ImportError:
                    continue
            else:
                module = importlib.import_module(last)
            self._module = module
        return getattr(module, attr)

    def __repr__(self):
        return "<lazy module %s>" % self._name


class Member(object):
    """An attribute of a module (e.g. a class of constants), imported when one of its own attributes is read."""

    __slots__ = ("_module", "_attr", "_value")

    def __init__(self, module, attr):
        self._module = module
        self._attr = attr
        self._value = None

    def __getattr__(self, attr):
        value = self._value
        if value is None:
            value = self._value = getattr(importlib.import_module(self._module), self._attr)
        return getattr(value, attr)


class Table(Mapping):
    """A read-only dict built by factory() at its first use (a module-level table that names lazy parts)."""

    def __init__(self, factory):
        self._factory = factory
        self._table = None

    def _get(self):
        if self._table is None:
            self._table = dict(self._factory())
        return self._table

    def __getitem__(self, key):
        return self._get()[key]

    def __iter__(self):
        return iter(self._get())

    def __len__(self):
        return len(self._get())
