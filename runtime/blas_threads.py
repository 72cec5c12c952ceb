"""One BLAS thread in each Rasa server process.

numpy's OpenBLAS starts a thread per core, and after each matrix product it keeps the extra threads spinning a
while in case another product comes. The intent classifier and the slot readers multiply small matrices on every
message, so on the benchmark machine (2 cores) the Rasa server spent 398 ms of CPU on an 8-turn conversation, 222 of
them in that second thread waiting, for nothing: a message's products are far too small to gain from splitting.
Under load that thread took the core that other requests, the other worker and the action server needed. With one
thread: 165–190 ms of CPU, and each turn a little faster too. Training keeps every thread: its products are large.
"""

from __future__ import annotations

import logging

from threadpoolctl import threadpool_info, threadpool_limits

from runtime.loaded import after_loading

logger = logging.getLogger(__name__)
LIMITED = "BLAS threads in this process"


def one_thread() -> list[int]:
    """Limit every BLAS library loaded in this process to one thread; the thread counts they now report."""
    threadpool_limits(limits=1, user_api="blas")
    counts = [library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas"]
    logger.info("%s: %s", LIMITED, counts)
    return counts


def install() -> None:
    """Each Rasa server process limits its BLAS threads once its model (and with it every BLAS library) is loaded."""
    after_loading(one_thread)
