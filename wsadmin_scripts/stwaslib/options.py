"""The command-line options of a job: a getopt-based parser with optparse's add_option call shape.

    parser = OptionParser('set_server_ports.py', usage='%prog --server NAME [options]', description='...')
    parser.add_option('--server', help='server name')
    parser.add_option('--http-port', type='port', help='...')              # an int 1..65535
    parser.add_option('--ltpa-timeout', type='int', minimum=1, maximum=1000000)
    parser.add_option('--add', action='append', metavar='HOST:PORT')
    parser.add_option('--enable', action='store_const', dest='enabled', const='true')
    parser.add_option('--force', action='store_true')
    values, args = parser.parse_args(argv)

optparse is not on Jython 2.1; getopt is on every wsadmin. Long options only (and -h): --name VALUE or
--name=VALUE, unique prefixes accepted (as optparse and getopt do). Actions: store, store_const, store_true,
store_false, append; keywords dest, default, const, metavar, help (%default is replaced), choices, type ('string',
'int' with minimum/maximum, 'port' = int 1..65535; whole numbers are ASCII digits only).

Bad input is a UsageError (one line; the job prints it as its ERROR line and exits 2): an unknown or ambiguous
option, a missing value, a value for a flag, a number that is not one or out of range, a value not among the
choices, and two options that set the same destination to different values (`--enable --disable`, or `--server a
--server b`): the parser refuses instead of letting the last one win. --help prints the help and exits 0.
"""

import getopt
import sys

from stwaslib.compat import has_key, is_ascii_digits, lstrip_chars
from stwaslib.errors import UsageError
from stwaslib.output import write_line

ACTIONS = ("store", "store_const", "store_true", "store_false", "append")
TYPES = ("string", "int", "port")
HELP_FLAGS = ("--help", "-h")
WIDTH = 79
HELP_COLUMN = 24


class Values:
    """The parsed options as attributes (values.server, values.dry_run, ...)."""

    def __repr__(self):
        return "Values(%s)" % (self.__dict__,)


class Option:
    def __init__(
        self,
        flags,
        action="store",
        dest=None,
        default=None,
        const=None,
        metavar=None,
        help=None,
        choices=None,
        type="string",
        minimum=None,
        maximum=None,
    ):
        if action not in ACTIONS:
            raise ValueError("unknown action %s for %s" % (action, flags[0]))
        if type not in TYPES:
            raise ValueError("unknown type %s for %s" % (type, flags[0]))
        self.flags = flags
        self.action = action
        self.dest = dest or lstrip_chars(flags[-1], "-").replace("-", "_")
        if default is None and action == "store_true":
            default = 0
        if default is None and action == "store_false":
            default = 1
        self.default = default
        self.const = const
        self.metavar = metavar or self.dest.upper()
        self.help = help
        self.choices = choices
        self.type = type
        if type == "port":
            minimum, maximum = 1, 65535
        self.minimum = minimum
        self.maximum = maximum

    def takes_value(self):
        return self.action == "store" or self.action == "append"

    def convert(self, flag, value):
        """The value of one occurrence, checked; UsageError naming the option otherwise."""
        if self.type != "string":
            value = self._number(flag, value)
        if self.choices is not None and value not in self.choices:
            raise UsageError(
                "invalid value '%s' for %s: choose one of %s" % (value, flag, ", ".join([str(c) for c in self.choices]))
            )
        return value

    def _number(self, flag, value):
        what = "value"
        if self.type == "port":
            what = "port"
        rule = "a whole number"
        if self.minimum is not None and self.maximum is not None:
            rule = "a whole number from %d to %d" % (self.minimum, self.maximum)
        elif self.minimum is not None:
            rule = "a whole number of at least %d" % self.minimum
        s = value.strip()
        sign = ""
        if s[:1] == "-":
            sign, s = "-", s[1:]
        # at most 9 digits: every one of them is an int on 2.1 (no long arithmetic needed) and no range is wider
        if not is_ascii_digits(s) or len(lstrip_chars(s, "0")) > 9:
            raise UsageError("invalid %s '%s' for %s: must be %s" % (what, value, flag, rule))
        n = int(sign + s)
        if (self.minimum is not None and n < self.minimum) or (self.maximum is not None and n > self.maximum):
            raise UsageError("invalid %s '%s' for %s: must be %s" % (what, value, flag, rule))
        return n

    def label(self):
        """The option as the help shows it: --server=SERVER, --dry-run."""
        names = []
        for f in self.flags:
            if self.takes_value():
                if f[:2] == "--":
                    names.append("%s=%s" % (f, self.metavar))
                else:
                    names.append("%s %s" % (f, self.metavar))
            else:
                names.append(f)
        return ", ".join(names)


class OptionParser:
    def __init__(self, prog, usage=None, description=None):
        self.prog = prog
        self.usage = usage or "%prog [options]"
        self.description = description
        self.options = []
        self._by_flag = {}

    def add_option(self, *flags, **settings):
        for f in flags:
            if f[:2] != "--" and not (len(f) == 2 and f[0] == "-"):
                raise ValueError("option %s: give --long (or -x) flags" % f)
            if has_key(self._by_flag, f) or f in HELP_FLAGS:
                raise ValueError("option %s is defined twice" % f)
        opt = Option(flags, **settings)
        self.options.append(opt)
        for f in flags:
            self._by_flag[f] = opt
        return opt

    def defaults(self):
        values = Values()
        for opt in self.options:
            if opt.action == "append":
                setattr(values, opt.dest, None)
            elif not hasattr(values, opt.dest) or opt.default is not None:
                setattr(values, opt.dest, opt.default)
        return values

    # ------------------------------------------------------------------------------------------ parsing
    def parse_args(self, argv):
        """(Values, remaining arguments); UsageError for bad options; --help prints the help and exits 0."""
        short, longs = "h", ["help"]
        for opt in self.options:
            for f in opt.flags:
                if f[:2] == "--":
                    if opt.takes_value():
                        longs.append(f[2:] + "=")
                    else:
                        longs.append(f[2:])
                elif opt.takes_value():
                    short = short + f[1] + ":"
                else:
                    short = short + f[1]
        try:
            pairs, args = getopt.getopt(argv, short, longs)
        except getopt.GetoptError:
            raise UsageError(self._getopt_message(sys.exc_info()[1]))
        for flag, _value in pairs:
            if flag in HELP_FLAGS:
                write_line(self.format_help())
                sys.exit(0)
        values = self.defaults()
        given = {}  # dest -> (first flag, value)
        for flag, value in pairs:
            opt = self._by_flag[flag]
            if opt.action == "append":
                cur = getattr(values, opt.dest) or []
                setattr(values, opt.dest, cur + [opt.convert(flag, value)])
                continue
            if opt.action == "store":
                value = opt.convert(flag, value)
            elif opt.action == "store_const":
                value = opt.const
            elif opt.action == "store_true":
                value = 1
            else:
                value = 0
            before = given.get(opt.dest)
            if before is not None and before[1] != value:
                if before[0] == flag:
                    raise UsageError("%s is given twice with different values" % flag)
                raise UsageError("give only one of %s and %s" % (before[0], flag))
            given[opt.dest] = (flag, value)
            setattr(values, opt.dest, value)
        return values, args

    def _getopt_message(self, e):
        msg = str(e)
        flag = "-" + e.opt
        if msg.find("--" + e.opt) >= 0:
            flag = "--" + e.opt
        if msg.find("not a unique prefix") >= 0:
            matches = []
            for opt in self.options:
                for f in opt.flags:
                    if f[: len(flag)] == flag:
                        matches.append(f)
            return "option %s is ambiguous (%s)" % (flag, ", ".join(matches))
        if msg.find("requires argument") >= 0:
            return "option %s needs a value" % flag
        if msg.find("must not have an argument") >= 0:
            return "option %s takes no value" % flag
        return "no such option: %s (see --help)" % flag

    # ------------------------------------------------------------------------------------------ help
    def format_help(self):
        lines = ["Usage: " + self.usage.replace("%prog", self.prog), ""]
        if self.description:
            lines.extend(wrap(self.description, WIDTH, ""))
            lines.append("")
        lines.append("Options:")
        rows = [("--help", "show this help message and exit")]
        for opt in self.options:
            text = opt.help or ""
            if opt.default is not None:
                text = text.replace("%default", str(opt.default))
            rows.append((opt.label(), text))
        indent = " " * HELP_COLUMN
        for label, text in rows:
            head = "  " + label
            if len(head) <= HELP_COLUMN - 2:
                body = wrap(text, WIDTH, indent)
                if body:
                    lines.append(head.ljust(HELP_COLUMN) + body[0][HELP_COLUMN:])
                    lines.extend(body[1:])
                else:
                    lines.append(head)
            else:
                lines.append(head)
                lines.extend(wrap(text, WIDTH, indent))
        return "\n".join(lines)


def wrap(text, width, indent):
    """text as lines of at most width characters (a longer word stands alone), each starting with indent."""
    lines = []
    cur = ""
    for word in text.split():
        if cur and len(indent) + len(cur) + 1 + len(word) > width:
            lines.append(indent + cur)
            cur = word
        elif cur:
            cur = cur + " " + word
        else:
            cur = word
    if cur:
        lines.append(indent + cur)
    return lines
