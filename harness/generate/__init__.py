"""Generators of fixture cells (WebSphere config repositories) from the jinja2 templates in ``templates/``.

``python -m harness fixture sametime DIR`` builds a Sametime 9 System Console ND cell; see
:mod:`harness.generate.sametime`. The PKCS12 key stores are written by :mod:`harness.generate.keystores`.
"""

from harness.generate.sametime import FixtureError, xor_encode  # noqa: F401
from harness.generate.sametime import generate as generate_sametime

GENERATORS = {"sametime": generate_sametime}
