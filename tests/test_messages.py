"""The one message catalogue: every text with a message id lives in harness/base/messages.py, one text per id."""

import collections
import io
import os
import re
import tokenize

from paths import ROOT

from harness.base import messages

HARNESS = os.path.join(ROOT, "harness")
CATALOGUE = os.path.join(HARNESS, "base", "messages.py")
# A message id starting a message: WASX7017E:, ADMG0007E:, CWPKI0627E:, SECJ7700E:, STWAS0201E: ...
MESSAGE_ID = re.compile(r"\b([A-Z]{4,5}\d{4}[EIW]):")


def catalogue_texts():
    """[(id, text)] of every string constant (or string item of a tuple/list/dict value) of the catalogue."""
    out = []

    def visit(v):
        if isinstance(v, str):
            m = re.match(r"([A-Z]{4,5}\d{4}[EIW]):", v)
            if m:
                out.append((m.group(1), v))
        elif isinstance(v, (tuple, list)):
            for x in v:
                visit(x)
        elif isinstance(v, dict):
            for x in v.values():
                visit(x)

    for name in dir(messages):
        if name.isupper():
            visit(getattr(messages, name))
    return out


def test_one_text_per_message_id():
    texts = collections.defaultdict(set)
    for mid, text in catalogue_texts():
        texts[mid].add(text)
    assert len(texts) > 120
    doubles = {mid: sorted(t) for mid, t in texts.items() if len(t) > 1}
    assert not doubles


def string_literals(path):
    with open(path, "rb") as f:
        source = f.read().decode("utf-8")
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.STRING:
            yield tok.start[0], tok.string


def test_no_message_text_outside_the_catalogue():
    found = []
    for dirpath, dirnames, filenames in os.walk(HARNESS):
        dirnames.sort()
        for fn in sorted(filenames):
            path = os.path.join(dirpath, fn)
            if not fn.endswith(".py") or path == CATALOGUE:
                continue
            for line, s in string_literals(path):
                if MESSAGE_ID.search(s):
                    found.append("%s:%d: %s" % (os.path.relpath(path, ROOT), line, s[:80]))
    assert not found, "\n".join(found)


def test_the_check_finds_a_message_text():
    """The scanner sees a message text in a string literal (and not in a comment)."""
    src = "# WASX7017E: in a comment\nX = 'ADMG0007E: The configuration data type %s is not valid.'\n"
    toks = [t.string for t in tokenize.generate_tokens(io.StringIO(src).readline) if t.type == tokenize.STRING]
    assert [t for t in toks if MESSAGE_ID.search(t)] == [toks[0]]
