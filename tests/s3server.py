"""A real S3-compatible object store on 127.0.0.1 for tests and benchmarks.

Debian 12 (bookworm) has no SeaweedFS or MinIO package. It does have OpenStack Swift, a
production object store, whose ``s3api`` middleware speaks the S3 protocol (SigV4,
multipart uploads, UploadPartCopy, ListObjectsV2). This module starts a one-replica Swift
"all in one" in a temporary folder: memcached, the account, container and object servers
and a proxy with ``s3api`` + ``tempauth``, all bound to 127.0.0.1 on free ports, each a
single process (``workers = 0``), logging to files in the folder. Nothing is read from or
written to ``/etc/swift``.

Install (Debian packages, as root)::

    apt-get install -y --no-install-recommends swift-proxy swift-object swift-container \\
        swift-account memcached

or ``python tests/s3server.py --install``. ``python tests/s3server.py DIR`` runs a server
until Ctrl-C (for trying things by hand and for ``benchmarks/blob_throughput.py``).

Credentials: tempauth's S3 access key is ``account:user``; this server knows
``ACCESS_KEY`` / ``SECRET_KEY`` below (or the pair given to :func:`start_s3_server`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ACCESS_KEY = "disputedesk:tester"
SECRET_KEY = "disputedesk-test-secret"
REGION = "us-east-1"

DEBIAN_PACKAGES = ("swift-proxy", "swift-object", "swift-container", "swift-account", "memcached")
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3 carries the swift package
SERVER_BINARIES = (
    "/usr/bin/swift-proxy-server",
    "/usr/bin/swift-object-server",
    "/usr/bin/swift-container-server",
    "/usr/bin/swift-account-server",
    "/usr/bin/memcached",
)


def server_problem() -> str | None:
    """Why no S3 server can be started here, or None when it can."""
    missing = [b for b in SERVER_BINARIES if not os.path.exists(b)]
    if missing:
        return (
            "no S3-compatible server installed (missing "
            + ", ".join(missing)
            + "); install with: apt-get install --no-install-recommends "
            + " ".join(DEBIAN_PACKAGES)
        )
    return None


def ensure_installed() -> None:
    """Install the Debian packages when missing (as root on Debian/Ubuntu); raise otherwise."""
    if server_problem() is None:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise RuntimeError(server_problem() or "")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *DEBIAN_PACKAGES],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )


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


_LAUNCHER = textwrap.dedent(
    """
    # Run one Swift server with swift.conf and rings read from ETC (not /etc/swift).
    import sys
    from swift.common import utils
    utils.set_swift_dir(sys.argv[3])
    from swift.common.wsgi import run_wsgi
    sys.exit(run_wsgi(sys.argv[1], sys.argv[2], verbose=True))
    """
)

_RINGS = textwrap.dedent(
    """
    import sys
    from swift.common.ring import RingBuilder
    etc, ports = sys.argv[1], dict(zip(("account", "container", "object"), map(int, sys.argv[2:5])))
    for kind, port in ports.items():
        b = RingBuilder(4, 1, 1)  # 16 partitions, one replica, min_part_hours=1
        b.add_dev({"id": 0, "region": 1, "zone": 1, "ip": "127.0.0.1", "port": port,
                   "device": "d1", "weight": 100})
        b.rebalance()
        b.save(f"{etc}/{kind}.builder")
        b.get_ring().save(f"{etc}/{kind}.ring.gz")
    """
)


def _write_config(root: Path, ports: dict[str, int], access_key: str, secret_key: str) -> None:
    etc, srv = root / "etc", root / "srv"
    (srv / "d1").mkdir(parents=True, exist_ok=True)
    etc.mkdir(parents=True, exist_ok=True)
    account, user = access_key.split(":", 1)
    (etc / "swift.conf").write_text(
        textwrap.dedent(
            """
            [swift-hash]
            swift_hash_path_suffix = disputedesk-test
            swift_hash_path_prefix = disputedesk-test

            [storage-policy:0]
            name = gold
            default = yes
            """
        )
    )
    common = textwrap.dedent(
        f"""
        [DEFAULT]
        bind_ip = 127.0.0.1
        workers = 0
        swift_dir = {etc}
        devices = {srv}
        mount_check = false
        log_level = WARNING
        log_address = {root}/no-syslog
        """
    )
    for kind in ("account", "container", "object"):
        extra = "allow_versions = true\n" if kind == "container" else ""
        (etc / f"{kind}-server.conf").write_text(
            common
            + f"bind_port = {ports[kind]}\n"
            + textwrap.dedent(
                f"""
                [pipeline:main]
                pipeline = {kind}-server

                [app:{kind}-server]
                use = egg:swift#{kind}
                {extra}
                [{kind}-replicator]
                [{kind}-updater]
                [{kind}-auditor]
                """
            )
        )
    (etc / "proxy-server.conf").write_text(
        common
        + f"bind_port = {ports['proxy']}\n"
        + textwrap.dedent(
            f"""
            [pipeline:main]
            pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats
                s3api tempauth copy slo dlo proxy-logging proxy-server

            [app:proxy-server]
            use = egg:swift#proxy
            account_autocreate = true
            allow_account_management = true

            [filter:s3api]
            use = egg:swift#s3api
            location = {REGION}
            max_upload_part_num = 10000
            allow_multipart_uploads = true

            [filter:tempauth]
            use = egg:swift#tempauth
            user_{account}_{user} = {secret_key} .admin

            [filter:cache]
            use = egg:swift#memcache
            memcache_servers = 127.0.0.1:{ports["memcached"]}

            [filter:catch_errors]
            use = egg:swift#catch_errors
            [filter:gatekeeper]
            use = egg:swift#gatekeeper
            [filter:healthcheck]
            use = egg:swift#healthcheck
            [filter:proxy-logging]
            use = egg:swift#proxy_logging
            [filter:listing_formats]
            use = egg:swift#listing_formats
            [filter:copy]
            use = egg:swift#copy
            [filter:slo]
            use = egg:swift#slo
            max_manifest_segments = 10000
            [filter:dlo]
            use = egg:swift#dlo
            """
        )
    )
    (root / "launch.py").write_text(_LAUNCHER)
    subprocess.run(
        [SYSTEM_PYTHON, "-c", _RINGS, str(etc), str(ports["account"]), str(ports["container"]), str(ports["object"])],
        check=True,
        capture_output=True,
    )


def _wait(port: int, deadline: float, procs: list[subprocess.Popen[bytes]], logs: Path, *, http: bool) -> None:
    url = f"http://127.0.0.1:{port}/healthcheck"
    while time.monotonic() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise RuntimeError(f"S3 test server process {p.args!r} exited with {p.returncode}; logs in {logs}")
        try:
            if http:
                with urllib.request.urlopen(url, timeout=1) as r:  # noqa: S310 - 127.0.0.1 only
                    if r.status == 200:
                        return
            else:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"S3 test server did not answer on 127.0.0.1:{port} in time; logs in {logs}")


def start_s3_server(
    tmpdir: Path | str,
    *,
    access_key: str = ACCESS_KEY,
    secret_key: str = SECRET_KEY,
    timeout: float = 30.0,
) -> tuple[str, Callable[[], None]]:
    """Start the server with its data in ``tmpdir``; return (endpoint URL, stop function)."""
    problem = server_problem()
    if problem:
        raise RuntimeError(problem)
    if ":" not in access_key:
        raise ValueError("the access key of this server is 'account:user' (Swift tempauth)")
    root = Path(tmpdir)
    root.mkdir(parents=True, exist_ok=True)
    names = ("proxy", "account", "container", "object", "memcached")
    ports = dict(zip(names, _free_ports(len(names)), strict=True))
    _write_config(root, ports, access_key, secret_key)
    procs: list[subprocess.Popen[bytes]] = []
    logs: list[object] = []

    def spawn(name: str, argv: list[str]) -> None:
        log = open(root / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
        logs.append(log)
        procs.append(subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=root))

    def stop() -> None:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for log in logs:
            log.close()  # type: ignore[attr-defined]

    try:
        spawn(
            "memcached",
            [
                "/usr/bin/memcached",
                "-l",
                "127.0.0.1",
                "-p",
                str(ports["memcached"]),
                "-U",
                "0",
                "-m",
                "32",
                "-u",
                "root" if os.geteuid() == 0 else os.environ.get("USER", "nobody"),
            ],
        )
        launch = str(root / "launch.py")
        for kind in ("account", "container", "object", "proxy"):
            conf = str(root / "etc" / f"{kind}-server.conf")
            spawn(kind, [SYSTEM_PYTHON, launch, conf, f"{kind}-server", str(root / "etc")])
        deadline = time.monotonic() + timeout
        for kind in ("memcached", "account", "container", "object"):
            _wait(ports[kind], deadline, procs, root, http=False)
        _wait(ports["proxy"], deadline, procs, root, http=True)
    except BaseException:
        stop()
        raise
    return f"http://127.0.0.1:{ports['proxy']}", stop


def main(argv: list[str]) -> int:
    if argv[:1] == ["--install"]:
        ensure_installed()
        return 0
    if len(argv) != 1:
        print("usage: s3server.py --install | s3server.py DATA_DIR", file=sys.stderr)
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
