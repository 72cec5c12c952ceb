"""A Redis lock store whose locks are atomic and short-lived, for several Rasa replicas.

Rasa 3.6.21's RedisLockStore issues tickets with a GET followed by a SET, so two replicas taking a
ticket for the same conversation at the same moment can both believe they hold the lock: both read
the tracker, both write it, and the SQL tracker store (which appends the events beyond the stored
count) drops one of the two messages. Its locks also live 60 s, so a replica killed while holding
one stalls that conversation for a minute.

Here a lock is one Redis key set with SET NX PX (atomic), owned through a random token, released by
a compare-and-delete script, and kept alive by a heartbeat while its holder works. A holder that dies
stops renewing it, and the lock expires after `lock_lifetime` seconds (default 5).

endpoints.yml:
    lock_store:
      type: stores.lock_store.AtomicRedisLockStore
      url: localhost          # Redis host
      port: 6379
      db: 1
      password: ...           # optional
      lock_lifetime: 5        # seconds a dead holder can block a conversation
      wait_limit: 60          # seconds a message waits for its conversation before giving up
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Optional, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

# Delete or extend the key only if it still holds our token, so a holder whose lock expired can
# never release or prolong the lock of the replica that took over.
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
_RENEW = ("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) "
          "else return 0 end")


class AtomicRedisLockStore(RedisLockStore):
    """One atomic Redis key per conversation being processed."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, lock_lifetime: float = 5,
                 wait_limit: float = 60, **kwargs) -> None:
        settings = dict(endpoint_config.kwargs) if endpoint_config else {}
        settings.update(kwargs)
        self.lifetime = float(settings.pop("lock_lifetime", lock_lifetime))
        self.wait_limit = float(settings.pop("wait_limit", wait_limit))
        host = (endpoint_config.url if endpoint_config else None) or settings.pop("host", "localhost")
        settings.pop("host", None)
        super().__init__(host=host, **settings)
        self._release = self.red.register_script(_RELEASE)
        self._renew = self.red.register_script(_RENEW)

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = 0,
                   wait_time_in_seconds: float = 0) -> AsyncGenerator[TicketLock, None]:
        # Rasa passes its own lifetime and polling interval; ours come from the endpoint settings.
        key, token = self.key_prefix + conversation_id, uuid.uuid4().hex
        ttl_ms = int(self.lifetime * 1000)
        deadline, pause = time.monotonic() + self.wait_limit, 0.005
        while not self.red.set(key, token, nx=True, px=ttl_ms):
            if time.monotonic() > deadline:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.1)
        heartbeat = asyncio.create_task(self._keep_alive(key, token, ttl_ms))
        try:
            yield TicketLock(conversation_id)
        finally:
            heartbeat.cancel()
            self._release(keys=[key], args=[token])

    async def _keep_alive(self, key: str, token: str, ttl_ms: int) -> None:
        while True:
            await asyncio.sleep(self.lifetime / 3)
            if not self._renew(keys=[key], args=[token, ttl_ms]):
                logger.error("Lost the lock %s while still processing (Redis restarted or the process stalled)", key)
                return
