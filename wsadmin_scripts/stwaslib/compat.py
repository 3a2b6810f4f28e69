"""What Jython 2.1, Jython 2.7 and CPython 3 do not share, in one place.

The jobs run on the wsadmin of WebSphere 7.0 and 8.5.5 (Jython 2.1), of WebSphere 9 (Jython 2.7) and, in the
tests, on CPython 3. docs/script-language.md lists the rules and why; this module holds the small helpers that
stand in for what 2.1 lacks (sorted, set, `key in dict`, substring `in`, str.rsplit/partition/strip(chars),
isinstance with a tuple, True/False) so that the jobs need no tricks of their own.
"""

import sys

IS_JYTHON = sys.platform[:4] == 'java'

# Types, by example: on 2.1 str/int/list are functions, not types, and `types.StringType` is gone on 3.
TEXT_TYPES = (type(''), type(u''))  # one type on 2.1 and 3, str and unicode on 2.7
try:
    INT_TYPES = (type(0), type(long(0)))  # novermin (long: Jython 2.1 and 2.7; NameError on 3)
except NameError:
    INT_TYPES = (type(0),)
LIST_TYPE = type([])
TUPLE_TYPE = type(())
DICT_TYPE = type({})

_MISSING = []  # a value no caller can pass in


def is_text(value):
    return type(value) in TEXT_TYPES


def is_int(value):
    """int or long; not a bool (CPython's True is of another type)."""
    return type(value) in INT_TYPES


def is_list(value):
    return type(value) is LIST_TYPE


def is_sequence(value):
    """A list or a tuple."""
    return type(value) is LIST_TYPE or type(value) is TUPLE_TYPE


def is_dict(value):
    return type(value) is DICT_TYPE


def has_key(d, key):
    """`key in d` for a dict (2.1 has no `in` on dicts, 3 no has_key)."""
    return d.get(key, _MISSING) is not _MISSING


def interpreter():
    """What runs the job, for the result line: Jython's version ('2.1', '2.7.3'), or 'cpython-3.11'."""
    if IS_JYTHON:
        return sys.version.split()[0]
    return 'cpython-%d.%d' % (sys.version_info[0], sys.version_info[1])


# ------------------------------------------------------------------------------------------ lists
def sort_by(items, key=None, reverse=0):
    """A new list of items sorted by key(item) (the item itself without key); stable on every interpreter
    (2.1's list.sort is not, and has no key=; 3's has no cmp=)."""
    decorated = []
    i = 0
    for item in items:
        if key is None:
            k = item
        else:
            k = key(item)
        if reverse:
            decorated.append((k, -i, item))
        else:
            decorated.append((k, i, item))
        i = i + 1
    decorated.sort()
    if reverse:
        decorated.reverse()
    out = []
    for d in decorated:
        out.append(d[2])
    return out


def unique(items):
    """items without repeats, first occurrence kept, in order (what set() would be used for)."""
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def number_items(items):
    """[(0, a), (1, b), ...] (enumerate)."""
    out = []
    i = 0
    for item in items:
        out.append((i, item))
        i = i + 1
    return out


# ------------------------------------------------------------------------------------------ strings
def contains(text, part):
    """Substring test (2.1's `in` on strings takes one character only)."""
    return text.find(part) >= 0


def starts_with_any(text, prefixes):
    for p in prefixes:
        if text[:len(p)] == p:
            return 1
    return 0


def ends_with_any(text, suffixes):
    for s in suffixes:
        if s and text[-len(s):] == s:
            return 1
    return 0


def split_last(text, sep):
    """text.rsplit(sep, 1): [head, tail], or [text] when sep is not in it."""
    i = text.rfind(sep)
    if i < 0:
        return [text]
    return [text[:i], text[i + len(sep):]]


def partition(text, sep):
    """text.partition(sep): (head, sep, tail), or (text, '', '')."""
    i = text.find(sep)
    if i < 0:
        return (text, '', '')
    return (text[:i], sep, text[i + len(sep):])


def lstrip_chars(text, chars):
    i = 0
    while i < len(text) and chars.find(text[i]) >= 0:
        i = i + 1
    return text[i:]


def rstrip_chars(text, chars):
    j = len(text)
    while j > 0 and chars.find(text[j - 1]) >= 0:
        j = j - 1
    return text[:j]


def strip_chars(text, chars):
    """text.strip(chars) (2.1's strip takes no argument)."""
    return rstrip_chars(lstrip_chars(text, chars), chars)


DIGITS = '0123456789'


def is_ascii_digits(text):
    """Non-empty and only 0-9 (str.isdigit is true for a superscript two and other Unicode digits on 3,
    where int() then fails)."""
    if not text:
        return 0
    for c in text:
        if DIGITS.find(c) < 0:
            return 0
    return 1


def is_word_char(c):
    """A letter, digit or underscore (ASCII), the \\w of a regular expression."""
    return ('a' <= c <= 'z') or ('A' <= c <= 'Z') or ('0' <= c <= '9') or c == '_'


def is_ascii_letters(text):
    if not text:
        return 0
    for c in text:
        if not (('a' <= c <= 'z') or ('A' <= c <= 'Z')):
            return 0
    return 1
