"""The retrying SQL tracker store on a real SQLite file, in process: it appends only new events, and
a save that carries the erasure marker of "delete my data" removes the conversation's stored past."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, AllSlotsReset, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from stores.tracker_store import RetryingSQLTrackerStore
from tests.rasa_cli import ROOT

pytestmark = pytest.mark.asyncio


@pytest.fixture()
def store(tmp_path):
    return RetryingSQLTrackerStore(domain=Domain.load(str(ROOT / "domain.yml")), dialect="sqlite",
                                   db=str(tmp_path / "rasa.db"))


def texts(tracker: DialogueStateTracker) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, (UserUttered, BotUttered))]


async def test_saves_append_only_the_new_events(store):
    tracker = DialogueStateTracker.from_events("jane", [ActionExecuted("action_listen"), UserUttered("hello")])
    await store.save(tracker)
    tracker.update(BotUttered("hi there"))
    await store.save(tracker)
    await store.save(tracker)  # nothing new: nothing added
    assert texts(await store.retrieve("jane")) == ["hello", "hi there"]


async def test_the_erasure_marker_deletes_everything_before_it(store):
    tracker = DialogueStateTracker.from_events("jane", [
        ActionExecuted("action_listen"), UserUttered("I'm Jane, jane@example.com"), SlotSet("lead_name", "Jane")])
    await store.save(tracker)
    other = DialogueStateTracker.from_events("bob", [ActionExecuted("action_listen"), UserUttered("hi")])
    await store.save(other)

    for event in [UserUttered("delete my data"), ActionExecuted("action_delete_my_data"), BotUttered("Done"),
                  AllSlotsReset(), SlotSet("erase_conversation", True), ActionExecuted("action_listen")]:
        tracker.update(event)
    await store.save(tracker)

    kept = await store.retrieve("jane")
    assert [e.as_dict()["event"] for e in kept.events] == ["action"]
    assert kept.get_slot("lead_name") is None
    assert texts(await store.retrieve("bob")) == ["hi"]  # other conversations untouched

    kept.update(UserUttered("hello again"))  # the conversation goes on from the erased state
    await store.save(kept)
    assert texts(await store.retrieve("jane")) == ["hello again"]


async def test_a_false_or_other_slot_is_no_erasure(store):
    tracker = DialogueStateTracker.from_events("jane", [UserUttered("hello"), SlotSet("erase_conversation", False)])
    await store.save(tracker)
    assert texts(await store.retrieve("jane")) == ["hello"]
