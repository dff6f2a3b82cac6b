"""A hostile HTML mail from a supplier is previewed with nothing active and nothing loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from support import free_port

pytestmark = pytest.mark.e2e


class Tracker(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        Tracker.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_script_handlers_remote_images_and_js_links_are_inert(page, served, tmp_path: Path) -> None:
    port = free_port()
    srv = HTTPServer(("127.0.0.1", port), Tracker)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    track = f"http://127.0.0.1:{port}"
    html = (
        f'<p>Dear customer, please see the new terms.<script>fetch("{track}/script");window.top.pwned=1</script></p>'
        f'<img src="{track}/pixel.gif" alt="">'
        f'<img src="x" onerror="fetch(\'{track}/onerror\')">'
        f'<a id="js" href="javascript:fetch(\'{track}/jslink\')">open the terms</a>'
        f'<div style="background:url({track}/css)">styled</div>'
    )
    mail = (
        "From: service@ruifeng-laser.example.cn\r\nTo: buyer@example.de\r\nSubject: New service terms\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    ).encode()
    f = tmp_path / "hostile.eml"
    f.write_bytes(mail)
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": served["data"], "DISPUTEDESK_DATABASE_URL": ""}
    out = subprocess.run(
        [sys.executable, "-m", "disputedesk.cli", "import", "--workspace", "demo", "--json", str(f)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    label = json.loads(out)["items"][0]["evidence"]

    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"/evidence/{label}")
    frame = page.frame_locator("iframe.mail")
    frame.get_by_text("Dear customer").wait_for()
    frame.get_by_text("open the terms").click(timeout=5000, no_wait_after=True)
    page.wait_for_timeout(800)
    srv.shutdown()
    assert Tracker.hits == [], Tracker.hits
    assert not [u for u in requests if str(port) in u], requests
    assert page.evaluate("window.pwned") is None
