import pytest

from harness.base.errors import ScriptingException
from harness.config import attrinput as A
from harness.config.attrinput import (
    Items,
    Pairs,
    Scalar,
    as_object,
    as_object_list,
    as_rows,
    as_string,
    as_string_list,
    format_attrs,
    format_value,
    from_python,
    is_empty_list,
    is_items,
    is_pairs,
    is_scalar,
    parse_attrs,
    parse_value,
    quote_if_needed,
)

S = Scalar


# ---------------------------------------------------------------------------------------------
# string form
# ---------------------------------------------------------------------------------------------

def test_brief_string_form():
    text = ('[[name value] [name2 "value with spaces"] [flag true] [empty ""] [list [a b c]] '
            '[nested [[k v] [k2 v2]]] [objlist [[[k v]] [[k v2]]]]]')
    assert parse_attrs(text) == [
        ("name", S("value")),
        ("name2", S("value with spaces")),
        ("flag", S("true")),
        ("empty", S("")),
        ("list", Items([S("a"), S("b"), S("c")])),
        ("nested", Pairs([("k", S("v")), ("k2", S("v2"))])),
        ("objlist", Items([Pairs([("k", S("v"))]), Pairs([("k", S("v2"))])])),
    ]


@pytest.mark.parametrize("empty", ["", "   ", "[]", " [ ] ", "\n"])
def test_empty_string_forms(empty):
    assert parse_attrs(empty) == []


def test_empty_list_forms():
    assert parse_attrs([]) == []
    assert parse_attrs(()) == []
    assert parse_attrs(None) == []


def test_config_ids_are_single_tokens():
    ids = ("(cells/c/nodes/n/servers/s|server.xml#Server_1) "
           "myServer(cells/myCell/nodes/myNode/servers/myServer|server.xml#Server_1) "
           '"DefaultApp Datasource(cells/devAppCell|resources.xml#DataSource_1183122153625)"')
    out = parse_attrs("[[ref %s] [refs [%s]]]" % (ids.split()[0], ids))
    assert out[0] == ("ref", S("(cells/c/nodes/n/servers/s|server.xml#Server_1)"))
    assert out[1] == ("refs", Items([
        S("(cells/c/nodes/n/servers/s|server.xml#Server_1)"),
        S("myServer(cells/myCell/nodes/myNode/servers/myServer|server.xml#Server_1)"),
        S("DefaultApp Datasource(cells/devAppCell|resources.xml#DataSource_1183122153625)"),
    ]))


def test_quoted_value_keeps_commas_brackets_and_semicolons():
    out = parse_attrs('[[string_to_bind "value, withComma"] [b "[x y]"] [classpath a.jar;b.jar] [d "a=b;c"]]')
    assert out == [("string_to_bind", S("value, withComma")), ("b", S("[x y]")),
                   ("classpath", S("a.jar;b.jar")), ("d", S("a=b;c"))]


def test_whitespace_variants_and_newlines():
    assert parse_attrs("  [ [ name\tvalue ]\n[x  y]]  ") == [("name", S("value")), ("x", S("y"))]
    assert parse_attrs("[[a b][c d]]") == [("a", S("b")), ("c", S("d"))]


def test_backslashes_literal_in_string_form():
    assert parse_attrs(r'[[path c:\temp\x] [q "a\\b"]]') == [("path", S(r"c:\temp\x")), ("q", S(r"a\\b"))]


def test_escaped_quote_inside_quotes():
    assert parse_attrs(r'[[genericJvmArguments "-Dx=\"a b\""]]') == [("genericJvmArguments", S('-Dx="a b"'))]


def test_quote_inside_unquoted_token_is_literal():
    assert parse_attrs('[[a x"y] [b "q"tail]]') == [("a", S('x"y')), ("b", S("qtail"))]


def test_nested_deeper_and_mixed():
    out = parse_attrs('[[propertySet [[resourceProperties [[[name databaseName] [value x]] '
                      '[[name portNumber] [value 50000] [type java.lang.Integer]]]]]]]')
    ps = out[0][1]
    assert is_pairs(ps)
    rp = ps.get("resourceProperties")
    assert is_items(rp)
    assert as_object_list(rp) == [
        Pairs([("name", S("databaseName")), ("value", S("x"))]),
        Pairs([("name", S("portNumber")), ("value", S("50000")), ("type", S("java.lang.Integer"))]),
    ]


def test_single_nested_object_connection_pool():
    out = parse_attrs("[[connectionPool [[minConnections 0] [maxConnections 10]]]]")
    assert out == [("connectionPool", Pairs([("minConnections", S("0")), ("maxConnections", S("10"))]))]
    assert as_object(out[0][1]).get("maxConnections") == S("10")


def test_empty_list_value():
    out = parse_attrs("[[customProperties []] [x [[]]]]")
    assert out == [("customProperties", Items([])), ("x", Items([Items([])]))]
    assert is_empty_list(out[0][1])
    assert as_object_list(out[1][1]) == [Pairs([])]


def test_duplicate_names_kept_in_order():
    out = parse_attrs("[[a 1] [a 2]]")
    assert out == [("a", S("1")), ("a", S("2"))]
    assert Pairs(out).get("a") == S("2")


@pytest.mark.parametrize("text, msgid", [
    ("[[a b]", "WASX7122E"),
    ("[[a b] [c d]", "WASX7122E"),
    ("[[a b]]]", "WASX7123E"),
    ("]", "WASX7123E"),
    ('[[a "b]]', "WASX7124E"),
    ("name value", "WASX7121E"),
    ("[a b]", "WASX7125E"),
    ("[[a]]", "WASX7125E"),
    ("[[a b c]]", "WASX7125E"),
    ("[[[a] b]]", "WASX7125E"),
    ("[[a b]] [[c d]]", "WASX7126E"),
    ("[[a b]] x", "WASX7126E"),
])
def test_string_syntax_errors(text, msgid):
    with pytest.raises(ScriptingException) as ei:
        parse_attrs(text)
    assert ei.value.message.startswith(msgid + ": ")
    assert str(ei.value).startswith("com.ibm.ws.scripting.ScriptingException: " + msgid)


def test_error_message_texts():
    with pytest.raises(ScriptingException) as ei:
        parse_attrs("[[a b]")
    assert ei.value.message == 'WASX7122E: Expected "]" not found. Attribute string: [[a b]'
    with pytest.raises(ScriptingException) as ei:
        parse_attrs("[[a b c]]")
    assert ei.value.message == "WASX7125E: Invalid attribute specification [a b c]; expected [name value]."


def test_bad_input_type():
    with pytest.raises(ScriptingException):
        parse_attrs(42)


# ---------------------------------------------------------------------------------------------
# list form
# ---------------------------------------------------------------------------------------------

def test_brief_list_form():
    out = parse_attrs([["name", "value"], ["port", 80], ["connectionPool", [["reapTime", "2003"]]],
                       ["properties", [[["name", "a"], ["value", "b"]], [["name", "c"], ["value", "d"]]]],
                       ["enabledProxyActions", ["id1(cells/c|x.xml#A_1)", "id2(cells/c|x.xml#A_2)"]],
                       ["attr", []]])
    assert out == [
        ("name", S("value")),
        ("port", S("80")),
        ("connectionPool", Pairs([("reapTime", S("2003"))])),
        ("properties", Items([Pairs([("name", S("a")), ("value", S("b"))]),
                              Pairs([("name", S("c")), ("value", S("d"))])])),
        ("enabledProxyActions", Items([S("id1(cells/c|x.xml#A_1)"), S("id2(cells/c|x.xml#A_2)")])),
        ("attr", Items([])),
    ]


def test_list_form_conversions():
    out = parse_attrs([("a", True), ("b", False), ("c", 1.5), ["d", "with space"], ["e", ""], ["f", ("x", "y", "z")]])
    assert out == [("a", S("true")), ("b", S("false")), ("c", S("1.5")), ("d", S("with space")),
                   ("e", S("")), ("f", Items([S("x"), S("y"), S("z")]))]


def test_list_form_strings_are_never_reparsed():
    out = parse_attrs([["description", "[a b]"], ["x", '"q"']])
    assert out == [("description", S("[a b]")), ("x", S('"q"'))]


def test_list_form_backslash_quirk(monkeypatch):
    assert A.LIST_FORM_DOUBLES_BACKSLASH is True
    assert parse_attrs([["value", "c\\d"]]) == [("value", S("c\\\\d"))]
    assert parse_attrs([["p", [["v", "a\\b"]]]]) == [("p", Pairs([("v", S("a\\\\b"))]))]
    # the string form is taken verbatim
    assert parse_attrs("[[value c\\d]]") == [("value", S("c\\d"))]
    monkeypatch.setattr(A, "LIST_FORM_DOUBLES_BACKSLASH", False)
    assert parse_attrs([["value", "c\\d"]]) == [("value", S("c\\d"))]


def test_list_form_errors():
    with pytest.raises(ScriptingException) as ei:
        parse_attrs(["name", "value"])
    assert ei.value.message.startswith("WASX7125E")
    with pytest.raises(ScriptingException):
        parse_attrs([["name"]])
    with pytest.raises(ScriptingException):
        parse_attrs([["a", "b", "c"]])
    with pytest.raises(ScriptingException):
        parse_attrs([[1, "b"]])


def test_string_and_list_forms_agree():
    text = ('[[name "My DS"] [port 80] [pool [[reapTime 2003]]] '
            '[props [[[name a] [value b]] [[name c] [value d]]]] [refs [x y]] [none []]]')
    lst = [["name", "My DS"], ["port", 80], ["pool", [["reapTime", 2003]]],
           ["props", [[["name", "a"], ["value", "b"]], [["name", "c"], ["value", "d"]]]],
           ["refs", ["x", "y"]], ["none", []]]
    assert parse_attrs(text) == parse_attrs(lst)


def test_from_python_passthrough():
    v = Pairs([("a", S("b"))])
    assert from_python(v) is v
    assert from_python([["a", v]]) == Pairs([("a", v)])


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

def test_predicates():
    assert is_scalar(S("x")) and not is_scalar(Items([]))
    assert is_pairs(Pairs([("a", S("b"))])) and not is_pairs(Items([]))
    assert is_items(Items([])) and is_empty_list(Items([])) and not is_empty_list(Items([S("")]))


def test_as_string():
    assert as_string(S("abc")) == "abc"
    assert as_string("raw") == "raw"
    with pytest.raises(ScriptingException) as ei:
        as_string(Items([S("a"), S("b c")]))
    assert ei.value.message == 'WASX7129E: Invalid value [a "b c"]; expected a single value.'


@pytest.mark.parametrize("value, expected", [
    (S("a.jar;b.jar"), ["a.jar", "b.jar"]),
    (S("a.jar"), ["a.jar"]),
    (S(""), []),
    (S("a;;b;"), ["a", "b"]),
    (S("[a b]"), ["a", "b"]),
    (S("[]"), []),
    (Items([S("x(cells/c|a.xml#A_1)"), S("y z")]), ["x(cells/c|a.xml#A_1)", "y z"]),
    (Items([]), []),
    ("a;b", ["a", "b"]),
    ("[a.jar b.jar]", ["a.jar", "b.jar"]),
    (["a", "b;c"], ["a", "b;c"]),
    (("a", 1, True), ["a", "1", "true"]),
    ([], []),
    (None, []),
])
def test_as_string_list(value, expected):
    assert as_string_list(value) == expected


def test_as_string_list_from_parsed_forms():
    s = parse_attrs("[[classpath [a.jar b.jar]] [cp2 a.jar;b.jar] [cp3 \"\"]]")
    assert [as_string_list(v) for _, v in s] == [["a.jar", "b.jar"], ["a.jar", "b.jar"], []]
    lst = parse_attrs([["classpath", ["a.jar", "b.jar"]], ["cp2", "a.jar;b.jar"], ["cp3", []]])
    assert [as_string_list(v) for _, v in lst] == [["a.jar", "b.jar"], ["a.jar", "b.jar"], []]


@pytest.mark.parametrize("bad", [Items([Items([S("a")])]), Pairs([("a", S("b"))]), [["a", "b"]]])
def test_as_string_list_rejects_nested(bad):
    with pytest.raises(ScriptingException) as ei:
        as_string_list(bad)
    assert ei.value.message.startswith("WASX7127E")


def test_as_object_and_object_list():
    p = Pairs([("a", S("b"))])
    assert as_object(p) is p
    assert as_object(Items([])) == Pairs([])
    assert as_object([["a", "b"]]) == p
    with pytest.raises(ScriptingException):
        as_object(S("x"))
    with pytest.raises(ScriptingException):
        as_object(Items([p]))
    assert as_object_list(p) == [p]
    assert as_object_list(Items([p, p])) == [p, p]
    assert as_object_list(Items([])) == []
    assert as_object_list([[["a", "b"]]]) == [p]
    with pytest.raises(ScriptingException) as ei:
        as_object_list(Items([S("x")]))
    assert ei.value.message.startswith("WASX7128E")
    with pytest.raises(ScriptingException):
        as_object_list(S("x"))


def test_as_rows_undoes_pairs_reading():
    v = parse_value("[[a b] [c d]]")
    assert is_pairs(v)
    assert as_rows(v) == [["a", "b"], ["c", "d"]]
    assert as_rows(parse_value('[["role" No Yes "" ""] [admin No No "u1|u2" g1]]')) == [
        ["role", "No", "Yes", "", ""], ["admin", "No", "No", "u1|u2", "g1"]]


def test_parse_value():
    assert parse_value("abc") == S("abc")
    assert parse_value('"a b"') == S("a b")
    assert parse_value("") == S("")
    assert parse_value("[a b]") == Items([S("a"), S("b")])
    assert parse_value("[[k v]]") == Pairs([("k", S("v"))])
    with pytest.raises(ScriptingException):
        parse_value("a b")


def test_quote_if_needed():
    assert quote_if_needed("abc") == "abc"
    assert quote_if_needed("a b") == '"a b"'
    assert quote_if_needed("a\tb") == '"a\tb"'
    assert quote_if_needed("") == ""
    assert quote_if_needed("x(cells/c|a.xml#A_1)") == "x(cells/c|a.xml#A_1)"
    assert quote_if_needed("[a]") == "[a]"


def test_format_round_trip():
    text = ('[[name "My DS"] [empty ""] [port 80] [pool [[reapTime 2003]]] '
            '[props [[[name a] [value b]] [[name c] [value "d e"]]]] [refs [x y]] [none []] [q "[x]"]]')
    parsed = parse_attrs(text)
    assert format_attrs(parsed) == text
    assert parse_attrs(format_attrs(parsed)) == parsed
    assert format_value(S('say "hi" now')) == '"say \\"hi\\" now"'
    assert parse_value(format_value(S('say "hi" now'))) == S('say "hi" now')
    with pytest.raises(TypeError):
        format_value("raw")


def test_value_equality_and_repr():
    assert S("a") != Items([S("a")])
    assert Items([]) != Pairs([])
    assert repr(Pairs([("a", S("b"))])) == "Pairs([('a', Scalar('b'))])"
    assert len({S("a"), S("a"), Items([S("a")])}) == 2
    assert list(Pairs([("a", S("b"))])) == [("a", S("b"))]
    assert Pairs([("a", S("b"))]).names() == ["a"]
