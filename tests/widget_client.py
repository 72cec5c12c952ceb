"""The web widget as the tests play it on the wire: python-socketio's client doing what rasa-webchat
does (session_request on connect, then user_uttered with the confirmed session id)."""

from __future__ import annotations

import asyncio

import socketio

SITE = "http://site.example"  # the origin the tests' bots allow (RASA_CORS_ORIGIN)
REPLY_TIMEOUT = 30


class Widget:
    """One browser tab's socket: replies and session confirmations arrive in queues."""

    def __init__(self, url: str, origin: str = SITE):
        self.url, self.origin = url, origin
        self.client = socketio.AsyncClient(reconnection=False)
        self.replies: asyncio.Queue = asyncio.Queue()
        self.confirmed: asyncio.Queue = asyncio.Queue()
        self.client.on("bot_uttered", self.replies.put_nowait)
        self.client.on("session_confirm", self.confirmed.put_nowait)

    async def connect(self) -> None:
        # polling: aiohttp 3.9 (Rasa's pin) lacks what the websocket client needs
        await self.client.connect(self.url, headers={"Origin": self.origin}, transports=["polling"],
                                  socketio_path="/socket.io")

    async def open(self, session_id: str | None = None) -> str:
        await self.connect()
        await self.client.emit("session_request", {"session_id": session_id})
        self.session_id = await asyncio.wait_for(self.confirmed.get(), REPLY_TIMEOUT)
        return self.session_id

    async def say(self, text: str, quiet_for: float = 1.5) -> list[dict]:
        await self.client.emit("user_uttered", {"message": text, "session_id": self.session_id})
        return await self.collect(quiet_for)

    async def collect(self, quiet_for: float = 1.5) -> list[dict]:
        """Every reply until the bot has been quiet for `quiet_for` seconds (at least one reply)."""
        replies = [await asyncio.wait_for(self.replies.get(), REPLY_TIMEOUT)]
        while True:
            try:
                replies.append(await asyncio.wait_for(self.replies.get(), quiet_for))
            except asyncio.TimeoutError:
                return replies

    async def silent_for(self, seconds: float) -> bool:
        """Whether no reply arrives within `seconds`."""
        try:
            await asyncio.wait_for(self.replies.get(), seconds)
        except asyncio.TimeoutError:
            return True
        return False

    async def close(self) -> None:
        # abort: do not wait out the pending long-poll (up to the server's 25 s ping interval)
        await self.client.eio.disconnect(abort=True)


def texts(replies: list[dict]) -> str:
    return " ".join(r.get("text", "") for r in replies)
