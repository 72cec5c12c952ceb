"""Tell the provider about a new lead in Slack, through an incoming webhook.

The webhook URL comes from LEADS_SLACK_WEBHOOK_URL (unset: no message). The post runs in the
background so that a slow Slack never delays the reply. A failure is logged at ERROR without the
person's details; the lead is already stored, so nothing is lost.
"""

from __future__ import annotations

import asyncio
import logging
import os

import aiohttp

from leads.store import Lead

logger = logging.getLogger(__name__)
TIMEOUT = aiohttp.ClientTimeout(total=10)
_pending: set[asyncio.Task] = set()  # running posts, referenced so that they are not collected early


def slack_text(lead: Lead, lead_id: int) -> str:
    rec = lead.assessment.get("recommendation") or {}
    advice = (f"{rec.get('strategy', '?')} ({rec.get('confidence', 0):.0%} confident)"
              if rec else "no recommendation yet")
    phone = f", {lead.phone}" if lead.phone else ""
    return f"New lead #{lead_id} from the sourcing advisor: {lead.name} <{lead.email}>{phone}. Advice given: {advice}."


async def post_lead(lead: Lead, lead_id: int) -> bool:
    """Post the lead to the provider's Slack channel; True when Slack accepted it (or none is set)."""
    url = os.environ.get("LEADS_SLACK_WEBHOOK_URL", "").strip()
    if not url:
        return True
    try:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
            async with session.post(url, json={"text": slack_text(lead, lead_id)}) as response:
                if response.status == 200:
                    return True
                logger.error("Slack webhook refused lead #%s: HTTP %s", lead_id, response.status)
    except (aiohttp.ClientError, TimeoutError) as error:
        logger.error("Slack webhook unreachable for lead #%s: %s", lead_id, type(error).__name__)
    return False


def post_in_background(lead: Lead, lead_id: int) -> None:
    task = asyncio.get_running_loop().create_task(post_lead(lead, lead_id))
    _pending.add(task)
    task.add_done_callback(_pending.discard)
