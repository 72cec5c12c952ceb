"""leads/: the contact checks (table-driven), the store on a real SQLite file, and the provider's CLI."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from contextlib import redirect_stdout

import pytest

from leads.__main__ import cell
from leads.__main__ import main as leads_cli
from leads.contact import SKIP, clean_email, clean_name, clean_phone, region_of
from leads.store import Lead, LeadStore, database_url
from tests.rasa_cli import ROOT


@pytest.mark.parametrize("text, name", [
    ("Jane Doe", "Jane Doe"),
    ("my name is Jane O'Neil", "Jane O'Neil"),
    ("I'm Zoë Müller-Lüdenscheidt", "Zoë Müller-Lüdenscheidt"),
    ("Dr. Ann  Lee", "Dr. Ann Lee"),
    ("李小龍", "李小龍"),
    ("jane@example.com", None),
    ("R2D2", None),
    ("<img src=x onerror=alert(1)>", None),
    ("Robert'); DROP TABLE leads;--", None),
    ("   ", None),
    ("a" * 101, None),
])
def test_names(text, name):
    assert clean_name(text) == name


@pytest.mark.parametrize("text, email", [
    ("jane.doe@example.com", "jane.doe@example.com"),
    ("my email is Jane.Doe@Example.COM.", "Jane.Doe@example.com"),  # domain normalised, local part kept
    ("jane@example", None),  # no top-level domain
    ("not an email", None),
    ("a@b@c.com", None),
    ("jane@example.com, bob@example.com", None),  # which one?
    ("x" * 300 + "@example.com", None),
])
def test_emails(text, email):
    assert clean_email(text) == email


@pytest.mark.parametrize("text, region, phone", [
    ("+44 20 7946 0958", "US", "+442079460958"),
    ("(201) 555-0123", "US", "+12015550123"),
    ("call me on 201 555 0199 please", "US", "+12015550199"),
    ("020 7946 0958", "GB", "+442079460958"),
    ("020 7946 0958", "US", None),  # a UK number without its country code, read as American
    ("123", "US", None),
    ("-5", "US", None),
    ("9" * 40, "US", None),
    ("skip", "US", SKIP),
    ("None.", "US", SKIP),
])
def test_phones(text, region, phone):
    assert clean_phone(text, region) == phone


def test_the_default_phone_region_is_the_providers():
    assert region_of("+1 201 555 0123") == "US"
    assert region_of("+44 20 7946 0958") == "GB"


def lead(sender="s1", name="Jane Doe", email="jane@example.com", phone="+12015550123") -> Lead:
    return Lead(sender_id=sender, name=name, email=email, phone=phone, strategy="outsourcing",
                assessment={"profile": {"employees": 12}, "recommendation": {"strategy": "outsourcing"}})


@pytest.fixture()
def endpoints(tmp_path):
    path = tmp_path / "endpoints.yml"
    path.write_text(f"tracker_store:\n  type: x\n  dialect: sqlite\n  db: {tmp_path / 'rasa.db'}\n")
    return path


def test_the_database_is_the_tracker_stores(endpoints, tmp_path, monkeypatch):
    assert database_url(endpoints).render_as_string() == f"sqlite:///{tmp_path / 'rasa.db'}"
    scaled = ROOT / "endpoints.scaled.yml"
    monkeypatch.delenv("ACTION_SERVER_URL", raising=False)  # the action server needs only the database's
    monkeypatch.delenv("POSTGRES_PASSWORD", raising=False)
    for name, value in {"POSTGRES_HOST": "db.internal", "POSTGRES_PORT": "5433", "POSTGRES_DB": "advisor",
                        "POSTGRES_USER": "rasa"}.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match="POSTGRES_PASSWORD"):
        database_url(scaled)
    monkeypatch.setenv("POSTGRES_PASSWORD", "s3cret")
    url = database_url(scaled)
    assert (url.drivername, url.host, url.port, url.database, url.username, url.password) == (
        "postgresql", "db.internal", 5433, "advisor", "rasa", "s3cret")


def test_store_keeps_deletes_and_lists_leads(endpoints, tmp_path):
    store = LeadStore.from_endpoints(endpoints)
    first = store.add(lead())
    store.add(lead(sender="s2", name="Bob Ray", email="BOB@example.com", phone=None))
    rows = store.all()
    assert [(r["id"], r["name"], r["email"], r["phone"]) for r in rows] == [
        (first, "Jane Doe", "jane@example.com", "+12015550123"), (first + 1, "Bob Ray", "BOB@example.com", None)]
    assert json.loads(rows[0]["assessment"])["recommendation"] == {"strategy": "outsourcing"}
    assert store.delete_for_sender("s1") == 1
    assert store.delete_for_sender("s1") == 0
    assert [r["name"] for r in store.all()] == ["Bob Ray"]
    store.dispose()


def test_sql_in_the_details_is_stored_as_text(endpoints, tmp_path):
    store = LeadStore.from_endpoints(endpoints)
    store.add(lead(sender="x'); DROP TABLE leads;--", email="o'brien@example.com"))
    assert [r["sender_id"] for r in store.all()] == ["x'); DROP TABLE leads;--"]
    store.dispose()


def run_cli(*args: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert leads_cli(list(args)) == 0
    return out.getvalue()


@pytest.mark.parametrize("value, exported", [
    ("=1+1", "'=1+1"),
    ("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-1+cmd|'/Ccalc'!A0@example.com", "'-1+cmd|'/Ccalc'!A0@example.com"),  # an email the lead form accepts
    ("-2+3", "'-2+3"),
    ("- 2+3", "'- 2+3"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("  =1+1", "'  =1+1"),  # after spaces
    ("\n=1+1", "'\n=1+1"),
    ("\uff1d1+1", "'\uff1d1+1"),  # full-width =
    ("\uff0b1+1", "'\uff0b1+1"),  # full-width +
    ("\uff0d1+1", "'\uff0d1+1"),  # full-width -
    ("\uff201+1", "'\uff201+1"),  # full-width @
    ("\ufe621+1", "'\ufe621+1"),  # small +
    ("+442079460958", "'+442079460958"),  # a phone number too: the same first character as a formula
    ("jane@example.com", "jane@example.com"),
    ("O'Brien-Smith", "O'Brien-Smith"),
    ("rest-sender-1", "rest-sender-1"),
    ("", ""),
    (None, ""),
])
def test_csv_cells_that_could_start_a_formula_stay_text(value, exported):
    assert cell(value) == exported


def test_cli_exports_csv_that_spreadsheets_cannot_run(endpoints, tmp_path):
    store = LeadStore.from_endpoints(endpoints)
    store.add(lead())
    store.add(lead(sender="+1+cmd|'/Ccalc'!A0", email="-1+cmd|'/Ccalc'!A0@example.com"))
    store.dispose()
    rows = list(csv.DictReader(io.StringIO(run_cli("--endpoints", str(endpoints), "export"))))
    assert [r["email"] for r in rows] == ["jane@example.com", "'-1+cmd|'/Ccalc'!A0@example.com"]
    assert rows[1]["sender_id"] == "'+1+cmd|'/Ccalc'!A0"
    assert rows[0]["phone"] == "'+12015550123" and rows[0]["strategy"] == "outsourcing"
    assert rows[0]["created_at"].startswith("20")
    target = tmp_path / "leads.csv"
    run_cli("--endpoints", str(endpoints), "export", "--output", str(target))
    assert len(list(csv.DictReader(target.open()))) == 2
    listing = run_cli("--endpoints", str(endpoints), "list")
    assert "Jane Doe <jane@example.com>" in listing and listing.count("\n") == 2


def test_cli_delete_removes_the_person_and_their_conversation(endpoints, tmp_path):
    store = LeadStore.from_endpoints(endpoints)
    store.add(lead(sender="jane-chat"))
    store.add(lead(sender="bob-chat", name="Bob Ray", email="bob@example.com"))
    store.dispose()
    with sqlite3.connect(tmp_path / "rasa.db") as db:  # events as Rasa's SQL tracker store keeps them
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), data TEXT)")
        db.executemany("INSERT INTO events (sender_id, data) VALUES (?, '{}')",
                       [("jane-chat",), ("jane-chat",), ("bob-chat",)])
    assert run_cli("--endpoints", str(endpoints), "delete", "JANE@example.com").strip() == \
        "deleted 1 lead(s) and 2 conversation event(s)"
    with sqlite3.connect(tmp_path / "rasa.db") as db:
        assert db.execute("SELECT sender_id FROM events").fetchall() == [("bob-chat",)]
        assert db.execute("SELECT name FROM leads").fetchall() == [("Bob Ray",)]


def test_cli_as_a_command(endpoints):
    run = subprocess.run([sys.executable, "-m", "leads", "--endpoints", str(endpoints), "export"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "id,created_at,sender_id,name,email,phone,consented_at,strategy,assessment"
    bad = subprocess.run([sys.executable, "-m", "leads", "frobnicate"], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
