"""The socket.io channel the web widget talks to: Rasa 3.6's SocketIOInput with its faults removed.

Stock SocketIOInput (Rasa 3.6.21, python-socketio 5.x) gets these things wrong:
- with `session_persistence` it calls `AsyncServer.enter_room` without awaiting it (a coroutine in
  python-socketio 5), so the socket never joins its session's room and no bot reply arrives;
- it emits custom JSON as keyword arguments (`emit(event, **payload)`), which raises for any payload
  that is not shaped like `emit`'s own parameters, such as `{"recommendation": ...}`;
- data that is not an object (the widget sends `null` when it has no initPayload) raises;
- typed text is not checked: here it passes channels/guard.py (length, control characters, slash syntax);
- engine.io's origin check is switched off (so that Sanic's CORS handles HTTP), which leaves
  websocket connections open to every site. Here only the configured site origins may connect;
- the client chooses its session id and any socket may send into any session, so one visitor could
  read and speak in another's conversation. Here the server issues the ids, signed (HMAC-SHA256 with
  WEBCHAT_SESSION_SECRET): a `session_request` for an id it did not sign gets a new session instead,
  and a socket may only send into the session it was confirmed for. The widget keeps what the server
  confirms, so a page reload continues the conversation;
- packets have engine.io's 1 MB limit and any JSON depth (a deeply nested one fails with a traceback
  and is dropped silently). Here a packet over 64 KB closes the socket, one nested too deeply is
  answered politely, and metadata over 8 KB is dropped with a log line (channels/limits.py).

Credentials (credentials.yml) are those of the stock channel minus JWT; the allowed origins come
from RASA_CORS_ORIGIN (space-separated), the same variable `make serve` gives `--cors`. Without
WEBCHAT_SESSION_SECRET each server start signs with a random secret of its own: sessions then end
with the server and are not recognised by other replicas.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels.guard import check_text
from channels.limits import MAX_BODY_BYTES, MAX_METADATA_BYTES, LimitedJSON, Refused, metadata_fits

logger = logging.getLogger(__name__)

DEFAULT_ORIGIN = "http://127.0.0.1:8080"
SESSION_ID = re.compile(r"(?P<key>[0-9a-f]{32})-(?P<signature>[0-9a-f]{32})")
UNREADABLE = "I couldn't read that message. Could you type it again, in plain words?"


def allowed_origins(value: Optional[str] = None) -> frozenset[str]:
    """The site origins that may open a socket, from RASA_CORS_ORIGIN."""
    raw = value if value is not None else os.environ.get("RASA_CORS_ORIGIN", DEFAULT_ORIGIN)
    return frozenset(part.rstrip("/") for part in raw.split() if part)


class SessionIds:
    """Widget session ids the server issues: a random key and its HMAC-SHA256 signature (128 bits each)."""

    def __init__(self, secret: Optional[str] = None) -> None:
        if not secret:
            logger.warning("WEBCHAT_SESSION_SECRET is not set: widget sessions last until this server stops "
                           "and other replicas will not recognise them")
        self._secret = (secret or secrets.token_hex(32)).encode()

    def _signature(self, key: str) -> str:
        return hmac.new(self._secret, key.encode(), hashlib.sha256).hexdigest()[:32]

    def new(self) -> str:
        key = secrets.token_hex(16)
        return f"{key}-{self._signature(key)}"

    def issued(self, session_id: Any) -> bool:
        """Whether this server (or one with the same secret) issued `session_id`."""
        match = SESSION_ID.fullmatch(session_id) if isinstance(session_id, str) else None
        return bool(match) and hmac.compare_digest(self._signature(match["key"]), match["signature"])


class GuardedAsyncServer(AsyncServer):
    """python-socketio's server with packets read within channels/limits.py's limits; a refused packet
    gets a polite `reply_event` instead of a handler error."""

    def __init__(self, reply_event: str, **kwargs: Any) -> None:
        super().__init__(json=LimitedJSON, max_http_buffer_size=MAX_BODY_BYTES, **kwargs)
        self.reply_event = reply_event

    async def _handle_eio_message(self, eio_sid: str, data: Any) -> None:
        try:
            await super()._handle_eio_message(eio_sid, data)
        except Refused as refused:  # raised while the packet was decoded, before any handler ran
            logger.warning("Refused a socket.io packet: %s", refused.reason)
            sid = self.manager.sid_from_eio_sid(eio_sid, "/")
            if sid:
                await self.emit(self.reply_event, {"text": UNREADABLE}, room=sid)


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
            session_ids=SessionIds(os.environ.get("WEBCHAT_SESSION_SECRET")),
        )

    def __init__(
        self,
        user_message_evt: Text = "user_uttered",
        bot_message_evt: Text = "bot_uttered",
        session_persistence: bool = False,
        socketio_path: Text = "/socket.io",
        origins: frozenset[str] = frozenset({DEFAULT_ORIGIN}),
        session_ids: Optional[SessionIds] = None,
    ) -> None:
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.session_persistence = session_persistence
        self.socketio_path = socketio_path
        self.origins = origins
        self.session_ids = session_ids or SessionIds()
        self.sio: Optional[AsyncServer] = None

    def get_output_channel(self) -> Optional[OutputChannel]:
        return WebChatOutput(self.sio, self.bot_message_evt) if self.sio else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = GuardedAsyncServer(self.bot_message_evt, async_mode="sanic", cors_allowed_origins=[])
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
            if self.session_ids.issued(asked):
                session_id = asked
            else:
                if asked:
                    logger.warning("Refused a widget session id this server did not issue; started a new session")
                session_id = self.session_ids.new()
            async with sio.session(sid) as session:
                previous, session["session_id"] = session.get("session_id"), session_id
            if self.session_persistence:
                if previous and previous != session_id:
                    await sio.leave_room(sid, previous)
                await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on(self.user_message_evt)
        async def handle_message(sid: Text, data: Any = None) -> None:
            text = data.get("message") if isinstance(data, dict) else None
            if not isinstance(text, str):
                logger.debug("Ignored a socket.io message without text from %s", sid)
                return
            if self.session_persistence:
                confirmed = (await sio.get_session(sid)).get("session_id")
                if confirmed is None or data.get("session_id") != confirmed:
                    logger.warning("Ignored a socket.io message for a session its socket was not confirmed for")
                    return
                sender_id = confirmed
            else:
                sender_id = sid
            checked = check_text(text)
            if checked.reply:
                await sio.emit(self.bot_message_evt, {"text": checked.reply}, room=sid)
                return
            metadata = data.get("metadata")
            if metadata is not None and not (isinstance(metadata, dict) and metadata_fits(metadata)):
                logger.warning("Dropped a socket.io message's metadata: not an object of at most %d bytes",
                               MAX_METADATA_BYTES)
                metadata = None
            await on_new_message(
                UserMessage(
                    checked.text,
                    WebChatOutput(sio, self.bot_message_evt),
                    sender_id,
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )

        return webhook
