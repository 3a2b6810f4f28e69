"""harness/ in layers: no module cycle, no upward or sideways import, no relative import, a reason for every import
inside a function (tools/import_graph.py draws it and names the layers).  The checker is also run on small
made-up modules, so a test that cannot fail would show here."""

import importlib.util
import os

from paths import ROOT

_spec = importlib.util.spec_from_file_location("import_graph", os.path.join(ROOT, "tools", "import_graph.py"))
G = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(G)


def graph_of(sources):
    """{module: [Import]} of made-up modules {name: source} (a name ending in .__init__ is a package)."""
    modules = {n[: -len(".__init__")] if n.endswith(".__init__") else n for n in sources}
    out = {}
    for name, source in sources.items():
        is_package = name.endswith(".__init__")
        module = name[: -len(".__init__")] if is_package else name
        out[module] = G.imports_of(source, module, modules, is_package=is_package)
    return out


def test_the_harness_keeps_the_rules():
    graph = G.collect()
    assert "harness.config.repository.repository" in graph and "harness.scripting.adminconfig" in graph
    assert G.check(graph) == []


def test_every_module_is_in_a_layer():
    assert [m for m in G.collect() if G.layer_of(m) is None] == []


def test_each_folder_has_its_readme():
    for name, _rank, prefixes in G.LAYERS:
        if name != "entry":
            for p in prefixes:
                readme = os.path.join(ROOT, *p.split(".")) + os.sep + "README.md"
                with open(readme, encoding="utf-8") as f:
                    assert len(f.read().strip().splitlines()) == 3, readme


CLEAN = {
    "harness.base.messages": "X = 1\n",
    "harness.config.configid": "from harness.base import messages as M\n",
    "harness.scripting.adminconfig": "from harness.config.configid import parse_id\nfrom harness.base import messages\n",
    "harness.launcher.cli": "import os\n\ndef f():\n    # json only for this report\n    import json\n",
}


def test_a_clean_graph_passes():
    assert G.check(graph_of(CLEAN)) == []


def test_an_upward_import_fails():
    bad = dict(CLEAN, **{"harness.config.configid": "from harness.launcher import cli\n"})
    assert G.check(graph_of(bad)) == ["harness.config.configid:1 -> harness.launcher.cli: config imports launcher (upward)"]


def test_an_import_between_products_fails():
    bad = {"harness.plan.__init__": "from harness.generate import sametime\n", "harness.generate.sametime": ""}
    assert G.check(graph_of(bad)) == ["harness.plan:1 -> harness.generate.sametime: plan imports generate (sideways)"]


def test_a_cycle_fails_even_when_hidden_in_a_function():
    bad = {
        "harness.was.ltpa": "def f():\n    from harness.was import mbeans  # the cycle, hidden\n",
        "harness.was.mbeans": "from harness.was import ltpa\n",
    }
    assert G.check(graph_of(bad)) == ["cycle: harness.was.ltpa -> harness.was.mbeans"]


def test_a_lazy_module_is_an_import():
    bad = {"harness.config.configedit": "K = lazymodule.Module('harness.was.keystore')\n", "harness.was.keystore": ""}
    assert G.check(graph_of(bad)) == ["harness.config.configedit:1 -> harness.was.keystore: config imports was (upward)"]


def test_a_relative_import_fails():
    bad = dict(CLEAN, **{"harness.scripting.adminconfig": "from ..config.configid import parse_id\n"})
    assert G.check(graph_of(bad)) == ["harness.scripting.adminconfig:1 -> harness.config.configid: relative import"]


def test_an_import_in_a_function_needs_a_reason():
    bad = dict(CLEAN, **{"harness.launcher.cli": "import os\n\ndef f():\n    x = 1\n    import json\n"})
    assert G.check(graph_of(bad)) == ["harness.launcher.cli:5 -> json: import inside a function without a comment saying why"]


def test_cycles_finds_each_strongly_connected_set():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}, "e": {"a"}}
    assert G.cycles(edges) == [["a", "b", "c"], ["d"]]
