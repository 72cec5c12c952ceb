"""`python -m runtime <rasa arguments>`: Rasa's command line with our action calls and model loading.

`make serve`, `make shell` and the tests start Rasa this way instead of with the bare `rasa`
command, so that a failing action server is answered with an apology (runtime/action_calls.py)
and the NLU models are loaded for prediction only (runtime/model_loading.py).
"""

from rasa.__main__ import main

from runtime import action_calls, model_loading

if __name__ == "__main__":
    action_calls.install()
    model_loading.install()
    main()
