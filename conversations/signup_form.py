"""The questions of a sign-up, shared by the resident's sign-up and the staff's desk sign-up.

Both ask the same slots of an activity (an appointment time, each option such as the meal, how
many people come along) and read the same typed answers (conversations/forms.py); each flow
gives the payload its own buttons carry. Flows are leaves, so this lives outside them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from conversations.context import Ctx
from conversations.forms import Choice, Question
from conversations.payloads import Payload
from storage.model import Activity, Option
from storage.schedule import Occurrence


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
