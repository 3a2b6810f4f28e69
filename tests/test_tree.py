"""harness.config.repository.tree (issue 14): directories listed when a lookup needs them, a save that lists again only
what it wrote into, and the plan's overlay over a source that is never written."""

import os
import shutil

import pytest
from jobs_helpers import snapshot
from paths import SAMPLE_CONFIG

from harness.config.repository import tree as T
from harness.config.repository.repository import Repository
from harness.scripting.adminconfig import AdminConfig

CELL = "cells/stconsoleSSCCell1"
NODE = CELL + "/nodes/stproxySTPNode1"
PROXY_EP = "/Node:stproxySTPNode1/ServerIndex:/ServerEntry:STProxyServer/NamedEndPoint:WC_defaulthost/"


@pytest.fixture
def cfg(tmp_path):
    dst = str(tmp_path / "config")
    shutil.copytree(SAMPLE_CONFIG, dst)
    return dst


class Listings:
    """Counts the directories os.scandir lists (the file system's own call, not the harness's)."""

    def __init__(self, monkeypatch):
        self.paths = []
        real = os.scandir

        def scandir(path="."):
            self.paths.append(str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)


def test_a_one_attribute_save_lists_again_only_the_directories_it_wrote_into(cfg, monkeypatch):
    ac = AdminConfig(Repository(cfg))
    every = len(ac.list("Server").splitlines())
    listed = Listings(monkeypatch)
    ep = ac.showAttribute(ac.getid(PROXY_EP), "endPoint")
    ac.modify(ep, [["port", "81"]])
    ac.save()
    assert len(ac.list("Server").splitlines()) == every  # the whole cell again, from the kept listings
    relisted = sorted(os.path.relpath(p, cfg) for p in listed.paths)
    # the save wrote nodes/stproxySTPNode1/serverindex.xml: its directory and those above it, nothing else
    assert relisted == ["cells", CELL, CELL + "/nodes", NODE], relisted
    assert b'port="81"' in open(os.path.join(cfg, NODE, "serverindex.xml"), "rb").read()


def test_a_getid_of_a_named_server_lists_only_its_path(cfg, monkeypatch):
    listed = Listings(monkeypatch)
    repo = Repository(tree=T.OverlayTree(T.DirSource(cfg), os.path.join(cfg + "-overlay")))
    assert AdminConfig(repo).getid("/Node:stproxySTPNode1/Server:STProxyServer/").startswith("STProxyServer(")
    relisted = sorted(os.path.relpath(p, cfg) for p in listed.paths if p.startswith(cfg + os.sep) or p == cfg)
    assert relisted == ["cells", NODE + "/servers/STProxyServer"], relisted  # the cells (at the open), the server


def test_the_overlay_takes_every_save_and_the_source_keeps_every_byte(cfg, tmp_path):
    before = snapshot(cfg)
    overlay = str(tmp_path / "overlay")
    repo = Repository(tree=T.OverlayTree(T.DirSource(cfg), overlay))
    ac = AdminConfig(repo)
    ep = ac.showAttribute(ac.getid(PROXY_EP), "endPoint")
    ac.modify(ep, [["port", "81"]])
    stav = NODE.replace("stproxySTPNode1", "stmediaSTMSNode1") + "/servers/STMediaServer/stavconfig.xml"
    ac.deleteDocument(stav)
    ac.save()
    assert snapshot(cfg) == before
    assert sorted(snapshot(overlay)) == [".stwas-deleted/" + stav, NODE + "/serverindex.xml"]
    # the workspace reads through the overlay: the new port, the deleted document gone, in a new session too
    again = AdminConfig(Repository(tree=T.OverlayTree(T.DirSource(cfg), overlay)))
    assert again.showAttribute(again.showAttribute(again.getid(PROXY_EP), "endPoint"), "port") == "81"
    assert again.existsDocument(stav) == 0
    assert stav not in again._repo.uris()
    changes = T.overlay_changes(again._repo.tree)
    assert sorted(changes) == sorted([NODE + "/serverindex.xml", stav])
    assert changes[stav][1] is None and changes[stav][0] == before[stav]
    assert b'port="81"' in changes[NODE + "/serverindex.xml"][1]


def test_a_config_without_a_cell_is_refused_by_either_tree(tmp_path):
    (tmp_path / "cells" / "c").mkdir(parents=True)
    with pytest.raises(Exception) as e:
        T.open_tree(str(tmp_path))
    assert "no cells/<cell>/cell.xml" in str(e.value)
    with pytest.raises(Exception) as e:
        T.open_tree(str(tmp_path), str(tmp_path / "overlay"))
    assert "no cells/<cell>/cell.xml" in str(e.value)
