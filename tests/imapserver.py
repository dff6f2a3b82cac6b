"""A real IMAP server for tests: Debian's Dovecot on 127.0.0.1, a free port, a temporary folder.

The test setup installs nothing: without ``dovecot`` (Debian package ``dovecot-imapd``) the
tests that need it are skipped with that reason (and fail under CI=true, see support.need).

    with DovecotServer(tmp_path) as imap:
        imap.deliver("INBOX", raw_message_bytes)
        imap.url  # imap://tester@127.0.0.1:PORT/INBOX
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from support import free_port

USER = "tester"
PASSWORD = "imap secret 1"


def dovecot_binary() -> str | None:
    for p in (shutil.which("dovecot"), "/usr/sbin/dovecot"):
        if p and os.path.exists(p):
            return p
    return None


class DovecotServer:
    def __init__(self, root: Path) -> None:
        # As root, mail is kept by an unprivileged user (Dovecot refuses uid 0), who cannot
        # enter pytest's private folders: use a world-searchable temporary folder instead.
        self._own_root = os.getuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="dd-dovecot-")) if self._own_root else Path(root) / "dovecot"
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.binary = dovecot_binary()
        self._uid_seq = 0

    @property
    def url(self) -> str:
        return f"imap://{USER}@127.0.0.1:{self.port}/INBOX"

    def url_for(self, folder: str) -> str:
        return f"imap://{USER}@127.0.0.1:{self.port}/{folder}"

    def _config(self) -> str:
        me = pwd.getpwuid(os.getuid())
        mail_user = pwd.getpwnam("dovecot") if os.getuid() == 0 else me
        r = self.root
        internal = "dovecot" if os.getuid() == 0 else me.pw_name
        login = "dovenull" if os.getuid() == 0 else me.pw_name
        return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {r}/run
state_dir = {r}/state
log_path = {r}/dovecot.log
info_log_path = {r}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# A refused login is answered at once (Dovecot's default waits, against guessing): the tests try
# wrong passwords on purpose, and what the client is told is the same. See also anvil below.
auth_failure_delay = 0
default_internal_user = {internal}
default_internal_group = {internal if os.getuid() != 0 else "dovecot"}
default_login_user = {login}
mail_location = maildir:{r}/mail/%u
first_valid_uid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {r}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={r}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
  # No login penalty per address after a failure (2, 4, 8 … s before the next login from 127.0.0.1).
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  chroot =
}}
service auth {{
  user = {me.pw_name}
}}
service auth-worker {{
  user = {me.pw_name}
}}
"""

    def start(self) -> DovecotServer:
        assert self.binary, "dovecot is not installed"
        for d in ("run", "state", "mail", "home"):
            (self.root / d).mkdir(parents=True, exist_ok=True)
        os.chmod(self.root / "run", 0o755)
        if self._own_root:
            os.chmod(self.root, 0o755)
            mail_user = pwd.getpwnam("dovecot")
            for d in ("mail", "home"):
                os.chown(self.root / d, mail_user.pw_uid, mail_user.pw_gid)
        (self.root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
        conf = self.root / "dovecot.conf"
        conf.write_text(self._config())
        self.proc = subprocess.Popen(
            [self.binary, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dovecot exited: {self.proc.stderr.read().decode(errors='replace')}")  # type: ignore[union-attr]
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"dovecot did not answer on port {self.port}: {self.log()}")

    def log(self) -> str:
        p = self.root / "dovecot.log"
        return p.read_text(errors="replace")[-3000:] if p.exists() else ""

    def deliver(self, folder: str, raw: bytes) -> None:
        """Append a message to a folder through IMAP (as a mail client would)."""
        import imaplib

        with imaplib.IMAP4("127.0.0.1", self.port) as c:
            c.login(USER, PASSWORD)
            c.create(folder)
            typ, data = c.append(folder, "", None, raw)
            assert typ == "OK", data

    def reset_uidvalidity(self, folder: str) -> None:
        """Delete and re-create a folder (a new UIDVALIDITY), keeping nothing."""
        import imaplib

        with imaplib.IMAP4("127.0.0.1", self.port) as c:
            c.login(USER, PASSWORD)
            c.delete(folder)
            c.create(folder)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> DovecotServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
