"""The socket.io channel the web widget talks to: Rasa 3.6's SocketIOInput with its faults removed.

Stock SocketIOInput (Rasa 3.6.21, python-socketio 5.x) gets these things wrong:
- with `session_persistence` it calls `AsyncServer.enter_room` without awaiting it (a coroutine in
  python-socketio 5), so the socket never joins its session's room and no bot reply arrives;
- it emits custom JSON as keyword arguments (`emit(event, **payload)`), which raises for any payload
  that is not shaped like `emit`'s own parameters, such as `{"recommendation": ...}`;
- data that is not an object (the widget sends `null` when it has no initPayload) raises;
- typed text is not checked: here it passes channels/guard.py (length, control characters, slash syntax);
- engine.io's origin check is switched off (so that Sanic's CORS handles HTTP), which leaves
  websocket connections open to every site. Here only the configured site origins may connect.

Credentials (credentials.yml) are those of the stock channel minus JWT; the allowed origins come
from RASA_CORS_ORIGIN (space-separated), the same variable `make serve` gives `--cors`.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels.guard import check_text

logger = logging.getLogger(__name__)

DEFAULT_ORIGIN = "http://127.0.0.1:8080"
SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def allowed_origins(value: Optional[str] = None) -> frozenset[str]:
    """The site origins that may open a socket, from RASA_CORS_ORIGIN."""
    raw = value if value is not None else os.environ.get("RASA_CORS_ORIGIN", DEFAULT_ORIGIN)
    return frozenset(part.rstrip("/") for part in raw.split() if part)


class WebChatOutput(SocketIOOutput):
    """Sends custom JSON as the event's data, the way the widget reads every other message."""

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, json_message)


class WebChatInput(InputChannel):
    """socket.io for rasa-webchat: persistent sessions that work, origin-checked sockets."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        return cls(
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            session_persistence=bool(credentials.get("session_persistence", False)),
            socketio_path=credentials.get("socketio_path", "/socket.io"),
            origins=allowed_origins(),
        )

    def __init__(
        self,
        user_message_evt: Text = "user_uttered",
        bot_message_evt: Text = "bot_uttered",
        session_persistence: bool = False,
        socketio_path: Text = "/socket.io",
        origins: frozenset[str] = frozenset({DEFAULT_ORIGIN}),
    ) -> None:
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.session_persistence = session_persistence
        self.socketio_path = socketio_path
        self.origins = origins
        self.sio: Optional[AsyncServer] = None

    def get_output_channel(self) -> Optional[OutputChannel]:
        return WebChatOutput(self.sio, self.bot_message_evt) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect")
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            # Browsers always send Origin with a websocket or cross-site request; other clients
            # (server-side integrations, tests) send none and are let in, as with plain HTTP.
            origin = environ.get("HTTP_ORIGIN")
            if origin is not None and origin.rstrip("/") not in self.origins:
                logger.warning("Refused a socket.io connection from origin %s", origin)
                return False
            return True

        @sio.on("session_request")
        async def session_request(sid: Text, data: Any = None) -> None:
            asked = data.get("session_id") if isinstance(data, dict) else None
            session_id = asked if isinstance(asked, str) and SESSION_ID.fullmatch(asked) else uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(self.user_message_evt)
        async def handle_message(sid: Text, data: Any = None) -> None:
            text = data.get("message") if isinstance(data, dict) else None
            if not isinstance(text, str):
                logger.debug("Ignored a socket.io message without text from %s", sid)
                return
            if self.session_persistence:
                session_id = data.get("session_id")
                if not isinstance(session_id, str) or not SESSION_ID.fullmatch(session_id):
                    logger.warning("Ignored a socket.io message without a valid session_id")
                    return
                sender_id = session_id
            else:
                sender_id = sid
            checked = check_text(text)
            if checked.reply:
                await sio.emit(self.bot_message_evt, {"text": checked.reply}, room=sid)
                return
            metadata = data.get("metadata")
            await on_new_message(
                UserMessage(
                    checked.text,
                    WebChatOutput(sio, self.bot_message_evt),
                    sender_id,
                    input_channel=self.name(),
                    metadata=metadata if isinstance(metadata, dict) else None,
                )
            )

        return webhook
