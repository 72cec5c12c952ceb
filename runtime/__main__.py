"""`python -m runtime <rasa arguments>`: Rasa's command line with our action calls and public port.

`make serve`, `make shell` and the tests start Rasa this way instead of with the bare `rasa`
command, so that a failing action server is answered with an apology (runtime/action_calls.py),
the public port shows no version and takes no oversized body (runtime/public_port.py), the loaded
model stays out of the garbage collector's full passes (runtime/frozen_heap.py), and no BLAS thread
spins beside the one that serves (runtime/blas_threads.py).
"""

from rasa.__main__ import main

from runtime import action_calls, blas_threads, frozen_heap, public_port

if __name__ == "__main__":
    action_calls.install()
    public_port.install()
    frozen_heap.install()
    blas_threads.install()
    main()
