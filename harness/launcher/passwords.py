"""Passwords on the harness side: which command-line options carry one, and the one scrubber of output.

    is_password_option("--new-password=x")   True: the option's value is a secret (its name says so)
    password_options(argv)                    the names of such options in an argument list (never their values)
    mask_args(argv)                           the list with the values of such options replaced by *****
    Scrubber(["s3cret"]).scrub(text)          the text without the secrets: each exact secret first, then its
                                              encoded forms ({xor}, JSON and Python escapes), then any {xor} value

The launcher masks its WASX7303I echo with mask_args; invoke refuses password options before anything runs
(harness/remote/job_secrets.py); the remote runner passes every line of remote output through a Scrubber of the
run's secrets, and plan through one of the jobs' password variables (JOB_PASSWORDS). The jobs have their own
masking in wsadmin_scripts/stwaslib (they run without the harness).
"""

import json
import re

from harness.config import xorcodec

MASK = "*****"

# the jobs that read a password: job -> (the environment variable it reads it from, its option that reads the same
# password from a file); wsadmin_scripts/stwaslib/passwords.py is the jobs' side, and
# tests/reliability/test_secrets_frontdoor.py checks each pair against the job's source and --help
JOB_PASSWORDS = {
    "change_admin_password": ("STWAS_NEW_PASSWORD", "--password-file"),
    "ltpa_keys": ("STWAS_LTPA_PASSWORD", "--password-file"),
    "import_certificate": ("STWAS_KEYFILE_PASSWORD", "--key-file-password-file"),
}

# an option name that says its value is a password (--password, --new-password, --passwd, -storepass, --pw ...)
_SECRET_WORD = re.compile(r"(?i)passw(?:or)?d|passphrase|pwd|storepass|keypass|secret|(?:^|[-_])pw(?:$|[-_])")
# ... unless it names where the password is read from: a FILE, standard input, an environment variable
_SOURCE_SUFFIX = re.compile(r"(?i)[-_](?:file|stdin|env)$")
# an {xor}-encoded value (WebSphere's password encoding) as it appears in free text
_XOR_VALUE = re.compile(r"(?i)\{xor\}[A-Za-z0-9+/=]+")


def option_name(arg):
    """The name of a command-line option without dashes and value (``--a-b=c`` -> ``a-b``), None for a non-option."""
    if not isinstance(arg, str) or not arg.startswith("-") or arg in ("-", "--"):
        return None
    name = arg.lstrip("-").split("=", 1)[0]
    return name or None


def is_password_option(arg):
    """True for an option whose value is a password (in the same argument after ``=`` or in the next one)."""
    name = option_name(arg)
    return bool(name) and bool(_SECRET_WORD.search(name)) and not _SOURCE_SUFFIX.search(name)


def is_stdin_option(arg):
    """True for an option that makes a job read its password from standard input (``--password-stdin``)."""
    name = option_name(arg)
    return bool(name) and bool(_SECRET_WORD.search(name)) and name.lower().endswith("stdin")


def password_options(argv):
    """The password options in argv as given (``--password`` for ``--password=x``): for messages, never values."""
    return [arg.split("=", 1)[0] for arg in argv if is_password_option(arg)]


def mask_args(argv):
    """argv with the value of every password option masked: ``--password=x`` -> ``--password=*****``, and the
    argument after ``--password`` -> ``*****`` (a job's option parser takes it as the value, whatever it is)."""
    out = []
    hide_next = False
    for arg in argv:
        if hide_next:
            out.append(MASK)
            hide_next = False
        elif is_password_option(arg):
            if "=" in arg:
                out.append(arg.split("=", 1)[0] + "=" + MASK)
            else:
                out.append(arg)
                hide_next = True
        else:
            out.append(arg)
    return out


def encoded_forms(secret):
    """The ways a secret can appear in output other than as itself: {xor}, JSON and Python string escapes."""
    forms = [
        xorcodec.encode(secret),
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        repr(secret)[1:-1],
        secret.encode("unicode_escape").decode("ascii"),
    ]
    return [f for f in forms if f and f != secret]


def job_password_values(env):
    """The jobs' passwords set in env (for a Scrubber of what a job run prints)."""
    return [env[var] for var, _flag in JOB_PASSWORDS.values() if env.get(var)]


class Scrubber(object):
    """Removes known secrets from text. The exact secrets go first, longest first (so that masking of encoded
    forms cannot cut a secret into pieces that stay readable), then their encoded forms, then any {xor} value."""

    def __init__(self, secrets=()):
        secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        self._secrets = secrets
        forms = set()
        for s in secrets:
            forms.update(encoded_forms(s))
        self._forms = sorted(forms - set(secrets), key=len, reverse=True)

    def __repr__(self):  # never shows a secret
        return "Scrubber(%d secret(s))" % len(self._secrets)

    def add(self, secret):
        """A scrubber that also knows this secret."""
        return Scrubber(self._secrets + [secret])

    def scrub(self, text):
        if not text:
            return text
        for s in self._secrets:
            text = text.replace(s, MASK)
        for f in self._forms:
            text = text.replace(f, MASK)
        return _XOR_VALUE.sub("{xor}" + MASK, text)
