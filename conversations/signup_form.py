"""The sign-up form: one declaration of its slots and one driver, for the resident who signs
up themself and for staff who sign up a named person at the desk.

The slots are declared once (`SLOTS`: name, phone, consent, time, each option such as the meal,
how many people come along, the tariff) and `next_question` asks the first one still open, or
the summary to confirm. What differs between who fills the form in is a `Filler`: data (whose
name and phone are asked, whether the tariff is) and a few hooks (the payloads its buttons
carry, the consent question, the confirmation). Typed answers are read by conversations/forms.py
against the question asked, so a change to a slot here reaches both sign-ups. Flows are leaves,
so this lives outside them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from conversations.context import Ctx
from conversations.forms import FREE_TEXT, PHONE, Choice, Question
from conversations.payloads import (
    DeskCompanions,
    DeskOption,
    DeskTime,
    Payload,
    SignupCompanions,
    SignupOption,
    SignupTariff,
    SignupTime,
)
from storage.model import Activity, Option, SignupMode
from storage.schedule import Occurrence

STAMP = "%Y%m%d%H%M"
MAX_NAME = 80  # a name typed at the desk, longer is not a name

TIMES = (SignupTime, DeskTime)
OPTIONS = (SignupOption, DeskOption)
COMPANIONS = (SignupCompanions, DeskCompanions)
"""The presses that answer a slot, whoever's buttons carry them."""


class FormAnswers(Protocol):
    """What the form has gathered about the person signed up (each flow's state has these)."""

    name: str | None
    phone: str | None
    start: str | None  # the occurrence or appointment time chosen, as STAMP
    options: dict[str, str]  # option id -> choice id
    companions: int | None
    reduced: bool | None


class Filler:
    """Who fills the form in. The resident signs up themself; staff sign up a named person at
    the desk (`for_someone`: their name and phone are asked). The hooks say what differs."""

    for_someone = False  # staff for a named person: ask name and phone, no consent step
    asks_tariff = True  # the reduced tariff is asked (the desk does not record it)

    def time(self, start: datetime) -> Payload:
        """The press of an appointment time."""
        raise NotImplementedError

    def option(self, option: int, choice: int) -> Payload:
        """The press of choice `choice` of option `option` (the meal)."""
        raise NotImplementedError

    def companions(self, count: int) -> Payload:
        """The press of how many come along."""
        raise NotImplementedError

    def tariff(self, reduced: bool) -> Payload:
        """The press of the reduced tariff yes or no."""
        return SignupTariff(reduced)

    def option_text(self, ctx: Ctx, option: Option) -> str:
        """The question for an option ("Meal: what would you like?")."""
        return ctx.tr.gettext("{option}: what would you like?").format(
            option=ctx.text(option.label)
        )

    def companions_text(self, ctx: Ctx, activity: Activity) -> str:
        """The question for how many come along."""
        return ctx.tr.gettext(
            "How many {label} will you bring along? Each one counts as a place."
        ).format(label=companions_label(ctx, activity))

    async def times(self, activity: Activity) -> Sequence[Occurrence]:
        """The appointment times to offer."""
        return ()

    async def consent(self) -> Question | None:
        """The consent question when the person has not agreed yet, else None."""
        return None

    async def remembered_tariff(self) -> bool | None:
        """The tariff answer remembered from an earlier sign-up, if any."""
        return None

    async def confirm(self, activity: Activity, answers: FormAnswers) -> Question:
        """The summary to confirm, with its yes, no (and change) choices."""
        raise NotImplementedError


@dataclass(frozen=True)
class Slot:
    """One question of the form: whether it is still open, and how it is asked (None: it was
    answered without asking, such as a remembered tariff)."""

    name: str
    open: Callable[[Filler, Activity, FormAnswers], bool]
    ask: Callable[[Ctx, Filler, Activity, FormAnswers], Awaitable[Question | None]]


async def _ask_name(ctx: Ctx, who: Filler, activity: Activity, a: FormAnswers) -> Question:
    return Question(
        "name", ctx.tr.gettext("Type the name of the person to sign up."), free=FREE_TEXT
    )


async def _ask_phone(ctx: Ctx, who: Filler, activity: Activity, a: FormAnswers) -> Question:
    text = ctx.tr.gettext("Type their phone number (so the centre can reach them).")
    return Question("phone", text, free=PHONE)


async def _ask_consent(
    ctx: Ctx, who: Filler, activity: Activity, a: FormAnswers
) -> Question | None:
    return await who.consent()


async def _ask_time(ctx: Ctx, who: Filler, activity: Activity, a: FormAnswers) -> Question:
    return time_question(ctx, await who.times(activity), ctx.tr.gettext("Which time?"), who.time)


async def _ask_option(ctx: Ctx, who: Filler, activity: Activity, a: FormAnswers) -> Question:
    missing = open_option(activity, a.options)
    assert missing is not None  # the slot is open
    index, option = missing
    return option_question(ctx, activity, index, who.option_text(ctx, option), who.option)


async def _ask_companions(ctx: Ctx, who: Filler, activity: Activity, a: FormAnswers) -> Question:
    return companions_question(ctx, activity, who.companions_text(ctx, activity), who.companions)


async def _ask_tariff(
    ctx: Ctx, who: Filler, activity: Activity, a: FormAnswers
) -> Question | None:
    remembered = await who.remembered_tariff()
    if remembered is not None:
        a.reduced = remembered
        return None
    _ = ctx.tr.gettext
    assert activity.reduced_price is not None  # the slot is open
    prices = {
        "reduced": ctx.tr.price(activity.reduced_price),
        "price": ctx.tr.price(activity.price or Decimal(0)),
    }
    who_text = ctx.text(ctx.org.reduced_tariff)
    if activity.reduced_price == 0:
        text = (
            _(
                "Do you have a right to the reduced tariff ({who})? Then it is free instead "
                "of {price}."
            ).format(who=who_text, **prices)
            if who_text
            else _(
                "Do you have a right to the reduced tariff? Then it is free instead of {price}."
            ).format(**prices)
        )
    elif who_text:
        text = _(
            "Do you have a right to the reduced tariff ({who})? Then you pay {reduced} instead "
            "of {price}."
        ).format(who=who_text, **prices)
    else:
        text = _(
            "Do you have a right to the reduced tariff? Then you pay {reduced} instead of {price}."
        ).format(**prices)
    yes_no = (
        Choice(who.tariff(True), _("Yes"), yes=True),
        Choice(who.tariff(False), _("No"), yes=False),
    )
    return Question("r", text, yes_no, per_row=2)


SLOTS: tuple[Slot, ...] = (
    Slot("name", lambda who, act, a: who.for_someone and a.name is None, _ask_name),
    Slot("phone", lambda who, act, a: who.for_someone and a.phone is None, _ask_phone),
    Slot("consent", lambda who, act, a: not who.for_someone, _ask_consent),
    Slot(
        "time",
        lambda who, act, a: act.signup is SignupMode.APPOINTMENT and a.start is None,
        _ask_time,
    ),
    Slot("option", lambda who, act, a: open_option(act, a.options) is not None, _ask_option),
    Slot(
        "companions",
        lambda who, act, a: bool(act.max_companions) and a.companions is None,
        _ask_companions,
    ),
    Slot(
        "tariff",
        lambda who, act, a: (
            who.asks_tariff and act.reduced_price is not None and a.reduced is None
        ),
        _ask_tariff,
    ),
)
"""The sign-up form's slots in the order they are asked; then the summary to confirm."""


async def next_question(
    ctx: Ctx, who: Filler, activity: Activity, answers: FormAnswers
) -> Question:
    """The first open slot's question, or the summary to confirm when every slot is filled."""
    for slot in SLOTS:
        if slot.open(who, activity, answers):
            question = await slot.ask(ctx, who, activity, answers)
            if question is not None:
                return question
    return await who.confirm(activity, answers)


def take(
    activity: Activity,
    answers: FormAnswers,
    pressed: Payload,
    times: Sequence[Occurrence] | None = None,
) -> bool | None:
    """Record one pressed (or typed) answer to a slot, checked against the activity (`times`:
    the appointment times allowed, when they are checked here); False when it is no valid
    answer (an old or forged button), None when the press answers no slot of the form."""
    if isinstance(pressed, OPTIONS):
        return choose_option(activity, answers.options, pressed.option, pressed.choice)
    if isinstance(pressed, COMPANIONS):
        if pressed.count > activity.max_companions:
            return False
        answers.companions = pressed.count
        return True
    if isinstance(pressed, TIMES):
        start = pressed.start.strftime(STAMP)
        if times is not None and start not in {s.start.strftime(STAMP) for s in times}:
            return False
        answers.start = start
        return True
    if isinstance(pressed, SignupTariff) and pressed.reduced is not None:
        answers.reduced = pressed.reduced
        return True
    return None


def take_text(answers: FormAnswers, slot: str, text: str) -> bool:
    """Record a typed name or phone number (already read as one by forms.fit)."""
    if slot == "name" and 0 < len(text) <= MAX_NAME:
        answers.name = text
    elif slot == "phone" and text:
        answers.phone = text
    else:
        return False
    return True


def open_option(activity: Activity, chosen: Mapping[str, str]) -> tuple[int, Option] | None:
    """The first option (such as the meal) not chosen yet, with its index."""
    for index, option in enumerate(activity.options):
        if option.id not in chosen:
            return index, option
    return None


def choose_option(activity: Activity, chosen: dict[str, str], option: int, choice: int) -> bool:
    """Record choice `choice` of option `option` (as numbered on the buttons) in `chosen`;
    False when the activity has no such option or choice (an old or forged button)."""
    if option >= len(activity.options):
        return False
    picked = activity.options[option]
    if choice >= len(picked.choices):
        return False
    chosen[picked.id] = picked.choices[choice].id
    return True


def option_question(
    ctx: Ctx,
    activity: Activity,
    index: int,
    text: str,
    payload: Callable[[int, int], Payload],
) -> Question:
    """One option's choices (the meal): each by its label in any language, or its place."""
    option = activity.options[index]
    choices = tuple(
        Choice(payload(index, number), ctx.text(choice.label), choice.label.all())
        for number, choice in enumerate(option.choices)
    )
    return Question(f"o{index}", text, choices)


def companions_question(
    ctx: Ctx, activity: Activity, text: str, payload: Callable[[int], Payload]
) -> Question:
    """How many people come along: 0 to the most the activity allows, as digits or words."""
    numbers = tuple(
        Choice(payload(n), str(n), number=n) for n in range(activity.max_companions + 1)
    )
    return Question("n", text, numbers, per_row=len(numbers))


def companions_label(ctx: Ctx, activity: Activity) -> str:
    """What the people who come along are called ("grandchildren"), else "people"."""
    return ctx.text(activity.companions_label) or ctx.tr.gettext("people")


def time_question(
    ctx: Ctx, slots: Sequence[Occurrence], text: str, payload: Callable[[datetime], Payload]
) -> Question:
    """An appointment's times: a button each, or the time typed ("9.30", "10u")."""
    times = tuple(
        Choice(payload(s.start), ctx.tr.time(s.start), day=s.start.date(), at=s.start.time())
        for s in slots
    )
    return Question("time", text, times, per_row=3)
