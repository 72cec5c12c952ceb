"""`python -m tests.model_probe MODEL`: load the model as the Rasa server does, parse the held-out messages, and print
as JSON how many were parsed, the process's memory, the TensorFlow models and the spaCy pipelines it holds.

Run in a subprocess (tests/test_loaded_model.py), so that the memory and the objects counted are the loaded model's.
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
from tests.rasa_cli import HELDOUT


async def parse_all(agent: Agent, texts: list[str]) -> list[dict]:
    return [await agent.parse_message(text) for text in texts]


def main(model: str) -> None:
    agent = Agent.load(model)
    loaded = rss_mb(os.getpid())
    texts = [example.get("text") for example in load_data(str(HELDOUT)).intent_examples]
    parses = asyncio.run(parse_all(agent, texts))
    print(json.dumps({"rss_mb_loaded": loaded, "parsed": len(parses),
                      "intents": sorted({p["intent"]["name"] for p in parses}),
                      "faqs": sum(1 for p in parses if p.get("response_selector")),
                      "with_entities": sum(1 for p in parses if p["entities"]),
                      "spacy_pipelines": sum(1 for o in gc.get_objects() if isinstance(o, Language)),
                      "tensorflow_models": [type(o).__name__ for o in gc.get_objects() if isinstance(o, RasaModel)]}))


if __name__ == "__main__":
    main(*sys.argv[1:])
