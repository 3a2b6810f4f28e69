"""docs/coverage.md is what tools/coverage_doc.py writes from the harness as it is."""

import importlib.util
import os

from paths import ROOT


def load_tool():
    spec = importlib.util.spec_from_file_location("coverage_doc", os.path.join(ROOT, "tools", "coverage_doc.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_coverage_doc_is_up_to_date():
    tool = load_tool()
    with open(tool.OUT, encoding="utf-8") as f:
        assert f.read() == tool.render(), "docs/coverage.md is stale: run python tools/coverage_doc.py"


def test_coverage_doc_lists_every_method():
    tool = load_tool()
    text = tool.render()
    for obj, meth in [
        ("AdminConfig", "showAttribute"),
        ("AdminTask", "createApplicationServer"),
        ("AdminTask", "getNodePlatformOS"),
        ("AdminApp", "edit"),
        ("AdminControl", "queryNames"),
        ("Help", "AdminConfig"),
    ]:
        section = text.split("## %s\n" % obj)[1].split("\n## ")[0]
        assert "| `%s` |" % meth in section, (obj, meth)
    assert "| `defaults` | [V] |" in text and "test_defaults_order" in text
