"""`python -m leads list | export [--output FILE] | delete EMAIL`: the provider's view of its leads.

Reads the database of the endpoints file (RASA_ENDPOINTS or --endpoints, default endpoints.yml).
`export` writes CSV (stdout unless --output); `delete` removes a person's leads and the
conversations they came from, for erasure requests that arrive by email or phone.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import sys
import unicodedata

from leads.store import COLUMNS, LeadStore

FORMULA_STARTS = frozenset("=+-@\t\r")


def cell(value) -> str:
    """A CSV cell no spreadsheet will run as a formula: one that starts with a character that can begin a
    formula (= + - @, tab or carriage return), also after spaces or in a full-width or small form such
    as ＝ or ﹢, gets a leading apostrophe and stays text. Phone numbers ("+44...") are prefixed too:
    "+1+cmd|..." is a formula, and telling the two apart is the kind of rule attackers get around."""
    text = value.isoformat() if hasattr(value, "isoformat") else "" if value is None else str(value)
    first = text[:1] if text[:1] in "\t\r" else unicodedata.normalize("NFKC", text.lstrip()[:1])
    return "'" + text if first and first in FORMULA_STARTS else text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m leads", description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", help="endpoints file naming the database (default: $RASA_ENDPOINTS or endpoints.yml)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="one line per lead")
    export = commands.add_parser("export", help="all leads as CSV")
    export.add_argument("--output", help="file to write (default: standard output)")
    delete = commands.add_parser("delete", help="remove a person's leads and their conversations")
    delete.add_argument("email")
    args = parser.parse_args(argv)

    store = LeadStore.from_endpoints(args.endpoints)
    try:
        if args.command == "list":
            rows = store.all()
            for row in rows:
                print(f"#{row['id']}  {row['created_at']:%Y-%m-%d %H:%M}  {row['name']} <{row['email']}>"
                      f"  {row['phone'] or '-'}  {row['strategy'] or '-'}")
            print(f"{len(rows)} lead(s)", file=sys.stderr)
        elif args.command == "export":
            target = (open(args.output, "w", newline="", encoding="utf-8") if args.output
                      else contextlib.nullcontext(sys.stdout))
            with target as out:
                writer = csv.writer(out)
                writer.writerow(COLUMNS)
                for row in store.all():
                    writer.writerow([cell(row[column]) for column in COLUMNS])
        else:
            leads, events = store.delete_person(args.email)
            print(f"deleted {leads} lead(s) and {events} conversation event(s)")
    finally:
        store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
