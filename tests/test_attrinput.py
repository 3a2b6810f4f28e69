"""parse_attrs in the one attribute-input value shape (harness/config/attrinput.py): a str, a non-empty list of
(name, value) tuples for one nested object, or a list of values."""

import pytest

from harness.base.errors import ScriptingException
from harness.config import attrinput as A
from harness.config.attrinput import parse_attrs

# ---------------------------------------------------------------------------------------------
# string form
# ---------------------------------------------------------------------------------------------


def test_brief_string_form():
    text = (
        '[[name value] [name2 "value with spaces"] [flag true] [empty ""] [list [a b c]] '
        "[nested [[k v] [k2 v2]]] [objlist [[[k v]] [[k v2]]]]]"
    )
    assert parse_attrs(text) == [
        ("name", "value"),
        ("name2", "value with spaces"),
        ("flag", "true"),
        ("empty", ""),
        ("list", ["a", "b", "c"]),
        ("nested", [("k", "v"), ("k2", "v2")]),
        ("objlist", [[("k", "v")], [("k", "v2")]]),
    ]


def test_objects_are_tuples_and_lists_are_lists():
    # the shape tells an object from a list by its elements: (name, value) tuples vs values
    (_, nested), (_, rows) = parse_attrs("[[nested [[k v]]] [rows [[k v w]]]]")
    assert nested == [("k", "v")] and isinstance(nested[0], tuple)
    assert rows == [["k", "v", "w"]] and isinstance(rows[0], list)


@pytest.mark.parametrize("empty", ["", "   ", "[]", " [ ] ", "\n"])
def test_empty_string_forms(empty):
    assert parse_attrs(empty) == []


def test_empty_list_forms():
    assert parse_attrs([]) == []
    assert parse_attrs(()) == []
    assert parse_attrs(None) == []


def test_config_ids_are_single_tokens():
    ids = (
        "(cells/c/nodes/n/servers/s|server.xml#Server_1) "
        "myServer(cells/myCell/nodes/myNode/servers/myServer|server.xml#Server_1) "
        '"DefaultApp Datasource(cells/devAppCell|resources.xml#DataSource_1183122153625)"'
    )
    out = parse_attrs("[[ref %s] [refs [%s]]]" % (ids.split()[0], ids))
    assert out == [
        ("ref", "(cells/c/nodes/n/servers/s|server.xml#Server_1)"),
        (
            "refs",
            [
                "(cells/c/nodes/n/servers/s|server.xml#Server_1)",
                "myServer(cells/myCell/nodes/myNode/servers/myServer|server.xml#Server_1)",
                "DefaultApp Datasource(cells/devAppCell|resources.xml#DataSource_1183122153625)",
            ],
        ),
    ]


def test_quoted_value_keeps_commas_brackets_and_semicolons():
    out = parse_attrs('[[string_to_bind "value, withComma"] [b "[x y]"] [classpath a.jar;b.jar] [d "a=b;c"]]')
    assert out == [("string_to_bind", "value, withComma"), ("b", "[x y]"), ("classpath", "a.jar;b.jar"), ("d", "a=b;c")]


def test_whitespace_variants_and_newlines():
    assert parse_attrs("  [ [ name\tvalue ]\n[x  y]]  ") == [("name", "value"), ("x", "y")]
    assert parse_attrs("[[a b][c d]]") == [("a", "b"), ("c", "d")]


def test_backslashes_literal_in_string_form():
    assert parse_attrs(r'[[path c:\temp\x] [q "a\\b"]]') == [("path", r"c:\temp\x"), ("q", r"a\\b")]


def test_escaped_quote_inside_quotes():
    assert parse_attrs(r'[[genericJvmArguments "-Dx=\"a b\""]]') == [("genericJvmArguments", '-Dx="a b"')]


def test_quote_inside_unquoted_token_is_literal():
    assert parse_attrs('[[a x"y] [b "q"tail]]') == [("a", 'x"y'), ("b", "qtail")]


def test_nested_deeper_and_mixed():
    out = parse_attrs(
        "[[propertySet [[resourceProperties [[[name databaseName] [value x]] "
        "[[name portNumber] [value 50000] [type java.lang.Integer]]]]]]]"
    )
    assert out == [
        (
            "propertySet",
            [
                (
                    "resourceProperties",
                    [
                        [("name", "databaseName"), ("value", "x")],
                        [("name", "portNumber"), ("value", "50000"), ("type", "java.lang.Integer")],
                    ],
                )
            ],
        )
    ]


def test_single_nested_object_connection_pool():
    out = parse_attrs("[[connectionPool [[minConnections 0] [maxConnections 10]]]]")
    assert out == [("connectionPool", [("minConnections", "0"), ("maxConnections", "10")])]


def test_rows_with_quoted_empties():
    # a two-element row reads as a pair (the caller's type decides); longer rows stay lists
    out = parse_attrs('[[pairs [[a b] [c d]]] [roles [["role" No Yes "" ""] [admin No No "u1|u2" g1]]]]')
    assert out == [
        ("pairs", [("a", "b"), ("c", "d")]),
        ("roles", [["role", "No", "Yes", "", ""], ["admin", "No", "No", "u1|u2", "g1"]]),
    ]


def test_empty_list_value():
    out = parse_attrs("[[customProperties []] [x [[]]]]")
    assert out == [("customProperties", []), ("x", [[]])]


def test_duplicate_names_kept_in_order():
    assert parse_attrs("[[a 1] [a 2]]") == [("a", "1"), ("a", "2")]
    assert parse_attrs("[[o [[k 1] [k 2]]]]") == [("o", [("k", "1"), ("k", "2")])]


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[a b]", 'WASX7122E: Expected "]" not found. Attribute string: [[a b]'),
        ("[[a b] [c d]", 'WASX7122E: Expected "]" not found. Attribute string: [[a b] [c d]'),
        ("[[a b]]]", 'WASX7123E: Unexpected "]" found. Attribute string: [[a b]]]'),
        ("]", 'WASX7123E: Unexpected "]" found. Attribute string: ]'),
        ('[[a "b]]', 'WASX7124E: Closing quote not found. Attribute string: [[a "b]]'),
        ("name value", 'WASX7121E: Expected "[" not found. Attribute string: name value'),
        ("[a b]", "WASX7125E: Invalid attribute specification a; expected [name value]."),
        ("[[a]]", "WASX7125E: Invalid attribute specification [a]; expected [name value]."),
        ("[[a b c]]", "WASX7125E: Invalid attribute specification [a b c]; expected [name value]."),
        ("[[[a] b]]", "WASX7125E: Invalid attribute specification [[a] b]; expected [name value]."),
        ('[[a "b c" d]]', 'WASX7125E: Invalid attribute specification [a "b c" d]; expected [name value].'),
        ('[["" "[x]" "q\\"r"]]', 'WASX7125E: Invalid attribute specification ["" "[x]" q"r]; expected [name value].'),
        ("[[a b]] [[c d]]", "WASX7126E: Unexpected text after the attribute list: [[c d]]"),
        ("[[a b]] x", "WASX7126E: Unexpected text after the attribute list: x"),
        ('[[a b]] "x y" [z]', 'WASX7126E: Unexpected text after the attribute list: "x y" [z]'),
    ],
)
def test_string_syntax_errors(text, message):
    with pytest.raises(ScriptingException) as ei:
        parse_attrs(text)
    assert ei.value.message == message
    assert str(ei.value) == "com.ibm.ws.scripting.ScriptingException: " + message


@pytest.mark.parametrize(
    "value, message",
    [
        (42, "WASX7130E: Invalid attribute list 42; expected a string or a list."),
        ({"a": 1}, "WASX7130E: Invalid attribute list {'a': 1}; expected a string or a list."),
    ],
)
def test_bad_input_type(value, message):
    with pytest.raises(ScriptingException) as ei:
        parse_attrs(value)
    assert ei.value.message == message


# ---------------------------------------------------------------------------------------------
# list form
# ---------------------------------------------------------------------------------------------


def test_brief_list_form():
    out = parse_attrs(
        [
            ["name", "value"],
            ["port", 80],
            ["connectionPool", [["reapTime", "2003"]]],
            ["properties", [[["name", "a"], ["value", "b"]], [["name", "c"], ["value", "d"]]]],
            ["enabledProxyActions", ["id1(cells/c|x.xml#A_1)", "id2(cells/c|x.xml#A_2)"]],
            ["attr", []],
        ]
    )
    assert out == [
        ("name", "value"),
        ("port", "80"),
        ("connectionPool", [("reapTime", "2003")]),
        ("properties", [[("name", "a"), ("value", "b")], [("name", "c"), ("value", "d")]]),
        ("enabledProxyActions", ["id1(cells/c|x.xml#A_1)", "id2(cells/c|x.xml#A_2)"]),
        ("attr", []),
    ]


def test_list_form_conversions():
    out = parse_attrs([("a", True), ("b", False), ("c", 1.5), ["d", "with space"], ["e", ""], ["f", ("x", "y", "z")]])
    assert out == [("a", "true"), ("b", "false"), ("c", "1.5"), ("d", "with space"), ("e", ""), ("f", ["x", "y", "z"])]


def test_list_form_strings_are_never_reparsed():
    out = parse_attrs([["description", "[a b]"], ["x", '"q"']])
    assert out == [("description", "[a b]"), ("x", '"q"')]


def test_list_form_backslash_quirk(monkeypatch):
    assert A.LIST_FORM_DOUBLES_BACKSLASH is True
    assert parse_attrs([["value", "c\\d"]]) == [("value", "c\\\\d")]
    assert parse_attrs([["p", [["v", "a\\b"]]]]) == [("p", [("v", "a\\\\b")])]
    assert parse_attrs([["l", ["a\\b", "c"]]]) == [("l", ["a\\\\b", "c"])]
    # the string form is taken verbatim
    assert parse_attrs("[[value c\\d]]") == [("value", "c\\d")]
    monkeypatch.setattr(A, "LIST_FORM_DOUBLES_BACKSLASH", False)
    assert parse_attrs([["value", "c\\d"]]) == [("value", "c\\d")]


@pytest.mark.parametrize(
    "value, shown",
    [
        (["name", "value"], "name"),
        ([["name"]], "[name]"),
        ([["a", "b", "c"]], "[a b c]"),
        ([[1, "b"]], "[1 b]"),
        # the element is shown as given: backslashes not doubled, spaces quoted
        ([["a", "c\\d", "x y"]], '[a c\\d "x y"]'),
        ([[["a", "b"], ["c", "d"]]], "[[a b] [c d]]"),
        ([["a", [["k", "v"]], ""]], '[a [[k v]] ""]'),
    ],
)
def test_list_form_errors(value, shown):
    with pytest.raises(ScriptingException) as ei:
        parse_attrs(value)
    assert ei.value.message == "WASX7125E: Invalid attribute specification %s; expected [name value]." % shown


def test_string_and_list_forms_agree():
    text = (
        '[[name "My DS"] [port 80] [pool [[reapTime 2003]]] '
        "[props [[[name a] [value b]] [[name c] [value d]]]] [refs [x y]] [none []]]"
    )
    lst = [
        ["name", "My DS"],
        ["port", 80],
        ["pool", [["reapTime", 2003]]],
        ["props", [[["name", "a"], ["value", "b"]], [["name", "c"], ["value", "d"]]]],
        ["refs", ["x", "y"]],
        ["none", []],
    ]
    assert parse_attrs(text) == parse_attrs(lst)
