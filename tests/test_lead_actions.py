"""The lead and privacy actions, run with rasa_sdk's Tracker and CollectingDispatcher against a real
SQLite database named by an endpoints file; exact events and responses asserted."""

from __future__ import annotations

import json

import pytest
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


def lead_tracker(consent, phone="none", recommendation=None):
    slots = {"lead_name": "Jane Doe", "lead_email": "jane@example.com", "lead_phone": phone,
             "lead_consent": consent, "recommendation": recommendation}
    return make_tracker(slots=slots, intent="affirm", form_active=False)


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


async def test_delete_my_data_removes_this_conversations_leads_and_marks_the_erasure(domain, store):
    for sender in ("test-user", "test-user", "someone-else"):
        store.add(Lead(sender, "Jane Doe", "jane@example.com", None, None, {}))
    dispatcher = CollectingDispatcher()
    events = await ActionDeleteMyData().run(dispatcher, make_tracker(intent="affirm", form_active=False), domain)
    assert events == [AllSlotsReset(), SlotSet("erase_conversation", True)]
    assert responses(dispatcher) == ["utter_data_deleted"]
    assert [row["sender_id"] for row in store.all()] == ["someone-else"]
