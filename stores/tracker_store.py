"""A SQL tracker store that waits for its database instead of forgetting conversations.

Rasa 3.6.21 wraps every tracker store in FailSafeTrackerStore: when a save fails (say PostgreSQL
restarts for a quarter of a second) the events go to an in-memory store and never reach the
database, and a failed read starts the user over with an empty tracker. This store retries reads
and writes with back-off for up to `retry_seconds` (default 30) before it gives up, so a database
restart or fail-over costs time, not messages. Writes also take a per-conversation advisory lock on
PostgreSQL, so that two writers can never both append "the events beyond the stored count".

Erasure ("delete my data"): when a save brings a `SlotSet("erase_conversation", True)` (only
action_delete_my_data sets it; the slot has no mapping a user could fill), every stored event of the
conversation is deleted in the same transaction and only the events after it are kept.

endpoints.yml: as for Rasa's SQL tracker store, with `type: stores.tracker_store.RetryingSQLTrackerStore`
and optionally `retry_seconds`.

Reads turn the stored rows into events with a cached lookup of each event type's class: Rasa's
`Event.from_parameters` walks every Event subclass for every event, which was two thirds of the
time of reading a conversation of 80 events (2.3 of 3.3 ms).

With a database server (PostgreSQL, or any other but a SQLite file), reads and writes run in a small pool of
threads: SQLAlchemy's calls block while the server answers (an opener's save is four round trips), and on the event
loop every other conversation waited meanwhile. Off the loop, the server's answer is awaited while other messages are
read. A SQLite file is written in the process itself, so its work stays on the loop: a thread would only add a
hand-over.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import itertools
import json
import logging
import time
from typing import Any, Callable, Iterable, Optional, Text, Type, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)
T = TypeVar("T")
# Errors of the connection, not of the statement: worth another try on a new connection.
TRANSIENT = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DisconnectionError)
ERASE_SLOT = "erase_conversation"


@functools.lru_cache(maxsize=None)
def event_class(type_name: str) -> Optional[Type[Event]]:
    """The Event class of a stored type name; None for the obsolete "topic", ValueError if unknown."""
    return Event.resolve_by_type(type_name)


def deserialised(rows: Iterable[dict[str, Any]]) -> list[Event]:
    """The events of stored rows, as Rasa's `deserialise_events` makes them."""
    events = []
    for data in rows:
        cls = event_class(data["event"]) if data.get("event") is not None else None
        event = cls._from_parameters(data) if cls else None
        if event:
            events.append(event)
    return events


def is_sqlite_file(url: sa.engine.URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")


def sqlite_engine(url: sa.engine.URL) -> sa.engine.Engine:
    """An engine that keeps its SQLite connections open and writes ahead (WAL).

    SQLAlchemy 1.4 opens a new connection to a SQLite file for every session, and SQLite's default
    journal syncs the database file and a rollback journal on each commit; kept connections and WAL
    (still synchronous=FULL, so a committed message survives a crash) make a save about a millisecond
    cheaper. WAL needs the database on a local file system, as SQLite itself does for safe locking.
    """
    engine = sa.create_engine(url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False})

    @sa.event.listens_for(engine, "connect")
    def write_ahead(connection: Any, _record: Any) -> None:
        connection.execute("PRAGMA journal_mode=WAL")

    return engine


def after_erasure(events: list[Event]) -> Optional[list[Event]]:
    """The events after the last erasure marker, or None when there is none."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, SlotSet) and event.key == ERASE_SLOT and event.value is True:
            return events[index + 1:]
    return None


class RetryingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose reads and writes survive a database restart."""

    def __init__(self, *args: Any, retry_seconds: float = 30, **kwargs: Any) -> None:
        self.retry_seconds = float(retry_seconds)
        super().__init__(*args, **kwargs)
        if is_sqlite_file(self.engine.url):
            self.engine.dispose()
            self.engine = sqlite_engine(self.engine.url)
            self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)
        self._statements = Statements(self.SQLEvent.__table__)
        # A few saves and reads in flight at once (Rasa's pool for a server holds more connections than that); the
        # threads start when first used.
        self._threads = None if self.engine.url.get_backend_name() == "sqlite" else \
            concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="tracker-store")

    async def _with_retries(self, what: str, work: Callable[[], T]) -> T:
        deadline, pause = time.monotonic() + self.retry_seconds, 0.05
        while True:
            try:
                return await self._run(work)
            except TRANSIENT as error:
                if time.monotonic() + pause > deadline:
                    # The error's text quotes the statement's parameters: the conversation's id and messages.
                    logger.error("Tracker store: %s failed for %.0f s, giving up (%s)", what, self.retry_seconds,
                                 type(error).__name__)
                    raise
                logger.warning("Tracker store: %s failed (%s); retrying in %.2f s", what, type(error).__name__, pause)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 2.0)

    async def _run(self, work: Callable[[], T]) -> T:
        """`work()`, in a thread of the pool when there is one. A message cancelled meanwhile (its client went away)
        still waits for the work to end: Rasa then lets go of the conversation's lock, and the next message must not
        read the conversation while this one's events are half written."""
        if self._threads is None:
            return work()
        running = asyncio.get_running_loop().run_in_executor(self._threads, work)
        try:
            return await asyncio.shield(running)
        except asyncio.CancelledError:
            await asyncio.wait({running})
            raise

    async def keys(self) -> Iterable[Text]:
        return await self._with_retries("listing conversations", lambda: self._keys())

    def _keys(self) -> list:
        with self.session_scope() as session:
            return [sender_id for (sender_id,) in session.query(self.SQLEvent.sender_id).distinct().all()]

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
        stored = await self._with_retries(
            "reading a conversation", lambda: self._read(sender_id, fetch_events_from_all_sessions))
        if not (self.domain and stored):
            return None
        # Built here rather than in the pool's thread, which would hold the interpreter's lock as long.
        return DialogueStateTracker.from_events(sender_id, deserialised(json.loads(data) for data in stored),
                                                self.domain.slots)

    def _read(self, sender_id: Text, all_sessions: bool) -> list[str]:
        """The stored events of the conversation, as JSON texts."""
        query = self._statements.all_sessions if all_sessions else self._statements.last_session
        with self.session_scope() as session:
            return list(session.execute(query, {"sender": sender_id}).scalars())

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        await self._with_retries("saving a conversation", lambda: self._append_new_events(tracker))

    def _append_new_events(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            if session.bind.dialect.name == "postgresql":
                # Held until commit: the count below and the inserts are one step per conversation.
                session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:sender))"),
                                {"sender": tracker.sender_id})
            stored = session.execute(self._statements.count_last_session, {"sender": tracker.sender_id}).scalar()
            new_events = list(itertools.islice(tracker.events, stored, None))
            kept = after_erasure(new_events)
            if kept is not None:
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete()
                new_events = kept
            if new_events:
                session.execute(self._statements.insert, [row(tracker.sender_id, event) for event in new_events])
            session.commit()


def row(sender_id: Text, event: Event) -> dict[str, Any]:
    """An event as a row of Rasa's `events` table."""
    data = event.as_dict()
    return {"sender_id": sender_id, "type_name": event.type_name, "timestamp": data.get("timestamp"),
            "intent_name": ((data.get("parse_data") or {}).get("intent") or {}).get("name"),
            "action_name": data.get("name"), "data": json.dumps(data)}


class Statements:
    """The store's SQL, built once: SQLAlchemy then finds each compiled statement in its cache without
    rebuilding the query (Rasa builds its ORM queries anew on every read and save, which took about
    a tenth of the server's time per message)."""

    def __init__(self, events: sa.Table) -> None:
        sender = sa.bindparam("sender")
        session_start = (sa.select(sa.func.max(events.c.timestamp))
                         .where(events.c.sender_id == sender, events.c.type_name == SessionStarted.type_name)
                         .scalar_subquery())
        # As Rasa's _event_query: the events from the latest session start on, or all when there is none.
        in_last_session = sa.and_(events.c.sender_id == sender,
                                  sa.or_(events.c.timestamp >= session_start, session_start.is_(None)))
        self.all_sessions = sa.select(events.c.data).where(events.c.sender_id == sender).order_by(events.c.id)
        self.last_session = sa.select(events.c.data).where(in_last_session).order_by(events.c.id)
        self.count_last_session = sa.select(sa.func.count()).select_from(events).where(in_last_session)
        self.insert = events.insert()
