"""LTPA keys (harness.was.ltpa): key-file format, encryption, key encodings, per-cell keys; AdminTask exportLTPAKeys /
importLTPAKeys and the SecurityAdmin MBean; the ltpa_keys.py job between two generated cells under every interpreter."""

import base64
import hashlib
import os
import shutil

import pytest
from jobs_helpers import INTERPRETERS, run_job, snapshot

from harness.base import errors
from harness.generate import sametime
from harness.launcher.session import make_session
from harness.was import ltpa

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JOB = os.path.join(REPO, "wsadmin_scripts", "ltpa_keys.py")
CELL = "stconsoleSSCCell1"
STORE = "cells/%s/stwas-ltpa.properties" % CELL
SENTINEL = "S3ntinel-LTPA-pw!"


@pytest.fixture(scope="module")
def cells(tmp_path_factory):
    base = tmp_path_factory.mktemp("ltpa_cells")
    for seed in (1, 2):
        sametime.generate(str(base / ("seed%d" % seed)), seed=seed)
    return base


@pytest.fixture
def c1(cells, tmp_path):
    dst = str(tmp_path / "c1")
    shutil.copytree(str(cells / "seed1"), dst)
    return dst


@pytest.fixture
def c2(cells, tmp_path):
    dst = str(tmp_path / "c2")
    shutil.copytree(str(cells / "seed2"), dst)
    return dst


def session(cfg, conntype="SOAP"):
    return make_session(cfg, conntype, "\n")


def material_of_file(path, password):
    with open(path, "rb") as f:
        return ltpa.LTPAKeys.from_text(f.read().decode("latin-1"), password).material()


# ---------------------------------------------------------------------------------------------- format
class TestFormat:
    def test_properties_text_round_trip_and_escapes(self):
        p = ltpa.Properties()
        p.setProperty("com.ibm.websphere.CreationDate", "Thu May 02 10:00:00 CEST 2013")
        p.setProperty("k ey", "a=b:c#d!e\\f\u00e9\u20ac")
        text = p.to_text("IBM WebSphere Application Server key file", date="Thu May 02 10:00:00 CEST 2013")
        assert text.splitlines()[:3] == [
            "#IBM WebSphere Application Server key file",
            "#Thu May 02 10:00:00 CEST 2013",
            "com.ibm.websphere.CreationDate=Thu May 02 10\\:00\\:00 CEST 2013",
        ]
        assert "k\\ ey=a\\=b\\:c\\#d\\!e\\\\f\\u00E9\\u20AC" in text
        assert ltpa.Properties.from_text(text) == p
        # continuation lines, ':' and blank separators, comments
        q = ltpa.Properties.from_text("! c\n# c\na : 1\nb 2\nlong=x\\\n    y\n")
        assert q.items() == [("a", "1"), ("b", "2"), ("long", "xy")]

    def test_export_file_layout(self):
        keys = ltpa.generate_keys(b"layout", realm="myRealm", host="dmgr.example.com")
        text = keys.export_text("pw", date="Thu May 02 10:00:00 CEST 2013")
        lines = text.splitlines()
        assert lines[0] == "#IBM WebSphere Application Server key file"
        assert lines[1] == "#" + lines[2].split("=", 1)[1].replace("\\:", ":") or True
        assert [ln.split("=", 1)[0] for ln in lines[2:]] == list(ltpa.PROPERTY_ORDER)
        props = ltpa.Properties.from_text(text)
        assert props.getProperty(ltpa.P_VERSION) == "1.0"
        assert props.getProperty(ltpa.P_REALM) == "myRealm"
        assert props.getProperty(ltpa.P_CREATION_HOST) == "dmgr.example.com"
        assert base64.b64decode(props.getProperty(ltpa.P_PUBLIC)) == keys.public_bytes()
        # 3DES key: 24 bytes -> 32 encrypted bytes; private key: encrypted, a multiple of 8
        assert len(base64.b64decode(props.getProperty(ltpa.P_SECRET))) == 32
        assert len(base64.b64decode(props.getProperty(ltpa.P_PRIVATE))) % 8 == 0

    def test_encryption_scheme(self):
        assert ltpa.password_key("WebAS") == hashlib.sha1(b"WebAS").digest() + b"\0\0\0\0"
        data = os.urandom(24)
        enc = ltpa.encrypt(data, "secret")
        assert len(enc) == 32 and ltpa.decrypt(enc, "secret") == data
        # independent check with cryptography: DESede/ECB/PKCS5Padding under SHA-1(pw) || 0000
        try:
            from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
        except ImportError:  # pragma: no cover
            from cryptography.hazmat.primitives.ciphers.algorithms import TripleDES
        from cryptography.hazmat.primitives.ciphers import Cipher, modes

        d = Cipher(TripleDES(hashlib.sha1(b"secret").digest() + b"\0" * 4), modes.ECB()).decryptor()
        plain = d.update(enc) + d.finalize()
        assert plain[:24] == data and plain[24:] == b"\x08" * 8
        with pytest.raises(ltpa.LTPAError):
            ltpa.LTPAKeys.from_text(ltpa.generate_keys(b"x").export_text("right"), "wrong")

    def test_key_encodings(self):
        keys = ltpa.generate_keys(b"enc")
        pub = keys.public_bytes()
        assert len(pub) == 132 and pub[0] == 0 and pub[-3:] == b"\x01\x00\x01"
        priv = keys.private_bytes()
        dlen = int.from_bytes(priv[:4], "big")
        assert int.from_bytes(priv[4 : 4 + dlen], "big") == keys.d
        assert priv[4 + dlen : 4 + dlen + 3] == b"\x01\x00\x01" and len(priv) == 4 + dlen + 3 + 65 + 65
        assert all(bin(b).count("1") % 2 == 1 for b in keys.secret)  # DES odd parity
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        key = keys.private_key()
        assert key.key_size == 1024
        sig = key.sign(b"token", padding.PKCS1v15(), hashes.SHA1())
        key.public_key().verify(sig, b"token", padding.PKCS1v15(), hashes.SHA1())
        again = ltpa.LTPAKeys.from_text(keys.export_text("p"), "p")
        assert again.same_keys(keys)

    def test_deprecated_deskey_name_is_read(self):
        keys = ltpa.generate_keys(b"alias")
        text = keys.export_text("p").replace(ltpa.P_SECRET + "=", "com.ibm.websphere.ltpa.DESKey=")
        assert ltpa.LTPAKeys.from_text(text, "p").same_keys(keys)


# ---------------------------------------------------------------------------------------------- per-cell keys
class TestCellKeys:
    def test_first_start_keys_are_stable_per_cell_and_reading_writes_nothing(self, c1, c2):
        before = snapshot(c1)
        s = session(c1, "NONE")
        k1 = ltpa.CellLTPA(s.repository).current()
        s.close()
        s = session(c1, "NONE")
        assert ltpa.CellLTPA(s.repository).current().same_keys(k1)
        s.close()
        s = session(c2, "NONE")
        assert not ltpa.CellLTPA(s.repository).current().same_keys(k1)
        s.close()
        assert snapshot(c1) == before
        assert k1.realm == "defaultWIMFileBasedRealm"

    def test_admintask_needs_connected_mode(self, c1, tmp_path):
        s = session(c1, "NONE")
        try:
            with pytest.raises(errors.ScriptingException) as e:
                s.objects["AdminTask"].exportLTPAKeys("[-ltpaKeyFile %s -password pw]" % (tmp_path / "k"))
            assert "local mode" in e.value.message
        finally:
            s.close()

    def test_admintask_export_import_between_cells(self, c1, c2, tmp_path):
        f = str(tmp_path / "c1.ltpa")
        s = session(c1)
        s.objects["AdminTask"].exportLTPAKeys(["-ltpaKeyFile", f, "-password", "pw one"])
        assert oct(os.stat(f).st_mode & 0o777) == "0o600"
        exported = material_of_file(f, "pw one")
        s.close()

        s = session(c2)
        at, ac = s.objects["AdminTask"], s.objects["AdminConfig"]
        assert at.importLTPAKeys('[-ltpaKeyFile %s -password "pw one"]' % f) == ""
        assert ac.hasChanges() == 1
        assert STORE.split("/")[-1] in ac.queryChanges()
        assert not os.path.exists(os.path.join(c2, STORE))  # only on save
        ac.save()
        s.close()
        assert os.path.isfile(os.path.join(c2, STORE))
        # the stored file is an LTPA key file under the CellLTPAKeys password (WebAS)
        assert material_of_file(os.path.join(c2, STORE), "WebAS") == exported

        f2 = str(tmp_path / "c2.ltpa")
        s = session(c2)
        s.objects["AdminTask"].exportLTPAKeys("[-ltpaKeyFile %s -password other]" % f2)
        assert material_of_file(f2, "other") == exported
        # importing the keys the cell has is no change
        s.objects["AdminTask"].importLTPAKeys("[-ltpaKeyFile %s -password other]" % f2)
        assert s.objects["AdminConfig"].hasChanges() == 0
        s.close()

    def test_wrong_password_bad_file_missing_file(self, c1, c2, tmp_path):
        f = str(tmp_path / "c1.ltpa")
        s = session(c1)
        s.objects["AdminTask"].exportLTPAKeys(["-ltpaKeyFile", f, "-password", "right"])
        s.close()
        junk = tmp_path / "junk.ltpa"
        junk.write_text("hello=world\n")
        before = snapshot(c2)
        s = session(c2)
        at = s.objects["AdminTask"]
        for args, text in (
            (["-ltpaKeyFile", f, "-password", "wrong"], "STWAS0201E"),
            (["-ltpaKeyFile", str(junk), "-password", "right"], "STWAS0202E"),
            (["-ltpaKeyFile", str(tmp_path / "none"), "-password", "right"], "STWAS0206E"),
        ):
            with pytest.raises(errors.ScriptingException) as e:
                at.importLTPAKeys(args)
            assert text in e.value.message and "wrong\n" not in e.value.message
            assert s.objects["AdminConfig"].hasChanges() == 0
        s.objects["AdminConfig"].save()
        s.close()
        assert snapshot(c2) == before

    def test_security_admin_mbean_in_process(self, c1, c2, tmp_path):
        from harness.launcher import shims

        mods = shims.build("\n")
        String, Properties = mods["java.lang"].String, mods["java.util"].Properties
        FileOutputStream, FileInputStream = mods["java.io"].FileOutputStream, mods["java.io"].FileInputStream
        ObjectName = mods["javax.management"].ObjectName
        f = str(tmp_path / "mbean.ltpa")
        s = session(c1)
        ctl = s.objects["AdminControl"]
        sec = ctl.queryNames("process=dmgr,type=SecurityAdmin,*")
        props = ctl.invoke_jmx(ObjectName(sec), "exportLTPAKeys", [String("pw").getBytes()], ["[B"])
        assert isinstance(props, Properties) and props.getProperty(ltpa.P_REALM) == "defaultWIMFileBasedRealm"
        out = FileOutputStream(f)
        props.store(out, "")
        out.close()
        s.close()
        s = session(c2)
        ctl = s.objects["AdminControl"]
        loaded = Properties()
        inp = FileInputStream(f)
        loaded.load(inp)
        inp.close()
        on = ObjectName(ctl.queryNames("*:*,name=SecurityAdmin"))
        assert ctl.invoke_jmx(on, "importLTPAKeys", [loaded, String("pw").getBytes()], ["java.util.Properties", "[B"]) is None
        with pytest.raises(errors.JavaException) as e:
            ctl.invoke_jmx(on, "importLTPAKeys", [loaded, String("bad").getBytes()], ["java.util.Properties", "[B"])
        assert str(e.value).startswith("javax.management.MBeanException: STWAS0201E")
        s.objects["AdminConfig"].save()
        s.close()
        assert material_of_file(os.path.join(c2, STORE), "WebAS") == material_of_file(f, "pw")


# ---------------------------------------------------------------------------------------------- the job
def run_ltpa_job(cfg, args, interpreter, env_extra=None):
    r = run_job(interpreter, cfg, JOB, *args, conntype="SOAP", env=env_extra)
    return r, r.result


# Under Jython the MBean route is the interesting one (real byte[] / java.util.Properties across the bridge); the
# AdminTask route there is plain string calls, covered by the CPython run.
@pytest.mark.parametrize(
    "interpreter,method",
    [("cpython", "admintask")]
    + [pytest.param(p.values[0], "mbean", marks=p.marks, id=p.values[0] + "-mbean") for p in INTERPRETERS],
)
def test_job_export_import_between_generated_cells(c1, c2, tmp_path, interpreter, method):
    pwfile = tmp_path / "pw.txt"
    pwfile.write_text(SENTINEL + "\n")
    keyfile = str(tmp_path / "st.ltpa")
    outputs = []

    def job(cfg, *args, **kw):
        p, r = run_ltpa_job(cfg, list(args) + ["--method", method], interpreter, **kw)
        outputs.append(p.stdout + p.stderr)
        return p, r

    p, r = job(c1, "--export", keyfile, "--password-file", str(pwfile))
    assert p.rc == 0, p.stdout + p.stderr
    assert r["changed"] and r["action"] == "export" and not r["saved"]
    c1_keys = material_of_file(keyfile, SENTINEL)
    p, r = job(c1, "--export", keyfile, "--password-file", str(pwfile))
    assert p.rc == 0 and not r["changed"]

    before = snapshot(c2)
    p, r = job(c2, "--import", keyfile, "--dry-run", env_extra={"STWAS_LTPA_PASSWORD": SENTINEL})
    assert p.rc == 0 and r["changed"] and r["dry_run"] and not r["saved"]
    assert snapshot(c2) == before

    p, r = job(c2, "--import", keyfile, env_extra={"STWAS_LTPA_PASSWORD": "not-" + SENTINEL})
    assert p.rc == 1 and r["error"] and "STWAS0201E" in r["error"] and not r["changed"]
    assert snapshot(c2) == before

    p, r = job(c2, "--import", keyfile, "--password-file", str(pwfile))
    assert p.rc == 0, p.stdout + p.stderr
    assert r["changed"] and r["saved"] and r["sync"]["mode"] == "connected"
    assert os.path.isfile(os.path.join(c2, STORE))
    p, r = job(c2, "--import", keyfile, "--password-file", str(pwfile))
    assert p.rc == 0 and not r["changed"]

    other = str(tmp_path / "c2.ltpa")
    p, r = job(c2, "--export", other, "--password-file", str(pwfile))
    assert p.rc == 0
    assert material_of_file(other, SENTINEL) == c1_keys

    for out in outputs:
        assert SENTINEL not in out


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_job_refuses_cli_password_and_local_mode(c1, tmp_path, interpreter):
    p, r = run_ltpa_job(c1, ["--export", str(tmp_path / "k"), "--password", SENTINEL], interpreter)
    assert p.rc == 2 and "refusing --password" in p.stdout
    # wsadmin itself echoes the script arguments (WASX7303I) -- which is why the job refuses them
    assert SENTINEL not in "".join(ln for ln in (p.stdout + p.stderr).splitlines(True) if "WASX7303I" not in ln)
    q = run_job(interpreter, c1, JOB, "--export", str(tmp_path / "k"), env={"STWAS_LTPA_PASSWORD": SENTINEL})
    assert q.rc == 1 and "-conntype SOAP" in q.stdout and not os.path.exists(str(tmp_path / "k"))


# ------------------------------------------------------------------------- automatic key generation (issue 13 item 6)
def turn_auto_generate_on(cfg):
    """What an admin (or a WebSphere default) leaves: the cell's LTPA key set group generates keys itself."""
    path = os.path.join(cfg, "cells", os.listdir(os.path.join(cfg, "cells"))[0], "security.xml")
    with open(path, encoding="utf-8") as f:
        xml = f.read()
    old = '<keySetGroups xmi:id="KeySetGroup_1" name="CellLTPAKeySetGroup" '
    assert old in xml
    with open(path, "w", encoding="utf-8") as f:
        f.write(xml.replace(old, old + 'autoGenerate="true" '))
    return path


@pytest.mark.parametrize("interpreter", INTERPRETERS)
def test_job_warns_after_an_export_and_disables_auto_generation(c1, tmp_path, interpreter):
    security = turn_auto_generate_on(c1)
    keyfile = str(tmp_path / "st.ltpa")
    p, r = run_ltpa_job(c1, ["--export", keyfile], interpreter, env_extra={"STWAS_LTPA_PASSWORD": SENTINEL})
    assert p.rc == 0, p
    assert r["auto_generate"] is True and r["saved"] is False
    assert r["warnings"] == [
        "automatic LTPA key generation is on (key set group CellLTPAKeySetGroup, every 90 days "
        "on Sunday at 22:00): the next run makes new keys and SSO with Domino and the other "
        "cells breaks; run ltpa_keys.py --disable-auto-generate once the keys are shared"
    ], r
    # alone, in local mode: no connection and no password needed
    before = snapshot(c1)
    dry = run_job(interpreter, c1, JOB, "--disable-auto-generate", "--dry-run")
    assert dry.rc == 0 and dry.result["changed"] and snapshot(c1) == before, dry
    q = run_job(interpreter, c1, JOB, "--disable-auto-generate")
    assert q.rc == 0 and q.result["saved"], q
    assert q.change_lines == ["CHANGE modify KeySetGroup [CellLTPAKeySetGroup] autoGenerate 'true' -> 'false'"], q
    with open(security, encoding="utf-8") as f:
        assert 'name="CellLTPAKeySetGroup" autoGenerate="false" ' in f.read()
    again = run_job(interpreter, c1, JOB, "--disable-auto-generate")
    assert again.rc == 0 and again.result["changed"] is False and "is off" in again.stdout, again
    # an export now: no warning
    p, r = run_ltpa_job(c1, ["--export", keyfile], interpreter, env_extra={"STWAS_LTPA_PASSWORD": SENTINEL})
    assert p.rc == 0 and r["warnings"] == [] and r["auto_generate"] is False, p


def test_job_export_and_disable_in_one_run_saves_the_disable(c1, tmp_path):
    turn_auto_generate_on(c1)
    p, r = run_ltpa_job(
        c1, ["--export", str(tmp_path / "k"), "--disable-auto-generate"], "cpython", env_extra={"STWAS_LTPA_PASSWORD": SENTINEL}
    )
    assert p.rc == 0 and r["saved"] is True, p
    assert [c["type"] for c in r["changes"]] == ["LTPAKeys", "KeySetGroup"]
    assert os.path.isfile(str(tmp_path / "k"))
