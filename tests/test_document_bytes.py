"""Byte-exact round trips of every real XML file through harness.config.repository.document."""

import os
import shutil

import pytest
from paths import REAL

from harness.base.errors import MalformedDocumentError
from harness.config.repository.document import XMI_ID, Document

# Fragments IBM splices into other documents: not well-formed on their own.
NOT_WELL_FORMED = {"profileTemplates/default/documents/config/templates/system/sibjmsresources-ra.xml"}


def _all_xml():
    out = []
    for d, _dirs, files in os.walk(REAL):
        for f in files:
            if f.endswith(".xml"):
                out.append(os.path.relpath(os.path.join(d, f), REAL).replace(os.sep, "/"))
    return sorted(out)


ALL_XML = _all_xml()
PARSEABLE = [u for u in ALL_XML if u not in NOT_WELL_FORMED]


@pytest.fixture(scope="module")
def real_copy(tmp_path_factory):
    dst = tmp_path_factory.mktemp("real") / "was855"
    shutil.copytree(REAL, str(dst))
    return str(dst)


def _elements(root):
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _text_lists(el):
    """Children that look like primitive list items (no attributes, no children), grouped by tag."""
    groups = {}
    for c in el:
        if isinstance(c.tag, str) and not len(c) and not c.attrib:
            groups.setdefault(c.tag, []).append(c.text or "")
    return groups


def test_corpus_is_there():
    assert len(ALL_XML) > 200
    assert any(u.endswith("wimconfig.xml") for u in ALL_XML)
    assert any(u.endswith("perftuners.xml") for u in ALL_XML)


@pytest.mark.parametrize("uri", PARSEABLE)
def test_noop_mutations_keep_bytes(real_copy, uri):
    doc = Document(real_copy, uri)
    with open(os.path.join(REAL, uri), "rb") as f:
        original = f.read()
    root = doc.root
    assert doc.original_bytes == original
    assert doc.serialize() == original
    for el in _elements(root):
        for k, v in list(el.attrib.items()):
            assert doc.set_attr(el, k, v) is False
        for tag, values in _text_lists(el).items():
            assert doc.set_text_list(el, tag, values) is False
    assert doc.changed is False
    assert doc.serialize() == original


@pytest.mark.parametrize("uri", PARSEABLE)
def test_dirty_everything_keeps_bytes(real_copy, uri):
    """Rebuild every start tag and every content through the span writer: still byte-identical."""
    doc = Document(real_copy, uri)
    root = doc.root
    original = doc.original_bytes
    ids = [el.get(XMI_ID) for el in _elements(root) if el.get(XMI_ID) is not None]
    for el in _elements(root):
        attrs = list(el.attrib.items())
        if attrs and ids.count(el.get(XMI_ID)) > 1:
            doc.touch(el)  # an object whose id is not unique (IBM's sib-authorisations.xml) refuses edits
        elif attrs:
            k, v = attrs[0]
            assert doc.set_attr(el, k, v + "x") is True
            assert doc.set_attr(el, k, v) is True
        else:
            doc.touch(el)
    assert doc.changed is True
    assert doc.serialize() == original


@pytest.mark.parametrize("uri", sorted(NOT_WELL_FORMED))
def test_fragment_is_malformed(real_copy, uri):
    doc = Document(real_copy, uri)
    with pytest.raises(MalformedDocumentError) as ei:
        _ = doc.root
    msg = ei.value.message
    assert msg.startswith(os.path.join(real_copy, *uri.split("/")) + ":1: ")
    assert "\n" not in msg
