"""`python -m runtime <rasa arguments>`: Rasa's command line with our action calls installed.

`make serve`, `make shell` and the tests start Rasa this way instead of with the bare `rasa`
command, so that a failing action server is answered with an apology (runtime/action_calls.py).
"""

from rasa.__main__ import main

from runtime.action_calls import install

if __name__ == "__main__":
    install()
    main()
