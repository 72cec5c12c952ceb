"""The REST channel (/webhooks/rest/webhook) with its input checked and its failures visible.

Stock RestInput (Rasa 3.6.21) reads whatever JSON arrives: a missing or non-string `message`, a
non-object body or a huge sender id reach the bot or fail inside it; the client may even pick the
`input_channel`; and when processing fails it answers `200 []` after logging the user's text. Here:
- a body that is not a JSON object, a `message` that is not a string, or a `sender` that is not a
  string of 1-128 characters gets 400 with a JSON error that says which;
- the text passes channels/guard.py (control characters, length cap, slash syntax);
- a failure inside the bot answers 500 with an apology and is logged at ERROR without the text.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.guard import check_text

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 128
SORRY = ("Sorry, something went wrong on my side and I couldn't answer that. Please try again in a "
         "moment; your conversation so far is kept.")


def _bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=HTTPStatus.BAD_REQUEST)


class GuardedRestInput(RestInput):
    """RestInput that validates what it is sent and never hides a failure."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError):
                return _bad_request("The body must be JSON: {\"sender\": \"...\", \"message\": \"...\"}")
            if not isinstance(body, dict):
                return _bad_request("The body must be a JSON object with 'sender' and 'message'")
            sender, text = body.get("sender", "default"), body.get("message")
            if not isinstance(text, str):
                return _bad_request("'message' must be a string")
            if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
                return _bad_request(f"'sender' must be a string of 1 to {MAX_SENDER_CHARS} characters")
            metadata = body.get("metadata")
            checked = check_text(text)
            if checked.reply:
                return response.json([{"recipient_id": sender, "text": checked.reply}])
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(checked.text, collector, sender, input_channel=self.name(),
                                                 metadata=metadata if isinstance(metadata, dict) else None))
            except Exception:  # noqa: BLE001 (whatever failed, the client must hear of it)
                logger.exception("REST: the bot failed on a message (text not logged)")
                return response.json({"error": "internal error", "messages": [{"recipient_id": sender, "text": SORRY}]},
                                     status=HTTPStatus.INTERNAL_SERVER_ERROR)
            return response.json(collector.messages)

        return webhook
