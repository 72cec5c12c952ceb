"""The Slack channel: Rasa 3.6's SlackInput with Block Kit replies and its request handling fixed.

What differs from the stock channel (Rasa 3.6.21):
- Secrets come from the environment: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (names configurable in
  credentials.yml). Without them the channel stays off and answers 503 rather than stopping start-up.
- A retry of an event already received is acknowledged and not processed again, whatever Slack's
  retry reason (stock only skips `http_timeout` retries, so others were answered twice); so is a
  button click sent twice (a replayed interaction, told apart by its trigger id and action time).
  With REDIS_HOST set (scaled out) the ids seen live in Redis, shared by all replicas.
- `Content-Type: application/json; charset=utf-8` (any parameters, any case) is read like
  `application/json`; stock compared the whole header and silently ignored such requests.
- url_verification answers `{"challenge": ...}`; a body that is not valid JSON or nests too deeply
  gets 400, one over 1 MB gets 413 (channels/limits.py says why Slack's limit is higher).
- Replies use Block Kit: text as mrkdwn sections, buttons as an actions block (clicks come back as
  interactive payloads), and the recommendation as a card of sections.
- Typed text passes channels/guard.py (length, control characters, slash syntax); a message without
  text (stock: ignored, so the person met silence) gets the guard's polite reply.
- `api_url` in credentials.yml points the Web API client elsewhere (the tests' fake Slack API).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import OrderedDict
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import redis
import redis.asyncio
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from channels.guard import check_text
from channels.limits import MAX_SLACK_BODY_BYTES, Refused, read_json, too_large

logger = logging.getLogger(__name__)

SECTION_LIMIT = 3000  # characters in one section block's text


def mrkdwn_escape(text: str) -> str:
    """Slack's three control characters; everything else in mrkdwn is plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section(text: str) -> Dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn_escape(text)[:SECTION_LIMIT]}}


def bullets(items: List[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def recommendation_blocks(advice: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The recommendation card: strategy and confidence, reasons, caveats, next steps."""
    title = str(advice.get("title") or advice.get("strategy"))
    blocks: List[Dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"My recommendation: {title}"}},
        {"type": "context", "elements": [
            {"type": "mrkdwn", "text": f"{round(float(advice.get('confidence', 0)) * 100)}% confident"}]},
    ]
    for heading, key in (("Why", "reasons"), ("Keep in mind", "caveats"), ("Next steps", "next_steps")):
        if advice.get(key):
            blocks.append({"type": "section", "text": {
                "type": "mrkdwn", "text": f"*{heading}*\n" + mrkdwn_escape(bullets(advice[key]))[:SECTION_LIMIT]}})
    return blocks


class SlackBlocksOutput(SlackBot):
    """Posts replies as Block Kit messages."""

    def __init__(self, token: Text, slack_channel: Optional[Text] = None, thread_id: Optional[Text] = None,
                 proxy: Optional[Text] = None, api_url: Optional[Text] = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        if api_url:
            self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        advice = (message.get("custom") or {}).get("recommendation")
        if advice:
            # One card with the text as its fallback (notifications, screen readers), not both.
            await self._post_message(channel=self.slack_channel or recipient_id,
                                     text=mrkdwn_escape(message.get("text") or "My recommendation"),
                                     blocks=recommendation_blocks(advice))
            return
        await super().send_response(recipient_id, message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._post_message(channel=self.slack_channel or recipient_id, text=mrkdwn_escape(text),
                                 blocks=[section(text)])

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        actions = {"type": "actions", "elements": [
            {"type": "button", "action_id": f"choice_{index}",
             "text": {"type": "plain_text", "text": button["title"][:75]}, "value": button["payload"][:2000]}
            for index, button in enumerate(buttons[:25])
        ]}
        await self._post_message(channel=self.slack_channel or recipient_id, text=mrkdwn_escape(text),
                                 blocks=[section(text), actions])

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        # Payloads for other front ends (e.g. the what-if scenario) are not Slack messages; the text
        # that came with them has been posted already.
        logger.debug("Slack: not posting a custom payload with keys %s", sorted(json_message))


class SeenEvents:
    """Event and click ids already taken in by this process, remembered for an hour (Slack retries within
    minutes, and a signature stays valid for five)."""

    def __init__(self, ttl: float = 3600, limit: int = 10_000) -> None:
        self.ttl, self.limit = ttl, limit
        self._seen: OrderedDict[str, float] = OrderedDict()

    async def first_time(self, event_id: str, now: Optional[float] = None) -> bool:
        now = time.monotonic() if now is None else now
        while self._seen and (len(self._seen) >= self.limit or next(iter(self._seen.values())) < now - self.ttl):
            self._seen.popitem(last=False)
        if event_id in self._seen:
            return False
        self._seen[event_id] = now
        return True


class RedisSeenEvents:
    """Event and click ids already taken in by any replica: one Redis key each (SET NX EX), for an hour.

    With several replicas behind a load balancer a retry may reach another replica than the first
    delivery did. If Redis cannot be reached the event is processed (a rare duplicate reply is
    better than a lost message) and the error logged.
    """

    def __init__(self, client: "redis.asyncio.Redis", ttl: int = 3600) -> None:
        self.client, self.ttl = client, ttl

    @classmethod
    def from_environment(cls) -> Optional["RedisSeenEvents"]:
        """The lock store's Redis (REDIS_HOST, REDIS_PORT, REDIS_DB, REDIS_PASSWORD), if one is set."""
        host = os.environ.get("REDIS_HOST")
        if not host:
            return None
        return cls(redis.asyncio.Redis(host=host, port=int(os.environ.get("REDIS_PORT") or 6379),
                                       db=int(os.environ.get("REDIS_DB") or 0),
                                       password=os.environ.get("REDIS_PASSWORD") or None, socket_timeout=2))

    async def first_time(self, event_id: str) -> bool:
        try:
            return bool(await self.client.set(f"slack-event:{event_id}", "1", nx=True, ex=self.ttl))
        except redis.RedisError as error:
            logger.error("Slack: Redis unreachable for retry detection (%s); processing the event", error)
            return True


def media_type(request: Request) -> str:
    return (request.headers.get("content-type") or "").split(";")[0].strip().lower()


class SlackEventsInput(SlackInput):
    """Slack Events API and interactivity on /webhooks/slack/webhook."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SlackEventsInput":
        credentials = credentials or {}
        return cls(
            slack_token=os.environ.get(credentials.get("slack_token_env", "SLACK_BOT_TOKEN"), ""),
            slack_signing_secret=os.environ.get(credentials.get("slack_signing_secret_env", "SLACK_SIGNING_SECRET"), ""),
            slack_channel=credentials.get("slack_channel"),
            use_threads=bool(credentials.get("use_threads", False)),
            conversation_granularity=credentials.get("conversation_granularity", "sender"),
            api_url=credentials.get("api_url"),
        )

    def __init__(self, slack_token: Text, slack_signing_secret: Text, slack_channel: Optional[Text] = None,
                 use_threads: bool = False, conversation_granularity: Text = "sender",
                 api_url: Optional[Text] = None) -> None:
        self.api_url = api_url
        self.seen = RedisSeenEvents.from_environment() or SeenEvents()
        super().__init__(slack_token, slack_channel, use_threads=use_threads,
                         slack_signing_secret=slack_signing_secret, conversation_granularity=conversation_granularity)

    @property
    def configured(self) -> bool:
        return bool(self.slack_token and self.slack_signing_secret)

    def _validate_credentials(self) -> None:
        if not self.configured:
            logger.warning("Slack channel off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to turn it on")

    @staticmethod
    def _is_user_message(body: Dict[Text, Any]) -> bool:
        """A person's message, also one without text (a file, say: it gets the guard's polite reply);
        not a bot's, and not an edit, a deletion or a join, which Slack marks with a subtype."""
        event = body.get("event") or {}
        return (event.get("type") in ("message", "app_mention") and bool(event.get("user"))
                and not event.get("bot_id") and event.get("subtype") in (None, "file_share"))

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        return SlackBlocksOutput(self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url)

    def _accept(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], text: Text, sender_id: Text,
                metadata: Dict[Text, Any]) -> HTTPResponse:
        thread_id = metadata.get("thread_id") if self.use_threads else None
        output = self.get_output_channel(metadata.get("out_channel"), thread_id)
        checked = check_text(text)
        if checked.reply:
            work = output.send_text_message(sender_id, checked.reply)
        else:
            work = on_new_message(UserMessage(checked.text, output, sender_id, input_channel=self.name(),
                                              metadata=metadata))
        # Slack wants an answer within 3 s: the bot replies through the Web API when it is done.
        task = asyncio.create_task(work)
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)
        return response.text("")

    async def _event(self, body: Dict[Text, Any], request: Request,
                     on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if body.get("type") == "url_verification":
            return response.json({"challenge": body.get("challenge")})
        event_id = body.get("event_id")
        if event_id and not await self.seen.first_time(str(event_id)):
            logger.info("Slack retry #%s of event %s (%s) acknowledged, not processed again",
                        request.headers.get("x-slack-retry-num"), event_id, request.headers.get("x-slack-retry-reason"))
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        if not self._is_user_message(body):
            return response.text("not a user message")
        event = body["event"]
        thread_id = event.get("thread_ts", event.get("ts"))
        users = body.get("authed_users") or [a.get("user_id") for a in body.get("authorizations") or []][:1]
        metadata = {"out_channel": event.get("channel"), "thread_id": thread_id, "users": users}
        if not self._is_supported_channel(body, metadata):
            return response.text("channel not supported")
        text = self._sanitize_user_message(event.get("text", ""), users)
        sender_id = self._get_conversation_id(event.get("user"), event.get("channel"), thread_id)
        return self._accept(on_new_message, text, sender_id, metadata)

    async def _interaction(self, payload: Dict[Text, Any],
                           on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        if not self._is_interactive_message(payload):
            return response.text("unsupported interaction", status=HTTPStatus.BAD_REQUEST)
        action = payload["actions"][0]
        text = self._get_interactive_response(action)
        if text is None:
            return response.text("")  # e.g. a link button: nothing to tell the bot
        click = f"interaction:{payload.get('trigger_id')}:{action.get('action_ts')}"
        if not await self.seen.first_time(click):
            logger.info("Slack: a button click received before was acknowledged, not processed again")
            return response.text("")
        message = payload.get("message") or {}
        channel = (payload.get("channel") or {}).get("id")
        thread_id = message.get("thread_ts", message.get("ts"))
        user = (payload.get("user") or {}).get("id")
        metadata = {"out_channel": channel, "thread_id": thread_id, "users": [user] if user else []}
        return self._accept(on_new_message, text, self._get_conversation_id(user, channel, thread_id), metadata)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("slack_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.configured else "not configured"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.configured:
                return response.json({"error": "Slack is not configured on this server"},
                                     status=HTTPStatus.SERVICE_UNAVAILABLE)
            oversized = too_large(len(request.body), MAX_SLACK_BODY_BYTES)
            if oversized:
                return response.text(oversized.reason, status=oversized.status)
            if not self.is_request_from_slack_authentic(request):
                return response.text("Request not signed by Slack (or older than 5 minutes)",
                                     status=HTTPStatus.BAD_REQUEST)
            kind = media_type(request)
            try:
                if kind == "application/json":
                    body = read_json(request.body, MAX_SLACK_BODY_BYTES)
                    if isinstance(body, dict):
                        return await self._event(body, request, on_new_message)
                elif kind == "application/x-www-form-urlencoded":
                    payload = read_json(request.form.get("payload") or "null", MAX_SLACK_BODY_BYTES)
                    if isinstance(payload, dict):
                        return await self._interaction(payload, on_new_message)
                else:
                    return response.text(f"Unsupported content type {kind!r}", status=HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
            except Refused as refused:
                logger.warning("Slack: refused a request (%s)", refused.reason)
                return response.text(refused.reason, status=refused.status)
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                logger.warning("Slack: unreadable request (%s)", type(error).__name__)
            return response.text("Unreadable Slack request", status=HTTPStatus.BAD_REQUEST)

        return webhook
