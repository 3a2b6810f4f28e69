"""Certificates with a CA chain, and a local TLS server that presents one (the signer tests: retrieveSignerFromPort
makes a real handshake).

    chain = make_chain("media.example.com")          # root CA -> intermediate CA -> leaf, each (key, cert)
    with TlsServer(chain) as srv:                     # 127.0.0.1:<free port>, in a thread, stops by itself
        ... srv.host, srv.port, srv.handshakes ...

The server only answers on the loopback address, serves at most MAX_HANDSHAKES handshakes and stops when the
block ends (or after IDLE_SECONDS without a connection).
"""

import datetime
import os
import socket
import ssl
import tempfile
import threading
import time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

START = datetime.datetime(2024, 3, 31, tzinfo=datetime.timezone.utc)
MAX_HANDSHAKES = 50
IDLE_SECONDS = 120


def _name(cn):
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example"), x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(subject, key, issuer, issuer_key, ca, days=800):
    b = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(START)
        .not_valid_after(START + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    return b.sign(issuer_key, hashes.SHA256())


def make_chain(leaf_cn="media.example.com"):
    """[(key, cert)] of a leaf, an intermediate CA and a root CA (leaf first)."""
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = _cert("Example Root CA", root_key, "Example Root CA", root_key, True, 3650)
    mid_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    mid = _cert("Example Issuing CA", mid_key, "Example Root CA", root_key, True, 1800)
    leaf_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    leaf = _cert(leaf_cn, leaf_key, "Example Issuing CA", mid_key, False)
    return [(leaf_key, leaf), (mid_key, mid), (root_key, root)]


def fingerprint(cert):
    """SHA-1 fingerprint as wsadmin shows it (AA:BB:...)."""
    return ":".join("%02X" % b for b in cert.fingerprint(hashes.SHA1()))


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM)


def chained_p12(path, password, chain, alias=b"wildcard"):
    """A PKCS12 key file with the leaf's key and the whole chain (as a CA delivers a wildcard certificate)."""
    (key, leaf), rest = chain[0], chain[1:]
    with open(str(path), "wb") as f:
        f.write(
            pkcs12.serialize_key_and_certificates(
                alias, key, leaf, [c for _k, c in rest], serialization.BestAvailableEncryption(password.encode())
            )
        )


class TlsServer:
    """A TLS server on 127.0.0.1 presenting the chain's leaf (and its issuers) to every client."""

    def __init__(self, chain):
        self.chain = chain
        self.handshakes = 0
        self._stop = threading.Event()
        self._dir = tempfile.mkdtemp(prefix="stwas-tls-")
        cert_file = os.path.join(self._dir, "chain.pem")
        key_file = os.path.join(self._dir, "key.pem")
        with open(cert_file, "wb") as f:
            f.write(b"".join(pem(c) for _k, c in chain))
        with open(key_file, "wb") as f:
            f.write(
                chain[0][0].private_bytes(
                    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
                )
            )
        self._ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._ctx.load_cert_chain(cert_file, key_file)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(5)
        self._sock.settimeout(0.2)
        self.host, self.port = self._sock.getsockname()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        idle = 0.0
        while not self._stop.is_set() and self.handshakes < MAX_HANDSHAKES and idle < IDLE_SECONDS:
            try:
                conn, _addr = self._sock.accept()
            except socket.timeout:
                idle += 0.2
                continue
            idle = 0.0
            conn.settimeout(10)
            try:
                with self._ctx.wrap_socket(conn, server_side=True) as tls:
                    self.handshakes += 1
                    try:
                        tls.recv(1)
                    except (OSError, ssl.SSLError):
                        pass
            except (OSError, ssl.SSLError):
                conn.close()

    def wait_handshakes(self, n, seconds=10.0):
        """The number of handshakes done, once it reaches n (or after seconds): the server counts in its thread."""
        end = time.monotonic() + seconds
        while self.handshakes < n and time.monotonic() < end:
            time.sleep(0.02)
        return self.handshakes

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(5)
        self._sock.close()
        for f in os.listdir(self._dir):
            os.remove(os.path.join(self._dir, f))
        os.rmdir(self._dir)
