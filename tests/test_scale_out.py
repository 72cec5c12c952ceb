"""Several `rasa run` replicas on real PostgreSQL + Redis (endpoints.scaled.yml, configured only by
environment variables), with one action server: no message lost or doubled, whatever the load,
a killed replica or a database restart. The checks read the trackers, not the status codes."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from leads.store import LeadStore
from tests import services
from tests.rasa_cli import ROOT, rasa_env
from tests.servers import RASA_READY, TOKEN, free_port, http, launch_actions, launch_rasa, wait_until

MESSAGES = ["hello", "We're a 40-person accounting firm in Denver", "we want better security", "our help desk",
            "why?", "what if we had 2,000 employees?", "thanks", "bye"]


class Cluster:
    def __init__(self, workdir, postgres: services.Postgres, redis: services.Redis):
        self.workdir, self.replicas, self.processes = workdir, [], []
        self.postgres, self.redis = postgres, redis
        port = free_port()
        self.env = {**rasa_env(), **self.postgres.env(), **self.redis.env(),
                    "RASA_ENDPOINTS": str(ROOT / "endpoints.scaled.yml"),  # the action server's leads go there too
                    "ACTION_SERVER_URL": f"http://127.0.0.1:{port}/webhook"}
        actions = launch_actions(workdir, self.env, port)
        self.processes.append(actions.process)
        actions.wait("/health")

    def add_replica(self) -> str:
        name = f"replica-{len(self.replicas) + 1}"
        replica = launch_rasa(self.workdir, ROOT / "endpoints.scaled.yml", self.env, name=name)
        self.processes.append(replica.process)
        self.replicas.append(replica)
        return replica.wait(RASA_READY).url

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, postgres_server, redis_server):
    running = Cluster(tmp_path_factory.mktemp("cluster"), postgres_server, redis_server)
    try:
        running.add_replica()
        running.add_replica()
        yield running
    finally:
        running.stop()


def say(url: str, sender: str, text: str) -> list:
    status, replies = http("POST", f"{url}/webhooks/rest/webhook", {"sender": sender, "message": text}, timeout=120)
    assert status == 200, (status, replies)
    return replies


def events(url: str, sender: str) -> list[dict]:
    status, tracker = http("GET", f"{url}/conversations/{sender}/tracker?token={TOKEN}")
    assert status == 200, tracker
    return tracker["events"]


def user_texts(url: str, sender: str) -> list[str]:
    return [e["text"] for e in events(url, sender) if e["event"] == "user"]


def assert_no_event_twice(url: str, sender: str) -> None:
    seen = Counter(json.dumps(e, sort_keys=True) for e in events(url, sender))
    assert [e for e, n in seen.items() if n > 1] == []


def test_one_conversation_alternating_between_replicas_stays_coherent(cluster):
    a, b = (r.url for r in cluster.replicas[:2])
    sender = f"alt-{uuid.uuid4().hex[:8]}"
    replies = [say((a, b)[i % 2], sender, text) for i, text in enumerate(MESSAGES)]
    assert any("My recommendation: Outsourcing" in m.get("text", "") for m in replies[3]), replies[3]
    assert user_texts(a, sender) == user_texts(b, sender) == MESSAGES
    assert_no_event_twice(a, sender)


def test_a_lead_goes_to_postgresql_and_delete_my_data_erases_it_there(cluster):
    a, b = (r.url for r in cluster.replicas[:2])
    sender = f"lead-{uuid.uuid4().hex[:8]}"
    for i, text in enumerate(MESSAGES[1:4] + ["yes", "yes", "Jane Doe", "jane@example.com", "skip", "yes"]):
        replies = say((a, b)[i % 2], sender, text)
    assert replies[0]["text"].startswith("Thank you, Jane Doe!")
    store = LeadStore(f"postgresql://{cluster.postgres.user}:{cluster.postgres.password}@127.0.0.1:"
                      f"{cluster.postgres.port}/{cluster.postgres.db}")
    try:
        assert [(r["sender_id"], r["strategy"]) for r in store.all()] == [(sender, "outsourcing")]
        say(a, sender, "delete my data")
        say(b, sender, "yes")
        wait_until(lambda: user_texts(a, sender) == [], "the conversation erased")
        assert store.all() == []
    finally:
        store.dispose()


def test_concurrent_messages_across_replicas_are_neither_lost_nor_doubled(cluster):
    urls = [r.url for r in cluster.replicas[:2]]
    senders = [f"load-{i}-{uuid.uuid4().hex[:6]}" for i in range(30)]
    jobs = [(urls[(i + j) % 2], sender, text) for i, sender in enumerate(senders) for j, text in enumerate(MESSAGES)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=48) as pool:  # each conversation's 8 messages at once
        list(pool.map(lambda job: say(*job), jobs))
    elapsed = time.monotonic() - started
    print(f"{len(jobs)} messages from {len(senders)} concurrent conversations on 2 replicas: "
          f"{elapsed:.1f} s, {len(jobs) / elapsed:.1f} messages/s")
    stored = {sender: user_texts(urls[0], sender) for sender in senders}
    assert {s: texts for s, texts in stored.items() if Counter(texts) != Counter(MESSAGES)} == {}  # none lost or doubled
    for sender in senders:
        assert_no_event_twice(urls[0], sender)


def _converse(urls: list[str], sender: str, latencies: list, retried: list) -> None:
    """One conversation, a message at a time, alternating replicas; a replica that is gone is
    skipped like a load balancer would (the message goes to the next one)."""
    for i, text in enumerate(MESSAGES):
        for attempt in range(len(urls)):
            url = urls[(i + attempt) % len(urls)]
            started = time.monotonic()
            try:
                say(url, sender, text)
                latencies.append(time.monotonic() - started)
                break
            except (ConnectionError, urllib.error.URLError, TimeoutError, AssertionError):
                retried.append((sender, text))
        else:
            raise AssertionError(f"no replica answered {text!r} for {sender}")


def _run_under_load(urls: list[str], fault, conversations: int = 10) -> tuple[list[str], list, list]:
    senders = [f"fault-{i}-{uuid.uuid4().hex[:6]}" for i in range(conversations)]
    latencies: list = []
    retried: list = []
    threads = [threading.Thread(target=_converse, args=(urls, s, latencies, retried)) for s in senders]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 120
    while len(latencies) < conversations * len(MESSAGES) // 4 and time.monotonic() < deadline:
        time.sleep(0.05)  # the fault strikes with three quarters of the messages still to come
    fault()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(t.is_alive() for t in threads)
    return senders, latencies, retried


def test_a_killed_replica_loses_nothing_and_stalls_no_conversation(cluster):
    survivor = cluster.replicas[0].url
    doomed = cluster.add_replica()
    victim = cluster.replicas[-1].process
    senders, latencies, retried = _run_under_load([doomed, survivor], victim.kill)  # kill -9
    print(f"kill -9 of a replica under load: {len(retried)} requests re-sent, slowest answer {max(latencies):.1f} s")
    assert retried, "no request met the killed replica"
    assert max(latencies) < 10  # a dead replica's locks expire in seconds, not a minute
    for sender in senders:
        texts = user_texts(survivor, sender)
        assert set(texts) == set(MESSAGES), (sender, texts)
        # A message the killed replica had saved but not answered is re-sent, so it may appear twice;
        # nothing else may.
        doubled = [t for t, n in Counter(texts).items() if n > 1]
        assert set(doubled) <= {t for s, t in retried if s == sender}


def test_a_database_restart_under_load_loses_nothing(cluster):
    urls = [r.url for r in cluster.replicas[:2]]
    senders, latencies, retried = _run_under_load(urls, cluster.postgres.restart)
    print(f"PostgreSQL restart under load: slowest answer {max(latencies):.1f} s")
    assert retried == []
    for sender in senders:
        assert user_texts(urls[0], sender) == MESSAGES
        assert_no_event_twice(urls[0], sender)
