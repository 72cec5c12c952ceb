"""`python -m runtime.action_server`: the action server, answering Rasa and no one else.

rasa-sdk's `rasa run actions` (3.6) listens on every interface (SANIC_HOST, default 0.0.0.0), lets
any web site call it (CORS `*`), runs whatever action a request names for whatever tracker it
carries, and answers an error with the whole request, the visitor's conversation included. Anyone
who reached the port could store a lead that skipped every check or erase another visitor's data.
Here, around the same rasa-sdk app:
- it listens on SANIC_HOST, default 127.0.0.1 (README, "Scaling out", says how to open it to a
  private network);
- every request but GET /health must carry ACTION_SERVER_TOKEN, which Rasa sends as the action
  endpoint's `token` (the `token` query parameter; `Authorization: Bearer` is read too), compared in
  constant time: 401 otherwise. It does not start without a token of at least 16 characters
  (scripts/with_actions.sh makes one for each `make shell`, `make serve` and `make web`);
- no CORS: only Rasa calls it, never a browser;
- a failing action is logged without the request and answered `500 {"error": "internal error"}`.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
from typing import Optional

from rasa_sdk import utils
from rasa_sdk.constants import DEFAULT_SERVER_PORT
from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from advisor.places import warm_up
from runtime.frozen_heap import freeze_loaded

logger = logging.getLogger(__name__)

TOKEN_VARIABLE = "ACTION_SERVER_TOKEN"
MIN_TOKEN_CHARS = 16
OPEN_PATHS = frozenset({"/health"})


def given_token(request: Request) -> str:
    """The token a request carries: Rasa's `?token=`, or an `Authorization: Bearer` header."""
    scheme, _, bearer = (request.headers.get("authorization") or "").partition(" ")
    return request.args.get("token") or (bearer.strip() if scheme.lower() == "bearer" else "")


def token_problem(token: Optional[str]) -> Optional[str]:
    """Why the action server must not start with this token, or None when it may."""
    if not token:
        return (f"{TOKEN_VARIABLE} is not set. The action server answers only requests that carry it; set the "
                f"same value for Rasa, which sends it as the action endpoint's token, e.g.\n"
                f"  export {TOKEN_VARIABLE}=$(openssl rand -hex 24)")
    if len(token) < MIN_TOKEN_CHARS:
        return f"{TOKEN_VARIABLE} must be at least {MIN_TOKEN_CHARS} characters long"
    return None


def guarded_app(token: str, actions_package: str = "actions") -> Sanic:
    """rasa-sdk's action server app, answering only requests that carry `token`."""
    app = create_app(actions_package, cors_origins=None)
    expected = token.encode()

    @app.middleware("request")
    async def require_token(request: Request) -> Optional[HTTPResponse]:
        if request.path in OPEN_PATHS:
            return None
        if not hmac.compare_digest(given_token(request).encode(), expected):
            logger.warning("Refused a request to %s without the action server's token", request.path)
            return response.json({"error": "unauthorised: this server answers Rasa only"}, status=401)
        return None

    @app.exception(Exception)
    async def failed(request: Request, exception: Exception) -> HTTPResponse:
        status = getattr(exception, "status_code", 500)
        if status >= 500:  # the request holds a visitor's conversation: never logged, never sent back
            logger.error("An action failed: %s", type(exception).__name__, exc_info=exception)
            return response.json({"error": "internal error"}, status=500)
        return response.json({"error": str(exception)}, status=status)

    return app


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m runtime.action_server", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTIONS_PORT") or DEFAULT_SERVER_PORT))
    parser.add_argument("--actions", default="actions", help="the package of the custom actions")
    args = parser.parse_args(argv)
    token = os.environ.get(TOKEN_VARIABLE)
    problem = token_problem(token)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    host = os.environ.get("SANIC_HOST") or "127.0.0.1"
    utils.configure_colored_logging(os.environ.get("LOG_LEVEL", "INFO"))
    utils.update_sanic_log_level()
    warm_up()  # before /health answers: the first place named would otherwise wait seconds for the tables
    app = guarded_app(token, args.actions)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    freeze_loaded()  # the tables and the actions live as long as the server: no full collection walks them
    logger.info("Action server on http://%s:%s (requests need %s)", host, args.port, TOKEN_VARIABLE)
    app.run(host, args.port, workers=utils.number_of_sanic_workers(), access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
