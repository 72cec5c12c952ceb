"""Calls to the action server that fail quickly and visibly.

Rasa 3.6.21 waits up to 300 s for a custom action, and when the call fails it logs the error and
carries on without a reply, so the user meets silence. `ResilientRemoteAction` bounds every call
by ACTION_TIMEOUT seconds (default 5) and, when the action server is down, answers with an error or
hangs, logs the failure at ERROR and sends `utter_technical_problem` instead: an apology with the
provider's phone and email. It apologises once per turn; later custom actions of the same turn are
skipped, so a hanging server costs one timeout, not several. When a form's validation is what
failed, the slots this turn's message filled go back to their earlier values: nothing unchecked
(say "-40" people) stays in the profile. The next message tries the action server again, so the
conversation continues once it is back.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
from typing import Any, List

import aiohttp
import jsonschema
import rasa.core.actions.action as rasa_action
import rasa.core.actions.forms as rasa_forms
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction, create_bot_utterance
from rasa.shared.core.events import (
    ActionExecuted, AllSlotsReset, BotUttered, Event, Restarted, SlotSet, UserUttered)

from actions.provider import load_provider

logger = logging.getLogger(__name__)
APOLOGY = "utter_technical_problem"
DEFAULT_TIMEOUT = 5.0


def action_timeout() -> float:
    """Seconds one custom action may take (ACTION_TIMEOUT, default 5)."""
    try:
        seconds = float(os.environ.get("ACTION_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        seconds = DEFAULT_TIMEOUT
    return seconds if seconds > 0 else DEFAULT_TIMEOUT


def apologised_this_turn(events: List[Event]) -> bool:
    for event in reversed(events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and event.metadata.get("utter_action") == APOLOGY:
            return True
    return False


def unchecked_slots_reverted(events: List[Event]) -> List[SlotSet]:
    """SlotSets that give the slots filled from the user's latest message (by Rasa's extraction, which
    runs right after it) the values they had before it."""
    last_user = max((i for i, e in enumerate(events) if isinstance(e, UserUttered)), default=None)
    if last_user is None:
        return []
    filled: list[str] = []
    for event in events[last_user + 1:]:
        if isinstance(event, ActionExecuted):
            break
        if isinstance(event, SlotSet) and event.key != "requested_slot" and event.key not in filled:
            filled.append(event.key)
    earlier: dict[str, Any] = {}
    for event in events[:last_user]:
        if isinstance(event, (AllSlotsReset, Restarted)):
            earlier.clear()
        elif isinstance(event, SlotSet):
            earlier[event.key] = event.value
    return [SlotSet(key, earlier.get(key)) for key in filled]


def _reason(error: BaseException) -> str:
    """What went wrong, without messages or bodies that might quote the user's words."""
    if isinstance(error, asyncio.TimeoutError):
        return f"no answer within {action_timeout():g} s"
    cause = error.__cause__ or error.__context__
    if isinstance(cause, aiohttp.ClientResponseError):
        return f"the action server answered HTTP {cause.status}"
    if isinstance(cause, aiohttp.ClientConnectionError):
        return f"cannot reach the action server ({type(cause).__name__})"
    return type(error).__name__


def _validator(schema: dict) -> jsonschema.protocols.Validator:
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@functools.lru_cache(maxsize=1)
def _answer_validators() -> tuple[jsonschema.protocols.Validator, dict[str, jsonschema.protocols.Validator]]:
    """Validators of Rasa's schema for action-server answers, each schema checked once: one for the
    answer around its events, and one per event type.

    Rasa calls `jsonschema.validate()` on every answer, which checks the schema before the answer (under
    load that was 43 % of the Rasa server's CPU time). Its schema also states an event as a `oneOf` of
    all 23 event types, so every event is tried against all of them: 2 ms for a form's answer of ten
    slots. The types differ in the constant of their `event` property, which every event must have, so
    an event matches exactly one of them precisely when it matches its own type's schema."""
    spec = RemoteAction.action_response_format_spec()
    event_schema = spec["properties"]["events"]["items"]
    common = {key: value for key, value in event_schema.items() if key != "oneOf"}
    per_type = {variant["properties"]["event"]["const"]: _validator({"allOf": [common, variant]})
                for variant in event_schema["oneOf"]}
    if len(per_type) != len(event_schema["oneOf"]):
        raise RuntimeError("Rasa's schema for action-server answers gives two event types the same name")
    answer = _validator({**spec, "properties": {**spec["properties"], "events": {"type": "array"}}})
    return answer, per_type


def answer_is_valid(result: Any) -> bool:
    """Whether an action server's answer fits Rasa's schema for it (as `jsonschema.validate` would say)."""
    answer, per_type = _answer_validators()
    if not answer.is_valid(result):
        return False
    for event in result.get("events", []):
        name = event.get("event") if isinstance(event, dict) else None
        validator = per_type.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


class ResilientRemoteAction(RemoteAction):
    """A custom action whose failure reaches the user as an apology within ACTION_TIMEOUT seconds."""

    def _validate_action_result(self, result: dict[str, Any]) -> bool:
        if answer_is_valid(result):
            return True
        return super()._validate_action_result(result)  # raises Rasa's own error for the bad answer

    async def run(self, output_channel, nlg, tracker, domain) -> List[Event]:
        if apologised_this_turn(list(tracker.events)):
            logger.warning("Skipped custom action '%s': the action server already failed in this turn.",
                           self.name())
            return []
        try:
            return await asyncio.wait_for(super().run(output_channel, nlg, tracker, domain),
                                          timeout=action_timeout())
        except ActionExecutionRejection:
            raise  # not a failure: a form saying the message does not fill its slot
        except Exception as error:  # any failure of the call, its answer or its responses
            logger.error("Custom action '%s' failed, the user gets an apology: %s", self.name(), _reason(error))
            events: List[Event] = [await self._apology(output_channel, nlg, tracker)]
            if self.name().startswith("validate_"):
                events += unchecked_slots_reverted(list(tracker.events))
            return events

    @staticmethod
    async def _apology(output_channel, nlg, tracker) -> BotUttered:
        message: dict[str, Any] = await nlg.generate(
            APOLOGY, tracker, output_channel.name(), **load_provider().template_vars()) or {}
        return create_bot_utterance({**message, "utter_action": APOLOGY})


def install() -> None:
    """Make Rasa create ResilientRemoteAction wherever it would create a RemoteAction."""
    load_provider()  # the apology quotes it: a broken provider file stops start-up here, not later
    rasa_action.RemoteAction = ResilientRemoteAction
    rasa_forms.RemoteAction = ResilientRemoteAction
