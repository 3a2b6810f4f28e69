"""Global security AdminTask commands (harness/scripting/admintask/commands/security.py) on the Sametime sample cell."""

import base64
import os
import re

import pytest

from harness.base.errors import ScriptingException
from harness.config import xorcodec
from harness.launcher.session import make_session
from harness.scripting.admintask.commands import security as S

CELL = "cells/stconsoleSSCCell1"


@pytest.fixture
def session(sample_config):
    s = make_session(sample_config, "NONE", "\n")
    s.root = sample_config
    yield s
    s.close()


def _sec_xml(session):
    with open(os.path.join(session.root, CELL, "security.xml"), encoding="utf-8") as f:
        return f.read()


def _sso_tag(xml):
    return re.search(r"<singleSignon [^>]*/>", xml).group(0)


def _prop(xml, name):
    return re.findall(r'<properties [^>]*name="%s"[^>]*/>' % re.escape(name), xml)


def test_get_single_signon_record(session):
    at = session.objects["AdminTask"]
    assert at.getSingleSignon() == (
        "[[requiresSSL false] [domainName .example.com] [enabled true] "
        "[com.ibm.ws.security.ssoInteropModeEnabled false] "
        "[com.ibm.ws.security.webInboundPropagationEnabled true] ]"
    )


def test_configure_single_signon_writes_security_xml_like_websphere(session):
    at, ac = session.objects["AdminTask"], session.objects["AdminConfig"]
    before = _sec_xml(session)
    r = at.configureSingleSignon(
        '[-enable true -requiresSSL true -domainName ".example.local;.example.de" '
        "-interoperable true -attributePropagation false]"
    )
    assert r == ""
    assert "[domainName .example.local;.example.de]" in at.getSingleSignon()
    ac.save()
    after = _sec_xml(session)
    assert _sso_tag(after) == (
        '<singleSignon xmi:id="SingleSignon_1" requiresSSL="true" domainName=".example.local;.example.de" enabled="true"/>'
    )
    assert _prop(after, S.PROP_INTEROP) == [
        '<properties xmi:id="Property_25" name="com.ibm.ws.security.ssoInteropModeEnabled" value="true" required="false"/>'
    ]
    assert len(_prop(after, S.PROP_PROPAGATION)) == 1 and 'value="false"' in _prop(after, S.PROP_PROPAGATION)[0]
    # only those three lines changed
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(changed) == 3 and len(before.splitlines()) == len(after.splitlines())


def test_configure_single_signon_only_given_params_and_no_op(session):
    at, ac = session.objects["AdminTask"], session.objects["AdminConfig"]
    at.configureSingleSignon("-domainName .example.com -enable true")
    assert ac.hasChanges() == 0
    at.configureSingleSignon(["-requiresSSL", "true"])
    assert "[requiresSSL true] [domainName .example.com] [enabled true]" in at.getSingleSignon()


def test_interop_property_created_when_absent_never_duplicated(session):
    at, ac = session.objects["AdminTask"], session.objects["AdminConfig"]
    path = os.path.join(session.root, CELL, "security.xml")
    with open(path, encoding="utf-8") as f:
        xml = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(re.sub(r"\s*<properties [^>]*ssoInteropModeEnabled[^>]*/>", "", xml))
    s2 = make_session(session.root, "NONE", "\n")
    at, ac = s2.objects["AdminTask"], s2.objects["AdminConfig"]
    assert "[com.ibm.ws.security.ssoInteropModeEnabled false]" in at.getSingleSignon()  # the default
    at.configureSingleSignon("-interoperable true")
    at.configureSingleSignon("-interoperable true")
    ac.save()
    props = _prop(_sec_xml(session), S.PROP_INTEROP)
    assert len(props) == 1 and 'value="true"' in props[0] and 'required="false"' in props[0]


def test_ltpa_timeout(session):
    at, ac = session.objects["AdminTask"], session.objects["AdminConfig"]
    assert at.getLTPATimeout() == "120"
    assert at.setLTPATimeout("[-timeout 720]") == ""
    assert at.getLTPATimeout() == "720"
    ltpa = ac.list("LTPA")
    assert ac.showAttribute(ltpa, "timeout") == "720"
    for bad in ("0", "-5", "abc", "12.5"):
        with pytest.raises(ScriptingException):
            at.setLTPATimeout(["-timeout", bad])
    with pytest.raises(ScriptingException):
        at.setLTPATimeout("-timeout 5 -securityDomainName other")
    with pytest.raises(ScriptingException):
        at.setLTPATimeout("")  # -timeout is required


def test_security_flags_and_active_settings(session):
    at, ac = session.objects["AdminTask"], session.objects["AdminConfig"]
    assert at.isGlobalSecurityEnabled() == "true"
    assert at.isAppSecurityEnabled() == "true"
    at.setAdminActiveSecuritySettings(
        '[-appSecurityEnabled false -cacheTimeout 1200 -activeUserRegistry LDAPUserRegistry -customProperties "x.y=1,z=two"]'
    )
    assert at.isAppSecurityEnabled() == "false"
    sec = ac.list("Security")
    assert ac.showAttribute(sec, "cacheTimeout") == "1200"
    assert ac.getObjectType(ac.showAttribute(sec, "activeUserRegistry")) == "LDAPUserRegistry"
    with pytest.raises(ScriptingException):
        at.setAdminActiveSecuritySettings("-activeUserRegistry NoSuchRegistry")
    ac.save()
    xml = _sec_xml(session)
    assert 'appEnabled="false"' in xml and 'activeUserRegistry="LDAPUserRegistry_1"' in xml
    assert len(_prop(xml, "x.y")) == 1 and len(_prop(xml, "z")) == 1


def test_help_lists_the_commands(session):
    at = session.objects["AdminTask"]
    text = at.help("-commands", "*SingleSignon*")
    assert "configureSingleSignon" in text and "getSingleSignon" in text


FILE_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<sdo:datagraph xmlns:sdo="commonj.sdo" xmlns:wim="http://www.ibm.com/websphere/wim" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <wim:Root>
    <wim:entities xsi:type="wim:PersonAccount">
      <wim:identifier externalName="uid=wasadmin,o=defaultWIMFileBasedRealm" \
uniqueName="uid=wasadmin,o=defaultWIMFileBasedRealm"/>
      <wim:password>U0hBLTE6emZzMjB5YmR2NWluOnVrdTM3MkZRZzU4RXFFclpDdGdHZEl3bzVEUT0NCg==</wim:password>
      <wim:uid>wasadmin</wim:uid>
      <wim:cn>wasadmin</wim:cn>
    </wim:entities>
    <wim:entities xsi:type="wim:PersonAccount">
      <wim:identifier uniqueName="uid=other,o=defaultWIMFileBasedRealm"/>
      <wim:password>b3RoZXI=</wim:password>
      <wim:uid>other</wim:uid>
    </wim:entities>
  </wim:Root>
</sdo:datagraph>
"""


def test_change_file_registry_account_password(sample_config):
    path = os.path.join(sample_config, CELL, "fileRegistry.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(FILE_REGISTRY)
    s = make_session(sample_config, "NONE", "\n")
    at, ac = s.objects["AdminTask"], s.objects["AdminConfig"]
    assert at.changeFileRegistryAccountPassword(["-userId", "wasadmin", "-password", "N3w pw"]) == ""
    ac.save()
    with open(path, encoding="utf-8") as f:
        after = f.read()
    stored = re.findall(r"<wim:password>([^<]*)</wim:password>", after)
    assert stored[1] == "b3RoZXI="  # the other user is untouched
    assert base64.b64decode(stored[0]).decode().startswith("SHA-1:")
    assert S.file_registry_check(stored[0], "N3w pw") and not S.file_registry_check(stored[0], "old")
    assert "N3w pw" not in after
    # same password again: nothing to write
    s2 = make_session(sample_config, "NONE", "\n")
    s2.objects["AdminTask"].changeFileRegistryAccountPassword('-userId wasadmin -password "N3w pw"')
    assert s2.objects["AdminConfig"].hasChanges() == 0
    with pytest.raises(ScriptingException):
        s2.objects["AdminTask"].changeFileRegistryAccountPassword("-userId nobody -password x")


def test_change_file_registry_without_document(sample_config):
    os.remove(os.path.join(sample_config, CELL, "fileRegistry.xml"))
    session = make_session(sample_config, "NONE", "\n")
    try:
        with pytest.raises(ScriptingException) as ei:
            session.objects["AdminTask"].changeFileRegistryAccountPassword("-userId wasadmin -password Secr3t")
    finally:
        session.close()
    assert "fileRegistry.xml" in str(ei.value) and "Secr3t" not in str(ei.value)


def test_sample_file_registry_holds_the_admin_password(session):
    """The generated fileRegistry.xml is what changeFileRegistryAccountPassword reads and writes."""
    from harness.generate.sametime import ADMIN_PASSWORD

    with open(os.path.join(session.root, CELL, "fileRegistry.xml"), encoding="utf-8") as f:
        stored = re.findall(r"<wim:password>([^<]*)</wim:password>", f.read())
    assert len(stored) == 1 and S.file_registry_check(stored[0], ADMIN_PASSWORD)
    at = session.objects["AdminTask"]
    at.changeFileRegistryAccountPassword("-userId wasadmin -password %s" % ADMIN_PASSWORD)
    assert session.objects["AdminConfig"].hasChanges() == 0  # the same password: nothing to write


def test_sample_admin_password_is_xor(session):
    from harness.generate.sametime import ADMIN_PASSWORD

    m = re.search(r'WIMUserRegistry_1" serverId="wasadmin" serverPassword="([^"]*)"', _sec_xml(session))
    assert xorcodec.decode(m.group(1)) == ADMIN_PASSWORD
