"""How much a visitor may send through any channel, and reading JSON within those limits.

Every channel reads its requests through here: a body over MAX_BODY_BYTES is refused (413; a
socket.io packet closes its socket), JSON nested deeper than MAX_JSON_DEPTH is refused (400) before it
can reach code that recurses over it (the tracker's serialisation, copies, logs), and metadata over
MAX_METADATA_BYTES is never stored with the conversation (Rasa stores a message's metadata in several
events, so one request could otherwise grow the database by megabytes). A visitor's text itself is
capped far lower, with a polite reply, by channels/guard.py.

Slack's requests may be larger (MAX_SLACK_BODY_BYTES): Slack sends messages of up to 40,000
characters, twice over (as text and as rich-text blocks), and such a person must hear the guard's
polite reply rather than meet silence; only requests signed by Slack are read.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

MAX_BODY_BYTES = 64 * 1024
MAX_SLACK_BODY_BYTES = 1024 * 1024
MAX_SERVER_BODY_BYTES = max(MAX_BODY_BYTES, MAX_SLACK_BODY_BYTES)  # what the server reads at all
MAX_METADATA_BYTES = 8 * 1024
MAX_JSON_DEPTH = 20


class Refused(ValueError):
    """A request refused before it reaches the bot: the HTTP status and a reason the sender may read."""

    def __init__(self, status: HTTPStatus, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def depth(value: Any) -> int:
    """How deeply lists and objects nest in `value` (a scalar is 0), without recursion."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        current, level = pending.pop()
        children = current.values() if isinstance(current, dict) else current if isinstance(current, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        pending.extend((child, level + 1) for child in children)
    return deepest


def too_large(size: int, limit: int = MAX_BODY_BYTES) -> Refused | None:
    """The refusal of a body of `size` bytes, or None when it fits."""
    if size <= limit:
        return None
    return Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"The body must be at most {limit} bytes")


def read_json(raw: bytes | str | None, max_bytes: int = MAX_BODY_BYTES) -> Any:
    """The JSON document in `raw`, or Refused: 413 when too large, 400 when unreadable or too deep."""
    raw = raw or b""
    refused = too_large(len(raw.encode("utf-8")) if isinstance(raw, str) else len(raw), max_bytes)
    if refused:
        raise refused
    try:
        document = json.loads(raw)
    except RecursionError:  # deeper than the interpreter's recursion limit
        document, too_deep = None, True
    except (ValueError, UnicodeDecodeError):
        raise Refused(HTTPStatus.BAD_REQUEST, "The body must be JSON") from None
    else:
        too_deep = depth(document) > MAX_JSON_DEPTH
    if too_deep:
        raise Refused(HTTPStatus.BAD_REQUEST, f"JSON may nest at most {MAX_JSON_DEPTH} levels deep")
    return document


def metadata_fits(metadata: Any) -> bool:
    """Whether a message's metadata is small enough to store with the conversation."""
    return len(json.dumps(metadata, ensure_ascii=False).encode("utf-8")) <= MAX_METADATA_BYTES


class LimitedJSON:
    """The `json` module python-socketio decodes packets with, held to the same depth limit.

    Size is engine.io's job (`max_http_buffer_size`); a packet nested too deeply raises Refused, which
    the socket.io server answers instead of the stock handler error and its traceback."""

    @staticmethod
    def loads(text: str, **kwargs: Any) -> Any:
        return read_json(text)

    @staticmethod
    def dumps(value: Any, **kwargs: Any) -> str:
        return json.dumps(value, **kwargs)
