"""Rasa's responses with the {provider_*} placeholders filled from the provider config.

Responses such as the greeting and the contact details quote the provider's name, phone, email and
opening hours (provider.yml, or the file PROVIDER_CONFIG names). Filling them here, where Rasa
generates every response, lets the rules utter those responses directly; a custom action per
response cost a round trip to the action server (≈ 3 ms) each time. Slots fill placeholders as
before; values an action passes with its response take precedence.

endpoints.yml: `nlg: {type: nlg.provider.ProviderResponses}`.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from actions.provider import load_provider


class ProviderResponses(TemplatedNaturalLanguageGenerator):
    """The domain's responses, with the provider's details among the placeholder values."""

    def __init__(self, endpoint_config: EndpointConfig, domain: Domain) -> None:
        super().__init__(domain.responses)
        load_provider()  # a broken provider file stops start-up here, not the first greeting

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text,
                       **kwargs: Any) -> Optional[Dict[Text, Any]]:
        values = {**load_provider().template_vars(), **kwargs}
        return await super().generate(utter_action, tracker, output_channel, **values)
