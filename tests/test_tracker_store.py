"""The retrying SQL tracker store on a real SQLite file and a real PostgreSQL, in process: it appends
only new events, reads the latest session as Rasa's store does, and a save that carries the erasure
marker of "delete my data" removes the conversation's stored past."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, ActionExecutionRejected, ActionReverted, ActiveLoop,
                                     AllSlotsReset, BotUttered, ConversationPaused, ConversationResumed,
                                     DefinePrevUserUtteredFeaturization, EntitiesAdded, FollowupAction,
                                     LoopInterrupted, ReminderCancelled, ReminderScheduled, Restarted,
                                     SessionStarted, SlotSet, StoryExported, UserUttered, UserUtteranceReverted,
                                     deserialise_events)
from rasa.shared.core.trackers import DialogueStateTracker

from stores.tracker_store import RetryingSQLTrackerStore, deserialised
from tests.rasa_cli import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
DATETIME = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)


@pytest.fixture()
def sqlite_store(tmp_path):
    return RetryingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))


@pytest.fixture()
def postgres_store(postgres_server):
    store = RetryingSQLTrackerStore(domain=DOMAIN, dialect="postgresql", host="127.0.0.1", port=postgres_server.port,
                                    db=postgres_server.db, username=postgres_server.user,
                                    password=postgres_server.password)
    with store.engine.begin() as connection:  # one server for the module: each test starts empty
        connection.execute(sa.text("DELETE FROM events"))
    return store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request):
    return request.getfixturevalue("sqlite_store" if request.param == "sqlite" else "postgres_store")


EVERY_KIND = [
    ActionExecuted("action_listen", timestamp=1.0),
    UserUttered("We're 40 people in Denver", {"name": "inform", "confidence": 0.98},
                [{"entity": "GPE", "value": "Denver", "start": 19, "end": 25}], timestamp=2.0),
    DefinePrevUserUtteredFeaturization(False), EntitiesAdded([{"entity": "headcount", "value": "40"}]),
    SlotSet("employees", 40), SlotSet("goals", ["security"]), ActionExecuted("profile_form", policy="RulePolicy"),
    ActiveLoop("profile_form"), LoopInterrupted(True), ActionExecutionRejected("profile_form"),
    BotUttered("Which work would move?", {"buttons": [{"title": "Help desk", "payload": "/inform"}]},
               {"utter_action": "utter_ask_function"}),
    FollowupAction("action_recommend"), ReminderScheduled("remind", trigger_date_time=DATETIME, name="r1"),
    ReminderCancelled(), ConversationPaused(), ConversationResumed(), UserUtteranceReverted(),
    ActionReverted(), StoryExported(), AllSlotsReset(), Restarted(), SessionStarted(), ActiveLoop(None),
]


def texts(tracker: DialogueStateTracker) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, (UserUttered, BotUttered))]


@pytest.mark.asyncio
async def test_saves_append_only_the_new_events(store):
    tracker = DialogueStateTracker.from_events("jane", [ActionExecuted("action_listen"), UserUttered("hello")])
    await store.save(tracker)
    tracker.update(BotUttered("hi there"))
    await store.save(tracker)
    await store.save(tracker)  # nothing new: nothing added
    assert texts(await store.retrieve("jane")) == ["hello", "hi there"]


@pytest.mark.asyncio
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


@pytest.mark.asyncio
async def test_a_false_or_other_slot_is_no_erasure(store):
    tracker = DialogueStateTracker.from_events("jane", [UserUttered("hello"), SlotSet("erase_conversation", False)])
    await store.save(tracker)
    assert texts(await store.retrieve("jane")) == ["hello"]


@pytest.mark.asyncio
async def test_a_new_session_hides_the_earlier_ones_until_the_full_tracker_is_asked_for(store):
    tracker = DialogueStateTracker.from_events("jane", [
        ActionExecuted("action_session_start", timestamp=1.0), SessionStarted(timestamp=1.0),
        UserUttered("first visit", timestamp=2.0)])
    await store.save(tracker)
    for event in [ActionExecuted("action_session_start", timestamp=10.0), SessionStarted(timestamp=10.0),
                  ActionExecuted("action_listen", timestamp=11.0)]:
        tracker.update(event)
    await store.save(tracker)

    latest = await store.retrieve("jane")
    assert [e.as_dict().get("name", e.type_name) for e in latest.events] == [
        "action_session_start", "session_started", "action_listen"]
    assert texts(await store.retrieve_full_tracker("jane")) == ["first visit"]

    latest.update(UserUttered("second visit", timestamp=12.0))  # counted from the session start on
    await store.save(latest)
    assert texts(await store.retrieve("jane")) == ["second visit"]
    assert texts(await store.retrieve_full_tracker("jane")) == ["first visit", "second visit"]


@pytest.mark.asyncio
async def test_rows_carry_what_queries_on_the_events_table_filter_by(sqlite_store, tmp_path):
    tracker = DialogueStateTracker.from_events("jane", [
        ActionExecuted("action_listen"), UserUttered("hello", {"name": "greet", "confidence": 1.0})])
    await sqlite_store.save(tracker)
    with sqlite3.connect(tmp_path / "rasa.db") as db:
        rows = db.execute("SELECT sender_id, type_name, intent_name, action_name FROM events ORDER BY id").fetchall()
        assert rows == [("jane", "action", None, "action_listen"), ("jane", "user", "greet", None)]
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)  # set by the store, kept by the file


def test_stored_rows_become_the_events_rasa_makes_of_them():
    rows = [event.as_dict() for event in EVERY_KIND] + [{"event": "topic", "topic": "old"}, {"timestamp": 3.0}]
    assert deserialised(rows) == deserialise_events(rows) == EVERY_KIND  # the obsolete and the typeless are left out
    with pytest.raises(ValueError, match="Unknown event name 'telepathy'"):
        deserialised([{"event": "telepathy"}])


@pytest.mark.asyncio
async def test_every_kind_of_event_comes_back_as_it_was_saved(store):
    await store.save(DialogueStateTracker.from_events("jane", EVERY_KIND))
    assert list((await store.retrieve_full_tracker("jane")).events) == EVERY_KIND


@contextmanager
def conversation_held(store: RetryingSQLTrackerStore, sender: str, seconds: float):
    """Another connection holds the advisory lock a save of `sender` takes, and lets go after `seconds` (from a
    thread, so that a store that blocked the event loop would end too)."""
    holder = store.engine.connect()
    holder.execute(sa.text("SELECT pg_advisory_lock(hashtext(:sender))"), {"sender": sender})
    release = threading.Timer(seconds, lambda: holder.execute(
        sa.text("SELECT pg_advisory_unlock(hashtext(:sender))"), {"sender": sender}))
    release.start()
    try:
        yield
    finally:
        release.join()
        holder.close()


@pytest.mark.asyncio
async def test_other_conversations_go_on_while_postgresql_answers_a_save(postgres_store):
    """A save waiting for PostgreSQL leaves the event loop free for other messages."""
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    try:
        with conversation_held(postgres_store, "jane", 1.0):
            await asyncio.sleep(0.05)
            before, started = ticks, time.monotonic()
            await asyncio.wait_for(postgres_store.save(DialogueStateTracker.from_events("jane", [UserUttered("hello")])),
                                   10)
            assert time.monotonic() - started > 0.8  # the save did wait for the lock
            assert ticks - before >= 20  # about 1 s of 10 ms ticks meanwhile (none on a blocked loop)
    finally:
        ticker.cancel()
        await asyncio.gather(ticker, return_exceptions=True)
    assert texts(await postgres_store.retrieve("jane")) == ["hello"]


@pytest.mark.asyncio
async def test_a_save_cancelled_while_postgresql_answers_ends_before_the_cancellation_does(postgres_store):
    """A message whose client goes away is cancelled; Rasa then lets go of the conversation's lock. The save it had
    begun is written completely before that, so the next message never reads the conversation half written."""
    with conversation_held(postgres_store, "jane", 1.0):
        save = asyncio.create_task(postgres_store.save(
            DialogueStateTracker.from_events("jane", [UserUttered("hello"), BotUttered("hi there")])))
        await asyncio.sleep(0.2)
        save.cancel()
        started = time.monotonic()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(save, 10)
        assert time.monotonic() - started > 0.5
        assert texts(await postgres_store.retrieve("jane")) == ["hello", "hi there"]
