"""The Rasa server's responses quote the provider file: nlg/provider.py fills {provider_*} from it,
slots fill their placeholders as before, and a value an action sends along wins."""

from __future__ import annotations

import pytest
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from actions.provider import ProviderConfigError
from nlg.provider import ProviderResponses
from tests.rasa_cli import ACTION_TOKEN, ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture()
def responses(test_provider, monkeypatch) -> NaturalLanguageGenerator:
    """The generator Rasa builds from the repo's endpoints.yml, as the server does at start-up."""
    monkeypatch.setenv("ACTION_SERVER_TOKEN", ACTION_TOKEN)  # the file's ${ACTION_SERVER_TOKEN}
    return NaturalLanguageGenerator.create(read_endpoint_config(str(ROOT / "endpoints.yml"), "nlg"), DOMAIN)


def tracker(*events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("jane", list(events), DOMAIN.slots)


def test_the_repo_endpoints_select_the_provider_responses(responses):
    assert type(responses) is ProviderResponses


@pytest.mark.asyncio
async def test_the_contact_details_come_from_the_provider_file(responses):
    contact = await responses.generate("utter_contact", tracker(), "rest")
    assert contact["text"].startswith(
        "You can reach Harbour IT in Lakeside at +44 20 7946 0958 or help@harbour-it.example, "
        "Monday to Friday, 08:30–18:00 (Europe/London); they're ")
    greeting = await responses.generate("utter_greet", tracker(), "rest")
    assert "Harbour IT" in greeting["text"] and "{" not in greeting["text"]
    offer = await responses.generate("utter_offer_contact", tracker(), "rest")
    assert offer["text"] == "Would you like to talk it through with someone from Harbour IT?"
    assert [button["payload"] for button in offer["buttons"]] == ["/affirm", "/deny"]


@pytest.mark.asyncio
async def test_slots_and_values_sent_along_still_fill_their_placeholders(responses):
    thanks = await responses.generate("utter_ask_lead_email", tracker(SlotSet("lead_name", "Jane")), "rest")
    assert thanks["text"] == "Thanks, Jane. Which email address should the expert write to?"
    sent = await responses.generate("utter_offer_contact", tracker(), "rest", provider_name="the team")
    assert sent["text"] == "Would you like to talk it through with someone from the team?"
    assert await responses.generate("utter_no_such_response", tracker(), "rest") is None


def test_a_broken_provider_file_stops_start_up(tmp_path, monkeypatch):
    from actions import provider

    broken = tmp_path / "provider.yml"
    broken.write_text("name: Harbour IT\n", encoding="utf-8")
    monkeypatch.setenv("PROVIDER_CONFIG", str(broken))
    provider._load.cache_clear()
    try:
        with pytest.raises(ProviderConfigError):
            ProviderResponses(None, DOMAIN)
    finally:
        provider._load.cache_clear()
