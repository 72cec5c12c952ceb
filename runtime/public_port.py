"""What Rasa's port shows the public: no version banner, and no request body larger than a channel takes.

Rasa 3.6.21 answers `GET /` with "Hello from Rasa: 3.6.21", which tells anyone which release (and so
which known faults) the server runs; here `/` answers `{"status": "ok"}`. With the HTTP API off every
route on the port is a channel, so Sanic refuses a body larger than any channel takes
(channels/limits.MAX_SERVER_BODY_BYTES) with 413 before reading it into memory (stock: 100 MB). With
the API on, model uploads need more; either way each channel checks its own limit.
"""

from __future__ import annotations

import functools
from typing import Any

import rasa.core.run as rasa_run
import rasa.server as rasa_server
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.limits import MAX_SERVER_BODY_BYTES


def add_root_route(app: Sanic) -> None:
    """`/` for health checks and load balancers, without Rasa's version."""

    @app.get("/")
    async def hello(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})


def _limit_bodies(configure_app):
    @functools.wraps(configure_app)
    def configure(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        enable_api = kwargs.get("enable_api", args[3] if len(args) > 3 else True)
        if not enable_api:
            app.config.REQUEST_MAX_SIZE = MAX_SERVER_BODY_BYTES
        return app

    return configure


def install() -> None:
    """Patch Rasa's app set-up in this process (runtime/__main__ does, before Rasa starts)."""
    rasa_server.add_root_route = add_root_route
    rasa_run.configure_app = _limit_bodies(rasa_run.configure_app)
