"""Replies as outbox payloads and back: what the bot will send later is stored as data."""

from __future__ import annotations

from typing import Any

from conversations.reply import Button, Reply


def reply_to_payload(reply: Reply) -> dict[str, Any]:
    """A reply (text and buttons) as JSON-ready data for the outbox."""
    return {
        "text": reply.text,
        "buttons": [
            [{"label": b.label, "payload": b.payload, "url": b.url} for b in row]
            for row in reply.buttons
        ],
    }


def payload_to_reply(payload: dict[str, Any], language: str, recipient: int) -> Reply:
    """The reply stored by `reply_to_payload`, addressed to `recipient`."""
    rows = tuple(
        tuple(Button(b["label"], b.get("payload") or "", b.get("url")) for b in row)
        for row in payload.get("buttons", [])
    )
    return Reply(str(payload.get("text", "")), rows, recipient=recipient, language=language)
