"""Unit checks of stwaslib that run on every interpreter a job runs on: Jython 2.1, Jython 2.7 and CPython 3.

    jython21 tests/stwaslib_selftest.py --lib DIR [GROUP ...]     # DIR holds stwaslib/ (a copy: 2.1 writes
    jython   tests/stwaslib_selftest.py --lib DIR [GROUP ...]     #   $py.class files next to the modules)
    python3  tests/stwaslib_selftest.py --lib wsadmin_scripts

Prints `PASS group.name` or `FAIL group.name: ...` per check and `checks: N failed: M`; exits 1 when one failed.
tests/test_stwaslib_*.py run a group under each interpreter (and in-process under CPython) and assert on it.
Written in the language of the scripts themselves (docs/script-language.md): this file runs on 2.1.
"""

from __future__ import nested_scopes

import os
import sys

GROUPS = ('options', 'jsonout', 'masking', 'compat', 'job')

# U+1F600, beyond the BMP: one character on 3 and 2.7, a surrogate pair (Java's UTF-16) on 2.1
try:
    EMOJI = chr(0x1F600)
except ValueError:
    try:
        EMOJI = unichr(0x1F600)  # noqa: F821  (Jython 2.7)
    except ValueError:  # Jython 2.1 (2.7 refuses a surrogate escape in a literal)
        EMOJI = unichr(0xD83D) + unichr(0xDE00)  # noqa: F821


class Collector:
    """Stands in for sys.stdout while a check runs code that prints."""

    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        pass

    def text(self):
        return ''.join(self.parts)


class Results:
    def __init__(self):
        self.passed = []
        self.failed = []

    def expect(self, name, got, want):
        if got == want:
            self.passed.append(name)
        else:
            self.failed.append('%s: expected %s, got %s' % (name, repr(want), repr(got)))


def capture(fn, args):
    """(output, exit code or None, exception text or None) of fn(*args) with standard output collected."""
    saved = sys.stdout
    out = Collector()
    sys.stdout = out
    code = None
    error = None
    try:
        try:
            fn(*args)
        except SystemExit:
            code = sys.exc_info()[1].code
        except:  # noqa: E722
            error = '%s: %s' % (sys.exc_info()[0], sys.exc_info()[1])
    finally:
        sys.stdout = saved
    return out.text(), code, error


def error_of(fn, args):
    """The message of the UsageError/JobError/ValueError fn(*args) raises, or None."""
    from stwaslib.configtext import text
    try:
        fn(*args)
    except:  # noqa: E722
        return text(sys.exc_info()[1])
    return None


# ------------------------------------------------------------------------------------------------ options
def demo_parser():
    from stwaslib.options import OptionParser
    p = OptionParser('demo.py', usage='%prog --server NAME [options]',
                     description='Set the ports of a server and add the matching host aliases to its virtual '
                     'host; refuses port clashes between servers.')
    p.add_option('--dry-run', action='store_true', dest='dry_run', help='work out and print the changes, save nothing')
    p.add_option('--server', help='server name, e.g. STProxyServer')
    p.add_option('--ssl', help='an option whose name starts like --server')
    p.add_option('--http-port', type='port', help='port of WC_defaulthost')
    p.add_option('--timeout', type='int', minimum=0, maximum=1000, default=5, help='minutes (default %default)')
    p.add_option('--add', action='append', metavar='HOST:PORT', help='alias to add, repeatable')
    p.add_option('--enable', action='store_const', dest='enabled', const='true', help='turn it on')
    p.add_option('--disable', action='store_const', dest='enabled', const='false', help='turn it off')
    p.add_option('--scope', choices=['jvm', 'server'], help='where')
    p.add_option('--a-rather-long-option-name', dest='long_one', help='a help text long enough to be wrapped onto '
                 'a second line by the help formatter of the parser')
    return p


def check_options(r):
    from stwaslib.configtext import text
    from stwaslib.errors import UsageError
    p = demo_parser()
    v, args = p.parse_args(['--server', 'STProxyServer', '--http-port=80', '--add', 'a:80', '--add=-b:443',
                            '--enable', '--dry-run', 'rest'])
    r.expect('options.store', v.server, 'STProxyServer')
    r.expect('options.port_is_int', v.http_port, 80)
    r.expect('options.append', v.add, ['a:80', '-b:443'])
    r.expect('options.store_const', v.enabled, 'true')
    r.expect('options.store_true', v.dry_run, 1)
    r.expect('options.args', args, ['rest'])
    v, args = p.parse_args([])
    r.expect('options.defaults', (v.server, v.http_port, v.timeout, v.add, v.enabled, v.dry_run),
             (None, None, 5, None, None, 0))
    v, args = p.parse_args(['--serv', 'x', '--time', '0080'])
    r.expect('options.unique_prefix', (v.server, v.timeout), ('x', 80))
    v, args = p.parse_args(['--enable', '--enable', '--server', 'a', '--server', 'a'])
    r.expect('options.same_value_twice', (v.enabled, v.server), ('true', 'a'))

    def usage(argv):
        try:
            p.parse_args(argv)
        except UsageError:
            e = sys.exc_info()[1]
            return '%s %s' % (e.exit_code, text(e))
        return None
    r.expect('options.unknown', usage(['--bogus']), '2 no such option: --bogus (see --help)')
    r.expect('options.missing_value', usage(['--server']), '2 option --server needs a value')
    r.expect('options.flag_value', usage(['--dry-run=yes']), '2 option --dry-run takes no value')
    r.expect('options.ambiguous', usage(['--s', 'x']), '2 option --s is ambiguous (--server, --ssl, --scope)')
    r.expect('options.exclusive', usage(['--enable', '--disable']), '2 give only one of --enable and --disable')
    r.expect('options.twice', usage(['--server', 'a', '--server', 'b']),
             '2 --server is given twice with different values')
    r.expect('options.port_range', usage(['--http-port', '70000']),
             "2 invalid port '70000' for --http-port: must be a whole number from 1 to 65535")
    r.expect('options.port_zero', usage(['--http-port', '0']),
             "2 invalid port '0' for --http-port: must be a whole number from 1 to 65535")
    r.expect('options.port_unicode_digit', usage(['--http-port', u'\u00b2']),
             u"2 invalid port '\u00b2' for --http-port: must be a whole number from 1 to 65535")
    r.expect('options.port_sign', usage(['--http-port', '+80']),
             "2 invalid port '+80' for --http-port: must be a whole number from 1 to 65535")
    r.expect('options.port_huge', usage(['--http-port', '9' * 40]),
             "2 invalid port '%s' for --http-port: must be a whole number from 1 to 65535" % ('9' * 40))
    r.expect('options.int_negative', usage(['--timeout', '-1']),
             "2 invalid value '-1' for --timeout: must be a whole number from 0 to 1000")
    r.expect('options.int_empty', usage(['--timeout', '']),
             "2 invalid value '' for --timeout: must be a whole number from 0 to 1000")
    r.expect('options.choices', usage(['--scope', 'cell']),
             "2 invalid value 'cell' for --scope: choose one of jvm, server")
    out, code, error = capture(p.parse_args, (['--server', 'x', '--help'],))
    r.expect('options.help_exit', (code, error), (0, None))
    r.expect('options.help_text', out, HELP_TEXT)
    out, code, error = capture(p.parse_args, (['--bogus', '--help'],))
    r.expect('options.help_after_bad_option', (code, error is not None, out), (None, 1, ''))


HELP_TEXT = '''Usage: demo.py --server NAME [options]

Set the ports of a server and add the matching host aliases to its virtual
host; refuses port clashes between servers.

Options:
  --help                show this help message and exit
  --dry-run             work out and print the changes, save nothing
  --server=SERVER       server name, e.g. STProxyServer
  --ssl=SSL             an option whose name starts like --server
  --http-port=HTTP_PORT
                        port of WC_defaulthost
  --timeout=TIMEOUT     minutes (default 5)
  --add=HOST:PORT       alias to add, repeatable
  --enable              turn it on
  --disable             turn it off
  --scope=SCOPE         where
  --a-rather-long-option-name=LONG_ONE
                        a help text long enough to be wrapped onto a second
                        line by the help formatter of the parser
'''


def check_options_job(r):
    """A job's usage error: one ERROR line, the result line, exit 2; --help exits 0 without a result line."""
    import stwaslib
    from stwaslib.compat import interpreter

    def main(job, opts):
        raise stwaslib.UsageError('--server is required (see --help)')

    job = stwaslib.Job('demo', {}, description='A demo job.')
    job.add_option('--server', help='server name')
    out, code, error = capture(job.run, (main, []))
    r.expect('options.job_usage_exit', (code, error), (2, None))
    r.expect('options.job_usage_output', out,
             'ERROR: demo: --server is required (see --help)\n'
             'STWAS-RESULT {"changed": false, "changes": [], "dry_run": false, "error": "--server is required '
             '(see --help)", "job": "demo", "jython": "%s", "restart": [], "saved": false, "sync": null, '
             '"warnings": []}\n'
             % interpreter())
    job = stwaslib.Job('demo', {}, description='A demo job.')
    job.add_option('--server', help='server name')
    out, code, error = capture(job.run, (main, ['--server', 'a', '--server', 'b']))
    r.expect('options.job_twice', (code, out.split('\n')[0]),
             (2, 'ERROR: demo: --server is given twice with different values'))
    job = stwaslib.Job('demo', {})
    out, code, error = capture(job.run, (main, ['--help']))
    r.expect('options.job_help', (code, out.find('STWAS-RESULT') < 0, out.split('\n')[0]),
             (0, 1, 'Usage: demo.py [options]'))
    job = stwaslib.Job('demo', {})
    job.add_secret_option('--password', dest='cli_password')
    out, code, error = capture(job.run, (main, ['--password', 'Hunter2!', 'Hunter2!']))
    r.expect('options.secret_value_masked', (code, out.find('Hunter2!')), (2, -1))


# ------------------------------------------------------------------------------------------------ jsonout
def check_jsonout(r):
    from stwaslib import jsonout
    try:
        big = long(10) ** 12  # noqa: F821  (Jython)
    except NameError:
        big = 10 ** 12
    value = {'job': 'x', 'changed': jsonout.TRUE, 'saved': jsonout.FALSE, 'error': None, 'n': 3, 'big': big,
             'list': [1, 'a', [], {}, ('t', 2)], 'nested': {'b': 1, 'a': [None]},
             'text': u'caf\u00e9 "q" \\ \n\r\t\b\f \x01 \x7f ~',
             'pair': EMOJI}
    r.expect('jsonout.line', jsonout.dumps(value),
             '{"big": 1000000000000, "changed": true, "error": null, "job": "x", "list": [1, "a", [], {}, ["t", 2]], '
             '"n": 3, "nested": {"a": [null], "b": 1}, "pair": "\\ud83d\\ude00", "saved": false, '
             '"text": "caf\\u00e9 \\"q\\" \\\\ \\n\\r\\t\\b\\f \\u0001 \\u007f ~"}')
    r.expect('jsonout.indent', jsonout.dumps({'b': [1, {'c': None}], 'a': {}, 'd': []}, indent=1),
             '{\n "a": {},\n "b": [\n  1,\n  {\n   "c": null\n  }\n ],\n "d": []\n}')
    r.expect('jsonout.boolean', (jsonout.dumps(jsonout.boolean([1])), jsonout.dumps(jsonout.boolean(''))),
             ('true', 'false'))
    r.expect('jsonout.comparison', jsonout.dumps(jsonout.boolean(1 == 1)), 'true')
    r.expect('jsonout.truth', (not jsonout.TRUE, not jsonout.FALSE), (0, 1))
    r.expect('jsonout.key_order', jsonout.dumps({'b': 1, 'B': 2, 'a': 3, '_': 4}), '{"B": 2, "_": 4, "a": 3, "b": 1}')
    r.expect('jsonout.empty', (jsonout.dumps([]), jsonout.dumps({}), jsonout.dumps('')), ('[]', '{}', '""'))
    r.expect('jsonout.bad_key', error_of(jsonout.dumps, ({1: 2},)) is not None, 1)
    r.expect('jsonout.bad_value', error_of(jsonout.dumps, (Collector(),)) is not None, 1)


# ------------------------------------------------------------------------------------------------ masking
def check_masking(r):
    from stwaslib import masking, xor
    m = masking.mask_text
    r.expect('masking.word_secret_left_in_prose', m('key.p12 cannot be opened: wrong password', ['wrong']),
             'key.p12 cannot be opened: wrong password')
    r.expect('masking.word_secret_as_value', m("-keyFilePassword 'wrong' [wrong] x=wrong wrong", ['wrong']),
             "-keyFilePassword '*****' [*****] x=***** *****")
    r.expect('masking.word_secret_inside_words', m('it passes the passport check', ['pass']),
             'it passes the passport check')
    r.expect('masking.strong_secret_everywhere', m('login as admin:S3cr3t! failedS3cr3t!x', ['S3cr3t!']),
             'login as admin:***** failed*****x')
    r.expect('masking.longest_first', m('ab1 and ab12', ['ab1', 'ab12']), '***** and *****')
    r.expect('masking.exact_before_patterns', m('bad value {xor}x[1]y, then', ['{xor}x[1]y']),
             'bad value *****, then')
    r.expect('masking.brackets_secret', m('invalid: [Summer2024] for user', ['[Summer2024]']),
             'invalid: ***** for user')
    enc = xor.encode('S3cr3t!')
    r.expect('masking.encoded_secret', m('stored %s, body %s' % (enc, enc[5:]), ['S3cr3t!']),
             'stored {xor}*****, body *****')
    r.expect('masking.xor_values', m('serverPassword {xor}CDo9Hgw=, {xor}Oz1tPjsyNjE= and {xor}'),
             'serverPassword *****, {xor}***** and {xor}')
    r.expect('masking.named_values', m('bindPassword=abc, password: "x y" keyFilePassword z pwd=1 secret:s end'),
             'bindPassword=*****, password: "***** y" keyFilePassword ***** pwd=***** secret:***** end')
    r.expect('masking.named_value_needs_separator', m('passwords.py, the password.'), 'passwords.py, the password.')
    r.expect('masking.none', m(None), None)
    r.expect('masking.known_only', masking.mask_known('ldap-bind-password check, s3cr3t', ['s3cr3t']),
             'ldap-bind-password check, *****')
    r.expect('masking.names', [masking.is_secret_name(n) for n in ('serverPassword', 'keyStorePwd', 'storepass',
                                                                    'userId', '', None)], [1, 1, 1, 0, 0, 0])


# ------------------------------------------------------------------------------------------------ compat
def check_compat(r):
    from stwaslib import binary, compat, configtext, dates, xmltags, xor
    items = [('b', 1), ('a', 2), ('b', 0), ('a', 1)]
    r.expect('compat.sort_by_stable', compat.sort_by(items, first), [('a', 2), ('a', 1), ('b', 1), ('b', 0)])
    r.expect('compat.sort_by_reverse', compat.sort_by(items, first, reverse=1),
             [('b', 1), ('b', 0), ('a', 2), ('a', 1)])
    r.expect('compat.sort_by_plain', compat.sort_by([3, 1, 2]), [1, 2, 3])
    r.expect('compat.unique', compat.unique(['b', 'a', 'b', 'c', 'a']), ['b', 'a', 'c'])
    r.expect('compat.number_items', compat.number_items('ab'), [(0, 'a'), (1, 'b')])
    d = {'a': None}
    r.expect('compat.has_key', (compat.has_key(d, 'a'), compat.has_key(d, 'b'), compat.has_key({(1, 'x'): 0},
                                                                                                (1, 'x'))),
             (1, 0, 1))
    r.expect('compat.contains', (compat.contains('abc', 'bc'), compat.contains('abc', ''), compat.contains('a', 'ab')),
             (1, 1, 0))
    r.expect('compat.split_last', (compat.split_last('h:o:80', ':'), compat.split_last('h', ':')),
             (['h:o', '80'], ['h']))
    r.expect('compat.partition', (compat.partition('a=b=c', '='), compat.partition('a', '=')),
             (('a', '=', 'b=c'), ('a', '', '')))
    r.expect('compat.strip_chars', (compat.strip_chars('xxaxbxx', 'x'), compat.lstrip_chars('--a-', '-'),
                                    compat.rstrip_chars('a\\\\', '\\'), compat.strip_chars('', 'x')),
             ('axb', 'a-', 'a', ''))
    r.expect('compat.starts_ends', (compat.starts_with_any('-Dx', ('-X', '-D')), compat.starts_with_any('a', ()),
                                    compat.ends_with_any('a.xml', ('.py', '.xml'))), (1, 0, 1))
    r.expect('compat.ascii_digits', [compat.is_ascii_digits(s) for s in ('0123', '', '1a', u'\u00b2', u'\u0661', ' 1')],
             [1, 0, 0, 0, 0, 0])
    r.expect('compat.types', (compat.is_text('a'), compat.is_text(u'a'), compat.is_text(1), compat.is_int(3),
                              compat.is_list([]), compat.is_list(()), compat.is_sequence(()), compat.is_dict({})),
             (1, 1, 0, 1, 1, 0, 1, 1))
    version = compat.interpreter()
    if sys.platform[:4] == 'java':
        r.expect('compat.interpreter', version, sys.version.split()[0])
    else:
        r.expect('compat.interpreter', version, 'cpython-%d.%d' % (sys.version_info[0], sys.version_info[1]))
    # bytes and text
    text = u'caf\u00e9 \u20ac ' + EMOJI
    data = binary.utf8_bytes(text)
    r.expect('binary.utf8_bytes', binary.byte_values(data),
             [99, 97, 102, 195, 169, 32, 226, 130, 172, 32, 240, 159, 152, 128])
    r.expect('binary.utf8_round_trip', binary.utf8_text(data), binary.utf8_text(binary.utf8_bytes(text)))
    r.expect('binary.utf8_invalid', error_of(binary.utf8_text, (binary.from_byte_values([0xC3, 0x28]),)) is not None,
             1)
    r.expect('binary.utf8_replace', binary.utf8_text(binary.from_byte_values([0x61, 0xFF, 0x62]), 'replace'),
             u'a\ufffdb')
    r.expect('binary.latin1', binary.latin1_bytes(binary.latin1_text(binary.latin1_bytes(u'a\u00ff'))),
             binary.from_byte_values([97, 255]))
    long_data = binary.from_byte_values(range(200))
    r.expect('binary.base64_long', binary.base64_bytes(binary.base64_text(long_data)), long_data)
    r.expect('binary.base64_text', binary.base64_text(binary.latin1_bytes('WebAS')), 'V2ViQVM=')
    # {xor}
    r.expect('xor.known', (xor.encode('WebAS'), xor.encode('db2admin'), xor.encode('')),
             ('{xor}CDo9Hgw=', '{xor}Oz1tPjsyNjE=', '{xor}'))
    r.expect('xor.decode', (xor.decode('{XOR}CDo9Hgw='), xor.decode('plain'), xor.decode(xor.encode(text))),
             ('WebAS', 'plain', binary.utf8_text(binary.utf8_bytes(text))))
    r.expect('xor.invalid', [error_of(xor.decode, (v,)) for v in ('{xor}abc', '{xor}!!!!', '{xor}CDo9Hgw')],
             ['not a valid {xor} value'] * 3)
    r.expect('xor.same_password', (xor.same_password('{xor}CDo9Hgw=', 'WebAS'), xor.same_password('{xor}x', 'x')),
             (1, 0))
    # dates
    r.expect('dates.days', (dates.days_between((2024, 1, 1), (2025, 1, 1)), dates.days_between((2023, 3, 1),
                                                                                                (2023, 2, 1))),
             (366, -28))
    r.expect('dates.ordinal', dates.ordinal((2024, 3, 5)), 738950)
    r.expect('dates.parse', (dates.parse_iso('2024-02-29'), dates.iso((2024, 2, 9))), ((2024, 2, 29), '2024-02-09'))
    r.expect('dates.invalid', [error_of(dates.parse_iso, (s,)) is not None for s in ('2023-02-29', '2024-1-x', 'x',
                                                                                       u'\u00b2024-01-01')],
             [1, 1, 1, 1])
    # configtext
    cid = configtext.ConfigId('"my server(cells/c/nodes/n/servers/s|server.xml#Server_1)"')
    r.expect('configtext.id', (cid.name, cid.doc_dir, cid.doc_file, cid.xmi_id, cid.path_value('nodes')),
             ('my server', 'cells/c/nodes/n/servers/s', 'server.xml', 'Server_1', 'n'))
    cid = configtext.ConfigId('server1(cells/c/nodes/n/servers/server1|server.xml)')  # AdminTask.listServers
    r.expect('configtext.document_id', (cid.name, cid.doc_file, cid.xmi_id, cid.path_value('servers')),
             ('server1', 'server.xml', None, 'server1'))
    r.expect('configtext.bad_id', [error_of(configtext.ConfigId, (v,)) for v in ('x(a|b|c)', 'x(a)', 'x(a|)', 'plain')],
             ["not a configuration id: 'x(a|b|c)'", "not a configuration id: 'x(a)'", "not a configuration id: 'x(a|)'",
              "not a configuration id: 'plain'"])
    r.expect('configtext.split_id_list', configtext.split_id_list('[a(c|f.xml#1) "b c(c|f.xml#2)" d(c|f.xml#3)]'),
             ['a(c|f.xml#1)', 'b c(c|f.xml#2)', 'd(c|f.xml#3)'])
    r.expect('configtext.parse_show', configtext.parse_show('[name "a b"] [port 80] [props []] [x [[k v]]]'),
             {'name': 'a b', 'port': '80', 'props': '', 'x': [['k', 'v']]})
    # xmltags
    doc = ('<?xml version="1.0"?><!-- <a x="1"/> --><sec:security xmi:id="S1" a = \'x&amp;y\'>'
           '<![CDATA[<b c="no"/>]]><b c="d"/><r:repo id="R">inner</r:repo></sec:security>')
    tags = xmltags.start_tags(doc)
    r.expect('xmltags.start_tags', [(t.qname, t.name, t.values()) for t in tags],
             [('sec:security', 'security', {'xmi:id': 'S1', 'a': 'x&y'}), ('b', 'b', {'c': 'd'}),
              ('r:repo', 'repo', {'id': 'R'})])
    a = tags[0].attr('a')
    r.expect('xmltags.offsets', doc[a[2]:a[3]], 'x&amp;y')
    r.expect('xmltags.by_name', [t.get('id') for t in xmltags.start_tags(doc, 'repo')], ['R'])
    r.expect('xmltags.content', xmltags.element_content(doc, xmltags.start_tags(doc, 'repo')[0]), 'inner')


# ------------------------------------------------------------------------------------------------ job
class StandInConfig:
    """The few AdminConfig calls Job.ensure and the frame make, over one attribute of one object."""

    def __init__(self):
        self.values = {'port': '9080'}
        self.calls = []

    def showAttribute(self, cid, name):
        return self.values.get(name)

    def modify(self, cid, pairs):
        self.calls.append('modify')
        for name, value in pairs:
            self.values[name] = value

    def save(self):
        self.calls.append('save')

    def reset(self):
        self.calls.append('reset')


def plan_job(config, refusals=(), write_in_plan=0):
    """A job in the plan shape over config: (job, plan, apply, the list apply appends to)."""
    import stwaslib
    applied = []

    def plan(job, opts):
        p = stwaslib.Plan()
        p.port = job.attr('ep', 'port')
        p.say('port now %s' % p.port)
        for reason in refusals:
            p.refuse(reason)
        if write_in_plan:
            job.ensure('ep', 'EndPoint', 'ep', [('port', '80')])
        p.result['port_before'] = p.port
        return p

    def apply(job, p):
        applied.append(p.port)
        job.ensure('ep', 'EndPoint', 'ep', [('port', '80')])

    job = stwaslib.Job('demo', {'AdminConfig': config}, restart=stwaslib.restart.NONE)
    return job, plan, apply, applied


def check_job_plan(r):
    """Job.run_plan: the plan's lines, then apply; refusals stop before it; a write in the plan is refused."""
    from stwaslib.compat import interpreter
    config = StandInConfig()
    job, plan, apply, applied = plan_job(config)
    out, code, error = capture(job.run_plan, (plan, apply, []))
    lines = out.split('\n')
    r.expect('job.plan_apply', (code, error, applied, config.calls, lines[:3]),
             (None, None, ['9080'], ['modify', 'save'],
              ['port now 9080', "CHANGE modify EndPoint [ep] port '9080' -> '80'", 'saved: 1 change(s)']))
    r.expect('job.plan_result', lines[-2].find('"port_before": "9080"') > 0 and lines[-2].find('"saved": true') > 0, 1)

    config = StandInConfig()
    job, plan, apply, applied = plan_job(config)
    out, code, error = capture(job.run_plan, (plan, apply, ['--dry-run']))
    r.expect('job.plan_dry_run', (code, applied, config.calls, out.find('dry run: 1 change(s) not saved') > 0),
             (None, ['9080'], ['modify', 'reset'], 1))

    config = StandInConfig()
    job, plan, apply, applied = plan_job(config, refusals=('the port is taken', 'the host is unknown'))
    out, code, error = capture(job.run_plan, (plan, apply, []))
    r.expect('job.plan_refused', (code, applied, config.calls, out.split('\n')[:2]),
             (1, [], ['reset'], ['port now 9080', 'ERROR: demo: refused: the port is taken; the host is unknown']))
    r.expect('job.plan_refused_result', out.split('\n')[2],
             'STWAS-RESULT {"changed": false, "changes": [], "dry_run": false, "error": "refused: the port is taken; '
             'the host is unknown", "job": "demo", "jython": "%s", "restart": [], "saved": false, "sync": null, '
             '"warnings": []}' % interpreter())

    config = StandInConfig()
    job, plan, apply, applied = plan_job(config, write_in_plan=1)
    out, code, error = capture(job.run_plan, (plan, apply, []))
    r.expect('job.plan_must_not_write', (code, applied, config.calls, out.split('\n')[0]),
             (1, [], ['reset'], 'ERROR: demo: internal error: the plan of demo tried to change the configuration'))


def first(pair):
    return pair[0]


CHECKS = {'options': (check_options, check_options_job), 'jsonout': (check_jsonout,),
          'masking': (check_masking,), 'compat': (check_compat,), 'job': (check_job_plan,)}


def run(groups):
    r = Results()
    for g in groups:
        for check in CHECKS[g]:
            try:
                check(r)
            except:  # noqa: E722  a check that breaks is a failure, with what broke it
                r.failed.append('%s: %s raised %s: %s' % (g, check.__name__, sys.exc_info()[0], sys.exc_info()[1]))
    return r


def main(argv):
    lib = None
    groups = []
    i = 0
    while i < len(argv):
        if argv[i] == '--lib':
            lib = argv[i + 1]
            i = i + 2
            continue
        groups.append(argv[i])
        i = i + 1
    if lib is None:
        lib = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(sys.argv[0]))), 'wsadmin_scripts')
    sys.path.insert(0, lib)
    r = run(groups or list(GROUPS))
    for name in r.passed:
        sys.stdout.write('PASS %s\n' % name)
    for line in r.failed:
        sys.stdout.write('FAIL %s\n' % line)
    sys.stdout.write('checks: %d failed: %d\n' % (len(r.passed) + len(r.failed), len(r.failed)))
    if r.failed:
        sys.exit(1)


if __name__ == '__main__':
    main(sys.argv[1:])
