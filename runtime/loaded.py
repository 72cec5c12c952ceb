"""Work for each Rasa server process once its model is loaded: `after_loading(job)` runs `job` there.

Rasa loads the model in a "before_server_start" listener of each Sanic worker, so a job registered here as an
"after_server_start" listener runs once per worker, on the model that worker serves. It patches Rasa's app
set-up in this process; runtime/__main__ installs the jobs before Rasa starts.
"""

from __future__ import annotations

import functools
from typing import Any, Callable


def after_loading(job: Callable[[], Any]) -> None:
    """Run `job` in each Rasa server process (each worker) once it has loaded its model and serves."""
    import rasa.core.run as rasa_run  # here, not at the top: the action server uses its jobs without Rasa

    configure_app = rasa_run.configure_app

    @functools.wraps(configure_app)
    def configure(*args: Any, **kwargs: Any):
        app = configure_app(*args, **kwargs)

        async def run_job(_app: Any, _loop: Any) -> None:
            job()

        app.register_listener(run_job, "after_server_start")
        return app

    rasa_run.configure_app = configure
