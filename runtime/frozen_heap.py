"""Keep the loaded model out of the garbage collector's full passes.

Once Rasa has loaded the model, its server holds over half a million long-lived Python objects (spaCy,
the readers, the domain, TensorFlow's modules), and a full pass of Python's cyclic garbage collector walks
them all: 0.45 s on the benchmark machine, during which every request in flight waits. Such passes come
every few hundred messages, and under load they make the slowest answers slower. `gc.freeze()` after the
model is loaded moves those objects to a generation the collector never scans (what CPython provides it for);
they are the model, which lives as long as the process. (A model replaced while the server runs, by `PUT /model`
or a model server, leaves the old one's frozen objects in memory: restart the server to change models.) The action
server does the same after loading its place tables (runtime/action_server.py). Both then hand the memory that
loading used and freed back to the system.
"""

from __future__ import annotations

import ctypes
import gc
import logging

from runtime.loaded import after_loading

logger = logging.getLogger(__name__)
FROZEN = "loaded objects kept out of the garbage collector's full passes"


def freeze_loaded() -> int:
    """Collect what loading left behind, then freeze the rest; how many objects are now frozen."""
    gc.collect()
    gc.freeze()
    _return_free_memory()
    logger.info("%d %s", gc.get_freeze_count(), FROZEN)
    return gc.get_freeze_count()


def _return_free_memory() -> None:
    """Hand the heap's free pages back to the system: loading builds and drops large tables (the place names'
    sources, JSON and locale data), whose memory glibc's allocator would otherwise keep as the process's (some
    tens of MB). Elsewhere than glibc, nothing to do."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def install() -> None:
    """Each Rasa server process (each worker) freezes its own heap once it has loaded the model."""
    after_loading(freeze_loaded)
