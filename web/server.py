"""The demo provider web site: one landing page, branded from provider.yml, with the chat widget.

Serves the page, its own static files and the rasa-webchat bundle from web/node_modules (no CDN),
and nothing else: the files are listed when the app starts, so any other name is a 404 without a
look at the disk. Every response, errors included, carries a Content-Security-Policy that allows
scripts from this site only (no inline script, no `javascript:` URLs, no eval) and may not be framed
by another site, and no `Server` banner with versions. The widget connects to the Rasa server at
RASA_SOCKET_URL.

    python -m web.server            # http://127.0.0.1:8080 (WEB_HOST, WEB_PORT)
"""

from __future__ import annotations

import html
import json
import logging
import os
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from aiohttp import web

from actions.provider import Provider, load_provider

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
WIDGET_BUNDLE = HERE / "node_modules" / "rasa-webchat" / "lib" / "index.js"
DEFAULT_SOCKET_URL = "http://127.0.0.1:5005"

logger = logging.getLogger(__name__)


def socket_origins(socket_url: str) -> str:
    """The http(s) and ws(s) origins of the Rasa server, for the policy's connect-src."""
    parts = urlsplit(socket_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"RASA_SOCKET_URL must be an http(s) URL, got {socket_url!r}")
    ws = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc} {ws}://{parts.netloc}"


def content_security_policy(socket_url: str) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        # The widget injects its stylesheet as <style> elements at run time.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        f"connect-src 'self' {socket_origins(socket_url)}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


def render_page(provider: Provider, socket_url: str) -> str:
    widget = {
        "socketUrl": socket_url,
        "title": provider.name,
        "subtitle": "Outsource, offshore, or both?",
        "initPayload": "/greet",
    }
    values = {
        "name": provider.name,
        "town": provider.town,
        "phone": provider.phone,
        "phone_link": "tel:" + "".join(c for c in provider.phone if c.isdigit() or c == "+"),
        "email": provider.email,
        "hours": provider.hours_phrase(),
        "widget": json.dumps(widget),
    }
    template = Template((HERE / "index.html").read_text(encoding="utf-8"))
    return template.substitute({key: html.escape(value, quote=True) for key, value in values.items()})


def security_headers(policy: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": policy,
        "X-Frame-Options": "DENY",  # for browsers that do not read frame-ancestors
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Server": "sourcing-advisor",  # instead of aiohttp's, which names its version and Python's
    }


def static_files() -> dict[str, Path]:
    """What /static/ serves, by name: the site's own files and the widget's bundle."""
    files = {path.name: path for path in STATIC.iterdir() if path.is_file()}
    return {**files, "webchat.js": WIDGET_BUNDLE}


def create_app(provider: Provider | None = None, socket_url: str | None = None) -> web.Application:
    provider = provider or load_provider()
    socket_url = socket_url or os.environ.get("RASA_SOCKET_URL", DEFAULT_SOCKET_URL)
    headers = security_headers(content_security_policy(socket_url))
    if not WIDGET_BUNDLE.is_file():
        raise FileNotFoundError(f"{WIDGET_BUNDLE} is missing: run `npm ci --ignore-scripts` in web/ (make web does)")
    page = render_page(provider, socket_url)
    files = static_files()

    async def add_headers(_: web.Request, reply: web.StreamResponse) -> None:
        reply.headers.update(headers)  # on every response, also the errors aiohttp makes itself

    async def index(_: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    async def static(request: web.Request) -> web.FileResponse:
        path = files.get(request.match_info["name"])
        if path is None:
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    app = web.Application()
    app.on_response_prepare.append(add_headers)
    app.router.add_get("/", index)
    app.router.add_get("/static/{name}", static)
    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    host = os.environ.get("WEB_HOST", "127.0.0.1")
    port = int(os.environ.get("WEB_PORT", "8080"))
    web.run_app(create_app(), host=host, port=port, print=lambda _: logger.info("Site on http://%s:%s", host, port))


if __name__ == "__main__":
    main()
