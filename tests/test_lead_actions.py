"""The lead and privacy actions, run with rasa_sdk's Tracker and CollectingDispatcher against a real
SQLite database named by an endpoints file; exact events and responses asserted."""

from __future__ import annotations

import json

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import lead as lead_actions
from actions.lead import ActionDeleteMyData, ActionSaveLead, ValidateLeadForm
from leads.store import Lead
from tests.conftest import make_tracker

pytestmark = pytest.mark.asyncio
CLEARED = [SlotSet("lead_name", None), SlotSet("lead_email", None), SlotSet("lead_phone", None),
           SlotSet("lead_consent", None)]
RECOMMENDATION = {"strategy": "outsourcing", "confidence": 0.82,
                  "profile": {"employees": 12, "location": "Worcester, MA", "goals": ["security"]}}


@pytest.fixture()
def store(tmp_path, monkeypatch, test_provider):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  dialect: sqlite\n  db: {tmp_path / 'rasa.db'}\n")
    monkeypatch.setenv("RASA_ENDPOINTS", str(endpoints))
    monkeypatch.delenv("LEADS_SLACK_WEBHOOK_URL", raising=False)
    lead_actions.lead_store.cache_clear()
    yield lead_actions.lead_store()
    lead_actions.lead_store().dispose()
    lead_actions.lead_store.cache_clear()


def responses(dispatcher: CollectingDispatcher) -> list:
    return [m.get("response") for m in dispatcher.messages]


@pytest.mark.parametrize("slot, text, value", [
    ("lead_name", "I'm Jane Doe", "Jane Doe"),
    ("lead_name", "<b>hi</b>", None),
    ("lead_email", "it's jane@example.com", "jane@example.com"),
    ("lead_email", "jane at example dot com", None),
    ("lead_phone", "+44 20 7946 0958", "+442079460958"),
    ("lead_phone", "020 7946 0958", "+442079460958"),  # the test provider is in London: GB numbers
    ("lead_phone", "12", None),
])
async def test_contact_details_are_checked_and_asked_again_when_wrong(domain, test_provider, slot, text, value):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, new_slots={slot: text}, requested_slot=slot, form="lead_form")
    events = await ValidateLeadForm().run(dispatcher, tracker, domain)
    assert SlotSet(slot, value) in events
    assert responses(dispatcher) == ([] if value else [f"utter_invalid_{slot}"])


def conversation(events: list, slots: dict, intent: str = "affirm") -> Tracker:
    """A tracker as Rasa sends it to the action server: `events` in order, `slots` as they stand."""
    said = [e for e in events if e["event"] == "user"]
    latest = said[-1]["parse_data"] if said else {"intent": {"name": intent}, "entities": [], "text": ""}
    return Tracker.from_dict({"sender_id": "test-user", "slots": slots, "latest_message": latest, "events": events,
                              "paused": False, "followup_action": None, "active_loop": {},
                              "latest_action_name": events[-1].get("name")})


def user(text: str, intent: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": intent}, "entities": []}}


def action(name: str) -> dict:
    return {"event": "action", "name": name}


def slot(name: str, value) -> dict:
    return {"event": "slot", "name": name, "value": value}


def loop(name) -> dict:
    return {"event": "active_loop", "name": name}


def lead_form_events(name="Jane Doe", email="jane@example.com", phone="none", consent=True) -> list:
    """The lead form as it runs: offered, accepted, asked four times, completed in this turn."""
    return [action("utter_offer_lead"), action("action_listen"), user("yes", "affirm"), action("lead_form"),
            loop("lead_form"), slot("requested_slot", "lead_name"), action("action_listen"), user(name, "inform"),
            slot("lead_name", name), action("lead_form"), slot("requested_slot", "lead_email"),
            action("action_listen"), user(email, "inform"), slot("lead_email", email), action("lead_form"),
            slot("requested_slot", "lead_phone"), action("action_listen"), user(phone, "inform"),
            slot("lead_phone", phone), action("lead_form"), slot("requested_slot", "lead_consent"),
            action("action_listen"), user("yes" if consent else "no", "affirm" if consent else "deny"),
            slot("lead_consent", consent), action("lead_form"), loop(None), slot("requested_slot", None)]


def lead_tracker(consent, phone="none", recommendation=None, events=None):
    slots = {"lead_name": "Jane Doe", "lead_email": "jane@example.com", "lead_phone": phone,
             "lead_consent": consent, "recommendation": recommendation}
    return conversation(lead_form_events(phone=phone, consent=consent) if events is None else events, slots)


async def test_a_lead_with_consent_is_stored_with_the_assessment(domain, store):
    dispatcher = CollectingDispatcher()
    events = await ActionSaveLead().run(dispatcher, lead_tracker(True, "+12015550123", RECOMMENDATION), domain)
    assert events == CLEARED
    assert responses(dispatcher) == ["utter_lead_saved"]
    [row] = store.all()
    assert (row["sender_id"], row["name"], row["email"], row["phone"], row["strategy"]) == (
        "test-user", "Jane Doe", "jane@example.com", "+12015550123", "outsourcing")
    assert json.loads(row["assessment"]) == {"profile": RECOMMENDATION["profile"], "recommendation": RECOMMENDATION}


async def test_a_lead_before_any_advice_keeps_the_profile_so_far(domain, store):
    tracker = lead_tracker(True)
    tracker.slots.update({"employees": 300, "location": "Chicago"})
    await ActionSaveLead().run(CollectingDispatcher(), tracker, domain)
    [row] = store.all()
    assert row["phone"] is None and row["strategy"] is None
    details = json.loads(row["assessment"])
    assert details["recommendation"] is None and details["profile"]["employees"] == 300


async def test_without_consent_nothing_is_stored(domain, store):
    dispatcher = CollectingDispatcher()
    events = await ActionSaveLead().run(dispatcher, lead_tracker(False), domain)
    assert events == CLEARED
    assert responses(dispatcher) == ["utter_lead_not_saved"]
    assert store.all() == []


async def test_a_database_failure_is_told_to_the_user(domain, store, tmp_path):
    (tmp_path / "rasa.db").unlink()
    (tmp_path / "rasa.db").mkdir()  # the database file can no longer be opened
    store.dispose()
    dispatcher = CollectingDispatcher()
    events = await ActionSaveLead().run(dispatcher, lead_tracker(True), domain)
    assert events == CLEARED
    assert responses(dispatcher) == ["utter_lead_save_failed"]


@pytest.mark.parametrize("case, events", [
    ("no lead form at all", [action("action_listen"), user("yes", "affirm")]),
    ("a message after the form ended", lead_form_events() + [action("action_listen"), user("hello", "greet")]),
    ("consent not given while the form ran", [e for e in lead_form_events() if e.get("name") != "lead_consent"]),
    ("the form still running", lead_form_events()[:-2]),
    ("another form ran last", lead_form_events() + [loop("profile_form"), loop(None)]),
    ("a name the form refuses", lead_form_events(name="<script>x</script>")),
    ("an email the form refuses", lead_form_events(email="not-an-email")),
])
async def test_a_lead_is_stored_only_from_a_completed_consented_form(domain, store, case, events):
    tracker = lead_tracker(True, events=events)
    tracker.slots.update({e["name"]: e["value"] for e in events if e["event"] == "slot" and e["name"].startswith("lead_")})
    dispatcher = CollectingDispatcher()
    assert await ActionSaveLead().run(dispatcher, tracker, domain) == CLEARED
    assert responses(dispatcher) == ["utter_lead_not_saved"]
    assert store.all() == [], case


def erasure_events(answer: str = "affirm") -> list:
    return [action("action_listen"), user("delete my data", "delete_data"), action("utter_ask_confirm_delete"),
            {"event": "bot", "text": "Shall I delete this conversation ...?"}, action("action_listen"),
            user("yes" if answer == "affirm" else "no", answer)]


async def test_delete_my_data_removes_this_conversations_leads_and_marks_the_erasure(domain, store):
    for sender in ("test-user", "test-user", "someone-else"):
        store.add(Lead(sender, "Jane Doe", "jane@example.com", None, None, {}))
    dispatcher = CollectingDispatcher()
    events = await ActionDeleteMyData().run(dispatcher, conversation(erasure_events(), {}), domain)
    assert events == [AllSlotsReset(), SlotSet("erase_conversation", True)]
    assert responses(dispatcher) == ["utter_data_deleted"]
    assert [row["sender_id"] for row in store.all()] == ["someone-else"]


@pytest.mark.parametrize("case, events", [
    ("never asked", [action("action_listen"), user("yes", "affirm")]),
    ("asked, but the answer was no", erasure_events("deny")),
    ("asked, then something else was said", erasure_events()[:3] + [action("utter_greet"), action("action_listen"),
                                                                    user("yes", "affirm")]),
])
async def test_nothing_is_erased_without_a_confirmation_in_the_tracker(domain, store, case, events):
    store.add(Lead("test-user", "Jane Doe", "jane@example.com", None, None, {}))
    dispatcher = CollectingDispatcher()
    assert await ActionDeleteMyData().run(dispatcher, conversation(events, {}), domain) == []
    assert responses(dispatcher) == ["utter_data_kept"]
    assert len(store.all()) == 1, case
