"""A request refused before or outside a page's own code — not signed in, a role that may not do
it, a form without its security token, an upload over the limit, a workspace that does not
exist — reads in the page's language, as a page or as the fragment an htmx form shows, never as
JSON; the API keeps its English JSON (issue 16)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from pages_support import foreign_sentences, visible

from disputedesk.web.app import create_app

from support import make_user, sign_in

HX = {"HX-Request": "true"}


def _text(html: str) -> str:
    return " ".join(visible(html))


def test_refusals_on_a_chinese_page_are_chinese(ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.settings.max_upload_bytes = 1000
    make_user(ctx, "owner", "default", "owner")
    make_user(ctx, "vera", "default", "viewer")
    with TestClient(create_app(ctx)) as c:
        c.cookies.set("lang", "zh")
        # not signed in: an htmx form gets a fragment with the way to sign in
        r = c.post("/evidence/imap", data={"url": "imap://a@b/INBOX", "password": "x"}, headers=HX)
        assert r.status_code == 401 and r.headers["content-type"].startswith("text/html")
        assert "未登录：请先登录" in r.text and "/login" in r.text and foreign_sentences(r.text) == []

        sign_in(c, "vera")
        c.cookies.set("lang", "zh")
        r = c.post("/evidence/upload", files=[("files", ("a.txt", b"hello"))], headers=HX)
        assert r.status_code == 403, r.text
        assert "您在本工作区的角色（查看者）不允许此操作（修改记录）" in _text(r.text), r.text
        assert foreign_sentences(r.text) == []

        r = c.get("/evidence?ws=nowhere")
        assert r.status_code == 404 and "工作区“nowhere”不存在" in _text(r.text), _text(r.text)
        assert foreign_sentences(r.text) == []

    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        c.cookies.set("lang", "zh")
        # over the limit by its Content-Length: refused before anything is read, in Chinese
        big = [("files", ("big.bin", b"x" * (1024 * 1024 + 5000)))]
        r = c.post("/evidence/upload", files=big, headers=HX)
        assert r.status_code == 413 and r.headers["content-type"].startswith("text/html"), r.text
        assert "上传内容过大：上限为 1000 字节" in r.text and foreign_sentences(r.text) == []
        # over the limit but within the form's allowance: named with the file
        r = c.post("/evidence/upload", files=[("files", ("notes.txt", b"y" * 5000))], headers=HX)
        assert r.status_code == 413 and "notes.txt：5000 字节，超过上传上限 1000 字节" in r.text, r.text
        # a form without its security token: a page in Chinese, not JSON
        token = c.headers.pop("X-CSRF-Token")
        r = c.post("/buyer", data={"name_en": "x"}, headers={"Accept": "text/html"})
        assert r.status_code == 403 and r.headers["content-type"].startswith("text/html"), r.text
        assert "表单的安全令牌（CSRF）缺失或有误" in _text(r.text) and foreign_sentences(r.text) == []
        c.headers["X-CSRF-Token"] = token

        # the API keeps its English JSON
        api = c.post("/api/evidence", files=big)
        assert api.status_code == 413 and api.json() == {"error": "upload too large: the limit is 1000 bytes"}


def test_a_refused_sign_in_is_told_in_the_pages_language(ctx) -> None:  # type: ignore[no-untyped-def]
    """The sign-in page in Chinese says a wrong password and the throttle in Chinese; in English as before."""
    import re

    make_user(ctx, "owner", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        c.cookies.set("lang", "zh")
        csrf = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/login").text).group(1)  # type: ignore[union-attr]
        for _ in range(5):
            r = c.post("/login", data={"username": "owner", "password": "wrong password!", "csrftoken": csrf})
            assert r.status_code == 401 and "用户名或密码错误" in _text(r.text), _text(r.text)
            assert foreign_sentences(r.text) == []
        r = c.post("/login", data={"username": "owner", "password": "correct horse battery", "csrftoken": csrf})
        assert r.status_code == 429 and "登录失败次数过多，请在" in _text(r.text)
        assert foreign_sentences(r.text) == []
        c.cookies.set("lang", "en")
        r = c.post("/login", data={"username": "owner", "password": "wrong password!", "csrftoken": csrf})
        assert "too many failed sign-ins; try again in" in _text(r.text)
