"""runtime/action_calls.py in process: which slots a failed validation puts back, one apology per
turn, and ResilientRemoteAction against an action server that refuses, hangs or rejects."""

from __future__ import annotations

import contextlib
import socket
import time

import jsonschema

import pytest
import rasa.core.actions.action as rasa_action
import rasa.core.actions.forms as rasa_forms
from aiohttp import web
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, ActionExecutionRejected, ActionReverted, ActiveLoop,
                                     AllSlotsReset, BotUttered, ConversationPaused, ConversationResumed,
                                     DefinePrevUserUtteredFeaturization, EntitiesAdded, FollowupAction,
                                     LoopInterrupted, ReminderCancelled, Restarted, SessionStarted, SlotSet,
                                     StoryExported, UserUttered, UserUtteranceReverted)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from runtime import action_calls
from runtime.action_calls import APOLOGY, ResilientRemoteAction, apologised_this_turn, unchecked_slots_reverted
from tests.rasa_cli import ROOT
from tests.servers import free_port


@pytest.mark.parametrize("events, reverted", [
    ([], []),
    ([UserUttered("40 people in Denver"), SlotSet("employees", "40"), SlotSet("location", "Denver"),
      ActionExecuted("profile_form"), SlotSet("goals", ["cost"])],
     [SlotSet("employees", None), SlotSet("location", None)]),  # only what the extraction filled
    ([SlotSet("location", "Boston"), UserUttered("we moved to Atlantis"), SlotSet("location", "Atlantis"),
      SlotSet("requested_slot", "goals")],
     [SlotSet("location", "Boston")]),  # back to the earlier, checked value
    ([SlotSet("location", "Boston"), AllSlotsReset(), UserUttered("Atlantis"), SlotSet("location", "Atlantis")],
     [SlotSet("location", None)]),
    ([SlotSet("location", "Boston"), UserUttered("hello"), ActionExecuted("utter_greet")], []),
])
def test_the_slots_of_the_latest_message_go_back(events, reverted):
    assert unchecked_slots_reverted(events) == reverted


def apology() -> BotUttered:
    return BotUttered("sorry", metadata={"utter_action": APOLOGY})


@pytest.mark.parametrize("events, already", [
    ([UserUttered("hi")], False),
    ([UserUttered("hi"), apology()], True),
    ([apology(), UserUttered("hi again")], False),  # a new turn: try again
])
def test_one_apology_per_turn(events, already):
    assert apologised_this_turn(events) is already


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def turn(*events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("someone", [ActionExecuted("action_listen"), *events])


async def run(domain: Domain, name: str, url: str, tracker: DialogueStateTracker):
    action = ResilientRemoteAction(name, EndpointConfig(url))
    started = time.monotonic()
    events = await action.run(CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(domain.responses),
                              tracker, domain)
    return events, time.monotonic() - started


@pytest.mark.asyncio
async def test_a_refused_validation_apologises_and_reverts(domain, test_provider):
    tracker = turn(UserUttered("we have -40 people"), SlotSet("employees", "-40"))
    events, seconds = await run(domain, "validate_profile_form", f"http://127.0.0.1:{free_port()}/webhook", tracker)
    assert seconds < 2
    assert events[0].text.startswith("Sorry, something went wrong") and "+44 20 7946 0958" in events[0].text
    assert events[1:] == [SlotSet("employees", None)]


@pytest.mark.asyncio
async def test_a_hanging_action_server_is_given_up_after_the_timeout(domain, test_provider, monkeypatch):
    monkeypatch.setenv("ACTION_TIMEOUT", "1.5")
    with socket.socket() as silent:  # accepts connections (the kernel's backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/webhook"
        events, seconds = await run(domain, "action_recommend", url, turn(UserUttered("our help desk")))
    assert 1.4 < seconds < 3
    assert [e.metadata.get("utter_action") for e in events] == [APOLOGY]
    # The same turn again: skipped at once, no second apology.
    events, seconds = await run(domain, "action_explain", url, turn(UserUttered("our help desk"), *events))
    assert events == [] and seconds < 0.5


@contextlib.asynccontextmanager
async def action_server(answer):
    """A local action server whose every call gets `answer(request)`; yields its webhook URL."""
    app = web.Application()
    app.router.add_post("/webhook", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield f"http://127.0.0.1:{port}/webhook"
    finally:
        await runner.cleanup()


@pytest.mark.asyncio
async def test_a_form_rejection_is_not_a_failure(domain, test_provider):
    async def reject(request):
        return web.json_response({"action_name": "validate_profile_form", "error": "nothing here"}, status=400)

    async with action_server(reject) as url:
        with pytest.raises(ActionExecutionRejection):
            await run(domain, "validate_profile_form", url, turn(UserUttered("hm")))


@pytest.mark.asyncio
async def test_answers_are_checked_against_rasas_schema_which_is_checked_once(domain, test_provider, monkeypatch):
    good = {"events": [{"event": "slot", "name": "goals", "value": ["cost"]}], "responses": []}
    answers = iter([good, good, good, {"events": "not a list", "responses": []}])

    async def answer(request):
        return web.json_response(next(answers))

    checked = []
    validator_class = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec())
    monkeypatch.setattr(validator_class, "check_schema",
                        classmethod(lambda cls, schema, **kw: checked.append(schema)))
    action_calls._answer_validators.cache_clear()
    try:
        async with action_server(answer) as url:
            checked_by_first = None
            for _ in range(3):
                events, _ = await run(domain, "action_recommend", url, turn(UserUttered("our help desk")))
                assert events == [SlotSet("goals", ["cost"])]
                checked_by_first = checked_by_first or len(checked)
            assert len(checked) == checked_by_first > 0  # all of it during the first answer
            events, _ = await run(domain, "action_recommend", url, turn(UserUttered("our help desk")))
            assert [e.metadata.get("utter_action") for e in events] == [APOLOGY]  # the malformed answer
    finally:
        action_calls._answer_validators.cache_clear()

    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        ResilientRemoteAction("action_recommend", None)._validate_action_result({"events": "not a list"})


EVENTS = [ActionExecuted("action_recommend"), BotUttered("hi", {"buttons": []}, {"utter_action": "utter_greet"}),
          SlotSet("goals", ["cost"]), ActiveLoop("profile_form"), ActiveLoop(None), FollowupAction("action_listen"),
          UserUttered("hi", {"name": "greet", "confidence": 0.9}, [{"entity": "goal", "value": "cost", "start": 0,
                                                                   "end": 2}]),
          AllSlotsReset(), Restarted(), SessionStarted(), LoopInterrupted(True), ActionExecutionRejected("x"),
          ConversationPaused(), ConversationResumed(), UserUtteranceReverted(), ActionReverted(), StoryExported(),
          ReminderCancelled(), EntitiesAdded([]), DefinePrevUserUtteredFeaturization(True)]


@pytest.mark.parametrize("answer", [
    {"events": [event.as_dict() for event in EVENTS], "responses": [{"response": "utter_greet"}]},
    {}, {"events": []}, {"responses": []},
    {"events": "not a list"}, {"events": [{"event": "slot"}], "responses": "no"}, [], "events",
    {"events": [{"name": "goals", "value": 1}]}, {"events": [{"event": "telepathy"}]}, {"events": ["slot"]},
    {"events": [{"event": ["slot"]}]}, {"events": [{"event": 7}]}, {"events": [{"event": None}]},
    {"events": [{"event": "slot", "timestamp": "noon"}]}, {"events": [{"event": "bot", "metadata": []}]},
    {"events": [{"event": "slot", "name": 3}]}, {"events": [{"event": "user", "parse_data": {"intent": 1}}]},
    {"events": [{"event": "user", "text": "hi", "parse_data": {"entities": [{"start": "x"}]}}]},
    {"events": [{"event": "action", "name": None}]}, {"events": [{"event": "action"}]},
    {"events": [{"event": "slot", "name": "goals", "value": None}, {"event": "followup"}, {"event": "reminder"}]},
])
def test_answers_are_judged_as_by_rasas_own_schema(answer):
    spec = RemoteAction.action_response_format_spec()
    assert action_calls.answer_is_valid(answer) is jsonschema.validators.validator_for(spec)(spec).is_valid(answer)


def test_install_makes_rasa_create_resilient_actions(domain, test_provider):
    try:
        action_calls.install()
        made = rasa_action.action_for_name_or_text("action_recommend", domain, EndpointConfig("http://x"))
        assert isinstance(made, ResilientRemoteAction) and rasa_forms.RemoteAction is ResilientRemoteAction
    finally:
        rasa_action.RemoteAction = rasa_forms.RemoteAction = RemoteAction
