"""Rasa's SpacyNLP, with the spaCy pipeline loaded once per process instead of once per graph node.

Rasa 3.6.21 makes two graph nodes of SpacyNLP: one provides the loaded pipeline to the tokenizer and
featurizer (`provide_SpacyNLP0`), the other adds each message's spaCy doc (`run_SpacyNLP0`). Each node
creates its own component, and each creation calls `spacy.load`: en_core_web_md sat twice in the
server's memory, 240 MB the second time (measured with the model's graph loaded node by node). Both
nodes now share one pipeline object; spaCy pipelines are only read at inference, so sharing is safe.

The class keeps the name `SpacyNLP` on purpose: the recipe finds the provider for the tokenizer and
featurizer by that class name (`model_from="SpacyNLP"`), so this registration takes the place of
Rasa's own in the recipe's registry once `config.yml` names this module.

It also gives thinc its CPU backend in each request's context. thinc keeps the current backend in a
ContextVar, and every request the server handles runs in a new context where it is unset, so spaCy's
NER looked the backend up again for every message: a scan of the installed packages' entry points and
two failed imports, an eighth of spaCy's time per message in the server.
"""

from __future__ import annotations

from functools import lru_cache
from typing import List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils import spacy_utils
from rasa.shared.nlu.training_data.message import Message
from thinc.api import Ops, get_ops, set_current_ops
from thinc.backends import context_ops


@lru_cache(maxsize=None)
def _load_once(spacy_model_name: Text) -> spacy_utils.SpacyModel:
    return spacy_utils.SpacyNLP.load_model(spacy_model_name)


@lru_cache(maxsize=None)
def _cpu_ops() -> Ops:
    return get_ops("cpu")


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    """SpacyNLP whose graph nodes share one loaded spaCy pipeline."""

    @staticmethod
    def load_model(spacy_model_name: Text) -> spacy_utils.SpacyModel:
        """The pipeline of that name, loaded at its first use in this process."""
        return _load_once(spacy_model_name)

    def process(self, messages: List[Message], model: spacy_utils.SpacyModel) -> List[Message]:
        if context_ops.get() is None:
            set_current_ops(_cpu_ops())
        return super().process(messages, model)
