#!/usr/bin/env python3
"""Bootstrap harness/metamodel/types.json from real WebSphere config repositories.

Usage:
    python tools/extract_metamodel.py [--check] [ROOT ...]

ROOT defaults to the shipped WAS 8.5.5 fixture (cell + config/templates + profileTemplates).
The script walks every XMI document (non-XMI documents such as wimconfig.xml, fileRegistry.xml,
the BLA files, perftuners.xml and WSSDistributedCache.xml are skipped, as are un-parseable
fragments like sibjmsresources-ra.xml), infers packages, types, features, value kinds, references
and document roots, then merges the hand-curated overlay in tools/metamodel_overlay.py
(knowledge from IBM's configuration metamodel reference "CFGDOC", wsadmin-semantics.md and
sametime-operations.md) and writes harness/metamodel/types.json.

The committed types.json is the single source of truth at runtime; running this script again on
the same inputs regenerates the identical file (``--check`` verifies that without writing).
"""
import argparse
import json
import os
import re
import sys
from collections import Counter, OrderedDict, defaultdict

from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

DEFAULT_ROOTS = [
    os.path.join(REPO, 'tests', 'fixtures', 'real', 'was855-base-linux', 'config'),
    os.path.join(REPO, 'tests', 'fixtures', 'real', 'was855-base-linux', 'profileTemplates'),
]
OUT = os.path.join(REPO, 'harness', 'metamodel', 'types.json')

XMI = 'http://www.omg.org/XMI'
XMI_TYPE = '{%s}type' % XMI
XMI_ID = '{%s}id' % XMI
XMI_VERSION = '{%s}version' % XMI
IGNORED_PREFIXES = {'xmi', 'xsi', 'xml'}

SKIP_FILES = {'wimconfig.xml', 'fileRegistry.xml', 'bla.xml', 'cu.xml', 'cu-ref.xml', 'controlOpDefs.xml',
              'perftuners.xml', 'WSSDistributedCache.xml', 'WSSCCache.xml'}

ENUM_RE = re.compile(r'^[A-Z][A-Z0-9_]*$')
INT_RE = re.compile(r'^-?\d+$')
ID_PREFIX_RE = re.compile(r'^([A-Z][A-Za-z0-9]*?)_')


def is_template_path(path):
    return '/templates/' in path.replace(os.sep, '/') or 'profileTemplates' in path


def iter_xmi_docs(roots, log):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=False)
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for fn in sorted(filenames):
                if not fn.endswith('.xml') or fn in SKIP_FILES:
                    continue
                path = os.path.join(dirpath, fn)
                try:
                    tree = etree.parse(path, parser)
                except etree.XMLSyntaxError as e:
                    log('skip (unparseable): %s: %s' % (path, e))
                    continue
                r = tree.getroot()
                if r.tag == '{%s}XMI' % XMI:
                    tops = [c for c in r if isinstance(c.tag, str) and etree.QName(c).namespace not in (XMI, None)]
                else:
                    ns = etree.QName(r).namespace
                    if r.get(XMI_VERSION) is None and not (ns and (ns.endswith('.xmi') or ns.endswith('.ecore'))):
                        log('skip (not XMI): %s' % path)
                        continue
                    tops = [r]
                yield path, fn, r, tops


class Obs:
    """Observations for one type."""

    def __init__(self):
        self.package = None
        self.order = []
        self.feats = OrderedDict()   # name -> FeatObs
        self.instances = 0


class FeatObs:
    def __init__(self):
        self.xmlattr = 0
        self.text = 0
        self.child = 0
        self.values = Counter()
        self.max_count = 0
        self.child_types = Counter()
        self.untyped_types = Counter()   # child elements without xmi:type
        self.ref_targets = Counter()
        self.ref_ok = True                # every value resolved to ids in the document
        self.ref_multi = False


def merge_order2(order, seq):
    """Insert unseen names of seq into order, right after their predecessor in seq."""
    prev = None
    for f in seq:
        if f not in order:
            pos = order.index(prev) + 1 if prev is not None else 0
            order.insert(pos, f)
        prev = f


class Extractor:
    def __init__(self, roots, verbose=False):
        self.roots = roots
        self.verbose = verbose
        self.msgs = []
        self.docs = []
        for item in iter_xmi_docs(roots, self.log):
            self.docs.append(item)
        self.pkg_uris = defaultdict(Counter)
        self.doc_roots = defaultdict(set)
        self.doc_roots_cell = defaultdict(Counter)   # type -> Counter(filename) outside templates
        self.doc_roots_tmpl = defaultdict(Counter)
        # (owner type, feature) -> Counter(type) for untyped children (from id prefix)
        self.feat_guess = defaultdict(Counter)
        self.feat_guess_any = defaultdict(Counter)

    def log(self, m):
        self.msgs.append(m)
        if self.verbose:
            print(m, file=sys.stderr)

    # ---------------------------------------------------------------- type resolution
    def qualified(self, el, value):
        """'prefix:Class' -> (prefix, Class)."""
        p, _, c = value.partition(':')
        return p, c

    def untyped_child_type(self, owner, feature, el):
        hand = OV.FEATURE_TYPES.get((owner, feature)) or OV.FEATURE_TYPES.get(('*', feature))
        if hand:
            return hand
        g = self.feat_guess.get((owner, feature))
        if g:
            return g.most_common(1)[0][0]
        i = el.get(XMI_ID)
        m = ID_PREFIX_RE.match(i or '')
        if m:
            return m.group(1)
        g = self.feat_guess_any.get(feature)
        if g:
            return g.most_common(1)[0][0]
        return None

    def element_type(self, el, owner, feature, top):
        xt = el.get(XMI_TYPE)
        if xt:
            p, c = self.qualified(el, xt)
            return c, p, True
        if top:
            q = etree.QName(el)
            return q.localname, el.prefix, True
        return self.untyped_child_type(owner, feature, el), None, False

    # ---------------------------------------------------------------- pass 1: guesses of untyped feature types
    def guess_pass(self):
        guess = defaultdict(Counter)
        guess_any = defaultdict(Counter)

        def walk(el, t):
            for c in el:
                if not isinstance(c.tag, str) or etree.QName(c).namespace is not None:
                    continue
                if len(c.attrib) == 0 and len(c) == 0:
                    continue
                ct, _, explicit = self.element_type(c, t, c.tag, False)
                if not explicit:
                    m = ID_PREFIX_RE.match(c.get(XMI_ID) or '')
                    if m:
                        guess[(t, c.tag)][m.group(1)] += 1
                        guess_any[c.tag][m.group(1)] += 1
                walk(c, ct)

        for _ in range(3):
            guess.clear()
            guess_any.clear()
            for path, fn, r, tops in self.docs:
                for top in tops:
                    t, _, _ = self.element_type(top, None, None, True)
                    walk(top, t)
            self.feat_guess = {k: v for k, v in guess.items()}
            self.feat_guess_any = {k: v for k, v in guess_any.items()}

    # ---------------------------------------------------------------- pass 2: observations
    def observe(self):
        self.guess_pass()
        obs = defaultdict(Obs)
        self.obs = obs
        for path, fn, r, tops in self.docs:
            tmpl = is_template_path(path)
            for p, u in r.nsmap.items():   # all namespaces are declared on the root
                if p and p not in IGNORED_PREFIXES:
                    self.pkg_uris[p][u] += 1
            ids = {}
            # collect ids -> type first
            elems = []

            def collect(el, t, pkg):
                i = el.get(XMI_ID)
                if i:
                    ids[i] = t
                elems.append((el, t, pkg))
                for c in el:
                    if not isinstance(c.tag, str) or etree.QName(c).namespace is not None:
                        continue
                    if len(c.attrib) == 0 and len(c) == 0:
                        continue
                    ct, cp, _ = self.element_type(c, t, c.tag, False)
                    collect(c, ct, cp)

            for top in tops:
                t, p, _ = self.element_type(top, None, None, True)
                self.doc_roots[fn].add(t)
                (self.doc_roots_tmpl if tmpl else self.doc_roots_cell)[t][fn] += 1
                collect(top, t, p)

            for el, t, pkg in elems:
                if t is None:
                    self.log('unresolved element <%s> in %s' % (el.tag, path))
                    continue
                o = obs[t]
                o.instances += 1
                if pkg and not o.package:
                    o.package = pkg
                seq = []
                for k, v in el.attrib.items():
                    if k.startswith('{'):
                        continue
                    seq.append(k)
                    f = o.feats.setdefault(k, FeatObs())
                    f.xmlattr += 1
                    f.values[v] += 1
                    toks = v.split()
                    if toks and all(tk in ids for tk in toks):
                        for tk in toks:
                            f.ref_targets[ids[tk]] += 1
                        if len(toks) > 1:
                            f.ref_multi = True
                    elif v != '':
                        f.ref_ok = False
                counts = Counter()
                for c in el:
                    if not isinstance(c.tag, str) or etree.QName(c).namespace is not None:
                        continue
                    name = c.tag
                    if name not in seq:
                        seq.append(name)
                    counts[name] += 1
                    f = o.feats.setdefault(name, FeatObs())
                    if len(c.attrib) == 0 and len(c) == 0:
                        f.text += 1
                        f.values[c.text or ''] += 1
                    else:
                        f.child += 1
                        ct, cp, explicit = self.element_type(c, t, name, False)
                        f.child_types[ct] += 1
                        if not c.get(XMI_TYPE):
                            f.untyped_types[ct] += 1
                for name, n in counts.items():
                    o.feats[name].max_count = max(o.feats[name].max_count, n)
                merge_order2(o.order, seq)

    # ---------------------------------------------------------------- build
    def ancestors(self, t):
        out, todo = [], [t]
        while todo:
            x = todo.pop(0)
            if x in out:
                continue
            out.append(x)
            todo.extend(OV.SUPERTYPES.get(x, []))
        return out

    def common_supertype(self, names, strict_super=False):
        names = [n for n in names if n]
        if not names:
            return None
        anc0 = self.ancestors(names[0])
        if strict_super and len(set(names)) == 1:
            anc0 = anc0[1:]
        rest = [set(self.ancestors(n)) for n in names[1:]]
        for a in anc0:
            if all(a in s for s in rest):
                return a
        return None

    def build(self):
        self.observe()
        types = {}
        missing_super = []

        def newtype(name):
            return OrderedDict([('package', None), ('abstract', False),
                                ('supertypes', list(OV.SUPERTYPES.get(name, []))),
                                ('display', None), ('document', None), ('attributes', [])])

        for tname in sorted(self.obs):
            o = self.obs[tname]
            td = newtype(tname)
            td['package'] = o.package or OV.PACKAGES_OF.get(tname)
            attrs = []
            for fname in o.order:
                f = o.feats[fname]
                a = OrderedDict([('name', fname), ('type', 'String'), ('many', False), ('containment', False),
                                 ('reference', False), ('default', None), ('required', False)])
                if f.child:
                    a['containment'] = True
                    a['many'] = f.max_count > 1 or (fname.endswith('s') and fname not in OV.SINGLE_FEATURES) \
                        or fname in OV.MANY_FEATURES
                    if f.untyped_types:
                        # children without xmi:type have the declared type; widen it when typed siblings
                        # are not subtypes of it
                        decl = f.untyped_types.most_common(1)[0][0]
                        if len(f.untyped_types) > 1 or any(decl not in self.ancestors(ct) for ct in f.child_types):
                            decl = self.common_supertype(list(f.child_types)) or decl
                    else:
                        decl = self.common_supertype(list(f.child_types), strict_super=True)
                        if decl is None:
                            missing_super.append((tname, fname, sorted(f.child_types)))
                            decl = sorted(f.child_types)[0]
                    a['type'] = decl
                elif f.text and not f.xmlattr:
                    a['many'] = True
                    a['type'] = 'String'
                else:
                    vals = [v for v in f.values if '$(' not in v and '${' not in v]
                    is_ref = (fname in OV.REFERENCES) or (
                        f.ref_ok and f.ref_targets and fname not in OV.NOT_REFERENCES)
                    if is_ref:
                        a['reference'] = True
                        a['many'] = f.ref_multi or fname in OV.MANY_FEATURES
                        a['type'] = self.common_supertype(list(f.ref_targets)) or (
                            sorted(f.ref_targets)[0] if f.ref_targets else 'String')
                    elif vals and all(v in ('true', 'false') for v in vals):
                        a['type'] = 'boolean'
                        a['default'] = 'false'
                    elif vals and all(INT_RE.match(v) for v in vals) and fname not in OV.STRING_ATTRS:
                        a['type'] = 'int'
                        a['default'] = '0'
                    elif vals and all(ENUM_RE.match(v) for v in vals) and fname not in OV.STRING_ATTRS \
                            and not any(INT_RE.match(v) for v in vals):
                        a['type'] = 'ENUM'
                        a['values'] = sorted(set(vals))
                if fname in OV.PASSWORD_ATTRS and a['type'] == 'String':
                    a['password'] = True
                attrs.append(a)
            td['attributes'] = attrs
            types[tname] = td

        for t, f, cts in missing_super:
            self.log('no common supertype for %s.%s: %s' % (t, f, cts))

        # documents
        documents = {fn: sorted(ts) for fn, ts in sorted(self.doc_roots.items())}
        for tname in types:
            # only real (non-template) documents decide where a new top-level instance lands; a type that is
            # a root only in templates (server-component-templates.xml ...) is normally contained
            c = self.doc_roots_cell.get(tname)
            if c:
                types[tname]['document'] = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

        packages = {}
        aliases = {}
        for p, uris in sorted(self.pkg_uris.items()):
            best = sorted(uris.items(), key=lambda kv: (-kv[1], kv[0]))
            packages[p] = best[0][0]
            for u, _ in best[1:]:
                aliases[u] = p
        return apply_overlay(packages, aliases, documents, types, self.ancestors, self.log)


def apply_overlay(packages, aliases, documents, types, ancestors, log):
    for p, u in OV.PACKAGES.items():
        if p in packages and packages[p] != u:
            aliases[packages[p]] = p
        packages[p] = u
    for u, p in OV.URI_ALIASES.items():
        aliases[u] = p
    for fn, roots in OV.DOCUMENTS.items():
        documents[fn] = sorted(set(documents.get(fn, [])) | set(roots))

    for tname, ov in OV.TYPES.items():
        td = types.get(tname)
        if td is None:
            td = OrderedDict([('package', None), ('abstract', False),
                              ('supertypes', list(OV.SUPERTYPES.get(tname, []))),
                              ('display', None), ('document', None), ('attributes', [])])
            types[tname] = td
        for k in ('package', 'abstract', 'display', 'document'):
            if k in ov:
                td[k] = ov[k]
        if 'supertypes' in ov:
            td['supertypes'] = list(ov['supertypes'])
        by_name = OrderedDict((a['name'], a) for a in td['attributes'])
        for name in ov.get('remove', []):
            by_name.pop(name, None)
        for spec in ov.get('attributes', []):
            spec = dict(spec)
            name = spec.pop('name')
            after = spec.pop('after', None)
            a = by_name.get(name)
            if a is None:
                a = OrderedDict([('name', name), ('type', 'String'), ('many', False), ('containment', False),
                                 ('reference', False), ('default', None), ('required', False)])
                items = list(by_name.items())
                if after is not None and after in by_name:
                    idx = [k for k, _ in items].index(after) + 1
                elif after == '^':
                    idx = 0
                else:
                    idx = len(items)
                items.insert(idx, (name, a))
                by_name = OrderedDict(items)
            a.update(spec)
            if a['type'] != 'ENUM':
                a.pop('values', None)
            if a.get('reference') or a.get('containment'):
                a['default'] = spec.get('default')
        td['attributes'] = list(by_name.values())

    # supertypes for types not mentioned in the overlay TYPES but in SUPERTYPES
    for tname, sups in OV.SUPERTYPES.items():
        if tname not in types:
            types[tname] = OrderedDict([('package', OV.PACKAGES_OF.get(tname)), ('abstract', tname in OV.ABSTRACT),
                                        ('supertypes', list(sups)), ('display', None), ('document', None),
                                        ('attributes', [])])
        else:
            types[tname]['supertypes'] = list(sups) if tname not in OV.TYPES or 'supertypes' not in OV.TYPES[tname] \
                else types[tname]['supertypes']
        for s in sups:
            if s not in types:
                types[s] = OrderedDict([('package', OV.PACKAGES_OF.get(s)), ('abstract', s in OV.ABSTRACT),
                                        ('supertypes', list(OV.SUPERTYPES.get(s, []))), ('display', None),
                                        ('document', None), ('attributes', [])])
    for tname in OV.ABSTRACT:
        if tname in types:
            types[tname]['abstract'] = True
    for tname, pkg in OV.PACKAGES_OF.items():
        if tname in types and not types[tname]['package']:
            types[tname]['package'] = pkg

    # drop features a subtype re-declares although a supertype owns them (hoisted by the overlay)
    def inherited_names(t, seen=None):
        out = set()
        for s in types[t]['supertypes']:
            if s in types:
                out |= {a['name'] for a in types[s]['attributes']} | inherited_names(s)
        return out

    for tname, td in types.items():
        inh = inherited_names(tname)
        if inh:
            td['attributes'] = [a for a in td['attributes'] if a['name'] not in inh]

    # display attribute: overlay choice, else "name" when the type has one
    def all_names(t):
        return {a['name'] for a in types[t]['attributes']} | inherited_names(t)

    for tname, td in types.items():
        if tname in OV.DISPLAY:
            td['display'] = OV.DISPLAY[tname]
        elif 'display' not in OV.TYPES.get(tname, {}):
            td['display'] = 'name' if 'name' in all_names(tname) else None

    # password marking
    for td in types.values():
        for a in td['attributes']:
            if a['name'] in OV.PASSWORD_ATTRS and a['type'] == 'String':
                a['password'] = True

    # key order inside attributes
    KEYS = ['name', 'type', 'many', 'containment', 'reference', 'default', 'values', 'required', 'password']
    for td in types.values():
        td['attributes'] = [OrderedDict((k, a[k]) for k in KEYS if k in a) for a in td['attributes']]
        for a in td['attributes']:
            if a['type'] == 'ENUM' and 'values' not in a:
                a['values'] = []

    # sanity: every referenced type exists
    prim = {'String', 'int', 'long', 'boolean', 'Integer', 'Boolean', 'ENUM'}
    for tname, td in types.items():
        for a in td['attributes']:
            if a['type'] not in prim and a['type'] not in types:
                log('feature %s.%s has unknown type %s' % (tname, a['name'], a['type']))
        for s in td['supertypes']:
            if s not in types:
                log('%s: unknown supertype %s' % (tname, s))

    result = OrderedDict()
    result['packages'] = OrderedDict(sorted(packages.items()))
    result['uri_aliases'] = OrderedDict(sorted(aliases.items()))
    result['documents'] = OrderedDict(sorted(documents.items()))
    result['types'] = OrderedDict(sorted(types.items()))
    return result


def dump(result):
    return json.dumps(result, indent=1, ensure_ascii=True) + '\n'


# ==================================================================================== overlay
def _A(name, type='String', **kw):
    """Overlay attribute spec (partial; merged over the inferred attribute of the same name)."""
    d = {'name': name, 'type': type}
    d.update(kw)
    return d


def _B(name, default='false', **kw):
    return _A(name, 'boolean', default=default, **kw)


def _I(name, default='0', **kw):
    return _A(name, 'int', default=default, **kw)


def _L(name, default='0', **kw):
    return _A(name, 'long', default=default, **kw)


def _E(name, values, default=None, **kw):
    return _A(name, 'ENUM', values=list(values), default=default if default is not None else values[0], **kw)


def _S(name, **kw):          # primitive list (String*)
    return _A(name, 'String', many=True, default=None, **kw)


def _C(name, type, many=False, **kw):   # containment
    return _A(name, type, many=many, containment=True, reference=False, default=None, **kw)


def _R(name, type, many=False, **kw):   # same-document reference (IDREF)
    return _A(name, type, many=many, containment=False, reference=True, default=None, **kw)


class OV:
    """Hand-curated knowledge merged over the inferred data.

    Sources: IBM's generated metamodel reference of WAS 8.5.5.9 ("CFGDOC", quoted in
    shared/docs/sametime-operations.md), wsadmin-semantics.md, config-repository-format.md and
    WebSphere knowledge. Choices that could not be verified are marked [U] in comments.
    """
    # Prefix -> URI where the corpus has none or more than one (pmiservice: 5.0 in server.xml is
    # the primary one, 6.0 of pmi-config.xml stays reachable via "uri_aliases").
    PACKAGES = {
        'pmiservice': 'http://www.ibm.com/websphere/appserver/schemas/5.0/pmiservice.xmi',
        'proxy': 'http://www.ibm.com/websphere/appserver/schemas/6.0/proxy.xmi',
        'cellmanager': 'http://www.ibm.com/websphere/appserver/schemas/5.0/cellmanager.xmi',
        'nodeagent': 'http://www.ibm.com/websphere/appserver/schemas/5.0/nodeagent.xmi',
        'cache': 'http://www.ibm.com/xmlns/prod/websphere/200608/WsSecureConversation/cache',
    }
    URI_ALIASES = {
        'http://www.ibm.com/websphere/appserver/schemas/6.0/pmiservice.xmi': 'pmiservice',
    }
    # file name -> root types for documents that the corpus does not contain
    DOCUMENTS = {
        'cluster.xml': ['ServerCluster'],
        'sib-bus.xml': ['SIBus'],
        'sib-engines.xml': ['SIBMessagingEngine'],      # [U] servers/<s>/sib-engines.xml
        'proxy-settings.xml': ['ProxySettings'],
        'proxy-environment.xml': ['ProxyVirtualHostConfig'],
    }
    ABSTRACT = {
        'ManagedObject', 'Component', 'ServerComponent', 'ApplicationContainer', 'Service', 'TransportChannel',
        'InboundTransportChannel', 'OutboundTransportChannel', 'JMXConnector', 'AuthMechanism', 'UserRegistry',
        'J2EEResourceProvider', 'J2EEResourceFactory', 'ConnectionFactory', 'JMSConnectionFactory', 'JMSDestination',
        'DeployedObject', 'ModuleDeployment', 'DeploymentTarget', 'ProcessDef', 'Policy', 'Route', 'ProxyAction',
        'SpecialSubjectExt', 'SecurityProtocolConfig', 'SecurityLayer', 'SecurityProtocolQOP',
    }
    SUPERTYPES = {
        # process
        'Server': ['ManagedObject'],
        'Component': ['ManagedObject'],
        'ServerComponent': ['Component'],
        'ApplicationServer': ['ServerComponent'],
        'NameServer': ['ServerComponent'],
        'WebServer': ['ServerComponent'],
        'NodeAgent': ['ServerComponent'],
        'CellManager': ['ServerComponent'],
        'DeploymentManager': ['ServerComponent'],     # [U] WAS names the dmgr component cellmanager:CellManager
        'SystemMessageServer': ['ServerComponent'],
        'ListenerPort': ['ManagedObject'],
        'ApplicationContainer': ['Component'],
        'WebContainer': ['ApplicationContainer'],
        'EJBContainer': ['ApplicationContainer'],
        'PortletContainer': ['ApplicationContainer'],
        'SIPContainer': ['ApplicationContainer'],
        'JavaProcessDef': ['ProcessDef'],
        # services
        **{t: ['Service'] for t in (
            'AdminService', 'TraceService', 'PMIService', 'RASLoggingService', 'HTTPAccessLoggingService',
            'ObjectRequestBroker', 'TransportChannelService', 'ThreadPoolManager', 'CoreGroupBridgeService',
            'DiagnosticProviderService', 'TPVService', 'TransactionService', 'DynamicCache', 'MessageListenerService',
            'SessionManager', 'ActivitySessionService', 'WorkAreaService', 'WorkManagerService', 'I18NService',
            'SchedulerService', 'ApplicationProfileService', 'ObjectPoolService', 'StartupBeansService',
            'CompensationService', 'WorkAreaPartitionService', 'EventInfrastructureService', 'HAManagerService',
            'SIBService', 'PluginConfigService', 'CustomService')},
        # channels
        'InboundTransportChannel': ['TransportChannel'],
        'OutboundTransportChannel': ['TransportChannel'],
        **{t: ['InboundTransportChannel'] for t in (
            'TCPInboundChannel', 'HTTPInboundChannel', 'SSLInboundChannel', 'WebContainerInboundChannel',
            'DCSInboundChannel', 'SIPInboundChannel', 'SIPContainerInboundChannel', 'UDPInboundChannel',
            'HTTPQueueInboundChannel', 'JFAPInboundChannel', 'MQFAPInboundChannel', 'ORBInboundChannel',
            'HTTPTunnelInboundChannel', 'ProxyInboundChannel')},
        **{t: ['OutboundTransportChannel'] for t in (
            'TCPOutboundChannel', 'SSLOutboundChannel', 'HTTPOutboundChannel', 'HTTPTunnelOutboundChannel',
            'JFAPOutboundChannel', 'MQFAPOutboundChannel', 'RMQOutboundChannel')},
        # admin connectors
        **{t: ['JMXConnector'] for t in ('SOAPConnector', 'RMIConnector', 'JSR160RMIConnector', 'IPCConnector')},
        # security
        **{t: ['AuthMechanism'] for t in ('LTPA', 'KRB5', 'SWAMAuthentication', 'RSAToken', 'SPNEGO')},
        **{t: ['UserRegistry'] for t in ('LocalOSUserRegistry', 'CustomUserRegistry', 'LDAPUserRegistry',
                                         'WIMUserRegistry')},
        **{t: ['SpecialSubjectExt'] for t in ('EveryoneExt', 'PrimaryAdminExt', 'ServerExt',
                                              'AllAuthenticatedUsersExt')},
        **{t: ['SecurityProtocolConfig'] for t in ('CommonSecureInterop', 'SecureAssociationService')},
        **{t: ['SecurityLayer'] for t in ('TransportLayer', 'MessageLayer', 'IdentityAssertionLayer')},
        **{t: ['SecurityProtocolQOP'] for t in ('TransportQOP', 'MessageQOP', 'IdentityAssertionQOP')},
        # resources
        **{t: ['J2EEResourceProvider'] for t in (
            'JDBCProvider', 'J2CResourceAdapter', 'JMSProvider', 'MailProvider', 'URLProvider',
            'WorkManagerProvider', 'TimerManagerProvider', 'SchedulerProvider', 'ObjectPoolProvider',
            'CacheProvider', 'EventInfrastructureProvider', 'ResourceEnvironmentProvider')},
        'ConnectionFactory': ['J2EEResourceFactory'],
        'J2CConnectionFactory': ['ConnectionFactory'],
        'CMPConnectorFactory': ['J2CConnectionFactory'],
        'JMSConnectionFactory': ['ConnectionFactory'],
        **{t: ['JMSConnectionFactory'] for t in ('GenericJMSConnectionFactory', 'MQConnectionFactory',
                                                 'MQQueueConnectionFactory', 'MQTopicConnectionFactory')},
        'JMSDestination': ['J2EEResourceFactory'],
        **{t: ['JMSDestination'] for t in ('GenericJMSDestination', 'MQQueue', 'MQTopic')},
        **{t: ['J2EEResourceFactory'] for t in ('DataSource', 'WAS40DataSource', 'WorkManagerInfo', 'TimerManagerInfo',
                                                'MailSession', 'URL', 'ObjectPool', 'SchedulerConfiguration',
                                                'ResourceEnvEntry', 'J2CAdminObject', 'J2CActivationSpec')},
        # deployment
        'ApplicationDeployment': ['DeployedObject'],
        'ModuleDeployment': ['DeployedObject'],
        **{t: ['ModuleDeployment'] for t in ('WebModuleDeployment', 'EJBModuleDeployment',
                                             'ConnectorModuleDeployment')},
        **{t: ['DeploymentTarget'] for t in ('ServerTarget', 'ClusteredTarget')},
        # core group
        **{t: ['Policy'] for t in ('AllActivePolicy', 'OneOfNPolicy', 'NoOpPolicy', 'MOfNPolicy', 'StaticPolicy')},
        # proxy
        **{t: ['Route'] for t in ('ApplicationServerRoute', 'FailRoute', 'RedirectRoute', 'LocalRoute',
                                  'GenericServerClusterRoute', 'GenericClusterRoute', 'CellRoute')},
        'RoutingAction': ['ProxyAction'],
    }
    PACKAGES_OF = {
        'ManagedObject': 'process', 'Component': 'process', 'ServerComponent': 'process', 'Service': 'process',
        'ProcessDef': 'process', 'StateManageable': 'process', 'StatisticsProvider': 'process',
        'StreamRedirect': 'process', 'ServerInstance': 'process', 'CustomService': 'process',
        'ApplicationContainer': 'applicationserver', 'NodeAgent': 'nodeagent', 'CellManager': 'cellmanager',
        'DeploymentManager': 'cellmanager',
        'TransportChannel': 'channelservice', 'InboundTransportChannel': 'channelservice',
        'OutboundTransportChannel': 'channelservice', 'Chain': 'channelservice',
        'HTTPTunnelInboundChannel': 'channelservice.channels', 'ProxyInboundChannel': 'channelservice.channels',
        'JMXConnector': 'adminservice', 'RepositoryService': 'adminservice', 'PluginConfigService': 'adminservice',
        'AuthMechanism': 'security', 'UserRegistry': 'security', 'SingleSignon': 'security',
        'TrustAssociation': 'security', 'TAInterceptor': 'security', 'LDAPSearchFilter': 'security',
        'KeyStore': 'security', 'KeySet': 'security', 'KeySetGroup': 'security', 'KeyReference': 'security',
        'TrustManager': 'security', 'KeyManager': 'security', 'SSLConfig': 'security',
        'SSLConfigGroup': 'security', 'ManagementScope': 'security', 'JAASAuthData': 'security',
        'JAASConfiguration': 'security', 'JAASConfigurationEntry': 'security', 'JAASLoginModule': 'security',
        'AuthorizationConfig': 'security', 'AuthorizationProvider': 'security', 'Certificate': 'security',
        'WSCertificateExpirationMonitor': 'security', 'WSNotification': 'security', 'WSSchedule': 'security',
        'DescriptiveProperty': 'security', 'SecureSocketLayer': 'ipc.ssl', 'EndPoint': 'ipc',
        'SpecialSubjectExt': 'rolebasedauthz', 'AllAuthenticatedUsersExt': 'rolebasedauthz',
        'RoleAssignmentExt': 'rolebasedauthz', 'SecurityRoleExt': 'rolebasedauthz',
        'SecurityProtocolConfig': 'orb.securityprotocol', 'SecurityLayer': 'orb.securityprotocol',
        'SecurityProtocolQOP': 'orb.securityprotocol', 'IIOPSecurityProtocol': 'orb.securityprotocol',
        'IIOPTransport': 'orb.securityprotocol',
        'J2EEResourceProvider': 'resources', 'J2EEResourceFactory': 'resources', 'J2EEResourceProperty': 'resources',
        'J2EEResourcePropertySet': 'resources', 'ConnectionPool': 'resources', 'ConnectionFactory': 'resources.j2c',
        'JMSConnectionFactory': 'resources.jms', 'JMSDestination': 'resources.jms', 'MailSession': 'resources.mail',
        'ProtocolProvider': 'resources', 'URL': 'resources.url', 'ResourceEnvironmentProvider': 'resources.env',
        'ResourceEnvEntry': 'resources.env', 'J2CAdminObject': 'resources.j2c', 'J2CActivationSpec': 'resources.j2c',
        'MappingModule': 'resources', 'ObjectPool': 'objectpoolmanager', 'SchedulerConfiguration': 'scheduler',
        'DeployedObject': 'appdeployment', 'ModuleDeployment': 'appdeployment', 'DeploymentTarget': 'appdeployment',
        'ClusteredTarget': 'appdeployment', 'ConnectorModuleDeployment': 'appdeployment',
        'DeploymentTargetMapping': 'appdeployment', 'Classloader': 'appdeployment',
        'Policy': 'coregroup', 'NoOpPolicy': 'coregroup', 'MOfNPolicy': 'coregroup', 'StaticPolicy': 'coregroup',
        'Route': 'proxy', 'ProxyAction': 'proxy',
        'JavaVirtualMachine': 'processexec', 'ProcessExecution': 'processexec', 'OutputRedirect': 'processexec',
        'MonitoringPolicy': 'processexec', 'ServerEntry': 'serverindex', 'NamedEndPoint': 'serverindex',
        'ExtendedApplicationDataElement': 'serverindex', 'HostAlias': 'host', 'MimeEntry': 'host',
        'VariableSubstitutionEntry': 'variables', 'TraceLog': 'traceservice', 'ThreadPool': 'threadpoolmanager',
        'ClusterMember': 'topology.cluster', 'ServerCluster': 'topology.cluster', 'ServiceLog': 'loggingservice.ras',
        'Cookie': 'applicationserver.webcontainer', 'TuningParams': 'applicationserver.webcontainer',
        'SessionDatabasePersistence': 'applicationserver.webcontainer',
    }
    # untyped child features whose type the xmi:id prefix does not tell (or tells wrongly)
    FEATURE_TYPES = {
        ('MailProvider', 'protocolProviders'): 'ProtocolProvider',
        ('*', 'resourceProperties'): 'J2EEResourceProperty',
        ('*', 'propertySet'): 'J2EEResourcePropertySet',
        ('J2EEResourceProvider', 'propertySet'): 'J2EEResourcePropertySet',
        ('*', 'connectionPool'): None,
        ('ObjectRequestBroker', 'threadPool'): 'ThreadPool',
        ('ThreadPoolManager', 'threadPools'): 'ThreadPool',
    }
    FEATURE_TYPES = {k: v for k, v in FEATURE_TYPES.items() if v}
    SINGLE_FEATURES = {
        'defaultCookieSettings', 'tuningParams', 'cacheSettings', 'timerSettings', 'asyncSettings', 'defaultbindings',
        'pluginProperties', 'webserverPluginSettings', 'sessionDRSPersistence', 'hosts_', 'address', 'settings',
        'secureSessionCookie_', 'liveness', 'certPathSettings', 'adminServerAuthentication', 'status',
        'isGrowable', 'processDefinitions_', 'jvmEntries_',
    }
    MANY_FEATURES = {
        'secureSessionCookie', 'transportChannels', 'keySet', 'auditSpecifications', 'coreGroupAccessPointRefs',
        'enabledProxyVirtualHosts', 'enabledProxyRuleExpressions', 'enabledProxyActions',
    }
    # IDREF attributes listed in config-repository-format.md section 5
    REFERENCES = {
        'threadPool', 'transportChannels', 'localAdminProtocol', 'remoteAdminProtocol', 'preferredConnector',
        'managementScope', 'keyStore', 'trustStore', 'trustManager', 'keyManager', 'keySetGroup', 'keySet',
        'wsSchedule', 'wsNotification', 'defaultSSLSettings', 'activeAuthMechanism', 'activeUserRegistry',
        'adminPreferredAuthMech', 'adminCertificate', 'adminCertificateTrustStore', 'ConnectionDefinition',
        'connectionDefinition', 'activationSpec', 'adminObject', 'relationalResourceAdapter', 'cmpDatasource',
        'role', 'target', 'coreGroupAccessPointRefs', 'auditServiceProvider', 'auditSpecifications', 'config',
    }
    NOT_REFERENCES = {'name', 'value', 'alias', 'sslConfig_', 'description'}
    STRING_ATTRS = {
        'name', 'shortName', 'uniqueId', 'serverUniqueId', 'tablePrefix', 'baseQueueName', 'endPointName', 'cookieName',
        'value', 'localName', 'alias', 'cellName', 'nodeName', 'serverName', 'symbolicName', 'hostName', 'host',
        'direction', 'scopeType', 'type', 'channelChainName', 'port', 'moduleName', 'enable_',
    }
    PASSWORD_ATTRS = {'password', 'serverPassword', 'bindPassword', 'trustedPassword', 'storepass', 'keypass',
                      'auditorPwd', 'keyFilePassword'}

    # display attribute (AdminConfig display name). Default rule: "name" when the type has a name feature,
    # else none. Explicit [U] choices (wsadmin-semantics.md 1.2 lists them as unverified):
    #   ServerEntry -> serverName [V]; NamedEndPoint -> endPointName [U]; KeyStore -> name [U];
    #   SSLConfig -> alias [U]; VariableSubstitutionEntry -> symbolicName [U]; JAASAuthData -> alias [U];
    #   JAASConfigurationEntry -> alias [U]; ClusterMember -> memberName [U];
    #   HostAlias/EndPoint/MimeEntry -> none [V/U];
    #   SIBusMember, ProxyVirtualHost -> none [U]; Cookie (name = cookie name) -> none [U].
    DISPLAY = {
        'ServerEntry': 'serverName', 'NamedEndPoint': 'endPointName', 'KeyStore': 'name', 'SSLConfig': 'alias',
        'VariableSubstitutionEntry': 'symbolicName', 'JAASAuthData': 'alias', 'JAASConfigurationEntry': 'alias',
        'ClusterMember': 'memberName', 'HostAlias': None, 'EndPoint': None, 'MimeEntry': None, 'SIBusMember': None,
        'ProxyVirtualHost': None, 'Cookie': None,
    }

    TYPES = {
        # ------------------------------------------------------------------ process / topology
        'ManagedObject': {'attributes': [_C('stateManagement', 'StateManageable'),
                                         _C('statisticsProvider', 'StatisticsProvider')]},
        'StateManageable': {'attributes': [_E('initialState', ['START', 'STOP'])]},
        'Component': {'attributes': [_A('name', after='^'), _C('components', 'Component', True),
                                     _C('properties', 'Property', True)]},
        'ApplicationContainer': {'attributes': [_C('services', 'Service', True)]},
        'Service': {'attributes': [_B('enable', after='^')]},
        'Server': {'document': 'server.xml', 'attributes': [
            _A('name', required=True), _A('shortName', after='name'), _A('uniqueId', after='shortName'),
            _B('developmentMode', after='uniqueId'), _B('parallelStartEnabled', after='developmentMode'),
            _B('provisionComponents', after='parallelStartEnabled'),
            _C('services', 'Service', True), _C('errorStreamRedirect', 'StreamRedirect'),
            _C('outputStreamRedirect', 'StreamRedirect'), _C('components', 'Component', True),
            _C('serverInstance', 'ServerInstance'), _C('processDefinitions', 'ProcessDef', True),
            _C('customServices', 'CustomService', True)]},
        'ApplicationServer': {'attributes': [
            _E('applicationClassLoaderPolicy', ['MULTIPLE', 'SINGLE']),
            _E('applicationClassLoadingMode', ['PARENT_FIRST', 'PARENT_LAST']),
            _C('webserverPluginSettings', 'WebserverPluginSettings'), _C('classloaders', 'Classloader', True)]},
        'StreamRedirect': {'attributes': [
            _A('fileName'), _E('rolloverType', ['SIZE', 'TIME', 'BOTH', 'NONE'], 'SIZE'),
            _I('maxNumberOfBackupFiles', '1'), _I('rolloverSize', '1'), _I('baseHour', '24'),
            _I('rolloverPeriod', '24'),
            _B('formatWrites', 'true'), _E('messageFormatKind', ['BASIC', 'ADVANCED'], 'BASIC'),
            _B('suppressWrites'), _B('suppressStackTrace')]},
        'ProcessDef': {'attributes': [
            _A('executableName'), _S('executableArguments'), _A('workingDirectory'),
            _E('executableTargetKind', ['JAVA_CLASS', 'EXECUTABLE_JAR'], 'JAVA_CLASS'), _A('executableTarget'),
            _A('startCommand'), _S('startCommandArgs'), _A('stopCommand'), _S('stopCommandArgs'),
            _A('terminateCommand'), _S('terminateCommandArgs'), _C('environment', 'Property', True),
            _C('execution', 'ProcessExecution'), _C('ioRedirect', 'OutputRedirect'),
            _C('monitoringPolicy', 'MonitoringPolicy')]},
        'JavaProcessDef': {'attributes': [_A('processType'), _C('jvmEntries', 'JavaVirtualMachine', True)],
                           'remove': ['executableName', 'workingDirectory', 'startCommand', 'stopCommand',
                                      'terminateCommand', 'executableTargetKind', 'executableTarget',
                                      'startCommandArgs', 'stopCommandArgs']},
        'JavaVirtualMachine': {'attributes': [
            _S('classpath'), _S('bootClasspath'), _B('verboseModeClass'), _B('verboseModeGarbageCollection'),
            _B('verboseModeJNI'), _I('initialHeapSize'), _I('maximumHeapSize'), _B('runHProf'), _A('hprofArguments'),
            _B('debugMode'), _A('debugArgs'), _A('genericJvmArguments'), _A('executableJarFileName'),
            _B('disableJIT'), _A('osName'), _B('internalClassAccessMode_', 'false'),
            _C('systemProperties', 'Property', True)],
            'remove': ['internalClassAccessMode_']},
        'ProcessExecution': {'attributes': [_I('processPriority', '20'), _I('umask', '18'), _A('runAsUser'),
                                            _A('runAsGroup')]},
        'MonitoringPolicy': {'attributes': [_I('maximumStartupAttempts', '3'), _I('pingInterval', '60'),
                                            _I('pingTimeout', '300'), _B('autoRestart', 'true'),
                                            _E('nodeRestartState', ['STOPPED', 'RUNNING', 'PREVIOUS'], 'STOPPED')]},
        'TraceService': {'attributes': [
            _A('startupTraceSpecification'), _E('traceOutputType', ['MEMORY_BUFFER', 'SPECIFIED_FILE'],
                                                'MEMORY_BUFFER'),
            _E('traceFormat', ['BASIC', 'ADVANCED', 'LOG_ANALYZER'], 'BASIC'), _I('memoryBufferSize', '8'),
            _C('traceLog', 'TraceLog')]},
        'TraceLog': {'attributes': [_A('fileName'), _I('rolloverSize', '20'), _I('maxNumberOfBackupFiles', '1')]},
        'WebContainer': {'attributes': [
            _A('defaultVirtualHostName'), _B('enableServletCaching'), _B('disablePooling'),
            _A('sessionAffinityTimeout_'), _A('asyncRunnableWorkManager'), _C('transports_', 'Property', True)],
            'remove': ['sessionAffinityTimeout_', 'transports_']},
        'NodeAgent': {'package': 'nodeagent', 'attributes': [
            _E('discoveryProtocol', ['UDP', 'TCP', 'MULTICAST'], 'UDP'),
            _C('fileTransferService', 'FileTransferService'),
            _C('fileSynchronizationService', 'ConfigSynchronizationService')]},
        'FileTransferService': {'package': 'nodeagent', 'supertypes': ['Service'],
                                'attributes': [_I('retriesCount', '3'), _I('retryWaitTime', '10')]},
        'ConfigSynchronizationService': {'package': 'nodeagent', 'supertypes': ['Service'], 'attributes': [
            _B('autoSynchEnabled', 'true'), _I('synchInterval', '1'), _B('synchOnServerStartup'),
            _S('exclusions')]},
        'CellManager': {'package': 'cellmanager', 'attributes': []},
        'DeploymentManager': {'package': 'cellmanager', 'attributes': []},
        'Cell': {'document': 'cell.xml', 'attributes': [
            _A('name', required=True), _A('shortName', after='name'),
            _E('cellType', ['DISTRIBUTED', 'STANDALONE'], 'DISTRIBUTED'),
            _E('cellDiscoveryProtocol', ['TCP', 'UDP', 'MULTICAST'], 'TCP'),
            _A('discoveryAddressEndpointName'), _A('multicastDiscoveryAddressEndpointName'),
            _B('cellRegistered'), _B('enableBiDirectionCoordination_')],
            'remove': ['enableBiDirectionCoordination_']},
        'Node': {'document': 'node.xml', 'attributes': [
            _A('name', required=True), _A('shortName'), _A('hostName_'),
            _E('discoveryProtocol', ['UDP', 'TCP', 'MULTICAST'], 'UDP'), _I('maxFilesForCheckpoint_'),
            _C('properties', 'Property', True)],
            'remove': ['hostName_', 'maxFilesForCheckpoint_']},
        'ServerIndex': {'document': 'serverindex.xml', 'attributes': [
            _A('hostName'), _S('endPointRefs'), _C('serverEntries', 'ServerEntry', True)]},
        'ServerEntry': {'attributes': [
            _A('serverDisplayName'), _A('serverName', required=True),
            _A('serverType'),  # EString in CFGDOC [U]: WAS writes APPLICATION_SERVER/NODE_AGENT/... (open set)
            _A('serverUniqueId'), _S('deployedApplications'), _C('specialEndpoints', 'NamedEndPoint', True),
            _C('extendedApplicationDataElements', 'ExtendedApplicationDataElement', True)]},
        'ExtendedApplicationDataElement': {'attributes': [_A('applicationName'), _A('standaloneModuleName')]},
        'NamedEndPoint': {'attributes': [_A('endPointName', required=True), _C('endPoint', 'EndPoint')]},
        'EndPoint': {'attributes': [_A('host'), _I('port', '0')]},
        'VirtualHost': {'document': 'virtualhosts.xml', 'attributes': [
            _A('name', required=True), _C('aliases', 'HostAlias', True), _C('mimeTypes', 'MimeEntry', True)]},
        'HostAlias': {'attributes': [_A('hostname'), _A('port', default='80')]},
        'MimeEntry': {'attributes': [_A('type'), _S('extensions')]},
        'Property': {'attributes': [_A('name', required=True), _A('value'), _A('description'), _B('required'),
                                    _A('validationExpression')]},
        'VariableMap': {'document': 'variables.xml',
                        'attributes': [_C('entries', 'VariableSubstitutionEntry', True)]},
        'VariableSubstitutionEntry': {'attributes': [_A('symbolicName', required=True), _A('value'),
                                                     _A('description')]},
        'ServerCluster': {'package': 'topology.cluster', 'document': 'cluster.xml', 'attributes': [
            _A('name', required=True), _A('uniqueId'), _A('description'), _B('preferLocal', 'true'),
            _B('enableHA'), _A('nodeGroupName'),
            _E('serverType', ['APPLICATION_SERVER', 'PROXY_SERVER', 'ONDEMAND_ROUTER', 'GENERIC_SERVER'],
               'APPLICATION_SERVER'), _B('statefulSessionReplicationEnabled'),
            _C('members', 'ClusterMember', True), _C('backupClusters_', 'Property', True)],
            'remove': ['backupClusters_']},
        'ClusterMember': {'attributes': [_A('memberName', after='^'), _A('nodeName', after='memberName'),
                                         _I('weight', '2'), _A('uniqueId')]},
        # ------------------------------------------------------------------ security
        'Security': {'document': 'security.xml', 'attributes': [
            _E('activeProtocol', ['BOTH', 'CSI', 'SAS'], 'BOTH'), _I('cacheTimeout', '600'),
            _R('activeAuthMechanism', 'AuthMechanism'), _R('activeUserRegistry', 'UserRegistry'),
            _R('defaultSSLSettings', 'SSLConfig'), _R('adminPreferredAuthMech', 'AuthMechanism'),
            _C('authMechanisms', 'AuthMechanism', True), _C('userRegistries', 'UserRegistry', True),
            _C('keyStores', 'KeyStore', True), _C('keySetGroups', 'KeySetGroup', True), _C('keySets', 'KeySet', True),
            _C('trustManagers', 'TrustManager', True), _C('keyManagers', 'KeyManager', True),
            _C('repertoire', 'SSLConfig', True), _C('sslConfigGroups', 'SSLConfigGroup', True),
            _C('managementScopes', 'ManagementScope', True), _C('properties', 'Property', True),
            _C('authDataEntries', 'JAASAuthData', True)]},
        'AuthMechanism': {'attributes': [
            _A('OID'), _A('authContextImplClass'), _A('authConfig'), _A('simpleAuthConfig'),
            _A('authValidationConfig'), _B('isCredentialForwardable_'), _C('trustAssociation', 'TrustAssociation'),
            _C('singleSignon', 'SingleSignon'), _C('properties', 'Property', True)],
            'remove': ['isCredentialForwardable_']},
        'LTPA': {'attributes': [_L('timeout', '120'), _A('password', password=True), _A('privateKey_'),
                                _R('keySetGroup', 'KeySetGroup')], 'remove': ['privateKey_']},
        'SingleSignon': {'attributes': [_B('requiresSSL'), _A('domainName'), _B('enabled', 'true')]},
        'UserRegistry': {'attributes': [
            _A('serverId'), _A('serverPassword', password=True), _A('realm'), _B('ignoreCase'),
            _B('useRegistryServerId'), _A('primaryAdminId'), _B('useRegistryRealm_'),
            _C('properties', 'Property', True)], 'remove': ['useRegistryRealm_']},
        'LDAPUserRegistry': {'attributes': [
            _E('type', ['IBM_DIRECTORY_SERVER', 'IPLANET', 'NETSCAPE', 'NDS', 'DOMINO502', 'SECUREWAY',
                        'ACTIVE_DIRECTORY', 'CUSTOM'], 'IBM_DIRECTORY_SERVER'),
            _B('sslEnabled'), _A('sslConfig'), _A('baseDN'), _A('bindDN'), _A('bindPassword', password=True),
            _L('searchTimeout', '120'), _B('reuseConnection', 'true'), _B('monitorInterval_'),
            _C('searchFilter', 'LDAPSearchFilter'), _C('hosts', 'EndPoint', True)], 'remove': ['monitorInterval_']},
        'WIMUserRegistry': {'attributes': [_A('registryClassName')]},
        'CustomUserRegistry': {'attributes': [_A('customRegistryClassName')]},
        'LocalOSUserRegistry': {'attributes': []},
        'JAASAuthData': {'package': 'security', 'attributes': [
            _A('alias', required=True), _A('userId'), _A('password', password=True), _A('description')]},
        'KeyStore': {'attributes': [
            _A('name', required=True), _A('password', password=True), _A('provider'), _A('location'),
            _A('type'), _B('fileBased', 'true'), _B('hostList_'), _B('readOnly'), _B('initializeAtStartup'),
            _B('createStashFileForCMS'), _B('useForAcceleration'), _B('slot_'), _A('description'), _A('usage'),
            _A('customProviderClass'), _R('managementScope', 'ManagementScope')],
            'remove': ['hostList_', 'slot_']},
        'KeySet': {'attributes': [
            _A('name', required=True), _A('aliasPrefix'), _A('password', password=True), _I('maxKeyReferences'),
            _B('deleteOldKeys'), _A('keyGenerationClass'), _B('isKeyPair'), _R('keyStore', 'KeyStore'),
            _R('managementScope', 'ManagementScope'), _C('keyReference', 'KeyReference', True)]},
        'KeySetGroup': {'attributes': [
            _A('name', required=True), _B('autoGenerate'), _R('wsSchedule', 'WSSchedule'),
            _R('keySet', 'KeySet', True), _R('managementScope', 'ManagementScope')]},
        'TrustManager': {'attributes': [
            _A('name', required=True), _A('provider'), _A('algorithm'), _A('trustManagerClass'),
            _R('managementScope', 'ManagementScope'), _C('additionalTrustManagerAttrs', 'DescriptiveProperty', True)]},
        'KeyManager': {'attributes': [
            _A('name', required=True), _A('provider'), _A('algorithm'), _A('keyManagerClass'),
            _R('managementScope', 'ManagementScope'), _C('additionalKeyManagerAttrs', 'DescriptiveProperty', True)]},
        'SSLConfig': {'attributes': [
            _A('alias', required=True), _E('type', ['JSSE', 'SSSL'], 'JSSE'),
            _R('managementScope', 'ManagementScope'), _C('setting', 'SecureSocketLayer')]},
        'SecureSocketLayer': {'attributes': [
            _B('clientAuthentication'), _B('clientAuthenticationSupported'),
            _E('securityLevel', ['HIGH', 'MEDIUM', 'LOW', 'CUSTOM'], 'HIGH'), _A('enabledCiphers'),
            _A('jsseProvider'), _A('sslProtocol'), _A('clientKeyAlias'), _A('serverKeyAlias'),
            _R('keyStore', 'KeyStore'), _R('trustStore', 'KeyStore'), _R('trustManager', 'TrustManager', True),
            _R('keyManager', 'KeyManager'), _C('properties', 'Property', True)]},
        'SSLConfigGroup': {'attributes': [
            _A('name', required=True), _A('direction'), _A('certificateAlias'), _R('sslConfig', 'SSLConfig'),
            _R('managementScope', 'ManagementScope')]},
        'ManagementScope': {'attributes': [_A('scopeName', required=True), _A('scopeType')]},
        # ------------------------------------------------------------------ resources (abstract parts)
        'J2EEResourceProvider': {'attributes': [
            _A('name', after='^', required=True), _A('description'), _S('classpath'), _S('nativepath'),
            _C('factories', 'J2EEResourceFactory', True), _C('propertySet', 'J2EEResourcePropertySet')]},
        'J2EEResourceFactory': {'attributes': [
            _A('name', after='^', required=True), _A('jndiName'), _A('description'), _A('category'),
            _A('providerType'), _C('propertySet', 'J2EEResourcePropertySet')]},
        'ConnectionFactory': {'attributes': [
            _E('authMechanismPreference', ['BASIC_PASSWORD', 'KERBEROS'], 'BASIC_PASSWORD'), _A('authDataAlias'),
            _A('xaRecoveryAuthAlias'), _C('connectionPool', 'ConnectionPool'), _C('sessionPool_', 'ConnectionPool'),
            _C('mapping', 'MappingModule')], 'remove': ['sessionPool_']},
        'MappingModule': {'attributes': [_A('mappingConfigAlias'), _A('authDataAlias')]},
        'MailProvider': {'attributes': [_C('protocolProviders', 'ProtocolProvider', True)]},
        'ProtocolProvider': {'attributes': [_A('protocol'), _A('classname'),
                                            _E('type', ['STORE', 'TRANSPORT'], 'STORE')]},
        'Classloader': {'attributes': [_E('mode', ['PARENT_FIRST', 'PARENT_LAST'], 'PARENT_FIRST'),
                                       _S('libraries_')], 'remove': ['libraries_']},
        # ------------------------------------------------------------------ deployment
        'Deployment': {'document': 'deployment.xml', 'attributes': [
            _C('deployedObject', 'DeployedObject'), _C('deploymentTargets', 'DeploymentTarget', True)]},
        'DeployedObject': {'attributes': [
            _I('deploymentId', after='^'), _I('startingWeight', '1'), _A('binariesURL'),
            _B('useMetadataFromBinaries'), _B('enableDistribution', 'true'),
            _C('targetMappings', 'DeploymentTargetMapping', True), _C('configs', 'ApplicationConfig', True),
            _C('classloader', 'Classloader'), _C('properties', 'Property', True)]},
        'ApplicationDeployment': {'attributes': [
            _E('warClassLoaderPolicy', ['MULTIPLE', 'SINGLE'], 'MULTIPLE'), _B('createMBeansForResources'),
            _B('reloadEnabled'), _I('reloadInterval'), _A('appContextIDForSecurity'), _C('modules',
                                                                                        'ModuleDeployment', True),
            _E('asyncRequestDispatchType', ['DISABLED', 'SERVER_SIDE', 'CLIENT_SIDE'], 'DISABLED')]},
        'ModuleDeployment': {'attributes': [_A('uri', after='^'), _A('altDD')]},
        'WebModuleDeployment': {'attributes': [_E('classloaderMode', ['PARENT_FIRST', 'PARENT_LAST'],
                                                  'PARENT_FIRST')]},
        'DeploymentTarget': {'attributes': [_A('name', after='^', required=True)]},
        'ServerTarget': {'attributes': [_A('nodeName')]},
        'ClusteredTarget': {'attributes': [_C('members', 'ServerTarget', True)]},
        'DeploymentTargetMapping': {'attributes': [_B('enable', 'true'), _R('target', 'DeploymentTarget'),
                                                   _R('config', 'ApplicationConfig')]},
        # ------------------------------------------------------------------ channels / admin
        'TransportChannel': {'attributes': [_A('name', after='^', required=True)]},
        'InboundTransportChannel': {'attributes': [_I('discriminationWeight')]},
        'TransportChannelService': {'attributes': [_C('transportChannels', 'TransportChannel', True),
                                                   _C('chains', 'Chain', True)]},
        'Chain': {'attributes': [_A('name', required=True), _B('enable', 'true'),
                                 _R('transportChannels', 'TransportChannel', True)]},
        'TCPInboundChannel': {'attributes': [_A('endPointName'), _I('maxOpenConnections', '20000'),
                                             _I('inactivityTimeout', '60'), _S('addressExcludeList'),
                                             _S('addressIncludeList'), _R('threadPool', 'ThreadPool')]},
        'HTTPInboundChannel': {'attributes': [_I('maximumPersistentRequests', '100'), _B('keepAlive', 'true'),
                                              _I('readTimeout', '60'), _I('writeTimeout', '60'),
                                              _I('persistentTimeout', '30'), _B('enableLogging'),
                                              _C('properties', 'Property', True)]},
        'JMXConnector': {'attributes': [_B('enable', after='^'), _C('properties', 'Property', True)]},
        'AdminService': {'attributes': [
            _R('preferredConnector', 'JMXConnector'), _R('localAdminProtocol', 'JMXConnector'),
            _R('remoteAdminProtocol', 'JMXConnector'), _C('connectors', 'JMXConnector', True)]},
        'ThreadPoolManager': {'attributes': [_C('threadPools', 'ThreadPool', True)]},
        'ThreadPool': {'attributes': [_A('name', required=True), _I('minimumSize', '10'), _I('maximumSize', '50'),
                                      _I('inactivityTimeout', '3500'), _B('isGrowable')]},
        'Policy': {'attributes': [_A('name', after='^', required=True), _A('description'), _A('policyFactory'),
                                  _I('isAlivePeriodSec', '120'), _B('quorumEnabled'),
                                  _C('MatchCriteria', 'MatchCriteria', True)]},
        'SpecialSubjectExt': {'attributes': []},
        'RoleAssignmentExt': {'attributes': [_C('specialSubjects', 'SpecialSubjectExt', True)]},
        'CommonSecureInterop': {'attributes': [_C('layers', 'SecurityLayer', True)]},
        'SecureAssociationService': {'attributes': [_C('layers', 'SecurityLayer', True)]},
        'IIOPSecurityProtocol': {'attributes': [_C('claims', 'SecurityProtocolConfig', True),
                                                _C('performs', 'SecurityProtocolConfig', True)]},
        'EJBContainer': {'attributes': [_C('cacheSettings', 'EJBCache'), _C('timerSettings', 'EJBTimer'),
                                        _C('asyncSettings', 'EJBAsync')]},
        'Cookie': {'attributes': [_A('name', default='JSESSIONID'), _A('domain'), _I('maximumAge', '-1'),
                                  _A('path', default='/'), _B('secure'), _B('httpOnly', 'true')]},
        'DataSource': {'attributes': [_E('authMechanismPreference', ['BASIC_PASSWORD', 'KERBEROS'])]},
        'SessionManager': {'attributes': [
            _E('sessionPersistenceMode', ['NONE', 'DATABASE', 'DATA_REPLICATION']),
            _C('defaultCookieSettings', 'Cookie'), _C('tuningParams', 'TuningParams')]},
        'TuningParams': {'attributes': [
            _E('writeFrequency', ['END_OF_SERVLET_SERVICE', 'MANUAL_UPDATE', 'TIME_BASED_WRITE']),
            _E('writeContents', ['ONLY_UPDATED_ATTRIBUTES', 'ALL_SESSION_ATTRIBUTES'])]},
        'JAASLoginModule': {'attributes': [
            _E('authenticationStrategy', ['REQUIRED', 'REQUISITE', 'SUFFICIENT', 'OPTIONAL'])]},
        'J2CResourceAdapter': {'attributes': [_E('hACapability', ['RA_NO_HA', 'RA_ENDPOINT_HA', 'RA_INSTANCE_HA'])]},
        'SecureSessionCookie': {'attributes': [_A('cookieName')]},
        'CoreGroupAccessPoint': {'attributes': [_A('name')]},
        'DCSInboundChannel': {'attributes': []},
        'UDPInboundChannel': {'attributes': [_A('endPointName')]},
        'EJBTimer': {'attributes': [_A('tablePrefix', default='EJBTIMER_')]},
        'MQQueue': {'attributes': [_A('baseQueueName')]},
        'Stack': {'attributes': [_C('timers', 'Timers')]},
        'WebServer': {'attributes': [_C('pluginProperties', 'PluginProperties')]},
        'PMIModule': {'attributes': [_A('enable')]},
        # ------------------------------------------------------------------ SIB
        'SIBus': {'package': 'sibresources', 'document': 'sib-bus.xml', 'attributes': [
            _A('name', required=True), _A('uuid'), _A('description'), _B('secure', 'true'),
            _B('useServerIdForMediations'),
            _A('interEngineAuthAlias'), _A('mediationsAuthAlias'), _A('protocol'), _B('discardOnDelete'),
            _B('configurationReloadEnabled', 'true'), _L('highMessageThreshold', '50000'),
            _E('permittedChains', ['SSL_ENABLED', 'ALL', 'LISTED'], 'SSL_ENABLED'),
            _I('securityGroupCacheTimeout', '120'), _A('bootstrapMemberPolicy_'),
            _C('busMembers', 'SIBusMember', True),
            _C('properties', 'Property', True)], 'remove': ['bootstrapMemberPolicy_']},
        'SIBusMember': {'package': 'sibresources', 'attributes': [
            _A('node'), _A('server'), _A('cluster'), _A('mqServer'), _B('assistanceEnabled'), _A('policyName'),
            _C('target_', 'SIBMessagingEngine', True)], 'remove': ['target_']},
        'SIBMessagingEngine': {'package': 'sibresources', 'document': 'sib-engines.xml', 'attributes': [
            _A('name', required=True), _A('uuid'), _A('description'), _E('initialState', ['STARTED', 'STOPPED'],
                                                                        'STARTED'),
            _A('busName'), _A('busUuid'), _L('highMessageThreshold', '50000'), _C('properties', 'Property', True)]},
        # ------------------------------------------------------------------ proxy
        'ProxySettings': {'package': 'proxy', 'document': 'proxy-settings.xml', 'attributes': [
            _B('enableCaching', 'true'), _I('outboundRequestTimeout', '60'), _I('outboundRequestWriteTimeout', '60'),
            _B('enableStaticRouting'), _A('excludeURIGroup'), _A('localOutboundTCPAddress'),
            _I('maxConnectionsPerServer', '-1'), _B('poolConnections', 'true'), _A('cacheInstanceName'),
            _A('server'), _C('routingPolicy', 'RoutingPolicy'), _C('uriGroups', 'URIGroup', True),
            _C('properties', 'Property', True)]},
        'RoutingPolicy': {'package': 'proxy', 'attributes': [_C('routingRules', 'RoutingRule', True),
                                                             _C('properties', 'Property', True)]},
        'RoutingRule': {'package': 'proxy', 'attributes': [
            _A('name', required=True), _B('isEnabled', 'true'), _A('virtualHostName'), _A('uriGroup'),
            _C('routingAction', 'Route'), _C('properties', 'Property', True)]},
        'Route': {'package': 'proxy', 'attributes': []},
        'RedirectRoute': {'package': 'proxy', 'attributes': [_A('redirectURL')]},
        'FailRoute': {'package': 'proxy', 'attributes': [_I('failStatusCode', '404')]},
        'LocalRoute': {'package': 'proxy', 'attributes': []},
        'GenericServerClusterRoute': {'package': 'proxy', 'attributes': [_A('genericServerClusterName')]},
        'GenericClusterRoute': {'package': 'proxy', 'attributes': [_A('clusterName')]},
        'CellRoute': {'package': 'proxy', 'attributes': [_A('cellName')]},
        'ApplicationServerRoute': {'package': 'proxy', 'attributes': [_A('applicationName')]},
        'URIGroup': {'package': 'proxy', 'attributes': [_A('name', required=True), _S('URIPattern')]},
        'ProxyVirtualHostConfig': {'package': 'proxy', 'document': 'proxy-environment.xml', 'attributes': [
            _C('proxyVirtualHosts', 'ProxyVirtualHost', True),
            _R('enabledProxyVirtualHosts', 'ProxyVirtualHost', True),
            _C('proxyActions', 'ProxyAction', True), _C('proxyRuleExpressions', 'ProxyRuleExpression', True)]},
        'ProxyVirtualHost': {'package': 'proxy', 'attributes': [
            _A('virtualHostName'), _I('virtualHostPort', '-1'),
            _R('enabledProxyRuleExpressions', 'ProxyRuleExpression', True),
            _C('properties', 'Property', True)]},
        'ProxyRuleExpression': {'package': 'proxy', 'attributes': [
            _A('name', required=True), _A('expression'), _R('enabledProxyActions', 'ProxyAction', True)]},
        'ProxyAction': {'package': 'proxy', 'attributes': [_A('name', required=True)]},
        'RoutingAction': {'package': 'proxy', 'attributes': [_C('route', 'Route')]},  # [U] feature name
    }
    # drop placeholder specs (names ending in "_") used above to document rejected candidates
    for _t in TYPES.values():
        _t['attributes'] = [a for a in _t['attributes'] if not a['name'].endswith('_')]
        _t['remove'] = [n for n in _t.get('remove', []) if not n.endswith('_')]
    del _t


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('roots', nargs='*')
    ap.add_argument('--check', action='store_true', help='compare with the committed types.json, do not write')
    ap.add_argument('-o', '--output', default=OUT)
    ap.add_argument('-v', '--verbose', action='store_true')
    args = ap.parse_args(argv)
    roots = [os.path.normpath(r) for r in (args.roots or DEFAULT_ROOTS)]
    ex = Extractor(roots, verbose=args.verbose)
    text = dump(ex.build())
    for m in ex.msgs:
        if not m.startswith('skip') or args.verbose:
            print(m, file=sys.stderr)
    if args.check:
        with open(args.output, encoding='utf-8') as fh:
            same = fh.read() == text
        print('types.json is %s' % ('up to date' if same else 'OUT OF DATE'))
        return 0 if same else 1
    with open(args.output, 'w', encoding='utf-8', newline='\n') as fh:
        fh.write(text)
    print('wrote %s (%d types)' % (args.output, len(json.loads(text)['types'])))
    return 0


if __name__ == '__main__':
    sys.exit(main())
