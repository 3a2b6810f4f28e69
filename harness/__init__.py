"""stwas harness: an offline WebSphere config repository with wsadmin's scripting objects over it.

Entry points: ``python -m harness.wsadmin`` (the wsadmin look-alike launcher) and ``python -m harness``
(``plan`` and ``fixture``). docs/internals.md maps the modules.
"""
