"""The lock store on a real Redis, in process: one holder at a time, a dead holder's lock expires,
a lock is released only by its owner. Also the Slack channel's Redis-shared retry detection."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.lock_store import LockError

from channels.slack import RedisSeenEvents
from stores.lock_store import AtomicRedisLockStore


def store(server, **settings) -> AtomicRedisLockStore:
    return AtomicRedisLockStore(host="127.0.0.1", port=server.port, db=2, **settings)


@pytest.mark.asyncio
async def test_one_holder_at_a_time(redis_server):
    locks, inside, overlaps = [store(redis_server), store(redis_server)], [], []  # two "replicas"

    async def work(lock_store):
        async with lock_store.lock("conversation-1"):
            overlaps.append(len(inside))
            inside.append(1)
            await asyncio.sleep(0.01)
            inside.pop()

    await asyncio.gather(*(work(locks[i % 2]) for i in range(40)))
    assert len(overlaps) == 40 and set(overlaps) == {0}


@pytest.mark.asyncio
async def test_a_lock_is_kept_while_its_holder_works_longer_than_its_lifetime(redis_server):
    first, second = store(redis_server, lock_lifetime=0.3), store(redis_server, lock_lifetime=0.3, wait_limit=0.5)
    async with first.lock("slow"):
        with pytest.raises(LockError):
            async with second.lock("slow"):
                pass  # the heartbeat renewed the 0.3 s lock past the 0.5 s wait


@pytest.mark.asyncio
async def test_a_dead_holders_lock_expires(redis_server):
    lock_store = store(redis_server, lock_lifetime=0.5, wait_limit=5)
    lock_store.red.set(lock_store.key_prefix + "orphan", "token-of-a-killed-replica", px=500)
    started = asyncio.get_running_loop().time()
    async with lock_store.lock("orphan"):
        waited = asyncio.get_running_loop().time() - started
    assert 0.2 < waited < 1.5


@pytest.mark.asyncio
async def test_only_the_owner_releases_the_lock(redis_server):
    lock_store = store(redis_server)
    key = lock_store.key_prefix + "owned"
    async with lock_store.lock("owned"):
        assert lock_store._release(keys=[key], args=["someone-else"]) == 0
        assert lock_store.red.get(key) is not None
    assert lock_store.red.get(key) is None


@pytest.mark.asyncio
async def test_slack_retries_are_recognised_by_every_replica(redis_server, monkeypatch):
    for name, value in redis_server.env().items():
        monkeypatch.setenv(name, value)
    replica_a, replica_b = RedisSeenEvents.from_environment(), RedisSeenEvents.from_environment()
    assert await replica_a.first_time("Ev1")
    assert not await replica_b.first_time("Ev1")  # the retry reached the other replica
    assert await replica_b.first_time("Ev2")
    assert 3590 < await replica_a.client.ttl("slack-event:Ev1") <= 3600
    await replica_a.client.close()
    await replica_b.client.close()


@pytest.mark.asyncio
async def test_without_redis_an_event_is_processed_rather_than_lost(monkeypatch):
    monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", "1")  # nothing listens there
    seen = RedisSeenEvents.from_environment()
    assert await seen.first_time("Ev1") and await seen.first_time("Ev1")
    await seen.client.close()


def test_without_redis_host_the_channel_remembers_in_process(monkeypatch):
    monkeypatch.delenv("REDIS_HOST", raising=False)
    assert RedisSeenEvents.from_environment() is None
