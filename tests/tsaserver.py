"""A local RFC 3161 time-stamping authority on 127.0.0.1 for tests: OpenSSL's ``openssl ts -reply``
behind a tiny HTTP server (``POST application/timestamp-query`` → ``application/timestamp-reply``).

:func:`make_pki` makes a throw-away CA and a TSA certificate signed by it (critical extended key
usage ``timeStamping``, as RFC 3161 §2.3 requires), :func:`start_tsa` serves it on a free port.
Nothing here talks to a public TSA. ``python tests/tsaserver.py DIR`` runs one until Ctrl-C.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TSA_CONF = """\
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/{signer}.crt
certs = $dir/{signer}-chain.pem
signer_key = $dir/{signer}.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def openssl_problem() -> str | None:
    if shutil.which("openssl") is None:
        return "the openssl command is not installed (apt-get install openssl)"
    return None


def _run(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def _ca(d: Path, name: str, cn: str) -> None:
    _run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.crt",
         "-days", "3650", "-subj", f"/CN={cn}", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)  # fmt: skip


def _tsa_cert(d: Path, name: str, ca: str, cn: str) -> None:
    (d / f"{name}.ext").write_text(
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n"
        "extendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\n"
    )
    _run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
         "-subj", f"/CN={cn}", cwd=d)  # fmt: skip
    _run("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.crt", "-CAkey", f"{ca}.key", "-CAcreateserial",
         "-out", f"{name}.crt", "-days", "3650", "-extfile", f"{name}.ext", cwd=d)  # fmt: skip
    (d / f"{name}-chain.pem").write_bytes((d / f"{ca}.crt").read_bytes())  # sent with the signer's own


@dataclass
class Pki:
    dir: Path
    ca_pem: Path  # what DISPUTEDESK_TSA_CA points to
    other_ca_pem: Path  # a CA that did not sign the TSA (for "wrong CA" tests)
    rogue: str  # a second TSA signer, certified by the other CA (a forger's own TSA)


def make_pki(d: Path) -> Pki:
    d.mkdir(parents=True, exist_ok=True)
    _ca(d, "ca", "DisputeDesk Test TSA Root")
    _tsa_cert(d, "tsa", "ca", "DisputeDesk Test TSA")
    _ca(d, "otherca", "Some Other Root")
    _tsa_cert(d, "rogue", "otherca", "DisputeDesk Test TSA")  # same name, other key and CA
    (d / "serial").write_text("01\n")
    for signer in ("tsa", "rogue"):
        (d / f"{signer}.cnf").write_text(TSA_CONF.format(dir=d, signer=signer))
    return Pki(d, d / "ca.crt", d / "otherca.crt", "rogue")


class _Handler(BaseHTTPRequestHandler):
    server: _TsaHttp

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length") or 0)
        query = self.rfile.read(length)
        srv = self.server
        srv.requests += 1
        if srv.require_auth and self.headers.get("Authorization") != srv.require_auth:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="tsa"')
            self.end_headers()
            return
        if srv.fail_with:
            self.send_response(srv.fail_with)
            self.end_headers()
            return
        with srv.lock, tempfile.TemporaryDirectory(dir=srv.pki.dir) as tmp:
            q, r = Path(tmp) / "q.tsq", Path(tmp) / "r.tsr"
            q.write_bytes(query)
            done = subprocess.run(
                ["openssl", "ts", "-reply", "-config", str(srv.pki.dir / f"{srv.signer}.cnf"),
                 "-queryfile", str(q), "-out", str(r)],
                capture_output=True,
            )  # fmt: skip
            body = r.read_bytes() if done.returncode == 0 and r.exists() else b""
        if not body:
            self.send_response(500)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # quiet
        pass


class _TsaHttp(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, pki: Pki) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pki = pki
        self.signer = "tsa"
        self.lock = threading.Lock()
        self.requests = 0
        self.fail_with = 0  # answer this HTTP status instead (0: answer normally)
        self.require_auth = ""  # an Authorization header value the TSA insists on ("": none)


@dataclass
class Tsa:
    url: str
    pki: Pki
    http: _TsaHttp

    def sign_as(self, signer: str) -> None:
        """Answer with another signer's key from now on ("tsa", or pki.rogue)."""
        self.http.signer = signer

    @property
    def requests(self) -> int:
        return self.http.requests

    def fail(self, status: int) -> None:
        self.http.fail_with = status

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()


def start_tsa(d: Path) -> Tsa:
    pki = make_pki(d)
    http = _TsaHttp(pki)
    threading.Thread(target=http.serve_forever, name="test-tsa", daemon=True).start()
    host, port = http.server_address[:2]
    return Tsa(f"http://{host}:{port}/tsa", pki, http)


if __name__ == "__main__":
    tsa = start_tsa(Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="tsa-")))
    print(f"DISPUTEDESK_TSA_URL={tsa.url}\nDISPUTEDESK_TSA_CA={tsa.pki.ca_pem}")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        tsa.stop()
