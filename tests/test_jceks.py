"""harness.was.jceks: JCEKS key stores (ltpa.jceks) written and read in Python, checked against the JDK's own reader
(keytool and KeyStore.getKey) and on a store the JDK wrote, when a JDK is installed."""

import hashlib
import itertools
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization

from harness.generate import keystores as fk
from harness.was import jceks
from harness.was.keystore import KeyStoreError, KeyStorePasswordError

DATE = 1367395200000
SECRET = bytes(range(1, 25))
JAVA_CHECK = r"""
import java.io.FileInputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Collections;

public class JceksCheck {
    public static void main(String[] args) throws Exception {
        char[] pw = args[1].toCharArray();
        KeyStore ks = KeyStore.getInstance("JCEKS");
        try (FileInputStream in = new FileInputStream(args[0])) { ks.load(in, pw); }
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isCertificateEntry(alias)) {
                System.out.println(alias + " trusted");
                continue;
            }
            Key k = ks.getKey(alias, pw);
            StringBuilder sb = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(k.getEncoded())) sb.append(String.format("%02x", b));
            System.out.println(alias + " key " + k.getAlgorithm() + " " + sb);
        }
    }
}
"""


def _salts():
    counter = itertools.count(1)
    return lambda: hashlib.sha256(b"%d" % next(counter)).digest()[:8]


def _store():
    root = fk.make_root_cert("h.example.com", "c", "n", 0)
    key = fk.pool_key(1)
    store = jceks.JceksStore("WebAS", salts=_salts())
    store.add_secret("LTPASecret_1", "DESede", SECRET, DATE, b"saltsalt")
    store.add_signer("root", root)
    store.add_key("default", key, [fk.make_personal_cert("h.example.com", "c", "n", key, root, 0), root])
    return store, key, root


def test_written_store_reads_back():
    store, key, root = _store()
    data = store.serialize(DATE)
    assert data[:8] == b"\xce\xce\xce\xce\x00\x00\x00\x02"
    back = jceks.JceksStore.load(data, "WebAS")
    assert sorted(back.aliases()) == ["default", "ltpasecret_1", "root"]  # JceKeyStore lower-cases aliases
    assert [s.unseal("WebAS") for s in back.secret_keys()] == [("DESede", SECRET)]
    (personal,), (signer,) = back.personal(), back.signers()
    assert personal.key.private_numbers() == key.private_numbers()
    assert personal.chain[1] == root and signer.cert == root
    # a secret key is kept sealed as read: written again, its bytes are the same
    again = jceks.JceksStore.load(back.serialize(DATE), "WebAS")
    assert [s.sealed for s in again.secret_keys()] == [s.sealed for s in store.secret_keys()]


def test_same_salts_give_the_same_bytes():
    assert _store()[0].serialize(DATE) == _store()[0].serialize(DATE)


def test_wrong_password_and_damage_are_refused():
    data = _store()[0].serialize(DATE)
    with pytest.raises(KeyStorePasswordError, match="wrong password"):
        jceks.JceksStore.load(data, "WebAs")
    damaged = data[:40] + bytes([data[40] ^ 1]) + data[41:]
    with pytest.raises(KeyStorePasswordError):
        jceks.JceksStore.load(damaged, "WebAS")
    with pytest.raises(KeyStorePasswordError, match="not a JCEKS"):
        jceks.JceksStore.load(b"\x30\x82" + data[2:], "WebAS")
    with pytest.raises(KeyStorePasswordError):
        jceks.JceksStore.load(data, "WebAS").secret_keys()[0].unseal("other")


def test_duplicate_alias_is_refused():
    store = _store()[0]
    with pytest.raises(KeyStoreError, match="already exists"):
        store.add_secret("ltpasecret_1", "DESede", SECRET, DATE, b"12345678")


@pytest.mark.skipif(shutil.which("java") is None or shutil.which("keytool") is None, reason="no JDK installed")
def test_the_jdk_reads_every_entry(tmp_path):
    store, key, _root = _store()
    path = tmp_path / "ltpa.jceks"
    path.write_bytes(store.serialize(DATE))
    listed = subprocess.run(
        ["keytool", "-list", "-storetype", "JCEKS", "-keystore", str(path), "-storepass", "WebAS"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "Your keystore contains 3 entries" in listed.stdout
    src = tmp_path / "JceksCheck.java"
    src.write_text(JAVA_CHECK)
    run = subprocess.run(["java", str(src), str(path), "WebAS"], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    pkcs8 = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    assert sorted(run.stdout.split("\n")[:-1]) == sorted(
        [
            "ltpasecret_1 key DESede %s" % hashlib.sha256(SECRET).hexdigest(),
            "default key RSA %s" % hashlib.sha256(pkcs8).hexdigest(),
            "root trusted",
        ]
    )


@pytest.mark.skipif(shutil.which("keytool") is None, reason="no JDK installed")
def test_reads_a_store_the_jdk_wrote(tmp_path):
    path, cert = tmp_path / "jdk.jceks", tmp_path / "root.cer"
    cert.write_bytes(fk.make_root_cert("h.example.com", "c", "n", 0).public_bytes(serialization.Encoding.PEM))
    common = ["-storetype", "JCEKS", "-keystore", str(path), "-storepass", "WebAS1", "-noprompt"]
    for args in (
        ["-genseckey", "-alias", "LTPASecret_1", "-keyalg", "DESede", "-keypass", "WebAS1"],
        ["-importcert", "-alias", "root", "-file", str(cert)],
    ):
        r = subprocess.run(["keytool"] + args + common, capture_output=True, text=True, check=False)
        assert r.returncode == 0, r.stdout + r.stderr
    store = jceks.JceksStore.load(path.read_bytes(), "WebAS1")
    assert [e.alias for e in store.signers()] == ["root"] and store.personal() == []
    (secret,) = store.secret_keys()
    algorithm, key = secret.unseal("WebAS1")  # the JDK's DESedeKey serializes as a java.security.KeyRep
    assert secret.alias == "ltpasecret_1" and algorithm == "DESede" and len(key) == 24
