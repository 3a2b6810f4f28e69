"""Generators of fixture cells (WebSphere config repositories) from the jinja2 templates in ``templates/``.

``python -m harness fixture sametime DIR`` builds a Sametime 9 System Console ND cell; see
:mod:`harness.generate.sametime`. The PKCS12 key stores are written by :mod:`harness.generate.keystores`.
Importing this package imports none of them (the command line's plan does not pay for jinja2 and cryptography).
"""
