"""The web widget on the demo provider page, in a real browser (Debian's Chromium via Playwright),
against the real bot (action server + `rasa run` with our socket.io channel).

Waits are on text, never on elements: the widget creates a message bubble before it fills it.
The recommendation card's screenshot is kept in tests/artifacts/.
"""

from __future__ import annotations

import os
import time

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from channels.webchat import SESSION_ID
from tests.rasa_cli import ROOT
from tests.servers import Bot, free_port, start_bot, start_site, wait_until

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"
GREETING = "Your IT Partner"  # in both greeting variants
REPLY_TIMEOUT_MS = 30_000

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (.ci/run installs it)")


class Site:
    def __init__(self, url: str, bot: Bot):
        self.url, self.bot = url, bot


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """The bot, then the page (whose origin the bot must allow: the page's port is chosen first)."""
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    bot = start_bot(tmp_path_factory.mktemp("web-bot"), env={"RASA_CORS_ORIGIN": origin})
    try:
        page = start_site(tmp_path_factory.mktemp("web-site"), bot.url, port)
    except Exception:
        bot.stop()
        raise
    yield Site(origin, bot)
    page.process.terminate()
    page.process.wait(timeout=10)
    bot.stop()


@pytest.fixture(scope="module")
def browser() -> Browser:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, site: Site) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site.url)
    open_chat(page)
    wait_for_text(page, GREETING)
    yield page
    context.close()


def open_chat(page: Page) -> None:
    """Open the widget unless it comes back open (it keeps its state across a reload)."""
    page.locator(".rw-launcher").wait_for()
    if page.locator(".rw-conversation-container").count() == 0:
        page.locator(".rw-launcher").click()


def wait_for_text(page: Page, text: str, count: int = 1) -> None:
    """Until `text` shows `count` times in the chat (the widget fills bubbles after creating them)."""
    page.wait_for_function(
        "([text, count]) => (document.querySelector('.rw-messages-container')?.innerText || '')"
        ".split(text).length - 1 >= count",
        arg=[text, count], timeout=REPLY_TIMEOUT_MS)


def send(page: Page, text: str) -> None:
    page.locator(".rw-new-message").fill(text)
    page.locator(".rw-new-message").press("Enter")


def session_id(page: Page) -> str:
    stored = page.evaluate("JSON.parse(sessionStorage.getItem('chat_session') || '{}')")
    assert stored.get("session_id"), stored
    return stored["session_id"]


def test_page_is_branded_and_serves_the_bundle_itself(page: Page, site: Site):
    assert "Your IT Partner" in page.title()
    assert "hello@example.com" in page.locator("#contact").inner_text()
    scripts = page.eval_on_selector_all("script[src]", "nodes => nodes.map(n => n.src)")
    assert scripts and all(src.startswith(site.url + "/static/") for src in scripts), scripts


def test_full_conversation_ends_in_a_recommendation_card(page: Page, site: Site):
    started = time.monotonic()
    send(page, "We're a 12-person dental practice in Worcester, MA, worried about ransomware")
    wait_for_text(page, "Which work would you")  # the next question: what would move
    first_reply = time.monotonic() - started
    started = time.monotonic()
    send(page, "our help desk")
    wait_for_text(page, "My recommendation: Outsourcing")  # the plain-text fallback
    second_reply = time.monotonic() - started
    wait_for_text(page, "Would you like to talk it through")  # the advice's last message: the chat settled
    card = page.locator(".advice-card")
    card.wait_for(timeout=REPLY_TIMEOUT_MS)
    assert card.locator(".advice-card__strategy").inner_text() == "Outsourcing"
    assert card.locator(".advice-card__reasons li").count() >= 2
    assert card.locator(".advice-card__steps li").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    card.screenshot(path=str(ARTIFACTS / "recommendation-card.png"))
    page.screenshot(path=str(ARTIFACTS / "provider-page-with-widget.png"))
    print(f"widget: send -> visible reply {first_reply:.2f} s (first profile message), {second_reply:.2f} s (advice)")
    assert first_reply < 10


def test_quick_reply_buttons_continue_the_conversation(page: Page, site: Site):
    send(page, "We're a software company of 300 people in Boston and want skilled developers in Poland")
    send(page, "software development")
    wait_for_text(page, "How much control")
    page.locator(".rw-reply", has_text="Keep it in-house").click()
    wait_for_text(page, "How close")
    site.bot.wait_for_slot(session_id(page), "control", "full")


def test_reloading_the_page_keeps_the_conversation(page: Page, site: Site):
    send(page, "We have 40 employees in Denver")
    wait_for_text(page, "What do you most want")
    before = session_id(page)
    page.reload()
    open_chat(page)
    wait_for_text(page, "We have 40 employees in Denver")  # the history is still on screen
    assert session_id(page) == before
    send(page, "we need expert help")
    wait_for_text(page, "Which work would you")  # size and place remembered: the next open question
    wait_until(lambda: site.bot.user_texts(before)[-1:] == ["we need expert help"], "the last message stored")
    assert site.bot.user_texts(before)[-2:] == ["We have 40 employees in Denver", "we need expert help"]
    assert site.bot.tracker(before)["slots"]["employees"] == 40


def test_a_session_id_the_server_did_not_sign_starts_a_new_conversation(page: Page, site: Site):
    send(page, "We have 40 employees in Denver")
    wait_for_text(page, "What do you most want")
    before = session_id(page)
    assert SESSION_ID.fullmatch(before)  # what the widget keeps is what the server signed
    forged = before.split("-")[0] + "-" + "0" * 32  # another visitor's key would look like this
    page.evaluate("""forged => {
        const stored = JSON.parse(sessionStorage.getItem('chat_session'));
        sessionStorage.setItem('chat_session', JSON.stringify({...stored, session_id: forged}));
    }""", forged)
    page.reload()
    open_chat(page)
    wait_until(lambda: session_id(page) not in (forged, before), "a new session confirmed")
    assert SESSION_ID.fullmatch(session_id(page))
    wait_for_text(page, GREETING)  # the new conversation starts with a greeting
    site.bot.wait_for_slot(before, "employees", 40)  # the signed conversation was not touched
    assert site.bot.user_texts(before) == ["/greet", "We have 40 employees in Denver"]


def test_a_pasted_document_is_cut_to_what_the_server_takes_and_answered(page: Page, site: Site):
    page.locator(".rw-new-message").focus()
    page.keyboard.insert_text("outsourcing " * 9000)  # 108,000 characters, as a paste
    assert page.evaluate("document.querySelector('.rw-new-message').value.length") == 16000
    page.locator(".rw-new-message").press("Enter")
    wait_for_text(page, "That's a long message!")


def test_html_typed_by_the_user_is_shown_literally(page: Page, site: Site):
    attack = "<img src=x onerror=alert(1)>"
    send(page, attack)
    wait_for_text(page, attack)
    page.wait_for_timeout(1000)
    assert page.dialogs == []
    assert page.locator(".rw-messages-container img[src='x']").count() == 0


def test_policy_blocks_inline_script_and_javascript_urls(page: Page, site: Site):
    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.body.appendChild(script);
        const link = document.createElement('a');
        link.href = 'javascript:window.linkRan = true';
        link.id = 'evil';
        link.textContent = 'evil';
        document.body.appendChild(link);
    }""")
    page.locator("#evil").click()
    page.wait_for_timeout(500)
    assert page.evaluate("[window.inlineRan, window.linkRan]") == [None, None]
