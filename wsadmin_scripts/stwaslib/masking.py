"""Keeping passwords out of every line a job prints: one scrubber, in three steps.

    mask_text('cannot open key.p12 with -password s3cret!', ['s3cret!'])  -> '... with -password *****'

1. The exact secrets the job knows (passwords it was given), longest first. A secret that could be an ordinary
   word (letters only, e.g. "wrong") is masked only where it stands as a value: not inside a longer word, and
   touching a quote, '=', ':', a bracket or the ends of the message ("cannot be opened: wrong password" stays as it
   is; "-password 'wrong'" and "[wrong]" are masked). Any other secret is masked wherever it occurs.
2. Encoded forms: the {xor} form of each known secret, then any {xor} value ({xor}*****).
3. Password-looking fragments: the value after a name such as password, passwd, pwd or secret
   ("bindPassword=abc", "password: abc", "keyFilePassword abc" -> the value becomes *****).
Exact secrets go first so that a secret holding {xor} text, quotes or brackets is masked whole before the
pattern steps could cut it into pieces.
"""

from stwaslib import xor
from stwaslib.compat import is_ascii_letters, is_word_char, sort_by

MASK = "*****"

# attribute / option names whose values are secrets (matched anywhere in the name, any case)
SECRET_NAME_PARTS = ("passw", "pwd", "secret", "storepass", "keypass")
# the names step 3 looks for in free text; the name may go on with letters or '_' (password_file, bindPassword)
SECRET_TEXT_NAMES = ("password", "passwd", "pwd", "secret")
XOR_PREFIX = "{xor}"
_BASE64_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
_WHITESPACE = " \t\r\n\f\v"
_QUOTES = "\"'"
_VALUE_END = _WHITESPACE + "\"',]"  # a step-3 value runs up to one of these
_VALUE_MARKS = "\"'=:[](){}<>"  # a word-like secret touching one of these is a value


def is_secret_name(name):
    """True for an attribute or option name that holds a secret (serverPassword, keyStorePwd, ...)."""
    if not name:
        return 0
    low = name.lower()
    for part in SECRET_NAME_PARTS:
        if low.find(part) >= 0:
            return 1
    return 0


def mask_text(s, secrets=()):
    """s with every secret hidden (see the module text); None stays None."""
    if s is None:
        return s
    return mask_named_values(mask_xor_values(mask_known(s, secrets)))


def mask_known(s, secrets):
    """Steps 1 and 2 for the given secrets only: the secrets and their {xor} forms (for text that is data, such
    as the values of the result line, where step 3 would hide ordinary words after 'password')."""
    if s is None or not secrets:
        return s
    known = []
    for secret in secrets:
        if secret and secret not in known:
            known.append(secret)
    known = sort_by(known, len, reverse=1)
    for secret in known:
        s = mask_secret(s, secret)
    for secret in known:
        encoded = xor.encode(secret)
        s = s.replace(encoded, XOR_PREFIX + MASK)
        if len(encoded) > len(XOR_PREFIX):
            s = s.replace(encoded[len(XOR_PREFIX) :], MASK)
    return s


def mask_secret(s, secret):
    """Step 1 for one secret."""
    if not is_ascii_letters(secret):
        return s.replace(secret, MASK)
    out = []
    i = 0
    while 1:
        j = s.find(secret, i)
        if j < 0:
            break
        end = j + len(secret)
        before, after = s[j - 1 : j], s[end : end + 1]
        inside_word = (before and is_word_char(before)) or (after and is_word_char(after))
        as_value = not before or not after or _VALUE_MARKS.find(before) >= 0 or _VALUE_MARKS.find(after) >= 0
        if inside_word or not as_value:
            out.append(s[i:end])
        else:
            out.append(s[i:j] + MASK)
        i = end
    out.append(s[i:])
    return "".join(out)


def mask_xor_values(s):
    """Step 2: {xor}<base64> -> {xor}***** (a bare {xor}, the empty password or one masked before, stays)."""
    out = []
    i = 0
    while 1:
        j = s.find(XOR_PREFIX, i)
        if j < 0:
            break
        k = j + len(XOR_PREFIX)
        while k < len(s) and _BASE64_CHARS.find(s[k]) >= 0:
            k = k + 1
        if k == j + len(XOR_PREFIX):
            out.append(s[i:k])
        else:
            out.append(s[i:j] + XOR_PREFIX + MASK)
        i = k
    out.append(s[i:])
    return "".join(out)


def _named_value_at(s, low, i):
    """(value start, value end) when a password-looking name starts at i and a value follows, else None."""
    name = None
    for n in SECRET_TEXT_NAMES:
        if low[i : i + len(n)] == n:
            name = n
            break
    if name is None:
        return None
    j = i + len(name)
    while j < len(s) and (("a" <= low[j] <= "z") or low[j] == "_"):
        j = j + 1
    if j < len(s) and _QUOTES.find(s[j]) >= 0:
        j = j + 1
    # the separator: blanks with at most one '=' or ':' among them, at least one character
    k = j
    while k < len(s) and _WHITESPACE.find(s[k]) >= 0:
        k = k + 1
    if k < len(s) and (s[k] == "=" or s[k] == ":"):
        k = k + 1
        while k < len(s) and _WHITESPACE.find(s[k]) >= 0:
            k = k + 1
    elif k == j:
        return None
    if k < len(s) and _QUOTES.find(s[k]) >= 0:
        k = k + 1
    end = k
    while end < len(s) and _VALUE_END.find(s[end]) < 0:
        end = end + 1
    if end == k:
        return None
    return k, end


def mask_named_values(s):
    """Step 3: the value after a password-looking name -> *****."""
    low = s.lower()
    out = []
    i = done = 0
    while i < len(s):
        found = _named_value_at(s, low, i)
        if found is None:
            i = i + 1
            continue
        start, end = found
        out.append(s[done:start] + MASK)
        i = done = end
    out.append(s[done:])
    return "".join(out)
