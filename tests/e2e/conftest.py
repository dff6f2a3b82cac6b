"""A real served app (``disputedesk serve`` in a subprocess) and Debian's Chromium via Playwright."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from support import free_port, need

CHROMIUM = os.environ.get("DISPUTEDESK_CHROMIUM", "/usr/bin/chromium")
CLI = [sys.executable, "-m", "disputedesk.cli"]
PASSWORD = "correct horse battery"  # the empty workspace's owner, anna


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=300, check=True)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The demo dispute loaded once per test process (about 10 s of CPU); modules serve copies."""
    data = tmp_path_factory.mktemp("e2e-demo-template")
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(data), "DISPUTEDESK_DATABASE_URL": ""}
    run_cli(env, "init", "--workspace", "demo", "--name", "Demo dispute")
    demo_out = run_cli(env, "demo").stdout
    m = re.search(r"sign in as (\S+), password (\S+)", demo_out)
    assert m, demo_out
    return {"data": str(data), "user": m.group(1), "password": m.group(2)}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, demo_template: dict[str, str]) -> Iterator[dict[str, str]]:
    """The app with the demo dispute loaded (a copy of its own per module), on a free port."""
    data = tmp_path_factory.mktemp("e2e-data") / "data"
    shutil.copytree(demo_template["data"], data)
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(data), "DISPUTEDESK_DATABASE_URL": ""}
    with serving(env) as base:
        yield {"base": base, "data": str(data), "user": demo_template["user"], "password": demo_template["password"]}


@contextmanager
def serving(env: dict[str, str]) -> Iterator[str]:
    """``disputedesk serve`` on a free port with this environment; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # generous: CI machines may be loaded
    with httpx.Client(timeout=1) as client:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if client.get(f"{base}/api/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            proc.kill()
            out = proc.stdout.read() if proc.stdout else ""
            pytest.fail(f"server did not start (exit code {proc.returncode}): {out}")
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium per test process; every test gets a context of its own (cookies, storage)."""
    need(Path(CHROMIUM).exists() or shutil.which("chromium") is not None, f"Debian's Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield b
        b.close()


@pytest.fixture
def anon_page(browser, served):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(base_url=served["base"], locale="en-GB", timezone_id="Europe/Berlin")
    p = ctx.new_page()
    yield p
    ctx.close()


@pytest.fixture
def page(anon_page, served):  # type: ignore[no-untyped-def]
    """A browser signed in as the demo owner through the sign-in form."""
    p = anon_page
    p.goto("/")
    p.get_by_label("User name").fill(served["user"])
    p.get_by_label("Password").fill(served["password"])
    p.get_by_role("button", name="Sign in").click()
    p.wait_for_url(served["base"] + "/")
    return p


@pytest.fixture(scope="module")
def empty_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The app on a fresh installation: one empty workspace ``own``, one owner ``anna``, no demo
    (a server of its own per module)."""
    data = tmp_path_factory.mktemp("e2e-empty") / "data"
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(data), "DISPUTEDESK_DATABASE_URL": ""}
    subprocess.run([*CLI, "init", "--workspace", "own", "--name", "Own dispute"], env=env, check=True, timeout=300)
    subprocess.run(
        [*CLI, "user", "add", "anna", "--workspace", "own", "--role", "owner", "--password-stdin"],
        env=env,
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    with serving(env) as base:
        yield {"base": base}


@pytest.fixture
def empty_page(browser, empty_served):  # type: ignore[no-untyped-def]
    """A browser signed in as anna, owner of the empty workspace of ``empty_served``, through the sign-in form."""
    ctx = browser.new_context(base_url=empty_served["base"], locale="en-GB", timezone_id="Europe/Berlin")
    page = ctx.new_page()
    page.goto("/")
    page.get_by_label("User name").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(empty_served["base"] + "/")
    yield page
    ctx.close()
