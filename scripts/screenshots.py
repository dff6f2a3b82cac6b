"""Sign in and take headless-Chromium screenshots of pages, to look at them as a user does.

.venv/bin/python scripts/screenshots.py BASE_URL USER PASSWORD OUTDIR PATH [PATH …]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


def main() -> None:
    base, user, password, outdir, *paths = sys.argv[1:]
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
        ctx = b.new_context(base_url=base, viewport={"width": 1400, "height": 1000}, timezone_id="Europe/Berlin")
        page = ctx.new_page()
        page.goto("/login")
        page.get_by_label("User name").fill(user)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        for p in paths:
            page.goto(p)
            page.wait_for_load_state("networkidle")
            name = p.strip("/").replace("/", "_").replace("?", "_").replace("=", "-").replace("&", "_") or "home"
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(out / f"{name}.png")
        b.close()


if __name__ == "__main__":
    main()
