"""Requests about the conversation itself, and a centre's contact versus a desk's help (issue 14,
round 34).

A language asked for as people ask it, with the reason after it, switches the language: "please
switch the language to Turkish, the phone belongs to my mother-in-law", "can you answer in Dutch?
I'm learning the language", "Dili Hollandaca yapar mısınız?", "غيّر اللغة إلى الهولندية",
"ممكن تكتبوا بالفرنسية؟ ابنتي ستقرأ الرسائل"; the phone, the mother-in-law and the learning told
beside it name no smartphone desk, mothers' morning or language café. A language named as what
an activity is about ("is there a Dutch class? I'm learning the language") stays that activity.
What the bot is for and one's own data, asked with a reason ("what can I ask you? my son
installed this app"), stay bot help and privacy: a desk's topic told beside them says why. Someone
at a centre who knows about a thing that stopped working ("my itsme stopped working on my new
phone, is there someone at De Klaver who knows about it?", "itsme ne marche plus") is the digital
desk, not the centre's phone number; whoever explains allowances or child benefit ("toeslagen",
"Kindergeld", "допомога на дітей") is the desk for them; a centre's e-mail or phone asked to send
papers or to call ("Sosyal Evin e-posta adresi", "Domu Socjalnego") is that centre's contact.
Controls: someone who walks badly asking for a lift, a letter in Dutch, a course of Dutch asked
for, a centre's number asked with one's own new phone told beside it.

`data/meta34_classes_battery.jsonl` was written for this round in our own words, on an invented
Flemish organisation (`data/klaverhoek_meta34.yaml`) and the demo ones, in all eight languages.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "meta34_classes_battery.jsonl"
FLOOR = 0.96  # a regression guard: 93/93 when written (69/93 before)


def test_conversation_requests_and_contact_versus_desk(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "meta34 classes battery", FLOOR, 2, monkeypatch, capsys)
