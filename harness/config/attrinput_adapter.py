"""AdminConfig attribute input in the plain shape configedit works on.

``attrinput.parse_attrs`` tags values as Scalar / Pairs / Items; configedit wants plain Python:
a str, a list of (name, value) tuples (one nested object), or a list of values.
"""

from harness.config import attrinput


def _plain(v):
    if isinstance(v, attrinput.Scalar):
        return v.text
    if isinstance(v, attrinput.Pairs):
        return [(n, _plain(x)) for n, x in v.pairs]
    if isinstance(v, attrinput.Items):
        return [_plain(x) for x in v.items]
    return v


def parse_attrs(value):
    """[(name, plain value)] for the attrs argument of create / modify / createUsingTemplate."""
    return [(n, _plain(v)) for n, v in attrinput.parse_attrs(value)]
