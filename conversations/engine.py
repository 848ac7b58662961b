"""The front door: one message in, the answer out; Telegram and the console share it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from conversations import consent, followup, forms, residents, safety
from conversations.answer import Answer
from conversations.answers import activities, basics, desks, hours, menu, places, voice
from conversations.context import Ctx
from conversations.flows.base import UNLOADED, Flow, Guard, Turn
from conversations.flows.feedback import FeedbackFlow
from conversations.flows.help import HelpFlow, HelpStaffFlow
from conversations.flows.my_signups import MySignupsFlow
from conversations.flows.privacy import PrivacyFlow
from conversations.flows.reminder_answers import ReminderAnswersFlow
from conversations.flows.signup import SignupFlow
from conversations.flows.staff import StaffFlow
from conversations.flows.volunteer_staff import VolunteerStaffFlow
from conversations.flows.volunteers import VolunteerFlow, VolunteerJoinFlow
from conversations.guards import Arrival, FloodGuard, privacy_guards
from conversations.i18n import I18n, normalise_language
from conversations.payloads import (
    ALL_CENTRES,
    CentrePage,
    Contact,
    Desks,
    Hours,
    Language,
    Nearest,
    Payload,
    WhatsOn,
    WhatsOnPage,
    unpack_any,
)
from conversations.reply import Incoming, IncomingKind, Reply
from conversations.safety import SafetyGuard, attend
from conversations.understanding import Understander, Understanding
from storage import conversation_language as spoken_rows
from storage.clock import Clock
from storage.conversation_language import ConversationLanguage
from storage.db import Database
from storage.model import Organisation
from storage.repositories import repositories
from storage.schedule import Calendar, Occurrence

log = logging.getLogger(__name__)

MAX_TEXT = 1000  # longer messages are cut before understanding; nobody asks in an essay


class FrontDoor:
    """Answers residents: understands a message, picks the answer, returns neutral replies."""

    def __init__(
        self,
        org: Organisation,
        calendar: Calendar,
        store: Database,
        clock: Clock,
        i18n: I18n,
        *,
        staff_ids: frozenset[int] = frozenset(),
        understander: Understander | None = None,
        flows: list[Flow] | None = None,
        guards: list[Guard] | None = None,
    ) -> None:
        self.org = org
        self.calendar = calendar
        self.store = store
        self.clock = clock
        self.i18n = i18n
        self.staff_ids = staff_ids
        self.understander = understander or Understander(org)
        self.flows = flows if flows is not None else default_flows()
        self.guards = guards if guards is not None else default_guards()
        self._flows_by_name = {flow.name: flow for flow in self.flows}

    async def close(self) -> None:
        """Close the store."""
        await self.store.close()

    # -- entry points -------------------------------------------------------------------------

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one message from a person, remembering what they chose.

        One turn of a resident at a time, in every process on the store: a second message that
        reached another process reads the state this turn saves, so no step is lost.
        """
        async with self.store.resident_turn(incoming.user_id):
            known = await residents.conversation(self.store, incoming.user_id)
            now = self.clock.now()
            answer = await self._answer(
                incoming, known.chosen, now, writes=True, flow=known.flow, spoken=known.spoken
            )
            return attend(self._ctx(answer.language, now), incoming, answer).replies

    def arrive(self, incoming: Incoming) -> Arrival:
        """A message just arrived, before it is queued: handle it, or drop it (a flood).

        The flood guard counts it now; see FloodGuard.arrive for why a transport calls this.
        A message that signals a crisis is never dropped: the safety guard answers it.
        """
        for guard in self.guards:
            if not isinstance(guard, FloodGuard):
                continue
            if guard.arrive(incoming.user_id, self.clock.now()) is Arrival.HANDLE:
                continue
            if incoming.kind is IncomingKind.TEXT and safety.detect(incoming.text) is not None:
                continue
            return Arrival.DROP
        return Arrival.HANDLE

    async def ask(
        self, text: str, *, client_language: str | None = None, at: datetime | None = None
    ) -> Answer:
        """Answer a question as a first-time resident would get it; reads and never writes."""
        incoming = Incoming(
            user_id=0, kind=IncomingKind.TEXT, text=text, client_language=client_language
        )
        now = at or self.clock.now()
        answer = await self._answer(incoming, None, now, writes=False)
        return attend(self._ctx(answer.language, now), incoming, answer)

    def error_replies(self, client_language: str | None) -> list[Reply]:
        """What a resident sees when something went wrong on our side: an apology and the menu."""
        ctx = self._ctx(self._fallback_language(None, client_language), self.clock.now())
        _ = ctx.tr.gettext
        text = _("Sorry, something went wrong on our side. Please try again, or choose below.")
        return [Reply(text, menu.main_menu(ctx), language=ctx.lang)]

    async def conversation_language(self, user_id: int, client_language: str | None) -> str:
        """The language a resident's conversation is in: chosen, else the one they were using,
        else their client's, else ours."""
        known = await residents.conversation(self.store, user_id)
        going_on = known.spoken if known.spoken and known.spoken.fresh(self.clock.now()) else None
        return self._fallback_language(
            known.chosen or (going_on.language if going_on else None), client_language
        )

    def voice_prompt(self, lang: str) -> str:
        """The centres' names, to prime speech recognition with the words residents will say."""
        return voice.recogniser_prompt(self.org, lang)

    def command_descriptions(self, lang: str) -> list[tuple[str, str]]:
        """The bot's commands with their descriptions in one language, for the Telegram menu."""
        _ = self.i18n.get(lang).gettext
        return [
            ("start", _("Start and show the menu")),
            ("menu", _("Show the menu")),
            ("help", _("What I can do")),
            ("language", _("Change the language")),
            ("reminders", _("Choose your reminders")),
            ("shifts", _("My shifts (volunteers)")),
            ("privacy", _("See or delete your data")),
            ("mydata", _("Your data as a file")),
            ("forget", _("Delete your data")),
            ("cancel", _("Stop what we are doing")),
        ]

    # -- routing ------------------------------------------------------------------------------

    def _fallback_language(self, chosen: str | None, client_language: str | None) -> str:
        return chosen or normalise_language(client_language) or self.org.default_language

    def _ctx(self, lang: str, now: datetime) -> Ctx:
        return Ctx(
            org=self.org,
            calendar=self.calendar,
            tr=self.i18n.get(lang),
            now=now,
            places_taken=self._places_taken,
        )

    async def _places_taken(self, occurrences: Sequence[Occurrence]) -> list[int]:
        """Places taken at each occurrence by confirmed sign-ups."""
        return await repositories(self.store).signups.places_taken(self.org.id, occurrences)

    async def answers_form(self, incoming: Incoming) -> bool:
        """Whether typed text would be read as the answer to the form question this person is
        at ("2" at the companions question), as Telegram reads it; the console asks this before
        it takes a typed number for its numbered button. Asking changes nothing: the form's
        state (and when it was last answered) stays as it was."""
        if incoming.kind is not IncomingKind.TEXT:
            return False
        async with self.store.resident_turn(incoming.user_id):
            known = await residents.conversation(self.store, incoming.user_id)
            now = self.clock.now()
            turn, _going_on = self._text_turn(incoming, known.chosen, now, True, known.spoken)
            turn.loaded_state = known.flow
            turn.probe = True  # a question about the form, not a turn: it changes nothing
            waiting = await self._waiting_flow(turn)
            return waiting is not None and await waiting[0].fits(turn, waiting[1])

    def _text_turn(
        self,
        incoming: Incoming,
        chosen: str | None,
        now: datetime,
        writes: bool,
        spoken: ConversationLanguage | None,
    ) -> tuple[Turn, ConversationLanguage | None]:
        """The turn of one update, its words understood and its language decided; and the
        conversation's language still going on."""
        # The language is decided once, here, for the whole update: the resident's choice, else
        # the language they asked for or were writing in this conversation (a button press has
        # no words of its own), else the message's, else the phone's, else the organisation's.
        going_on = spoken if spoken is not None and spoken.fresh(now) else None
        asked = going_on.language if going_on is not None and going_on.asked else None
        understanding: Understanding | None = None
        if incoming.kind is IncomingKind.TEXT:
            understanding = self.understander.understand(
                incoming.text.strip()[:MAX_TEXT],
                now=now,
                client_language=incoming.client_language,
                chosen_language=chosen or asked,
                conversation_language=going_on.language if going_on else None,
            )
            lang = understanding.language
        else:
            lang = self._fallback_language(
                chosen or (going_on.language if going_on else None), incoming.client_language
            )
        turn = self._turn(self._ctx(lang, now), incoming, writes)
        turn.understanding = understanding
        turn.chosen_language = chosen

        def language_of(text: str) -> str:
            if understanding is not None and text == incoming.text:
                return understanding.language
            return self.understander.understand(
                text[:MAX_TEXT],
                now=now,
                client_language=incoming.client_language,
                chosen_language=chosen or asked,
                conversation_language=lang,
            ).language

        turn.language_of = language_of
        return turn, going_on

    async def _answer(
        self,
        incoming: Incoming,
        chosen: str | None,
        now: datetime,
        *,
        writes: bool,
        flow: tuple[str, dict[str, Any]] | object | None = UNLOADED,
        spoken: ConversationLanguage | None = None,
    ) -> Answer:
        turn, going_on = self._text_turn(incoming, chosen, now, writes, spoken)
        turn.loaded_state = flow
        answer = await self._route(turn, turn.understanding)
        if writes and chosen is None:
            await self._note_language(turn, going_on, turn.understanding)
        return answer

    async def _route(self, turn: Turn, understanding: Understanding | None) -> Answer:
        answer = await self._routed(turn, understanding)
        answer.form_choice = turn.form_choice
        return answer

    async def _routed(self, turn: Turn, understanding: Understanding | None) -> Answer:
        incoming = turn.incoming
        if understanding is not None:
            waiting = await self._waiting_flow(turn)
            turn.form_choice = waiting is not None and await waiting[0].fits(turn, waiting[1])
        for guard in self.guards:
            stopped = await guard.check(turn)
            if stopped is not None:
                return stopped
        if understanding is not None:
            waiting = await self._waiting_flow(turn)
            if waiting is not None:
                flow, state = waiting
                answer = await flow.on_text(turn, state)
                if answer is not None:
                    return answer
                if await flow.holds(turn, state):
                    if understanding.intent == "unknown" and understanding.unsupported is None:
                        # Neither an answer nor a question we know: the question again.
                        again = await flow.resume(turn, state)
                        if again is not None:
                            note = turn.ctx.tr.gettext(
                                "Sorry, I did not get that as an answer. Choose below, or type "
                                "it another way."
                            )
                            return _with_note(again, note)
                    # A question in the middle of a form: answered, and the form waits.
                    answer = await self._answer_understood(turn, understanding)
                    return await self._way_back(turn, flow.name, state, answer)
                await turn.clear_state()
            return await self._answer_understood(turn, understanding)
        if incoming.kind is IncomingKind.BUTTON:
            return await self._answer_button(turn)
        if incoming.kind is IncomingKind.VOICE:
            return voice.notice(turn.ctx, incoming.payload)
        if incoming.kind is IncomingKind.COMMAND:
            return await self._answer_command(turn)
        if incoming.kind is IncomingKind.CONTACT:
            waiting = await self._waiting_flow(turn)
            if waiting is not None:
                answer = await waiting[0].on_contact(turn, waiting[1])
                if answer is not None:
                    return answer
        if incoming.kind is IncomingKind.LOCATION and incoming.latitude is not None:
            return places.nearest_to(turn.ctx, incoming.latitude, incoming.longitude or 0.0)
        return basics.unknown(turn.ctx)

    async def _way_back(
        self, turn: Turn, flow: str, state: dict[str, Any], answer: Answer
    ) -> Answer:
        """The answer to a side question, with a button back to the form still waiting."""
        current = await turn.state()
        mine = [i for i, r in enumerate(answer.replies) if r.recipient is None]
        if (
            current is None
            or current[0] != flow
            or not mine
            or _unstamped(current[1]) != (_unstamped(state))
        ):
            return answer  # the question started something else (another sign-up): that goes on
        last = answer.replies[mine[-1]]
        answer.replies[mine[-1]] = replace(last, buttons=(forms.way_back(turn.ctx), *last.buttons))
        return answer

    async def _note_language(
        self,
        turn: Turn,
        going_on: ConversationLanguage | None,
        understanding: Understanding | None,
    ) -> None:
        """Carry the conversation's language to the next update (a button press has no words).

        Written only when it differs from what the phone alone would give, and then at most
        hourly; a language asked for ("in English please") holds for the conversation.
        """
        now = turn.ctx.now
        if turn.requested_language is not None:
            lang, asked = turn.requested_language, True
        elif going_on is not None and going_on.asked:
            lang, asked = going_on.language, True
        elif understanding is not None and understanding.written_in:
            lang, asked = understanding.written_in, False
        elif going_on is not None:
            lang, asked = going_on.language, False
        else:
            return
        baseline = self._fallback_language(None, turn.incoming.client_language)
        if lang == baseline and not asked:
            if going_on is not None or turn.requested_language is not None:
                await spoken_rows.drop(self.store, turn.user_id)
            return
        if (
            going_on is None
            or (going_on.language, going_on.asked) != (lang, asked)
            or going_on.due(now)
        ):
            await spoken_rows.note(self.store, turn.user_id, lang, asked, now)

    def _turn(self, ctx: Ctx, incoming: Incoming, writes: bool) -> Turn:
        return Turn(ctx, self.store, incoming, writes, self.staff_ids)

    async def _waiting_flow(self, turn: Turn) -> tuple[Flow, dict] | None:
        """The flow this person is in the middle of, if it still exists."""
        if not turn.writes:
            return None
        current = await turn.state()
        if current is None:
            return None
        flow = self._flows_by_name.get(current[0])
        return None if flow is None else (flow, current[1])

    async def _answer_understood(self, turn: Turn, u: Understanding) -> Answer:
        """Answer a typed question, completed from the last answer when it follows up on it."""
        if u.unsupported is not None:
            # Written in a language we do not speak: say which we do, in English and in the
            # language the resident chose or their phone is set to. The guards (safety first)
            # have already seen the message.
            other = turn.chosen_language or normalise_language(turn.incoming.client_language)
            return basics.other_language(
                self._ctx("en", turn.ctx.now),
                self._ctx(other, turn.ctx.now) if other and other != "en" else None,
            )
        topic = await followup.recall(turn)
        if topic is not None:
            u = self._follow_up(turn, u, topic)
        answer = await self._answer_question(turn, u)
        await followup.remember(turn, answer, u)
        return answer

    def _follow_up(self, turn: Turn, u: Understanding, topic: followup.Topic) -> Understanding:
        """The question a follow-up ("en morgen?", "and Stene?") asks, or `u` unchanged."""
        connected = followup.continues(u.text)
        if connected and not followup.names_something(u):
            rest = followup.without_connector(u.text)  # "وغدا": the "and" glued to "tomorrow"
            if rest:
                again = self.understander.understand(
                    rest,
                    now=turn.ctx.now,
                    client_language=turn.incoming.client_language,
                    chosen_language=turn.chosen_language,
                )
                u = replace(again, text=u.text, language=u.language)
        if not followup.is_follow_up(u, connected):
            return u
        return followup.fill(u, topic, self.org, connected)

    async def _answer_question(self, turn: Turn, u: Understanding) -> Answer:
        ctx = turn.ctx
        for flow in self.flows:
            if u.intent in flow.intents:
                answer = await flow.on_intent(turn, u)
                if answer is not None:
                    return _report_understood(answer, u)
        intent = u.intent
        if intent == "greeting":
            again = await self._knows_us(turn)
            return await consent.welcome(turn, basics.greeting(ctx, again))
        if intent == "bot_help":
            return basics.bot_help(ctx)
        if intent == "thanks":
            return basics.thanks(ctx)
        if intent == "language":
            if u.target_language:
                return await self._set_language(turn, u.target_language)
            return basics.choose_language(ctx)
        if intent == "opening_hours":
            return self._about_centre(ctx, u, "opening_hours", menu.HOURS)
        if intent == "contact":
            return self._about_centre(ctx, u, "contact", menu.CONTACT)
        if intent == "nearest_centre":
            return places.nearest_centre(ctx, u.centre, u.centre_candidates, u.postcode)
        if intent in ("activities", "signup", "cancel_signup"):
            return await self._activities(ctx, u)
        if intent == "service_desk":
            return desks.service_desks(ctx, u.desks, u.centre, u.date, u.until)
        if intent == "help_request":
            return basics.talk_to_person(ctx)
        return basics.unknown(ctx)

    def _about_centre(self, ctx: Ctx, u: Understanding, intent: str, prefix: str) -> Answer:
        centre = u.centre or (self.org.centres[0].id if len(self.org.centres) == 1 else None)
        if centre is None:
            # The centre buttons carry the day asked about: "open op 24 december?", then Stene,
            # answers for the 24th.
            day = u.date if intent == "opening_hours" else None
            if day is not None:
                # "happy new year! is any centre open today?": every centre closed that day.
                closed = hours.all_closed(ctx, day, list(u.centre_candidates) or None)
                if closed is not None:
                    return closed
            answer = hours.choose_centre(
                ctx, intent, prefix, list(u.centre_candidates) or None, day=day
            )
            answer.date = u.date
            answer.until = u.until if intent == "opening_hours" else None
            return answer
        if intent == "contact":
            return places.contact(ctx, centre)
        return hours.opening_hours(ctx, centre, u.date, u.until)

    def _activity_ids(self, u: Understanding) -> tuple[str, ...]:
        """The activities a question is about; () for everything that is on."""
        if u.activity:
            return (u.activity,)
        if u.activity_candidates:
            return u.activity_candidates
        kinds = set(u.activity_kinds)
        # A kind the named centre does not offer gives (): then everything on there is listed.
        return tuple(
            a.id
            for a in self.org.activities
            if kinds & set(a.kinds) and (u.centre is None or u.centre in a.centres)
        )

    async def _activities(self, ctx: Ctx, u: Understanding) -> Answer:
        ids = self._activity_ids(u)
        answer = await activities.whats_on(
            ctx,
            centre=u.centre,
            first=u.date,
            last=u.until,
            activity_ids=ids,
            intent=u.intent,
            part=u.day_part if u.intent == "activities" else None,
            kinds=u.activity_kinds,
            best=u.activity or (u.activity_candidates[:1] or (None,))[0],
        )
        if u.intent in ("signup", "cancel_signup"):
            answer.activity = u.activity
        return answer

    async def _set_language(self, turn: Turn, lang: str) -> Answer:
        # Kept only with consent; before it, the answer in `lang` asks whether to keep it, and
        # the conversation goes on in `lang` either way.
        turn.requested_language = lang
        return await consent.choose_language(turn, self._ctx(lang, turn.ctx.now))

    async def _answer_command(self, turn: Turn) -> Answer:
        ctx = turn.ctx
        command = turn.incoming.payload.lower()
        argument = turn.incoming.text.strip()
        if command == "start" and argument:
            for flow in self.flows:
                answer = await flow.on_start(turn, argument)
                if answer is not None:
                    return answer
        if command == "start":
            again = await self._knows_us(turn)
            await turn.clear_state()
            return await consent.welcome(turn, basics.greeting(ctx, again))
        if command == "menu":
            return self._menu(ctx)
        if command == "help":
            return basics.bot_help(ctx)
        if command == "language":
            return basics.choose_language(ctx)
        if command == "cancel":
            await turn.clear_state()
            return self._menu(
                ctx, ctx.tr.gettext("All right, we stopped. What would you like now?")
            )
        chosen = self._flows_by_name.get(command) or next(
            (f for f in self.flows if command in f.intents), None
        )
        if chosen is not None:
            answer = await chosen.on_button(turn, "")
            if answer is not None:
                return answer
        return basics.unknown(ctx)

    async def _knows_us(self, turn: Turn) -> bool:
        """Whether this person has talked with us before: they agreed to be remembered, or a
        conversation is going on. Nothing is written to know it."""
        if not turn.writes:
            return False
        if await consent.has_consent(turn.store, turn.user_id):
            return True
        return await turn.state() is not None or await turn.topic() is not None

    def _menu(self, ctx: Ctx, text: str | None = None) -> Answer:
        _ = ctx.tr.gettext
        return Answer(
            language=ctx.lang,
            intent="bot_help",
            replies=[
                Reply(
                    text or _("What would you like to know?"),
                    menu.main_menu(ctx),
                    language=ctx.lang,
                )
            ],
        )

    async def _answer_button(self, turn: Turn) -> Answer:
        """Answer a button press; what a question's answer was about is kept for follow-ups."""
        answer = await self._press(turn)
        await followup.remember(turn, answer)
        return answer

    async def _press(self, turn: Turn) -> Answer:
        ctx = turn.ctx
        payload = turn.incoming.payload
        head, _sep, rest = payload.partition(":")
        if payload == menu.MENU:
            await turn.clear_state()
            return self._menu(ctx)
        if payload == safety.RESUME:
            return await self._resume(turn)
        flow = self._flows_by_name.get(head)
        if flow is not None:
            answer = await flow.on_button(turn, rest)
            if answer is not None:
                return answer
        else:
            answer = await self._answer_pressed(turn, unpack_any(payload))
            if answer is not None:
                return answer
        log.info("stale or unknown button payload (%d bytes)", len(payload))
        return basics.stale_button(ctx)

    async def _resume(self, turn: Turn) -> Answer:
        """Back into the flow a crisis message interrupted: its question again, or the menu."""
        current = await turn.state()
        flow = self._flows_by_name.get(current[0]) if current else None
        if current is not None and flow is not None:
            answer = await flow.resume(turn, current[1])
            if answer is not None:
                return answer
            text = turn.ctx.tr.gettext("Let's go on where we were: type your answer, or choose.")
            return self._menu(turn.ctx, text)
        return self._menu(turn.ctx)

    async def _answer_pressed(self, turn: Turn, pressed: Payload | None) -> Answer | None:
        """A button of the menu or of an answer (not a flow's); None when it is stale."""
        ctx = turn.ctx
        if isinstance(pressed, Hours):
            if pressed.centre is None:
                return hours.choose_centre(ctx, "opening_hours", menu.HOURS)
            if self.org.centre(pressed.centre):
                return hours.opening_hours(ctx, pressed.centre, pressed.day)
        elif isinstance(pressed, Contact):
            if pressed.centre is None:
                return hours.choose_centre(ctx, "contact", menu.CONTACT)
            if self.org.centre(pressed.centre):
                return places.contact(ctx, pressed.centre)
        elif isinstance(pressed, (WhatsOn, WhatsOnPage)):
            return await self._whats_on_button(ctx, pressed)
        elif isinstance(pressed, Desks):
            if pressed.desk is None:
                return desks.choose_topic(ctx)
            same_topic = desks.desks_with_topic_of(ctx, pressed.desk)
            if same_topic:
                return desks.service_desks(ctx, same_topic, None)
        elif isinstance(pressed, CentrePage):
            return hours.next_centres(ctx, pressed)
        elif isinstance(pressed, desks.DeskTopics):
            return desks.choose_topic(ctx, pressed.page)
        elif isinstance(pressed, Nearest):
            return places.nearest_centre(ctx, None, (), None)
        elif isinstance(pressed, Language):
            if pressed.code is None:
                return basics.choose_language(ctx)
            if normalise_language(pressed.code) == pressed.code:
                return await self._set_language(turn, pressed.code)
        return None

    async def _whats_on_button(self, ctx: Ctx, pressed: WhatsOn | WhatsOnPage) -> Answer:
        if isinstance(pressed, WhatsOn) and pressed.centre is None:
            return hours.choose_centre(ctx, "activities", menu.WHATSON)
        if isinstance(pressed, WhatsOn):
            if self.org.centre(str(pressed.centre)):
                return await activities.whats_on(ctx, centre=pressed.centre, first=None, last=None)
            return basics.stale_button(ctx)
        centre = None if pressed.centre == ALL_CENTRES else pressed.centre
        if centre is None or self.org.centre(centre):
            return await activities.whats_on(
                ctx, centre=centre, first=pressed.first, last=pressed.last, page=pressed.page
            )
        return basics.stale_button(ctx)


def _unstamped(state: dict[str, Any]) -> dict[str, Any]:
    """A flow state without the time it was saved at."""
    return {k: v for k, v in state.items() if k != "at"}


def _with_note(answer: Answer, note: str) -> Answer:
    """The answer with a note before the text of its first reply."""
    if answer.replies:
        first = answer.replies[0]
        answer.replies[0] = replace(first, text=f"{note}\n\n{first.text}")
    return answer


def _report_understood(answer: Answer, u: Understanding) -> Answer:
    """Fill in what the question named where a flow's answer left it open (for `ask --json`)."""
    answer.centre = answer.centre or u.centre
    answer.date = answer.date or u.date
    answer.until = answer.until or u.until
    if answer.intent in ("signup", "cancel_signup") and answer.activity is None:
        answer.activity = u.activity
    return answer


def default_guards() -> list[Guard]:
    """The checks every message passes first, in order."""
    return [SafetyGuard(), *privacy_guards()]  # flood, over-long, presence: after safety


def default_flows() -> list[Flow]:
    """The flows of a full bot, in the order they get a chance to answer."""
    return [
        PrivacyFlow(),
        VolunteerFlow(),
        VolunteerJoinFlow(),
        VolunteerStaffFlow(),
        ReminderAnswersFlow(),
        SignupFlow(),
        MySignupsFlow(),
        StaffFlow(),
        FeedbackFlow(),
        HelpFlow(),  # "Talk to a person" (payload menu.PERSON) and help_request
        HelpStaffFlow(),
    ]
