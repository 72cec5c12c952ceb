"""The demo provider web site: one landing page, branded from provider.yml, with the chat widget.

Serves the page, its own static files and the rasa-webchat bundle from web/node_modules (no CDN),
every response with a Content-Security-Policy that allows scripts from this site only: no inline
script, no `javascript:` URLs, no eval. The widget connects to the Rasa server at RASA_SOCKET_URL.

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


def create_app(provider: Provider | None = None, socket_url: str | None = None) -> web.Application:
    provider = provider or load_provider()
    socket_url = socket_url or os.environ.get("RASA_SOCKET_URL", DEFAULT_SOCKET_URL)
    policy = content_security_policy(socket_url)
    if not WIDGET_BUNDLE.is_file():
        raise FileNotFoundError(f"{WIDGET_BUNDLE} is missing: run `npm ci --ignore-scripts` in web/ (make web does)")
    page = render_page(provider, socket_url)

    @web.middleware
    async def security_headers(request: web.Request, handler):
        try:
            reply = await handler(request)
        except web.HTTPException as error:
            reply = error
        reply.headers["Content-Security-Policy"] = policy
        reply.headers["X-Content-Type-Options"] = "nosniff"
        reply.headers["Referrer-Policy"] = "no-referrer"
        return reply

    async def index(_: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    async def widget(_: web.Request) -> web.FileResponse:
        return web.FileResponse(WIDGET_BUNDLE, headers={"Content-Type": "application/javascript"})

    app = web.Application(middlewares=[security_headers])
    app.router.add_get("/", index)
    app.router.add_get("/static/webchat.js", widget)
    app.router.add_static("/static/", STATIC)
    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    host = os.environ.get("WEB_HOST", "127.0.0.1")
    port = int(os.environ.get("WEB_PORT", "8080"))
    web.run_app(create_app(), host=host, port=port, print=lambda _: logger.info("Site on http://%s:%s", host, port))


if __name__ == "__main__":
    main()
