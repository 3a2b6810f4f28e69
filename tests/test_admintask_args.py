import pytest

from harness.base.errors import CommandValidationException, ScriptingException
from harness.scripting.admintask import DEFAULT_REGISTRY, AdminTask, Param, ParsedArgs, Registry, Step, command, command_group
from harness.scripting.admintask import formats as F
from harness.scripting.admintask.args import Signature, Tok, bind, coerce, parse_args, tokenize, tokenize_list

# ---------------------------------------------------------------------------------------------
# tokenizer
# ---------------------------------------------------------------------------------------------


def test_tokenize_plain_and_kinds():
    t = tokenize('-p1 v1 -p2 "a b" -p3 \'c d\' -p4 ""')
    assert t == ["-p1", "v1", "-p2", "a b", "-p3", "c d", "-p4", ""]
    assert [x.kind for x in t] == ["word", "word", "word", "quoted", "word", "quoted", "word", "quoted"]
    assert all(isinstance(x, Tok) for x in t)


def test_tokenize_nesting():
    assert tokenize("[-a [x y [z]] -b []]") == [["-a", ["x", "y", ["z"]], "-b", []]]


def test_tokenize_quoted_config_id_and_escapes():
    t = tokenize('"Oracle JDBC Driver(cells/C|resources.xml#JDBCProvider_1)" "-Dx=\\"y z\\"" it\'s')
    assert t == ["Oracle JDBC Driver(cells/C|resources.xml#JDBCProvider_1)", '-Dx="y z"', "it's"]


@pytest.mark.parametrize(
    "text, detail",
    [
        ("[-a b", 'expected "]" not found'),
        ("-a b]", 'unexpected "]"'),
        ('-a "b', 'closing quote " not found'),
        ("-a 'b", "closing quote ' not found"),
    ],
)
def test_tokenize_errors(text, detail):
    with pytest.raises(ScriptingException) as ei:
        tokenize(text)
    assert ei.value.message == 'WASX8009E: Syntax error in the parameter string "%s": %s' % (text, detail)
    assert type(ei.value) is ScriptingException


def test_tokenize_list_splices_multi_token_elements():
    assert tokenize_list(["-bus name"]) == ["-bus", "name"]
    assert tokenize_list(['-keyStoreScope "(cell):c:(node):n" -keyStoreName "NodeDefaultKeyStore"']) == [
        "-keyStoreScope",
        "(cell):c:(node):n",
        "-keyStoreName",
        "NodeDefaultKeyStore",
    ]
    assert tokenize_list(["[-a b -c d]"]) == [["-a", "b", "-c", "d"]]


def test_tokenize_list_keeps_values_whole():
    t = tokenize_list(["-description", "A new bus", "-x", "", "-n", 5, "-f", True, "-l", ["a", "b c"]])
    assert t == ["-description", "A new bus", "-x", "", "-n", "5", "-f", "true", "-l", ["a", "b c"]]
    assert t[1].kind == "literal"
    # with declared names, a value that starts with an undeclared "-word" is not spliced
    t = tokenize_list(["-genericJvmArguments", "-Xms256m -Xmx512m"], names={"genericJvmArguments"})
    assert t == ["-genericJvmArguments", "-Xms256m -Xmx512m"]


# ---------------------------------------------------------------------------------------------
# binder
# ---------------------------------------------------------------------------------------------

SIG = Signature(
    "demoCmd",
    params=[
        Param("name", required=True),
        Param("description"),
        Param("port", "Integer"),
        Param("all", "Boolean"),
        Param("enabled", "Boolean", default="true"),
        Param("classpath", "String[]"),
        Param("ports", "Integer[]"),
        Param("props", "String[][]"),
        Param("genericJvmArguments"),
        Param("enabledCiphers"),
    ],
    steps=[
        Step("clusterConfig", params=[Param("clusterName", required=True), Param("preferLocal", "Boolean")]),
        Step("replicationDomain", params=[Param("createDomain", "Boolean")]),
        Step("MapRolesToUsers", table=True, columns=["role", "everyone", "allAuth", "users", "groups"]),
    ],
    target="optional",
)


def p(*args):
    return parse_args(args, SIG)


@pytest.mark.parametrize(
    "args",
    [
        ("-name n1 -description d",),
        ("[-name n1 -description d]",),
        ("  [ -name n1   -description d ] ",),
        (["-name", "n1", "-description", "d"],),
        (("-name", "n1", "-description", "d"),),
        (["-name n1", "-description d"],),
        (["-name n1 -description d"],),
        (["[-name n1 -description d]"],),
        ("-name \"n1\" -description 'd'",),
    ],
)
def test_equivalent_forms(args):
    assert p(*args) == ParsedArgs(None, {"name": "n1", "description": "d"}, {})


def test_no_args_and_empty():
    assert p() == ParsedArgs(None, {}, {})
    assert p("") == ParsedArgs(None, {}, {})
    assert p("[]") == ParsedArgs(None, {}, {})
    assert p([]) == ParsedArgs(None, {}, {})


def test_target_forms():
    assert p("server1", "[-name n]") == ParsedArgs("server1", {"name": "n"}, {})
    assert p("server1") == ParsedArgs("server1", {}, {})
    tid = '"Oracle JDBC Driver(cells/C|resources.xml#JDBCProvider_1529550306918)"'
    assert p(tid, '[-name "Oracle JDBC Driver DataSource"]') == ParsedArgs(tid, {"name": "Oracle JDBC Driver DataSource"}, {})
    assert p("server1", ["-name", "n"]).target == "server1"


def test_single_string_without_target_support_is_params():
    sig = Signature("noTarget", [Param("bus")])
    with pytest.raises(ScriptingException) as ei:
        parse_args(("server1",), sig)
    assert "is not preceded by a parameter name" in ei.value.message
    with pytest.raises(CommandValidationException) as ei:
        parse_args(("server1", "-bus b"), sig)
    assert ei.value.message == "ADMF0009E: Command noTarget does not accept a target object."


def test_bracket_grouping_and_lists():
    r = p("[-description [A new bus] -classpath [${ORACLE_JDBC_DRIVER_PATH}/ojdbc6.jar ] -name x]")
    assert r.params == {"description": "A new bus", "classpath": ["${ORACLE_JDBC_DRIVER_PATH}/ojdbc6.jar"], "name": "x"}
    assert p("-classpath [a.jar b.jar]").params == {"classpath": ["a.jar", "b.jar"]}
    assert p("-classpath a.jar").params == {"classpath": ["a.jar"]}
    assert p("-classpath []").params == {"classpath": []}
    assert p('-classpath ""').params == {"classpath": []}
    assert p("-description []").params == {"description": ""}
    assert p("-description [a [b c]]").params == {"description": "a [b c]"}
    assert p(["-classpath", ["a.jar", "b.jar"]]).params == {"classpath": ["a.jar", "b.jar"]}
    with pytest.raises(ScriptingException):
        p("-classpath [a [b]]")


def test_table_param():
    r = p('-props [[URL java.lang.String jdbc:oracle:thin:@localhost:1521:orcl] [a b ""]]')
    assert r.params == {"props": [["URL", "java.lang.String", "jdbc:oracle:thin:@localhost:1521:orcl"], ["a", "b", ""]]}
    assert p("-props [a b]").params == {"props": [["a", "b"]]}
    assert p("-props x").params == {"props": [["x"]]}


def test_empty_values():
    assert p('-description "" -name n').params == {"description": "", "name": "n"}
    assert p("[-name n -enabledCiphers ]").params == {"name": "n", "enabledCiphers": ""}
    assert p("-enabledCiphers -name n").params == {"enabledCiphers": "", "name": "n"}
    assert p(["-description", ""]).params == {"description": ""}


def test_boolean_flags():
    assert p("-all").params == {"all": "true"}
    assert p("[-all]").params == {"all": "true"}
    assert p("-all -name n").params == {"all": "true", "name": "n"}
    assert p("-all false").params == {"all": "false"}
    assert p(["-all"]).params == {"all": "true"}
    assert p(["-all", "-name", "n"]).params == {"all": "true", "name": "n"}


def test_values_that_look_like_names():
    assert p('-genericJvmArguments "-Xms256m -Xmx512m"').params == {"genericJvmArguments": "-Xms256m -Xmx512m"}
    assert p("-genericJvmArguments -Xmx512m").params == {"genericJvmArguments": "-Xmx512m"}
    assert p(["-genericJvmArguments", "-Xms256m -Xmx512m"]).params == {"genericJvmArguments": "-Xms256m -Xmx512m"}
    assert p("-port -1").params == {"port": "-1"}
    assert p('-description "-name"').params == {"description": "-name"}


def test_steps():
    r = p("[-name n -clusterConfig [-clusterName c -preferLocal true] -replicationDomain [-createDomain true]]")
    assert r == ParsedArgs(
        None,
        {"name": "n"},
        {"clusterConfig": {"clusterName": "c", "preferLocal": "true"}, "replicationDomain": {"createDomain": "true"}},
    )
    assert p("-replicationDomain []").steps == {"replicationDomain": {}}
    r = p(["-clusterConfig", ["-clusterName", "c"], "-replicationDomain", ["-createDomain", "true"]])
    assert r.steps == {"clusterConfig": {"clusterName": "c"}, "replicationDomain": {"createDomain": "true"}}


def test_table_step():
    r = p('[-MapRolesToUsers [["role" No Yes "" ""] ["admin" No No "u1|u2" "g1"]]]')
    assert r.steps == {"MapRolesToUsers": [["role", "No", "Yes", "", ""], ["admin", "No", "No", "u1|u2", "g1"]]}
    r = p(["-MapRolesToUsers", [["role", "No", "Yes", "", ""]]])
    assert r.steps == {"MapRolesToUsers": [["role", "No", "Yes", "", ""]]}
    assert p("-MapRolesToUsers [a b]").steps == {"MapRolesToUsers": [["a", "b"]]}
    assert p("-MapRolesToUsers []").steps == {"MapRolesToUsers": []}


@pytest.mark.parametrize("text", ["-clusterConfig", "-clusterConfig c", "-MapRolesToUsers x", "-MapRolesToUsers [[a [b]]]"])
def test_step_syntax_errors(text):
    with pytest.raises(ScriptingException) as ei:
        p(text)
    assert ei.value.message.startswith("WASX8009E: ")


def test_unknown_param_and_unknown_step_param():
    with pytest.raises(CommandValidationException) as ei:
        p("-name n -bogus x")
    assert ei.value.message == "ADMF0001E: Invalid parameter bogus for command demoCmd."
    assert str(ei.value) == (
        "com.ibm.websphere.management.cmdframework.CommandValidationException: "
        "ADMF0001E: Invalid parameter bogus for command demoCmd."
    )
    with pytest.raises(CommandValidationException):
        p("-clusterConfig [-nope 1]")
    with pytest.raises(CommandValidationException):
        p("-Name n")  # case-sensitive
    with pytest.raises(CommandValidationException):
        p("-all -bogus")


def test_stray_value_is_syntax_error():
    with pytest.raises(ScriptingException) as ei:
        p("-name n extra")
    assert ei.value.message == (
        'WASX8009E: Syntax error in the parameter string "-name n extra": value "extra" is not preceded by a parameter name'
    )
    with pytest.raises(ScriptingException):
        p("[-name n] [-port 1]")


def test_duplicate_last_wins():
    assert p("-name a -name b").params == {"name": "b"}


def test_too_many_args_and_bad_types():
    with pytest.raises(TypeError) as ei:
        p("a", "b", "c")
    assert str(ei.value) == "demoCmd(): expected 0-2 args; got 3"
    with pytest.raises(TypeError):
        p(5)
    with pytest.raises(TypeError):
        p(["x"], "-name n")


def test_bind_directly():
    assert bind(tokenize("[-name n -port 8]"), SIG) == ({"name": "n", "port": "8"}, {})


# ---------------------------------------------------------------------------------------------
# coerce
# ---------------------------------------------------------------------------------------------


def c(*args):
    return coerce(parse_args(args, SIG), SIG)


def test_coerce_types_and_defaults():
    v = c("-name n -port 8080 -all -classpath [a b] -ports [1 2] -clusterConfig [-clusterName x]")
    assert v == {
        "name": "n",
        "description": None,
        "port": 8080,
        "all": True,
        "enabled": True,
        "classpath": ["a", "b"],
        "ports": [1, 2],
        "props": None,
        "genericJvmArguments": None,
        "enabledCiphers": None,
        "clusterConfig": {"clusterName": "x", "preferLocal": None},
        "replicationDomain": None,
        "MapRolesToUsers": None,
    }
    assert c("-name n -enabled FALSE")["enabled"] is False
    assert c("-name n -all True")["all"] is True
    assert c("-name n -port ''")["port"] is None
    assert c('-name n -all ""')["all"] is None
    assert c('-name n -description ""')["description"] == ""
    assert c("-name n -port -1")["port"] == -1
    assert c("-name n -MapRolesToUsers [[r No Yes a b]]")["MapRolesToUsers"] == [["r", "No", "Yes", "a", "b"]]


BAD = 'ADMF0012E: Invalid value "%s" for parameter %s of command demoCmd; expected type %s.'


@pytest.mark.parametrize(
    "text, msg",
    [
        ("-name n -port abc", BAD % ("abc", "port", "Integer")),
        ("-name n -port 2147483648", BAD % ("2147483648", "port", "Integer")),
        ("-name n -all yes", BAD % ("yes", "all", "Boolean")),
        ("-name n -ports [1 x]", BAD % ("x", "ports", "Integer")),
        ("-port 1", "ADMF0002E: Required parameter name is not found for command demoCmd."),
        ('-name ""', None),
        (
            "-name n -clusterConfig [-preferLocal true]",
            "ADMF0002E: Required parameter clusterName is not found for command demoCmd.",
        ),
    ],
)
def test_coerce_errors(text, msg):
    if msg is None:
        assert c(text)["name"] == ""  # an empty String is a value
        return
    with pytest.raises(CommandValidationException) as ei:
        c(text)
    assert ei.value.message == msg


def test_coerce_target_modes():
    sig = Signature("needsTarget", [Param("nodeName")], target="required")
    with pytest.raises(CommandValidationException) as ei:
        coerce(parse_args(("-nodeName n",), sig), sig)
    assert ei.value.message == "ADMF0008E: Target object is required for command needsTarget."
    assert coerce(parse_args(("s1", "-nodeName n"), sig), sig) == {"nodeName": "n"}


def test_required_step():
    sig = Signature("s", steps=[Step("st", params=[Param("a")], required=True)])
    with pytest.raises(CommandValidationException) as ei:
        coerce(parse_args((), sig), sig)
    assert ei.value.message == "ADMF0005E: Required step st is not found for command s."


def test_signature_validation():
    with pytest.raises(ValueError):
        Signature("x", [Param("a"), Param("a")])
    with pytest.raises(ValueError):
        Signature("x", [Param("a")], [Step("a")])
    with pytest.raises(ValueError):
        Signature("x", target="maybe")
    assert Param("x", "Boolean").is_boolean and not Param("x", "Boolean[]").is_boolean
    assert Param("x", "String[]").is_list and Param("x", "String[][]").is_table


# ---------------------------------------------------------------------------------------------
# formats
# ---------------------------------------------------------------------------------------------


def test_lines():
    assert F.lines(["a", "b"]) == "a\nb"
    assert F.lines(["a", "b"], "\r\n") == "a\r\nb"
    assert F.lines([]) == ""
    assert F.lines(["x"]) == "x"


def test_attr_record_real_shape():
    rec = F.attr_record(
        [
            ("alias", "JingxiangNode01/w"),
            ("userId", "w"),
            ("description", ""),
            ("_Websphere_Config_Data_Id", "cells/JingxiangNode01Cell|security.xml#JAASAuthData_1"),
            ("_Websphere_Config_Data_Type", "JAASAuthData"),
            ("password", "*******"),
        ]
    )
    assert rec == (
        "[[alias JingxiangNode01/w] [userId w] [description ] "
        "[_Websphere_Config_Data_Id cells/JingxiangNode01Cell|security.xml#JAASAuthData_1] "
        "[_Websphere_Config_Data_Type JAASAuthData] [password *******] ]"
    )


def test_attr_record_nested_values():
    rec = F.attr_record(
        {
            "alias": "default",
            "version": 3,
            "issuedTo": "CN=falcate1, OU=ITMCell, OU=ITMNode, O=IBM, C=US",
            "validity": ["Valid from Mar 31, 2022 to Mar 31, 2023."],
            "index": 0,
        }
    )
    assert rec == (
        "[[alias default] [version 3] [issuedTo [CN=falcate1, OU=ITMCell, OU=ITMNode, O=IBM, C=US]] "
        "[validity [Valid from Mar 31, 2022 to Mar 31, 2023.]] [index 0] ]"
    )
    assert F.attr_record([("l", ["a", "b"]), ("m", {"k": "v"}), ("b", True)]) == "[[l [a b]] [m [[k v] ]] [b true] ]"
    assert F.attr_record([("d", "a b")], bracket_spaces=False) == "[[d a b] ]"
    assert F.attr_record([("a", "b")], old_style=True) == "[ [a b] ]"
    assert F.attr_record([]) == "[ ]"


def test_records():
    assert F.records([[("a", "1")], [("a", "2")]], "\r\n") == "[[a 1] ]\r\n[[a 2] ]"


def test_java_map_and_list():
    assert F.java_map([("k", "v"), ("k2", "v2")]) == "{k=v, k2=v2}"
    assert F.java_map({"o=x": "o=x", "b": None, "c": True}) == "{o=x=o=x, b=null, c=true}"
    assert F.java_map({}) == "{}"
    assert F.java_map({"m": {"a": 1}, "l": ["x", "y"]}) == "{m={a=1}, l=[x, y]}"
    assert F.java_list(["a", "b"]) == "[a, b]"


def test_bool_void_to_result():
    assert F.java_bool(True) == "true" and F.java_bool(False) == "false"
    assert F.void() == ""
    assert F.to_result(None) == ""
    assert F.to_result(True) == "true"
    assert F.to_result(False) == "false"
    assert F.to_result(["a", "b"], "\r\n") == "a\r\nb"
    assert F.to_result([]) == ""
    assert F.to_result(5) == "5"
    assert F.to_result("\nCWPKI0704I: x") == "\nCWPKI0704I: x"
    with pytest.raises(TypeError):
        F.to_result({"a": 1})


def test_line_separator():
    class Ctx:
        line_separator = "\r\n"

    assert F.line_separator(Ctx()) == "\r\n"
    assert F.line_separator(object()) == "\n"
    assert F.line_separator(None) == "\n"


# ---------------------------------------------------------------------------------------------
# framework, with a demo command registered in a private registry
# ---------------------------------------------------------------------------------------------


class Ctx:
    def __init__(self, sep="\n"):
        self.line_separator = sep
        self.calls = []


@pytest.fixture
def reg():
    r = Registry()
    command_group("DemoGroup", "Demo commands for the tests.", registry=r)

    @command(
        "demoList",
        "DemoGroup",
        registry=r,
        target="optional",
        target_description="The server name.",
        description="Lists things.",
        params=[
            Param("nodeName", description="The node name."),
            Param("count", "Integer", default="2", description="How many."),
            Param("all", "Boolean", description="Everything."),
            Param("name", required=True, description="A name."),
        ],
        steps=[
            Step("extra", params=[Param("x")], description="An extra step."),
            Step("roles", table=True, columns=["role", "users"], description="A table step."),
        ],
    )
    def demo_list(ctx, target, params):
        ctx.calls.append((target, params))
        return ["%s-%d" % (params["name"], i) for i in range(params["count"])]

    @command("demoBool", "OtherGroup", registry=r, description="Returns a boolean.")
    def demo_bool(ctx, target, params):
        return True

    @command("demoVoid", "OtherGroup", registry=r, params=[Param("p")])
    def demo_void(ctx, target, params):
        return None

    @command("demoRecord", "OtherGroup", registry=r)
    def demo_record(ctx, target, params):
        return F.records([[("alias", "a"), ("description", "")]], F.line_separator(ctx))

    return r


def test_invoke_forms(reg):
    ctx = Ctx()
    at = AdminTask(ctx, registry=reg)
    assert at.demoList("[-name n]") == "n-0\nn-1"
    assert at.demoList("-name n -count 3") == "n-0\nn-1\nn-2"
    assert at.demoList(["-name", "n", "-count", "1"]) == "n-0"
    assert at.demoList(["-name n -count 1"]) == "n-0"
    assert at.demoList("server1", "[-name n -count 0]") == ""
    assert ctx.calls[-1] == ("server1", {"nodeName": None, "count": 0, "all": None, "name": "n", "extra": None, "roles": None})
    at.demoList('[-name n -all -extra [-x 1] -roles [[r1 "u1|u2"]]]')
    assert ctx.calls[-1][1]["all"] is True
    assert ctx.calls[-1][1]["extra"] == {"x": "1"}
    assert ctx.calls[-1][1]["roles"] == [["r1", "u1|u2"]]
    assert at.demoBool() == "true"
    assert at.demoVoid() == ""
    assert at.demoVoid("-p x") == ""
    assert at.demoRecord() == "[[alias a] [description ] ]"


def test_windows_line_separator(reg):
    at = AdminTask(Ctx("\r\n"), registry=reg)
    assert at.demoList("-name n") == "n-0\r\nn-1"


def test_no_ctx_defaults_to_newline(reg):
    at = AdminTask(None, registry=reg)
    with pytest.raises(AttributeError):
        at.demoList("-name n")  # demo function itself needs ctx.calls
    at2 = AdminTask(object(), registry=reg)
    assert at2.demoBool() == "true"


def test_keyword_args_rejected(reg):
    at = AdminTask(Ctx(), registry=reg)
    with pytest.raises(TypeError) as ei:
        at.demoList(name="n")
    assert str(ei.value) == "demoList(): takes no keyword arguments"
    with pytest.raises(TypeError) as ei:
        at.help(x=1)
    assert str(ei.value) == "help(): takes no keyword arguments"


def test_unknown_command_is_attribute_error(reg):
    at = AdminTask(Ctx(), registry=reg)
    with pytest.raises(AttributeError) as ei:
        at.noSuchCommand()
    assert str(ei.value) == "'AdminTask' object has no attribute 'noSuchCommand'"
    assert not hasattr(at, "noSuchCommand")
    assert hasattr(at, "demoList")
    assert "demoList" in dir(at) and "help" in dir(at)


def test_framework_errors(reg):
    at = AdminTask(Ctx(), registry=reg)
    with pytest.raises(CommandValidationException) as ei:
        at.demoList("-count 1")
    assert ei.value.message == "ADMF0002E: Required parameter name is not found for command demoList."
    with pytest.raises(CommandValidationException) as ei:
        at.demoList("-name n -bogus 1")
    assert ei.value.message == "ADMF0001E: Invalid parameter bogus for command demoList."
    with pytest.raises(CommandValidationException) as ei:
        at.demoList("-name n -count abc")
    assert ei.value.message == ('ADMF0012E: Invalid value "abc" for parameter count of command demoList; expected type Integer.')
    with pytest.raises(ScriptingException) as ei:
        at.demoList("-name [n")
    assert ei.value.message.startswith("WASX8009E")
    with pytest.raises(CommandValidationException):
        at.demoBool("target", "")
    with pytest.raises(ScriptingException) as ei:
        at.demoList("-interactive")
    assert "STWAS0001E" in ei.value.message


def test_registry_rules(reg):
    with pytest.raises(ValueError):
        command("demoBool", "G", registry=reg)(lambda ctx, t, p: None)
    with pytest.raises(ValueError):
        command("help", "G", registry=reg)(lambda ctx, t, p: None)
    fn = command("fresh", "G", registry=reg)(lambda ctx, t, p: "ok")
    assert fn.command.name == "fresh" and reg.get("fresh") is fn.command
    assert "fresh" not in DEFAULT_REGISTRY.commands


def test_help_general(reg):
    at = AdminTask(Ctx("\r\n"), registry=reg)
    h = at.help()
    assert h.startswith("WASX8001I: The AdminTask object enables the available administrative commands.")
    assert "\r\nhelp -commands                      list all the admin commands\r\n" in h


def test_help_commands_and_groups(reg):
    at = AdminTask(Ctx(), registry=reg)
    assert at.help("-commands") == (
        "WASX8004I: Available administrative commands:\n\n"
        "demoBool - Returns a boolean.\n"
        "demoList - Lists things.\n"
        "demoRecord - \n"
        "demoVoid - "
    )
    assert at.help("-commands", "*Li*") == "WASX8004I: Available administrative commands:\n\ndemoList - Lists things."
    assert at.help("-commands *Li*") == at.help("-commands", "*Li*")
    assert at.help("-commandGroups") == (
        "WASX8005I: Available administrative command groups:\n\nDemoGroup - Demo commands for the tests.\nOtherGroup - "
    )
    assert at.help("DemoGroup") == (
        "WASX8008I: Detailed help for command group: DemoGroup\n\n"
        "Description: Demo commands for the tests.\n\n"
        "Commands:\n"
        "demoList - Lists things."
    )


def test_help_command_and_step(reg):
    at = AdminTask(Ctx(), registry=reg)
    assert at.help("demoList") == (
        "WASX8006I: Detailed help for command: demoList\n\n"
        "Description: Lists things.\n\n"
        "Target object: The server name.\n\n"
        "Arguments:\n"
        "  nodeName - The node name.\n"
        "  count - How many.\n"
        "  all - Everything.\n"
        "  *name - A name.\n\n"
        "Steps:\n"
        "  extra - An extra step.\n"
        "  roles - A table step."
    )
    assert at.help("demoBool") == (
        "WASX8006I: Detailed help for command: demoBool\n\n"
        "Description: Returns a boolean.\n\n"
        "Target object: None\n\n"
        "Arguments:\n  None\n\nSteps:\n  None"
    )
    assert at.help("demoList", "extra") == (
        "WASX8007I: Detailed help for step extra of command demoList\n\nDescription: An extra step.\n\nArguments:\n  x - "
    )
    assert at.help("demoList", "roles") == (
        "WASX8007I: Detailed help for step roles of command demoList\n\n"
        "Description: A table step.\n\n"
        "Collection type: Table\n\nColumns:\n  role\n  users"
    )
    assert at.help("demoList", "nope") == 'WASX8011E: Step "nope" is not found for command demoList.'
    assert at.help("nothing") == 'WASX8010E: Command, step or command group "nothing" is not found.'


@pytest.mark.parametrize(
    "value", ["[Summer2024]", "[a b]", '"quoted"', "it's", "two words", "{xor}CDo9Hgw=", "a]b[", "-Xmx512m", "", "  padded  "]
)
def test_list_form_value_of_a_scalar_is_verbatim(value):
    # the list form passes arbitrary text: brackets, quotes and blanks are characters (a password store that got
    # the grouped value "Summer2024" of "[Summer2024]" would lock the admin out)
    assert p(["-name", "n", "-description", value]).params == {"name": "n", "description": value}
    assert p(["-description", value, "-name", "n"]).params == {"description": value, "name": "n"}


def test_list_form_name_after_a_scalar_name_is_still_a_name():
    assert p(["-enabledCiphers", "-name", "n"]).params == {"enabledCiphers": "", "name": "n"}
    # lists, tables and steps keep their bracket syntax in the list form
    assert p(["-classpath", "[a.jar b.jar]", "-name", "n"]).params == {"classpath": ["a.jar", "b.jar"], "name": "n"}
    assert p(["-name", "n", "-clusterConfig", "[-clusterName c]"]).steps == {"clusterConfig": {"clusterName": "c"}}
    # the string form still groups: -description [A new bus] is "A new bus"
    assert p("-name n -description [Summer2024]").params == {"name": "n", "description": "Summer2024"}
