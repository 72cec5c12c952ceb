"""The web widget on the demo provider page, in a real browser (Debian's Chromium via Playwright),
against the real bot (action server + `rasa run` with our socket.io channel).

Waits are on text, never on elements: the widget creates a message bubble before it fills it.
The recommendation card's screenshot is kept in tests/artifacts/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.rasa_cli import ROOT, rasa_env
from tests.servers import Bot, free_port, start_bot, wait_until

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"
GREETING = "Your IT Partner"  # in both greeting variants
REPLY_TIMEOUT_MS = 30_000

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (.ci/run installs it)")


class Site:
    def __init__(self, url: str, bot: Bot, process: subprocess.Popen):
        self.url, self.bot, self.process = url, bot, process


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    bot = start_bot(tmp_path_factory.mktemp("web-bot"), env={"RASA_CORS_ORIGIN": origin})
    log = tmp_path_factory.mktemp("web-site") / "site.log"
    env = {**rasa_env(), "WEB_PORT": str(port), "RASA_SOCKET_URL": bot.url}
    process = subprocess.Popen([sys.executable, "-m", "web.server"], cwd=ROOT, env=env,
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(origin, timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text())
                time.sleep(0.3)
        yield Site(origin, bot, process)
    finally:
        process.terminate()
        process.wait(timeout=10)
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
