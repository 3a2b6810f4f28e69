"""Smoke test of tools/bench_cell.py: it runs end to end on a tiny cell and prints its table."""

import importlib.util
import io
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _bench():
    spec = importlib.util.spec_from_file_location("bench_cell", os.path.join(ROOT, "tools", "bench_cell.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _check(text, results):
    assert "generation:" in text
    assert "nproc" in text and "lxml" in text
    for label in ("open + list('Server')", "getid('/Node:n/Server:s/')", "modify 1 EndPoint + save"):
        assert label in text
        assert label in results
        r = results[label]
        assert r["stwas"] and r["lxml"] and r["ratio"] > 0
    assert results["open + list('Server')"]["verdict"] in ("PASS", "FAIL")


def test_bench_tiny_cell(tmp_path):
    out = io.StringIO()
    keep = tmp_path / "config"
    results = _bench().run(["--nodes", "2", "--servers-per-node", "2", "--repeat", "1", "--keep", str(keep)], out=out)
    text = out.getvalue()
    print(text)
    _check(text, results)
    assert "16 servers listed" in text
    # --keep leaves the cell, and the benchmarked serverindex.xml as generated
    assert (keep / "cells").is_dir()
    assert not list(keep.rglob("*.tmp"))
