"""`python -m tests.model_probe rasa|prediction MODEL`: load the model Rasa's way or ours, parse the
held-out messages, and print as JSON what was parsed, the process's memory, how the models were built and how many spaCy
pipelines the process holds.

Run in a subprocess per way of loading (tests/test_model_loading.py), so that each memory figure is
its own process's and the loading under test is the only difference.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys

from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from rasa.utils.tensorflow.models import RasaModel
from spacy.language import Language

from bench.systems import rss_mb
from runtime import model_loading
from tests.rasa_cli import HELDOUT


def summary(parse: dict) -> dict:
    faq = parse.get("response_selector", {}).get("default", {}).get("response", {})
    return {"text": parse["text"], "intent": parse["intent"]["name"],
            "confidence": round(parse["intent"]["confidence"], 5),
            "entities": [(e["entity"], e["value"], e["start"], e["end"]) for e in parse["entities"]],
            "faq": faq.get("intent_response_key"), "faq_confidence": round(faq.get("confidence") or 0.0, 5)}


async def parse_all(agent: Agent, texts: list[str]) -> list[dict]:
    return [summary(await agent.parse_message(text)) for text in texts]


def main(way: str, model: str) -> None:
    if way == "prediction":
        model_loading.install()
    agent = Agent.load(model)
    loaded = rss_mb(os.getpid())
    texts = [example.get("text") for example in load_data(str(HELDOUT)).intent_examples]
    parses = asyncio.run(parse_all(agent, texts))
    tf_models = [o for o in gc.get_objects() if isinstance(o, RasaModel)]
    spacy_pipelines = sum(1 for o in gc.get_objects() if isinstance(o, Language))
    print(json.dumps({"rss_mb_loaded": loaded, "parses": parses, "spacy_pipelines": spacy_pipelines,
                      "models": [{"class": type(m).__name__, "optimizer": m.optimizer is not None}
                                 for m in tf_models]}))


if __name__ == "__main__":
    main(*sys.argv[1:])
