"""Where leads are kept: a `leads` table in the tracker store's own database.

The database is the one the endpoints file (RASA_ENDPOINTS, default endpoints.yml) names under
`tracker_store`: SQLite by default, PostgreSQL when scaled out, so a lead and its conversation
live and die together. `${VAR}` in that section is read from the environment, as Rasa does. All statements are SQLAlchemy Core with bound parameters. The engine is made
on first use, not at import.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
import yaml

metadata = sa.MetaData()
LEADS = sa.Table(
    "leads", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("email", sa.String(320), nullable=False, index=True),
    sa.Column("phone", sa.String(32)),
    sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("strategy", sa.String(32)),
    sa.Column("assessment", sa.Text, nullable=False),  # JSON: {"profile": ..., "recommendation": ...}
)
# Rasa's SQLTrackerStore keeps one row per event here (rasa/core/tracker_store.py).
EVENTS = sa.Table("events", sa.MetaData(), sa.Column("sender_id", sa.String(255)))
COLUMNS = ("id", "created_at", "sender_id", "name", "email", "phone", "consented_at", "strategy", "assessment")


@dataclass(frozen=True)
class Lead:
    sender_id: str
    name: str
    email: str
    phone: str | None
    strategy: str | None
    assessment: dict


_VARIABLE = re.compile(r"\$\{(\w+)\}")


def _expand(value: Any, source: str) -> Any:
    if not isinstance(value, str):
        return value
    missing = [name for name in _VARIABLE.findall(value) if name not in os.environ]
    if missing:
        raise ValueError(f"{source}: set the environment variable(s) {', '.join(missing)}")
    return _VARIABLE.sub(lambda match: os.environ[match.group(1)], value)


def database_url(endpoints_file: str | os.PathLike) -> sa.engine.URL:
    """The tracker store's database, as the endpoints file configures it (with ${VAR} expanded)."""
    with open(endpoints_file, encoding="utf-8") as handle:
        section = (yaml.safe_load(handle) or {}).get("tracker_store") or {}
    config = {key: _expand(value, str(endpoints_file)) for key, value in section.items()}
    dialect = config.get("dialect", "sqlite")
    if dialect == "sqlite":
        return sa.engine.URL.create("sqlite", database=str(config.get("db", "rasa.db")))
    return sa.engine.URL.create(
        dialect, username=config.get("username"), password=config.get("password"),
        host=config.get("url"), port=int(config["port"]) if config.get("port") else None,
        database=config.get("db", "rasa"))


class LeadStore:
    def __init__(self, url: str | sa.engine.URL) -> None:
        self.engine = sa.create_engine(url, future=True, pool_pre_ping=True)
        metadata.create_all(self.engine)

    @classmethod
    def from_endpoints(cls, endpoints_file: str | os.PathLike | None = None) -> "LeadStore":
        return cls(database_url(endpoints_file or os.environ.get("RASA_ENDPOINTS", "endpoints.yml")))

    def add(self, lead: Lead) -> int:
        now = datetime.now(timezone.utc)
        with self.engine.begin() as connection:
            result = connection.execute(LEADS.insert().values(
                created_at=now, consented_at=now, sender_id=lead.sender_id, name=lead.name,
                email=lead.email, phone=lead.phone, strategy=lead.strategy,
                assessment=json.dumps(lead.assessment)))
            return result.inserted_primary_key[0]

    def delete_for_sender(self, sender_id: str) -> int:
        """Remove the leads left in one conversation; how many there were."""
        with self.engine.begin() as connection:
            return connection.execute(LEADS.delete().where(LEADS.c.sender_id == sender_id)).rowcount

    def delete_person(self, email: str) -> tuple[int, int]:
        """Remove every lead with this email and the conversations they came from: (leads, events)."""
        with self.engine.begin() as connection:
            senders = [row.sender_id for row in connection.execute(
                sa.select(LEADS.c.sender_id).where(sa.func.lower(LEADS.c.email) == email.lower()))]
            leads = connection.execute(LEADS.delete().where(LEADS.c.sender_id.in_(senders))).rowcount
            events = 0
            if senders and sa.inspect(connection).has_table("events"):
                events = connection.execute(EVENTS.delete().where(EVENTS.c.sender_id.in_(senders))).rowcount
            return leads, events

    def all(self) -> list[dict[str, Any]]:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(LEADS).order_by(LEADS.c.id))
            return [dict(row._mapping) for row in rows]

    def dispose(self) -> None:
        self.engine.dispose()
