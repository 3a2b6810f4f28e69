#!/usr/bin/env python3
"""Generate harness/config/metamodel/types.json from IBM's configuration model reference (configDocs).

Usage:
    python tools/build_metamodel.py [--configdocs DIR] [--check] [--cells DIR ...]

IBM ships, with every WebSphere install, a generated HTML reference of the whole configuration model
(``<WAS>/web/configDocs``: one page per type, ``packages/<package>/<Type>.html``, SIB types under
``SIB/packages``).  The reference of the WAS 8.5.5.9 install our real cell comes from lies in
``../shared/fixtures/real/was855-configdocs/configDocs`` (14 MB, not copied into the repository: this tool
reads it there; the committed types.json is what the harness and the tests use).

From each page this tool takes: the type's package and namespace, its supertype, its own attributes in
declaration order (data type, default, required, many, reference vs containment), and the enum
literals.  What the reference does not say comes from ``harness/config/metamodel/overlay.json``: data only, each
entry with its reason (display-name attribute, the documents a type lives in and which types own those
documents, abstract types, the required attributes wsadmin adds, types of the real cells that the base
install's reference lacks).

The cross-check walks the real cells (the base profile and its profile templates in tests/fixtures/real,
the Sametime sample cell) and reports every element or attribute name that the generated model does not
have; the tool fails (exit 1) when there is any.  ``--check`` regenerates in memory and compares with the
committed types.json.
"""

import argparse
import collections
import json
import os
import re
import sys

import lxml.html
from lxml import etree

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from harness.config.repository.repository import NON_XMI_FILES  # noqa: E402  (the repository's list, one home)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
# ../shared beside the clone (a worktree under wt/ has it one level further up)
CONFIGDOCS = next(
    (
        p
        for p in (
            os.path.join(up, "shared", "fixtures", "real", "was855-configdocs", "configDocs")
            for up in (os.path.dirname(REPO), os.path.dirname(os.path.dirname(REPO)))
        )
        if os.path.isdir(p)
    ),
    os.path.join(os.path.dirname(REPO), "shared", "fixtures", "real", "was855-configdocs", "configDocs"),
)
OVERLAY = os.path.join(REPO, "harness", "config", "metamodel", "overlay.json")
OUT = os.path.join(REPO, "harness", "config", "metamodel", "types.json")
CELLS = [
    os.path.join(REPO, "tests", "fixtures", "real", "was855-base-linux", "config"),
    os.path.join(REPO, "tests", "fixtures", "real", "was855-base-linux", "profileTemplates"),
    os.path.join(REPO, "samples", "sametime", "config"),
]

# How wsadmin names the EMF data types of the reference (attributes(), defaults()).
DATA_TYPES = {
    "EString": "String",
    "String": "String",
    "Password": "String",
    "EBoolean": "boolean",
    "EInt": "int",
    "ELong": "long",
    "EShort": "short",
    "EByte": "byte",
    "EChar": "char",
    "EFloat": "float",
    "EDouble": "double",
    "EBooleanObject": "Boolean",
    "EIntegerObject": "Integer",
    "ELongObject": "Long",
    "EShortObject": "Short",
    "EByteObject": "Byte",
    "ECharacterObject": "Character",
    "EFloatObject": "Float",
    "EDoubleObject": "Double",
    "EDate": "Date",
    "EJavaObject": "Object",
    "EJavaClass": "Class",
    "EByteArray": "byte[]",
    "EFeatureMapEntry": "FeatureMapEntry",
    "EBigInteger": "BigInteger",
    "EBigDecimal": "BigDecimal",
}
# The value an unset attribute of a Java primitive type has (EMF's intrinsic default); reference and
# object-typed attributes have none.
INTRINSIC_DEFAULTS = {"boolean": "false", "int": "0", "long": "0", "short": "0", "byte": "0", "float": "0.0", "double": "0.0"}
PASSWORD_DATA_TYPE = "Password"

XMI = "http://www.omg.org/XMI"
XMI_TYPE = "{%s}type" % XMI
XMI_ID = "{%s}id" % XMI
NBSP = "\xa0"


# ------------------------------------------------------------------------------------ the reference
def _tokens(el):
    """The page in document order: ("text", s), ("link", (package, Type)) for a link to a type page, and
    ("anchor", name) for a named anchor (an attribute's details start at its anchor)."""
    href = el.get("href") if isinstance(el.tag, str) else None
    if el.tag == "a" and href:
        m = re.match(r"\.\./([^/]+)/([^/.]+)\.html$", href)
        yield ("link", (m.group(1), m.group(2)) if m else None)
    else:
        if el.tag == "a" and el.get("name"):
            yield ("anchor", el.get("name"))
        if el.text:
            yield ("text", el.text)
        for c in el:
            if isinstance(c.tag, str):
                for t in _tokens(c):
                    yield t
            elif c.tail:
                yield ("text", c.tail)
    if el.tail:
        yield ("text", el.tail)


def _link_after(tokens, label):
    """The (package, Type) of the link right after the text ending in `label` ("Data Type:"), else None
    (the page prints "* Null Class Name *" where it does not know the type)."""
    for k, (kind, value) in enumerate(tokens):
        if kind == "text" and value.replace(NBSP, " ").strip().endswith(label):
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            return nxt[1] if nxt and nxt[0] == "link" else None
    return None


def _field(text, label):
    """The value after "Label:" on its line ("Default value:  true" -> "true"; "" when empty)."""
    m = re.search(r"%s:[ \t]*([^\n]*)" % re.escape(label), text)
    return m.group(1).strip() if m else None


class Page(object):
    """One type page of the reference, read with lxml.html."""

    def __init__(self, package, path):
        self.package = package
        self.path = path
        body = lxml.html.parse(path).getroot()
        self.name = body.findtext(".//h2").strip()
        tokens = list(_tokens(body.find("body") if body.find("body") is not None else body))
        text = "".join(v for k, v in tokens if k == "text").replace(NBSP, " ")
        head = text.split("Attributes Summary")[0]
        if "This type is a class for model objects" in head:
            self.kind = "class"
        elif "This type is an enumeration data type" in head:
            self.kind = "enum"
        else:
            self.kind = "datatype"
        self.supertype = _link_after(tokens, "Supertype:") if "Supertype:" in head else None
        self.literals = []
        if self.kind == "enum":
            allowed = text.split("Allowed values:")[-1].split("having this type")[0]
            self.literals = re.findall(r"^\s*-?\d+ - (\S+)\s*$", allowed, re.M)
        self.attributes = self._attributes(tokens) if self.kind == "class" else []

    @staticmethod
    def _attributes(tokens):
        """Own attributes in declaration order, from the "Attribute Details" section."""
        start = next((k for k, (kind, v) in enumerate(tokens) if kind == "text" and "Attribute Details" in v), None)
        if start is None:
            return []
        chunks = []
        for kind, value in tokens[start:]:
            if kind == "anchor":
                chunks.append((value, []))
            elif chunks:
                chunks[-1][1].append((kind, value))
        out = []
        for name, toks in chunks:
            text = "".join(v for k, v in toks if k == "text").replace(NBSP, " ")
            a = collections.OrderedDict(name=name)
            if "Data Type:" in text:
                a["kind"] = "data"
                a["type_ref"] = _link_after(toks, "Data Type:") or (None, None)
                default = _field(text, "Default value")
                a["default"] = None if default == "unspecified" else default
            else:
                a["kind"] = "reference"
                # "* Null Class Name *": the page does not name the type (overlay.json reference_types does)
                a["type_ref"] = _link_after(toks, "Reference Type:") or (None, None)
                a["containment"] = _field(text, "Containment") == "true"
            a["required"] = _field(text, "Required") == "true"
            a["many"] = _field(text, "Many") == "true"
            out.append(a)
        return out


def read_reference(root):
    pages = []
    for base in ("packages", os.path.join("SIB", "packages")):
        b = os.path.join(root, base)
        for pkg in sorted(os.listdir(b)):
            d = os.path.join(b, pkg)
            for fn in sorted(os.listdir(d)):
                if fn.endswith(".html") and not fn.endswith("-frame.html"):
                    pages.append(Page(pkg, os.path.join(d, fn)))
    namespaces = {}
    for base in ("packages", os.path.join("SIB", "packages")):
        b = os.path.join(root, base)
        for pkg in sorted(os.listdir(b)):
            t = lxml.html.parse(os.path.join(b, pkg, "classes-frame.html")).getroot().text_content()
            uri = re.search(r"Namespace URI:\s*(\S+)", t)
            prefix = re.search(r"Namespace prefix:\s*(\S+)", t)
            namespaces[pkg] = (prefix.group(1) if prefix else pkg, uri.group(1) if uri else None)
    return pages, namespaces


# ------------------------------------------------------------------------------------ building
class Builder(object):
    def __init__(self, pages, namespaces, overlay):
        self.pages = pages
        self.namespaces = namespaces
        self.ov = overlay
        self.log = []
        self.by_key = {(p.package, p.name): p for p in pages}
        preferred = {e["type"]: e["package"] for e in overlay["preferred_package"]}
        self.reference_types = {(e["type"], e["attribute"]): e["target"] for e in overlay["reference_types"]}
        self.supertypes = {e["type"]: e["supertype"] for e in overlay["supertypes"]}
        # (package, Type) -> the model's name: the simple name wsadmin uses, or "<ns prefix>:<Type>" for
        # the other pages of a name several packages define (kept so that their documents still type)
        self.model_name = {}
        names = collections.defaultdict(list)
        for p in pages:
            if p.kind == "class":
                names[p.name].append(p)
        for n, ps in sorted(names.items()):
            if len(ps) > 1 and n not in preferred:
                self.log.append(
                    "type %s is in several packages (%s) and overlay.json names no preferred one"
                    % (n, ", ".join(p.package for p in ps))
                )
            chosen = [p for p in ps if p.package == preferred.get(n)] or ps[:1]
            for p in ps:
                self.model_name[(p.package, n)] = n if p is chosen[0] else "%s:%s" % (self._prefix(p.package), n)

    def _known(self, types, name, section):
        if name not in types:
            self.log.append("overlay.json %s names %s, a type the model lacks" % (section, name))
            return False
        return True

    def _prefix(self, package):
        return self.namespaces.get(package, (package, None))[0]

    def _attr(self, owner, a):
        pkg, tname = a["type_ref"]
        out = collections.OrderedDict(name=a["name"])
        tname = self.model_name.get((pkg, tname), tname)
        if a["kind"] == "data":
            target = self.by_key.get((pkg, tname))
            if target is not None and target.kind == "enum":
                out["type"] = "ENUM"
                out["values"] = list(target.literals)
                default = a["default"] if a["default"] is not None else (target.literals or [None])[0]
            else:
                out["type"] = DATA_TYPES.get(tname, tname)
                default = a["default"]
                if default is None:
                    default = INTRINSIC_DEFAULTS.get(out["type"])
            out["many"] = a["many"]
            out["containment"] = False
            out["reference"] = False
            out["default"] = None if a["many"] else default
            if tname == PASSWORD_DATA_TYPE:
                out["password"] = True
        else:
            out["type"] = tname or self.reference_types.get((owner, a["name"]))
            if out["type"] is None:
                self.log.append("the reference does not name the type of %s.%s" % (owner, a["name"]))
                out["type"] = "Object"
            out["many"] = a["many"]
            out["containment"] = a["containment"]
            out["reference"] = not a["containment"]
            out["default"] = None
        out["required"] = a["required"]
        return out

    def build(self):
        ov = self.ov
        types = collections.OrderedDict()
        for p in sorted((p for p in self.pages if p.kind == "class"), key=lambda p: self.model_name[(p.package, p.name)]):
            name = self.model_name[(p.package, p.name)]
            st = self.model_name.get(p.supertype) if p.supertype else None
            st = self.supertypes.get(name, st)
            types[name] = collections.OrderedDict(
                [
                    ("package", self._prefix(p.package)),
                    ("abstract", False),
                    ("supertypes", [st] if st else []),
                    ("display", None),
                    ("document", None),
                    ("attributes", [self._attr(name, a) for a in p.attributes]),
                ]
            )
        for e in ov["extra_types"]:
            t = collections.OrderedDict(
                [
                    ("package", e["package"]),
                    ("abstract", bool(e.get("abstract"))),
                    ("supertypes", list(e.get("supertypes", []))),
                    ("display", None),
                    ("document", None),
                    ("attributes", [_full_attr(a) for a in e.get("attributes", [])]),
                ]
            )
            if e["name"] in types:
                self.log.append("overlay extra type %s is in the reference" % e["name"])
            types[e["name"]] = t
        for e in ov["extra_attributes"]:
            t = types[e["type"]]
            if any(a["name"] == e["attribute"]["name"] for a in t["attributes"]):
                self.log.append("overlay extra attribute %s.%s is in the reference" % (e["type"], e["attribute"]["name"]))
            t["attributes"].append(_full_attr(e["attribute"]))
        for e in ov["abstract"]:
            for n in e["types"]:
                if self._known(types, n, "abstract"):
                    types[n]["abstract"] = True
        for e in ov["required"]:  # per type: an inherited attribute is required for this type only
            if self._known(types, e["type"], "required"):
                types[e["type"]].setdefault("required", []).append(e["attribute"])
        explicit = set()
        for e in ov["display"]:
            if self._known(types, e["type"], "display"):
                types[e["type"]]["display"] = e["attribute"]
                explicit.add(e["type"])
        all_names = {}

        def inherited(n):
            if n not in all_names:
                s = set()
                for st in types[n]["supertypes"]:
                    s |= inherited(st)
                all_names[n] = s | {a["name"] for a in types[n]["attributes"]}
            return all_names[n]

        for n, t in types.items():
            if n not in explicit and "name" in inherited(n):
                t["display"] = "name"
        for e in ov["type_document"]:
            if self._known(types, e["type"], "type_document"):
                types[e["type"]]["document"] = e["document"]

        documents = collections.OrderedDict()
        for e in sorted(ov["documents"], key=lambda e: e["file"]):
            documents[e["file"]] = sorted(e["roots"])

        # parents(): the concrete types whose containment features can hold the type, and the types that
        # own (by the directory layout) the documents whose root objects the type is
        subtypes = collections.defaultdict(set)
        for n in types:
            x = [n]
            while x:
                c = x.pop()
                subtypes[c].add(n)
                x.extend(types[c]["supertypes"])
        parents = collections.defaultdict(set)
        for n, t in types.items():
            if t["abstract"]:
                continue
            chain = [n]
            while types[chain[-1]]["supertypes"]:
                chain.append(types[chain[-1]]["supertypes"][0])
            for c in chain:
                for a in types[c]["attributes"]:
                    if a["containment"] and a["type"] in types:
                        for s in subtypes[a["type"]]:
                            parents[s].add(n)
        for e in ov["documents"]:
            for r in e["roots"]:
                for s in subtypes.get(r, ()):
                    parents[s].update(e.get("owners", []))
        for n, t in types.items():  # the "<prefix>:<Type>" duplicates are not wsadmin types
            t["parents"] = sorted(x for x in parents.get(n, ()) if ":" not in x)

        packages = collections.OrderedDict()
        for prefix, uri in sorted(self.namespaces.values()):
            if uri:
                packages[prefix] = uri
        for e in ov["packages"]:
            packages[e["prefix"]] = e["uri"]
        packages = collections.OrderedDict(sorted(packages.items()))
        aliases = collections.OrderedDict(sorted((e["uri"], e["prefix"]) for e in ov["uri_aliases"]))

        prim = (
            set(DATA_TYPES.values())
            | {"ENUM"}
            | {a["type"] for t in types.values() for a in t["attributes"] if not (a["containment"] or a["reference"])}
        )
        for n, t in types.items():
            for a in t["attributes"]:
                if a["type"] not in prim and a["type"] not in types:
                    self.log.append("attribute %s.%s has a type the model lacks: %s" % (n, a["name"], a["type"]))
        result = collections.OrderedDict()
        result["about"] = (
            "Generated by tools/build_metamodel.py from IBM's configDocs reference (WAS 8.5.5.9) "
            "and harness/config/metamodel/overlay.json; do not edit by hand."
        )
        result["primitive_types"] = sorted(prim)
        result["packages"] = packages
        result["uri_aliases"] = aliases
        result["documents"] = documents
        result["hidden_documents"] = sorted(e["file"] for e in ov["documents"] if e.get("hidden"))
        result["types"] = collections.OrderedDict(sorted(types.items()))
        return result


def _full_attr(a):
    """An overlay attribute spec with every key the loader expects, in the usual order."""
    out = collections.OrderedDict(name=a["name"])
    out["type"] = a.get("type", "String")
    if out["type"] == "ENUM":
        out["values"] = list(a["values"])
    out["many"] = bool(a.get("many", False))
    out["containment"] = bool(a.get("containment", False))
    out["reference"] = bool(a.get("reference", False))
    default = a.get("default", INTRINSIC_DEFAULTS.get(out["type"]))
    if out["type"] == "ENUM" and default is None:
        default = out["values"][0]
    out["default"] = None if (out["many"] or out["containment"] or out["reference"]) else default
    out["required"] = bool(a.get("required", False))
    if a.get("password"):
        out["password"] = True
    return out


def dump(result):
    return json.dumps(result, indent=1, ensure_ascii=True) + "\n"


# ------------------------------------------------------------------------------------ cross-check
def cross_check(model, roots):
    """Names in the real XML that the model lacks: ["<file>: <Type> has no attribute <x>", ...]."""
    types = model["types"]
    feats = {}

    def features(t):
        if t not in feats:
            out = collections.OrderedDict()
            for s in types[t]["supertypes"]:
                out.update(features(s))
            for a in types[t]["attributes"]:
                out[a["name"]] = a
            feats[t] = out
        return feats[t]

    problems = set()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for fn in sorted(filenames):
                if not fn.endswith((".xml", ".xmi")) or fn in NON_XMI_FILES:
                    continue
                path = os.path.join(dirpath, fn)
                try:
                    r = etree.parse(path, parser).getroot()
                except etree.XMLSyntaxError:
                    continue
                if r.tag == "{%s}XMI" % XMI:
                    tops = [c for c in r if isinstance(c.tag, str) and etree.QName(c).namespace not in (XMI, None)]
                elif r.get("{%s}version" % XMI) is not None:
                    tops = [r]
                else:
                    continue  # not an XMI document (wimconfig.xml, ...)
                rel = os.path.relpath(path, root)
                for top in tops:
                    _check_element(top, etree.QName(top).localname, types, features, rel, problems)
    return sorted(problems)


def _check_element(el, t, types, features, rel, problems):
    if t not in types:
        problems.add("%s: type %s is not in the model" % (rel, t))
        return
    fs = features(t)
    for k in el.attrib:
        if not k.startswith("{") and k not in fs:
            problems.add("%s: %s has no attribute %s" % (rel, t, k))
    for c in el:
        if not isinstance(c.tag, str) or etree.QName(c).namespace is not None:
            continue
        f = fs.get(c.tag)
        if f is None:
            problems.add("%s: %s has no attribute %s" % (rel, t, c.tag))
            continue
        if len(c.attrib) == 0 and len(c) == 0:
            continue  # a primitive list item, or an empty child
        if c.get("href") is not None and not c.get(XMI_ID):
            continue  # a cross-document reference
        xt = c.get(XMI_TYPE)
        _check_element(c, xt.partition(":")[2] if xt else f["type"], types, features, rel, problems)


# ------------------------------------------------------------------------------------ main
def load_overlay(path=OVERLAY):
    with open(path, encoding="utf-8") as f:
        ov = json.load(f)
    for section, entries in ov.items():
        if isinstance(entries, list):
            for e in entries:
                if not e.get("reason"):
                    raise SystemExit("overlay.json: an entry of %s has no reason: %r" % (section, e))
    return ov


def generate(configdocs=CONFIGDOCS, overlay_path=OVERLAY):
    pages, namespaces = read_reference(configdocs)
    b = Builder(pages, namespaces, load_overlay(overlay_path))
    return b.build(), b.log


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--configdocs", default=CONFIGDOCS)
    ap.add_argument("--check", action="store_true", help="compare with the committed types.json, write nothing")
    ap.add_argument("--cells", nargs="*", default=CELLS, help="config directories to cross-check")
    ap.add_argument("-o", "--output", default=OUT)
    args = ap.parse_args(argv)
    if not os.path.isdir(args.configdocs):
        print("configDocs not found at %s (it lives in ../shared, see the module docstring)" % args.configdocs, file=sys.stderr)
        return 2
    model, log = generate(args.configdocs)
    for m in log:
        print("note: " + m, file=sys.stderr)
    problems = cross_check(model, [c for c in args.cells if os.path.isdir(c)])
    for p in problems:
        print("missing: " + p, file=sys.stderr)
    n_attrs = sum(len(t["attributes"]) for t in model["types"].values())
    print(
        "%d types, %d attributes; cross-check of %s: %d names missing"
        % (len(model["types"]), n_attrs, ", ".join(os.path.relpath(c, REPO) for c in args.cells), len(problems))
    )
    text = dump(model)
    if args.check:
        with open(args.output, encoding="utf-8") as f:
            same = f.read() == text
        print("types.json is %s" % ("up to date" if same else "OUT OF DATE"))
        return 0 if same and not problems else 1
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %s" % os.path.relpath(args.output, REPO))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
