"""The REST channel (/webhooks/rest/webhook) with its input checked and its failures visible.

REST is for trusted back-ends (a provider's own server relaying its visitors), not for browsers:
with REST_TOKEN set, every request must carry `Authorization: Bearer <REST_TOKEN>` (401 without).

Stock RestInput (Rasa 3.6.21) reads whatever JSON arrives: a missing or non-string `message`, a
non-object body or a huge sender id reach the bot or fail inside it; a missing sender joins a shared
"default" conversation; metadata of any size is stored with the conversation; deeply nested JSON
fails with a 500; the client may even pick the `input_channel`; and when processing fails it answers
`200 []` after logging the user's text. Here:
- a body over 64 KB gets 413; one that is not a JSON object, nests too deeply, lacks a string
  `message` or a `sender` of 1-128 characters, or carries more than 8 KB of metadata gets 400 with a
  JSON error that says which (channels/limits.py);
- the text passes channels/guard.py (control characters, length cap, slash syntax);
- a failure inside the bot answers 500 with an apology and is logged at ERROR without the text.
"""

from __future__ import annotations

import hmac
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.guard import check_text
from channels.limits import MAX_METADATA_BYTES, Refused, metadata_fits, read_json

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 128
SORRY = ("Sorry, something went wrong on my side and I couldn't answer that. Please try again in a "
         "moment; your conversation so far is kept.")


def _refuse(status: HTTPStatus, reason: str, headers: Optional[dict] = None) -> HTTPResponse:
    return response.json({"error": reason}, status=status, headers=headers)


def bearer_matches(header: Optional[str], token: str) -> bool:
    """Whether an Authorization header carries `Bearer <token>` (compared in constant time)."""
    scheme, _, given = (header or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


class GuardedRestInput(RestInput):
    """RestInput that validates what it is sent and never hides a failure."""

    def __init__(self, token: Optional[str] = None) -> None:
        self.token = token

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict]) -> "GuardedRestInput":
        return cls(token=os.environ.get("REST_TOKEN") or None)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.token and not bearer_matches(request.headers.get("authorization"), self.token):
                return _refuse(HTTPStatus.UNAUTHORIZED, "This endpoint needs 'Authorization: Bearer <REST_TOKEN>'",
                               {"WWW-Authenticate": "Bearer"})
            try:
                body = read_json(request.body)
            except Refused as refused:
                return _refuse(refused.status, refused.reason)
            if not isinstance(body, dict):
                return _refuse(HTTPStatus.BAD_REQUEST, "The body must be a JSON object with 'sender' and 'message'")
            sender, text, metadata = body.get("sender"), body.get("message"), body.get("metadata")
            if not isinstance(text, str):
                return _refuse(HTTPStatus.BAD_REQUEST, "'message' must be a string")
            if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
                return _refuse(HTTPStatus.BAD_REQUEST, f"'sender' must be a string of 1 to {MAX_SENDER_CHARS} characters")
            if metadata is not None and not isinstance(metadata, dict):
                return _refuse(HTTPStatus.BAD_REQUEST, "'metadata' must be a JSON object")
            if metadata is not None and not metadata_fits(metadata):
                return _refuse(HTTPStatus.BAD_REQUEST, f"'metadata' must be at most {MAX_METADATA_BYTES} bytes")
            checked = check_text(text)
            if checked.reply:
                return response.json([{"recipient_id": sender, "text": checked.reply}])
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(checked.text, collector, sender, input_channel=self.name(),
                                                 metadata=metadata))
            except Exception:  # noqa: BLE001 (whatever failed, the client must hear of it)
                logger.exception("REST: the bot failed on a message (text not logged)")
                return response.json({"error": "internal error", "messages": [{"recipient_id": sender, "text": SORRY}]},
                                     status=HTTPStatus.INTERNAL_SERVER_ERROR)
            return response.json(collector.messages)

        return webhook
