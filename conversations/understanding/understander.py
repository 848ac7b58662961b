"""One message in: reply language, intent and entities out. Offline, CPU only, well under 5 ms."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import NamedTuple
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process

from conversations.understanding.dates import DateFind, day_part, find_dates, holiday_date
from conversations.understanding.entities import (
    RAW_WORD,
    SAINT,
    CentreIndex,
    ItemIndex,
    ItemScores,
    add_described,
    concept_spans,
    expand,
    share_concept_weights,
)
from conversations.understanding.intent_model import (
    ACTIVITY,
    DESK,
    NUMBER,
    PLACE,
    SHIPPED,
    Arbitration,
    IntentModel,
    arbitrate,
    load_model,
)
from conversations.understanding.intents import (
    ACTIVITY_MIN,
    ASK_VERB,
    CALLBACK,
    COURTESY,
    DESK_MIN,
    ENOUGH,
    HOW_BOOK,
    MOBILITY,
    NEXT_TIME,
    REOPEN,
    WHAT_ELSE,
    WHATS_ON,
    WHERE,
    Evidence,
    decide,
    keyword_scores,
)
from conversations.understanding.language import knows, message_language, reply_language
from conversations.understanding.language_wish import LanguageWishes
from conversations.understanding.lexicon import DAY_CONCEPTS, Lexicon, load_lexicon
from conversations.understanding.nearby import reaches
from conversations.understanding.outside import (
    GOING_TO,
    UNEXPLAINED_PREFIX,
    OutsideThings,
)
from conversations.understanding.place_days import PlaceHolidays
from conversations.understanding.reasons import (
    DEBTS,
    PEOPLE,
    ToldReasons,
    clauses,
    happened_apart,
    inside_questions,
    sentence_breaks,
    told_apart,
    told_beside_programme,
)
from conversations.understanding.spoken import SPOKEN_NAME_MIN, SpokenForms
from conversations.understanding.text import Token, fold, shared_prefix, tokenize, words
from conversations.understanding.translit import from_latin
from conversations.understanding.unsupported import unsupported_language
from storage.model import LANGUAGES, Organisation, SignupMode
from storage.schedule import ACTIVITY as ACTIVITY_KIND
from storage.schedule import DESK as DESK_KIND
from storage.schedule import Calendar

ROLE_MIN_LENGTH = 3  # shorter words of a volunteer role ("de", "of") name no role
FEAST_NAME_MIN = 4  # letters of the name before "feest" ("Branders|feest")
PASS_NAME_MIN = 7  # a pass named by a place ("stadspas"), not the word "pass" alone
OFFICE_REACH = 2  # small words between a thing of the town and its office ("bureau de la carte")
ROLE_STEM = 5  # letters a word shares with a role word to be a form of it ("keuken", "bingo")
TASK_ENDINGS = ("ing", "ers", "er", "en")  # a verb's or agent noun's ending ("calling", "caller")
TASK_STEM = 4  # the shortest stem left when such an ending is taken off ("call")
ROLE_ENDING = 2  # last letters of a role word a form may change ("omroep|er", "omroep|en")
TYPO_CUTOFF = 85.0  # rapidfuzz ratio to read an unknown word as a lexicon word ("inschrijen")
TALK_REACH = 5  # "jemanden, mit dem er oder ich reden kann"
TALK = "conversation"  # the concept of talking, a group's or a person's
SOMEONE_TO_TALK = 2.5  # a person asked for to talk to: as clear as "someone to talk to"
TYPO_MIN_LENGTH = 5  # shorter words have too many neighbours to correct safely
# The shortest word for our centres a typo is read as ("buurthius", "Begegnungszentrun"): a
# shorter one ("lokal", "haus", "ofis") is as near to too many other words.
CENTRE_WORD_TYPO_MIN = 9
OWN_OWNER_REACH = 2  # small words between a branch and whose it is ("van de", "de la")
# ... at one letter wrong in nine ("buurthius"); a plural or another compound is further
# ("wijkcentra", "stadtzentrum", "bijkantoortje" stay themselves).
CENTRE_WORD_TYPO_CUTOFF = 88.5
# Intents whose "now" names today; "welke cursussen zijn er nu?" asks what there is these days.
NOW_ASKED = frozenset({"opening_hours", "service_desk"})
AIDS = "aids"  # the kind of walkers, wheelchairs and alarms, the desk that hands them out
COURSE = "course"  # the kind of a course, which a desk never is
SENIORS = "seniors"  # the topic one's own age says from `senior_age` on ("I am 67")
COURSE_OVER_DESK = 0.9  # a desk's score, against a course's, where a course is asked
TRIP = "outing"  # the kind of a trip, whose coach and leaving are its own
RECIPE_OBJECT = 2  # words after "recette de" that name its dish ("carbonnades flamandes")
OCCASIONS = frozenset({"meal", "party"})  # what a holiday beside it is the occasion of
REOPEN_DAYS = dt.timedelta(days=60)  # how far ahead a closure or reopening is looked for
ARABIC_MY_MIN = 4  # the shortest Arabic word read without its ending "my"
GLUED_MIN_LENGTH = 4  # "بعشا": a one-letter word on a word of three letters or more
CITY_BESIDE = 3  # tokens between an area and the city name that makes it the town's
# Questions asking for activities or desks: a centre only implied by a common word yields to
# where they are held (`Understander._held_at`).
_ASKS_FOR_ITEMS = frozenset({"activities", "signup", "cancel_signup", "service_desk"})
# Words between a business of the town and the town's name ("Wevelhoek'te pazar sabahı hangi
# kafe"): its day may stand between.
VENUE_REACH = 5
FOR_WHOM_REACH = 4  # words after "for" ("pour mes petits-enfants") that say whom for
FOR_WHOM_WORDS = 2  # content words among them ("petits", "enfants")
CITY_STEM = 4  # letters a word shares with the city's name to be a form of it
CITY_ENDING = 2  # last letters a case may change ("Кортрейк|у", "Кортрейк|а")
MAX_PLACES = 20  # a larger number before "places" is no count of people ("2026 places")
_GLUED = frozenset("وبفلك")  # Arabic one-letter words written onto the next: and, with, in, to
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_TOMORROW_OR_LUNCH = "غدا"  # tomorrow, or (Maghrebi, Levantine) lunch
_LUNCH = "الغدا"  # the lunch, as the tokenizer keeps it with its article
_ARTICLE = "ال"
_KIND_HEAD = 4  # the shortest kind's word before a group's ("brei" of "breigroep")
_GLUED_IN = frozenset("ب")  # "بغدا": in the lunch; "tomorrow" takes no preposition
# German written without umlauts: "Naehkurs", "Gedaechtnis", "fuer" are "Nähkurs"...
_UMLAUT_SPELLED = re.compile(r"ae|oe|ue")
_TYPO_CACHE_SIZE = 4096
RUSSIAN, UKRAINIAN = "ru", "uk"
_LATIN_SCRIPT = ("nl", "fr", "de", "en", "tr", "pl")  # languages of ours written in Latin letters


@dataclass(frozen=True)
class Understanding:
    """What a message means: reply language, intent and the entities it names."""

    text: str
    language: str
    intent: str
    centre: str | None = None
    centre_candidates: tuple[str, ...] = ()
    postcode: str | None = None
    # dt.date: in the class body `date` is the field above, not the type
    date: dt.date | None = None
    until: dt.date | None = None
    activity: str | None = None
    activity_candidates: tuple[str, ...] = ()
    activity_kinds: tuple[str, ...] = ()
    desks: tuple[str, ...] = ()
    target_language: str | None = None
    confidence: float = 0.0
    written_in: str | None = None  # the language the message itself is clearly written in
    # Whether words of the message ask for the intent ("is ... open", "what's on"); False when
    # it is only guessed from what the message names ("Stene?", "en morgen?"): a follow-up.
    stated: bool = True
    # A language the bot does not speak that the message is written in ("es", "ru", "ti"...).
    unsupported: str | None = None
    # How many places a booking asks for, the resident included ("2 places", "twee plaatsen").
    places: int | None = None
    # A volunteer shift and a word saying it is still open or free ("which shifts are still
    # open?", "wolne dyżury"): the open shifts, not "my shifts" and not opening hours.
    open_shifts: bool = False
    # The words the intent model reads: the message's, with names of ours as placeholders.
    model_words: tuple[str, ...] = ()
    # Why the intent model overrode the rules' intent ("" when it did not).
    why: str = ""
    # The part of the day asked about ("dinsdagavond", "demain après-midi"): "morning",
    # "afternoon" or "evening"; what's on then lists only the activities in it.
    day_part: str | None = None


_COMPOUNDING = frozenset({"nl", "de"})
BROKEN = 1.2  # a thing a desk helps with that stopped working, as "doesn't work" weighs
MEAL = "meal"  # the concept every meal has, whatever the hour (common.yaml)
MEAL_FEASTS = frozenset({"christmas", "easter", "carnival", "party"})  # a meal's feast
TRAVELLERS = PEOPLE | {"pension"}  # who travels, whose fare is asked ("a pensioner", "a child")
_ABOUT_A_THING = frozenset(
    {"opening_hours", "contact", "nearest_centre", "activities", "service_desk"}
)
"""Intents that ask about a thing (its hours, price, place): ours only when the message names
or implies something of ours, or nothing else."""

_OPEN_SHIFTS_OVER = frozenset(
    {"shifts", "opening_hours", "unknown", "activities", "service_desk", "signup", "volunteer"}
)
"""The intents a shift with "open" or "free" beside it is mistaken for ("free volunteer
slots" asks which shifts still need someone, not to join)."""


class _TopicsSaid(NamedTuple):
    """The concepts a message names, and the words that explained some of them away."""

    hits: list[tuple[str, int, int]]  # each concept named, with its words' span
    plays: list[tuple[int, int]]  # where a team is said to play ("speelt HFC Haarlem")
    talk_pleas: list[tuple[int, int]]  # a person asked for to talk to
    price_at: set[int]  # the words of a price asked ("kaç para")
    lettered: set[int]  # the words of the language a letter is written in
    mended: set[int]  # the words of a repair told as a housing problem, or of no school
    bypassed: set[int]  # the words of a doctor one asks to avoid ("without going to the GP")


def _without_my(token: str) -> str | None:
    """An Arabic noun with its ending "my" ("رسالتي", "تقاعدي") without it: a closing ة,
    folded to ه, is written ت before the ending (not the plural's ات)."""
    if len(token) <= ARABIC_MY_MIN or not token.endswith("ي") or not _ARABIC_LETTER.match(token):
        return None
    noun = token[:-1]
    return noun[:-1] + "ه" if noun.endswith("ت") and not noun.endswith("ات") else noun


class Understander:
    """Understands residents' messages for one organisation."""

    def __init__(
        self,
        org: Organisation,
        lexicon: Lexicon | None = None,
        intent_model: IntentModel | bool | None = True,
        arbitration: Arbitration | None = None,
    ) -> None:
        self.org = org
        self.lex = lexicon or load_lexicon()
        # True: the shipped weights, arbitrating as `SHIPPED` says (where the rules are weak);
        # None or False: the rules alone. A model given here only overrides what `arbitration`
        # lets it (nothing unless one is given).
        self.intent_model: IntentModel | None = (
            load_model() if intent_model is True else (intent_model or None)
        )
        self.arbitration = arbitration or (SHIPPED if intent_model is True else Arbitration())
        self.tz = ZoneInfo(org.timezone)
        self.centres = CentreIndex(org, self.lex)
        self.place_holidays = PlaceHolidays(
            self.centres.keys,
            (
                *(words(name) for name in org.name.all()),
                *(words(c.address.split(",")[-1]) for c in org.centres),
            ),
            self.lex,
            SAINT,
            self.lex.saints,
        )
        self.activities = ItemIndex(
            ((a.id, a.title.values, a.kinds, a.centres) for a in org.activities), self.lex
        )
        self.desks = ItemIndex(
            ((d.id, d.topic.values, d.kinds, (d.centre,)) for d in org.desks), self.lex
        )
        descriptions = {
            a.id: a.description.values for a in org.activities if a.description is not None
        } | {d.id: d.description.values for d in org.desks if d.description is not None}
        add_described(descriptions, (self.activities, self.desks), self.lex)
        share_concept_weights(self.activities, self.desks)
        # Desks whose topic names a walker or wheelchair ("Uitleendienst hulpmiddelen (rolstoel,
        # rollator)"), or whose kind is aids ("Hulpmiddelenloket"): they lend or hand them out,
        # so renting, borrowing or getting one is asked of them.
        self._lending = tuple(
            d.id
            for d in org.desks
            if AIDS in d.kinds
            or any(
                m.payload[0] == MOBILITY
                for topic in d.topic.all()
                for m in self.lex.intents.find(list(words(topic)))
            )
        )
        self.activities.elsewhere = frozenset(self.desks.tokens)
        self.desks.elsewhere = frozenset(self.activities.tokens)
        self.activity_kinds = {k for a in org.activities for k in a.kinds}
        # The town of "centre de <town>" is the city's name, no word of a centre's own.
        self.place_words = {
            w for key in self.centres.keys if key not in self.centres.town_of_keys for w in key
        }
        known: set[str] = set(self.place_words) | set(self.activities.tokens)
        known |= set(self.desks.tokens)
        for vocabulary in self.lex.vocabulary.values():
            known |= vocabulary
        known |= self.lex.everyday  # pronouns, question words: they name nothing outside us
        # Case endings written apart after a place ("Vennebroek'teki"): no thing of their own.
        known |= set().union(*self.lex.located_after.values(), *self.lex.located.values())
        self._known = known
        self._plain = self.lex.everyday | self.lex.dates.words | self.lex.stopwords
        self._appointments = frozenset(
            a.id for a in org.activities if a.signup is SignupMode.APPOINTMENT
        )
        self._titles = frozenset(
            t for t in (*self.activities.tokens, *self.desks.tokens) if t not in self.place_words
        )
        self._stems = set().union(*self.lex.stems.values()) if self.lex.stems else set()
        # Beginnings of the words of our phrases: "відкривається" is a form of "відкрит*".
        self._beginnings = {
            w[:UNEXPLAINED_PREFIX]
            for w in (*self.lex.intents.words, *self.lex.intents.stems)
            if len(w) >= UNEXPLAINED_PREFIX
        }
        choices = self.lex.intents.words | self.lex.dates.words
        for index in self.lex.concepts.values():
            choices |= index.words
        choices -= self.lex.centre_words
        # Function words are no typo's target ("gegen" is German, not a misspelt Dutch "geen");
        # day words are ("morge").
        choices -= self.lex.stopwords - self.lex.dates.words
        # A misspelt long word for our centres is that word ("ontmoetingcentrum",
        # "Begegnungszentrun"), though it starts like a word of a topic ("ontmoeting").
        self._centre_word_choices = sorted(
            w
            for w in self.lex.centre_words | self.lex.centre_kinds.words
            if len(w) >= CENTRE_WORD_TYPO_MIN
        )
        self._typo_choices = sorted(w for w in choices if len(w) >= TYPO_MIN_LENGTH - 1)
        self._typo_cache: dict[str, str] = {}
        # The one-word place prefixes ("in", "w", "у"): the word after one is where, not whose.
        self._where_words = frozenset(
            w for w in self.lex.place_prefixes.words if self.lex.place_prefixes.find([w])
        )
        # "buurthoes", "zaoterdag", "aope": a word of one's speech is the written word it says,
        # of its language or a centre's name ("'t Hoekske" is 't Hoekje).
        spoken_names = frozenset(w for w in self.place_words if len(w) >= SPOKEN_NAME_MIN)
        self._spoken = SpokenForms(self.lex, spoken_names)
        self._calendar: Calendar | None = None  # built on the first question naming a day
        ours = set().union(*self.activities.concepts.values(), *self.desks.concepts.values())
        # "Is de kapsalon open?" where no hairdresser is ours: that is a business in town.
        self._outside_concepts = self.lex.outside_unless_ours - ours
        self._desk_concepts = set().union(*self.desks.concepts.values())
        self.reasons = ToldReasons(self.lex, self.activities, self.desks)
        self.language_wishes = LanguageWishes(self.lex, self.activities, self.desks)
        named_elsewhere = (
            {w for a in org.activities for title in a.title.all() for w in words(title)}
            | {w for d in org.desks for topic in d.topic.all() for w in words(topic)}
            | self.place_words
            | self.lex.centre_words
            | self.lex.general
            | self.lex.intents.words
        )
        # Forms of a title's words ("obiadu" of "obiad"); not of our phrase words: "caller" is
        # a role of its own, not a form of "call me".
        stems_elsewhere = {w[:4] for w in named_elsewhere - self.lex.intents.words if len(w) >= 4}
        # Words of the volunteers' roles that name no activity, desk or centre ("bar", "onthaal",
        # "Küche"): a question about oneself beside one asks for one's shift.
        role_words = {
            w
            for shift in org.shifts
            for title in shift.role.all()
            for w in words(title)
            if len(w) >= ROLE_MIN_LENGTH
        }
        self._roles = frozenset(
            w
            for w in role_words
            if w not in named_elsewhere
            and w[:4] not in stems_elsewhere  # "obiadu" is a form of the lunch's "obiad"
        )
        # Words of a role that are the proper name of a desk of the data ("Digipunt",
        # "Hulpplein"): residents consult a desk, volunteers come to it, so asked about oneself
        # with a day or "when" and no other wish it is one's duty ("moet ik zaterdag naar het
        # digipunt komen?"). Not an activity's words ("the cooking group", "bingo"): residents
        # come to those too; a volunteer's task there is a role word of its own ("omroeper").
        # Never a word the lexicon knows ("digital", "help"): it names a topic, not the desk.
        desk_words = {w for d in org.desks for topic in d.topic.all() for w in words(topic)}
        lexicon_words = set().union(*self.lex.vocabulary.values())
        self._shared_roles = frozenset(
            w
            for w in role_words & desk_words
            if w not in self._roles
            and len(w) >= ROLE_STEM
            and w not in lexicon_words
            and w not in self.lex.intents.words
            and w not in self.lex.general
            and w not in self.lex.centre_words
            and w not in self.lex.stopwords
            and w not in self.lex.everyday
        )
        self._role_words = RoleWords(self._roles)
        self._shared_role_words = RoleWords(self._shared_roles)
        title_words = {w for a in org.activities for title in a.title.all() for w in words(title)}
        self._activity_roles = frozenset(
            w
            for w in role_words & title_words
            if w not in self.lex.general
            and w not in self.lex.stopwords
            and w not in self.lex.everyday
            and w not in self.place_words
        )
        # Topics no desk has as a kind, and the kind of desk that answers them here instead
        # (common.yaml `topic_desks`): the first of its list that some desk has.
        # A general kind (information) stands in only where a desk declares nothing else.
        general = self.lex.general_desks
        standing = self._desk_concepts - (
            general - {k for d in org.desks if set(d.kinds) <= general for k in d.kinds}
        )
        self._stand_ins = {
            topic: kind
            for topic, kinds in self.lex.topic_desks.items()
            if not expand((topic,), self.lex) & self._desk_concepts
            for kind in (next((k for k in kinds if k in standing), None),)
            if kind is not None
        }
        # Topics a desk has (or stands in for) and no activity: "a talk about pensions" asks
        # for the pension desk where no activity is about pensions.
        self._desk_only = frozenset(
            (self._desk_concepts | set(self._stand_ins))
            - set().union(*self.activities.concepts.values())
        )
        # Whether a desk here helps with money trouble: a desk of debts or money, or one that
        # stands in for debts (the social service).
        self._debts_answered = bool(expand((DEBTS,), self.lex) & self._desk_concepts) or (
            DEBTS in self._stand_ins
        )
        self._lexicon_words = set().union(*self.lex.vocabulary.values())
        # The city's own name in a title ("Seniors' afternoon, south Kortrijk", "لقاء ... في
        # جنوب كورتريك"): where the item is, as in a question ("what's on in Kortrijk this
        # week?"), so it names no item. Not a word the lexicon knows ("social" of the name).
        known_words = (
            self._lexicon_words
            | self.lex.general
            | self.lex.intents.words
            | self.lex.stopwords
            | self.lex.everyday
        )
        self._city_names = frozenset(w for w in self.centres.city if w not in known_words)
        self._city_heads = frozenset(w[:CITY_STEM] for w in self._city_names)
        self._title_words = [
            set(words(title)) - self.lex.stopwords
            for a in org.activities
            for title in a.title.all()
        ]
        self._title_union = set().union(*self._title_words)
        names = (*(a.title for a in org.activities), *(d.topic for d in org.desks))
        title_sequences = tuple(
            tuple(w for w in words(title) if w not in self.lex.stopwords)
            for name in names
            for title in name.all()
        )
        self.outside = OutsideThings(
            self.lex,
            city=self.centres.city,
            known=self._known,
            titles=self._titles,
            title_sequences=title_sequences,
            # not a topic's word ("marche" is a walk in a title, "marché" a market)
            title_words=frozenset(
                w
                for w in self._title_union
                if not any(index.lookup_word(w) for index in self.lex.concepts.values())
            ),
            stems=self._stems,
            beginnings=self._beginnings,
            plain=self._plain,
            outside_concepts=self._outside_concepts,
            desk_concepts=self._desk_concepts,
            stand_ins=self._stand_ins,
        )

    def understand(
        self,
        text: str,
        *,
        now: datetime,
        client_language: str | None = None,
        chosen_language: str | None = None,
        conversation_language: str | None = None,
    ) -> Understanding:
        """Read one message asked at `now` (the organisation's local time).

        `conversation_language` is the language the resident was using so far: it answers a
        message whose own language is unclear ("ok", "2", "Mariakerke") before the phone's.
        """
        lex = self.lex
        raw = text.strip()
        # "pryvit, koly vidkryto v Hazegras?": Ukrainian in Latin letters is read in Cyrillic.
        raw = (
            from_latin(
                raw,
                lambda word: knows(lex, UKRAINIAN, word),
                lambda word: any(knows(lex, lang, word) for lang in _LATIN_SCRIPT),
                self.place_words,
            )
            or raw
        )
        folded = fold(raw)
        tokens = [Token(self._correct(t.text), t.start, t.end) for t in tokenize(folded)]
        tokens = self._joined(tokens)
        today = (now.astimezone(self.tz) if now.tzinfo else now).date()
        tokens = self._lunch_of(tokens, folded, today)
        texts = [t.text for t in tokens]

        clear, other, language, spoken = self._languages(
            texts, raw, client_language, chosen_language, conversation_language
        )

        # Function words and the generic words for a centre ("ontmoetingscentrum") name no topic.
        centre_name_at = {i for i, t in enumerate(texts) if t in self.centres.name_words}
        concept_hits, plays, talk_pleas, price_at, lettered, mended, bypassed = self._topics_said(
            texts, spoken, clear, centre_name_at
        )

        # Words of an activity's title beside a holiday name make it part of the title
        # ("Christmas brunch", "Paasontbijt"), not the day.
        titled = {i for i, t in enumerate(texts) if t in self.activities.tokens}
        # So is a title's phrase said whole ("Noel öğleden sonrası", "the Christmas afternoon").
        titled |= {k for i, _ in self.activities.pair_hits(texts) for k in (i, i + 1)}
        # "Happy new year!", "Frohe Ostern!": the holiday of a wish is no day asked about
        wishes = {
            k
            for m in lex.intents.find(texts)
            if m.payload[0] == "greeting" and m.end - m.start > 1
            for k in range(m.start, m.end)
        }
        # "y a-t-il un cours de tablette ? ma petite-fille m'en a offert une à Noël": the day
        # of what happened, told beside the question, is not the day asked.
        not_days = wishes | happened_apart(tokens, folded, texts, lex, spoken)
        # "wanneer is het Sinterklaasfeest?": a holiday's word that is an activity's whole
        # one-word title names the activity, not the holiday's day.
        not_days |= {
            i for i, t in enumerate(texts) if t in self.activities.whole and t in lex.dates.words
        }
        # "wat is er deze week te doen in Allerheiligen?": a place of ours named like a holiday
        # is the place; "op Allerheiligen zelf", with no other day named, is the day.
        places = self.place_holidays.spans(texts)
        place_at = {k for a, b in places for k in range(a, b)}
        found_dates = self._find_dates(
            tokens, folded, texts, today, not_days | place_at, concept_hits, titled, spoken
        )
        if places and found_dates.date is None:
            days_at = {
                k
                for span in places
                if self.place_holidays.said_as_day(texts, span, spoken)
                for k in range(*span)
            }
            if days_at:
                found_dates = self._find_dates(
                    tokens,
                    folded,
                    texts,
                    today,
                    not_days | (place_at - days_at),
                    concept_hits,
                    titled,
                    spoken,
                )
        # "після обіду", "öğleden sonra": a part of the day, not the lunch its word names; a
        # concept of the whole phrase stays ("l'après-midi de Noël" is the Christmas afternoon).
        parts = [(m.start, m.end) for m in lex.day_part_times.find(texts) if m.end - m.start > 1]
        if parts:
            concept_hits = [
                (c, i, j)
                for c, i, j in concept_hits
                if not any(a <= i and j <= b and (i, j) != (a, b) for a, b in parts)
            ]
        outside = {k for m in lex.foreign.find(texts) for k in range(m.start, m.end)}
        owners = self._owners(texts, raw, outside)
        outside |= owners
        counted = self._counted(tokens, folded)
        centre = self.centres.find(texts, raw, found_dates.used | counted, self._titles, outside)
        # "соціальний працівник OCMW приймає в Беверені?": the organisation's word for a desk
        # ("OCMW", a centre's alias too) names the desk; the place named beside it is where.
        desk_words_at = {
            k for c, i, j in concept_hits if c in self._desk_concepts for k in range(i, j)
        }
        if desk_words_at & centre.used:
            elsewhere = self.centres.find(
                texts, raw, found_dates.used | desk_words_at | counted, self._titles, outside
            )
            if elsewhere.named:
                centre = elsewhere
        skip = found_dates.used | set(centre.used) | centre_name_at
        kept = [(c, i, j) for c, i, j in concept_hits if i not in skip]
        # "поміняти польські права": a word of identity papers ("права", also rights) names
        # no topic of its own; a form for them does ("формуляр на обмін прав").
        papers_at = {k for m in lex.identity_papers.find(texts) for k in range(m.start, m.end)}
        kept = [(c, i, j) for c, i, j in kept if c in lex.papers or i not in papers_at]
        named = {c for c, _, _ in kept}
        if named and named <= lex.generic_concepts:
            # "jakie są zajęcia", "what classes are there": every activity, not one kind.
            kept = []
        # "Sport für Senioren", "computerles voor senioren": people after a word for whom say
        # who the thing named is for; their word is no title word (the seniors' choir).
        written = [folded[t.start : t.end] for t in tokens]
        for_whom, alone = self.reasons.for_whom(texts, kept, spoken, written)
        if alone:
            # No item is both the topic and for them ("sport" where no sport is the seniors'):
            # the people name no item either (not the seniors' desk).
            kept = [(c, i, j) for c, i, j in kept if i not in alone]
        concepts, concepts_at, direct_at, said_at = _placed(kept, lex)
        # A topic no desk has as its kind is asked of the desk that stands in for it: a tax
        # assessment of the desk for letters and forms, where there is no tax desk.
        stand_ins = [(self._stand_ins[c], i, j) for c, i, j in kept if c in self._stand_ins]
        for_desks = _placed(kept + stand_ins, lex) if stand_ins else None
        desk_direct_at = for_desks[2] if for_desks else direct_at
        # Words of a phrase of several words naming a concept ("bakımını yapıyorum").
        phrased_at: dict[int, set[str]] = {}
        for c, i, j in kept:
            if j - i > 1:
                for k in range(i, j):
                    phrased_at.setdefault(k, set()).update(expand((c,), lex))
        # "اليوم بعد الظهر", "morgen namiddag": a part of the day said beside the day is the
        # time asked, not a word of a title ("Film in de namiddag", "لعب الورق بعد الظهر").
        timed_at = {
            k
            for a, b in parts
            if a - 1 in found_dates.used or b in found_dates.used
            for k in range(a, b)
        }
        # "Hoorn'da cuma namazı saat kaçta?", "Mieszkam w Bree", "بكورتريك": the town's own
        # name is where a thing is, no title word of ours ("Hoorn wandelt", "Sociale dienst
        # OCMW Bree" are still named by their other words).
        city_at = self._city_at(texts, skip)
        # "коли відкривається Hellendoorn?": a word asking when a place opens names no title
        # it only shares a stem with ("Кава – відкриті зустрічі"); a title's own word
        # ("Open inloop") still names it.
        opening_at = {
            k
            for m in lex.opening_words.find(texts)
            for k in range(m.start, m.end)
            if texts[k] not in self._title_union
        }
        # "Belediye binası öğlen kapalı mı?", "la mairie est fermée le midi ?": a part of the
        # day in the clause of a word of opening is when a place is open, no word of a title
        # (the "midi" of "Après-midi cartes").
        clause_of = clauses(tokens, folded)
        opening_clauses = {
            clause_of[k] for m in lex.opening_words.find(texts) for k in range(m.start, m.end)
        }
        timed_at |= {
            k
            for m in lex.day_words.find(texts)
            if clause_of[m.start] in opening_clauses
            for k in range(m.start, m.end)
        }
        # "Wie lange hat das Servicezentrum offen?": a word for a kind of centre of ours names
        # no title word it shares a stem with (the "Service" of "Federal Pension Service").
        kind_at = {k for m in lex.centre_kinds.find(texts) for k in range(m.start, m.end)}
        # "Wann spielt GVVV am Samstag?": a team's verb names no title it only shares a stem
        # with ("Spielenachmittag"); a title's own word still names it.
        plays_at = {
            k
            for m in lex.team_plays.find(texts)
            for k in range(m.start, m.end)
            if texts[k] not in self._title_union
        }
        named_skip = (
            skip
            | kind_at
            | plays_at
            | city_at
            | price_at
            | for_whom
            | timed_at
            | mended
            | opening_at
            | self.language_wishes.messages_in(texts)
        )
        # "kimlik kartı", "carte d'identité" (`papers_at`): the card of one's identity papers
        # names no card game of ours.
        acts = self.activities.score(
            texts,
            concepts,
            named_skip | papers_at,
            concepts_at,
            said_at,
            phrased_at,
            found_dates.used | timed_at,
        )
        desk_args = (
            (for_desks[0], named_skip, for_desks[1], for_desks[3])
            if for_desks
            else (concepts, named_skip, concepts_at, said_at)
        )
        desks = self.desks.score(texts, *desk_args)

        # Words inside a longer topic phrase ("الهاتف الذكي", "mobile phone") ask for no contact.
        inside = {(i, j) for _, i, j in concept_hits if j - i > 1}
        # Nor words inside the name of an outside thing ("acil servis", "spoedeisende hulp"):
        # that emergency room asks no help of us.
        inside |= {(m.start, m.end) for m in lex.foreign.find(texts) if m.end - m.start > 1}
        found_centre = centre.centre is not None or bool(centre.candidates)
        direct = {c for c, _, _ in kept}
        # One-word centre words only: "de" of "centre de rencontre" is no word for a centre.
        # "the branch of my bank", "Bankası şubesi": a word for a centre tied to an outside
        # thing is that thing's, no word for ours.
        centre_word = any(
            t in lex.centre_nouns and not self.centres.tied(texts, i, outside)
            for i, t in enumerate(texts)
            if i not in skip
        )
        names_item = self._names_itself(
            acts, self.activities, direct, ACTIVITY_MIN
        ) or self._names_itself(desks, self.desks, direct | {c for c, _, _ in stand_ins}, DESK_MIN)
        # Dutch and German write a thing's kind last in one word ("Kerstdorp", "Handyladen").
        compounding = bool(spoken & _COMPOUNDING)
        # "Is Houtem open on Christmas Eve? I want to bring a parcel for the raffle": the
        # sentence that asks decides; the others tell why, who or how one feels, and their
        # words (a raffle, the volunteers, "I miss") neither ask nor take us out of scope.
        told = self.reasons.context(
            tokens, folded, texts, centre.used, centre_name_at, acts, desks
        )
        told |= bypassed  # "without going to the GP": the doctor is told, not asked about
        # "bit lonely since my husband went into a nursing home, what's on in Stene next week?":
        # beside a clause asking what is on the day it names, the other clauses tell too.
        intent_phrases = self.lex.intents.find(texts)
        told |= told_beside_programme(
            tokens, folded, texts, intent_phrases, found_dates.used, day_asked=True, least=ENOUGH
        )
        ours_at = set(centre.used) | {
            i
            for k, v in acts.scores.items()
            if v >= ACTIVITY_MIN
            for i in acts.direct_positions.get(k, ())
        }
        if ours_at:
            # "Gaat de wandelclub zaterdag door als het regent?": the weather after "if", said
            # after something of ours, is a condition for it, no forecast asked ("savez-vous
            # s'il va pleuvoir pour la marche ?" asks whether it will rain).
            told |= self.reasons.condition(texts, min(ours_at))
            # "à quelle heure ferme Stene, je passe après le marché": the market says when.
            told |= self.reasons.after_a_thing(texts, min(ours_at))
        desk_at = {
            i
            for k, v in desks.scores.items()
            if v >= DESK_MIN
            for i in desks.direct_positions.get(k, ())
        }
        # "het dorpshuis", "köy evi": a word for a kind of centre of ours is no outside thing.
        unexplained = self.outside.unexplained(
            texts, skip | acts.used | desks.used | told | kind_at | mended, compounding
        )
        # "het filiaal van de KBC in Heule": whose branch it is, a name however short.
        unexplained += tuple(texts[i] for i in sorted(owners) if texts[i] not in unexplained)
        # "Oosterpark'ta kasap var mı?": an area of ours (a district, an alias) named beside a
        # thing the bot knows nothing of says where that thing is; it asks nothing about us.
        # The city's own name far from the area ("bei unserer Tochter in Den Haag") is where the
        # resident is, no thing of its own; right beside it ("le centre-ville de Hasselt") it
        # says the area is the town's, not our centre.
        city_beside = {
            t
            for i, t in enumerate(texts)
            if t in self.centres.city and any(abs(i - j) <= CITY_BESIDE for j in centre.used)
        }
        # "kan ik met mijn rollator makkelijk binnen in Sint-Anna?": getting into a building with
        # a walker or a wheelchair, up its stairs, is about the building of the centre named.
        access = any(m.start not in told for m in lex.access.find(texts))
        place_only = (
            found_centre and not centre.own and not centre_word and not names_item and not access
        ) and any(w not in self.centres.city or w in city_beside for w in unexplained)
        # Something of ours named: a centre, a word for our centres, an activity or a desk.
        centre_named = (
            (found_centre and not place_only)
            or centre.postcode is not None
            or any(
                t in lex.centre_words
                and t not in lex.stopwords
                and not self.centres.tied(texts, i, outside)
                for i, t in enumerate(texts)
                if i not in skip or i in centre_name_at
            )
        )
        anchored = centre_named or names_item
        # Words naming a topic of an activity or desk the message names ("phone", "telefon"),
        # when no centre is named: "the phone of Stene" is the centre's.
        named_at = {
            i
            for found in (acts, desks)
            for k, v in found.scores.items()
            if v >= ACTIVITY_MIN
            for i in found.direct_positions.get(k, ())
        } | {
            # "the itsme app on my phone" where the desk declares only "digital": the phone the
            # desk covers through a broader kind is still the topic, no number asked.
            i
            for k, v in desks.scores.items()
            if v >= DESK_MIN
            for i in desks.positions.get(k, ())
        }
        # A word of a title counts as the title's, unless it also names a topic said as such
        # ("telefon" of a Turkish "akıllı telefon kursu" is still the phone asked about).
        topic_at = set(direct_at)
        topics = (
            set()
            if found_centre
            else named_at
            - (
                set().union(*(acts.title_positions.values()), *(desks.title_positions.values()))
                - topic_at
            )
        )
        # A title's phrase said whole ("is het Telefoon-café in De Klaproos elke week?",
        # "telefon kafesi"): its everyday word ("telefoon") is the activity's, no number asked,
        # with a centre named too.
        topics |= self.activities.said_whole(texts)
        # "Morgen de dagtocht naar Brugge? Hoe laat vertrekt de bus?": beside a trip of ours
        # named, the coach and its leaving are the trip's, no timetable of the town's buses.
        trip_at = self._trip_words(texts, acts)
        topics |= trip_at
        # "itsme ne marche plus sur mon nouveau téléphone, il y a quelqu'un à Hazegras ?": one's
        # own device is the topic, with a centre named too; no number of the centre is asked.
        devices = {k for m in lex.own_devices.find(texts) for k in range(m.start, m.end)}
        topics |= devices
        keywords = keyword_scores(
            texts,
            lex,
            spoken,
            skip=skip
            | self.language_wishes.language_trouble(texts)
            | self.language_wishes.denied(texts)
            | lettered
            | self.language_wishes.messages_in(texts),
            inside=inside,
            anchored=anchored,
            topics=topics,
            gaps=found_dates.used,
            told=told,
            breaks=sentence_breaks(tokens, folded),
            clause_ends=_clause_ends(clause_of),
            questioned=inside_questions(tokens, folded),
        )
        if keywords.get("unknown") and all(
            all(texts[k] in self._title_union for k in range(m.start, m.end))
            for m in lex.intents.find(texts)
            if m.payload[0] == "unknown"
        ):
            # "When is walking football at Het Baken?": the words of our own title ask
            # nothing of the world outside.
            keywords.pop("unknown")
        if (
            keywords.get("unknown")
            and trip_at
            and all(
                set(range(m.start, m.end)) <= trip_at
                for m in lex.intents.find(texts)
                if m.payload[0] == "unknown"
            )
        ):
            keywords.pop("unknown")
        if keywords.get(MOBILITY) and self._broken_down(texts, desks, devices):
            # "itsme ne marche plus", "mon téléphone ne marche plus": a thing a desk helps with
            # that stopped working, no one who cannot walk.
            keywords.pop(MOBILITY)
            keywords["service_desk"] = keywords.get("service_desk", 0.0) + BROKEN
        if talk_pleas:
            keywords["help_request"] = max(keywords.get("help_request", 0.0), SOMEONE_TO_TALK)
            pleaded = {k for i, j in talk_pleas for k in range(i, j)}
            if any(m.start in pleaded for m in lex.in_charge.find(texts)):
                # "De koffie was weer koud, ik wil hierover met de verantwoordelijke spreken":
                # the one in charge asked for is a person to reach, as a call back is; the
                # coffee complained of names no activity asked about.
                keywords[CALLBACK] = max(keywords.get(CALLBACK, 0.0), SOMEONE_TO_TALK)
        asks = keywords.pop(ASK_VERB, 0.0)
        keywords.pop(GOING_TO, None)
        asks_us = bool(asks and keywords.get(WHATS_ON) and not anchored)
        if asks_us:
            # "wat kan ik allemaal aan jou vragen?", "про що можна вас питати": what to ask us.
            keywords["bot_help"] = keywords.get("bot_help", 0.0) + 2.0
        if found_dates.date is None:
            keywords.pop(WHATS_ON, None)  # "wat?", "co?": a question word alone asks nothing
        # "nerede", "where is": asks where, on words apart from those naming the item ("phone
        # number" asks for a number, its "phone" names the smartphone café).
        asks_where = any(
            m.payload[0] == "contact" and not named_at & set(range(m.start, m.end))
            for m in lex.intents.find(texts)
        )
        details = any(
            not named_at & set(range(m.start, m.end)) for m in lex.contact_details.find(texts)
        )
        judged = self.outside.judge(
            texts,
            skip=skip,
            concept_hits=concept_hits,
            kept=kept,
            told=told,
            spoken=spoken,
            centre_at=centre.used,
            own=centre.own,
            found_centre=found_centre,
            place_only=place_only,
            names_item=names_item,
            compounding=compounding,
            dated=found_dates.date is not None,
            desks=desks,
            keywords=keywords,
            date_at=found_dates.used,
            titled_at=acts.used | desks.used,
            joined_at={k for i in acts.joined | desks.joined for k in (i, i + 1)},
            forms={**desks.forms, **acts.forms},
        )
        foreign, attached, keywords = judged.foreign, judged.attached, judged.keywords
        # "Where can I rent a wheelchair?": a walker or wheelchair to rent or borrow, with no
        # centre named, is not our centre's access: a loan service's to lend, or our desk's
        # that lends them. "Where can I get a wheelchair for my dad?": one to get, where a desk
        # of ours hands out aids, is that desk's.
        if (
            keywords.get(MOBILITY)
            and not found_centre
            and (lex.loans.find(texts) or (self._lending and lex.obtain.find(texts)))
        ):
            mobility = keywords[MOBILITY]
            keywords = {k: v for k, v in keywords.items() if k != MOBILITY}
            if self._lending:
                keywords["service_desk"] = keywords.get("service_desk", 0.0) + mobility
                for desk_id in self._lending:
                    desks.scores[desk_id] = max(desks.scores.get(desk_id, 0.0), DESK_MIN)
                    desks.titled.add(desk_id)
                anchored = True
                # "tekerlekli sandalyeyi nereden alabilirim?": where to get one is our desk,
                # no shop in town.
                foreign = False
            else:
                foreign = True
        if plays and not concept_hits and not found_centre and not names_item:
            # "speelt HFC Haarlem zaterdag thuis?": a team plays, and nothing of ours is named.
            foreign = True
        # "Spielt Olympic Eikenrode am Samstag zu Hause?": a team's home or away match is the
        # club's, unless one of our activities is named by its title; the town in the club's
        # name is no centre of ours.
        home_match = bool(
            plays and lex.home_away.find(texts) and not (acts.best and _best_titled(acts))
        )
        # "Wo melde ich Sperrmüll an?", "Hoorn'da cuma namazı saat kaçta?", "le cortège du
        # carnaval": a thing of the town named as such; the words of ours inside its phrase
        # ("karnaval" of our carnival party, "seniors") name it, not our activity.
        town_spans = self._in_town(texts) + self._venues_in_town(texts, city_at, ours_at)
        # "بدي احجز مكان بغدا عيد الميلاد": a place booked (a seat) at the lunch is no place to
        # go out and eat.
        booked = {m.end for m in lex.intents.find(texts) if m.payload[0] == "signup"}
        eat_spans = [
            (m.start, m.end)
            for m in lex.eat_out.find(texts, longest=False)
            if m.start not in booked
        ]
        # "Waar eet je de beste vissoep aan de haven?", "najlepsza zupa rybna": the best dish or
        # meal asked compares the town's eateries.
        meals_at = {k for c, i, j in kept if MEAL in expand((c,), lex) for k in range(i, j)}
        meals_at |= {k for m in lex.dishes.find(texts) for k in range(m.start, m.end)}
        eat_spans += self.outside.best_food(texts, meals_at)
        # "the city pass office", "biuro karty miejskiej", "a good place for lunch": a word for
        # a centre beside the thing, or inside the meal out's phrase, is that thing's place.
        our_word = any(
            t in lex.centre_nouns
            and i not in skip
            and not any(a <= i < b for a, b in town_spans + eat_spans)
            and not reaches(texts, town_spans, {i}, set(lex.stopwords), OFFICE_REACH)
            for i, t in enumerate(texts)
        )
        # "zijn jullie maandag open in Bissegem of is da toe voor de kermis?": whether we are
        # open, asked of us, is about our centre; the town's fair says when or why.
        you_open = bool(lex.you_open.find(texts))
        our_word = our_word or you_open
        # "grofvuil ophalen in Heule", "в Нінове ... аналіз крові": an area of ours named as
        # where the thing is; "is Stene open on market day?" asks about our centre.
        in_area = not centre.own and self.outside.located(texts, centre.used, spoken)
        # "Is Bissegem maandag gesloten voor de kermis?", "Heule pazartesi panayır yüzünden
        # kapalı mı?": our area, named first as what is open or closed, is our centre there;
        # the fair in it says when or why ("de bakker in Bissegem" is named first there).
        asked_at = {k for m in lex.intents.find(texts) for k in range(m.start, m.end)}
        area_asked = (
            centre.centre is not None
            and not attached
            and not unexplained
            and self.outside.as_occasion(texts, judged.spans + town_spans)
            and keywords.get("opening_hours", 0.0) > 0
            and keywords["opening_hours"] == max(keywords.values())
            # only small words and the question's before it ("Чи закритий Моервейк ...")
            and all(
                t in self._plain or k in asked_at for k, t in enumerate(texts[: min(centre.used)])
            )
        )
        in_town = bool(town_spans) and not (
            (centre.centre is not None and not in_area) or our_word
        )
        # "Wanneer opent de kerstmarkt in Gent?": our Christmas market's words, said of a place
        # the bot knows nothing of, name that town's market.
        # Words written with a capital, folded: names ("in Gent", "Gent Noel pazarı")
        capitals = {fold(m.group()) for m in RAW_WORD.finditer(raw) if m.group()[0].isupper()}
        in_town = in_town or (
            centre.centre is None
            and not our_word
            and self.outside.elsewhere(
                texts,
                skip | city_at,
                compounding,
                spoken,
                acts.used | desks.used,
                acts.joined | desks.joined,
                capitals,
                {k for _, i, j in concept_hits for k in range(i, j)},
            )
        )
        # "Wo kann man in Kortrijk schön frühstücken gehen?": going out to eat in town, where
        # no centre of ours is named ("is there a breakfast at your centre?" stays ours).
        eats_out = bool(eat_spans) and not (centre.centre is not None or our_word)
        # "كيف بطبخ المقلوبة؟", "How do I cook a shepherd's pie?": how to cook a dish, a recipe,
        # is a cook's question; the verb names no cooking group of ours unless one of ours is
        # named apart from it ("when is the cooking group? I'd like to learn new recipes").
        recipe_spans = self.outside.recipe_spans(texts, compounding)
        recipe_at = {k for a, b in recipe_spans for k in range(a, b)}
        # "une recette de gaufres ? c'est pour mes petits-enfants": who it is for names no
        # activity of ours (a crafts afternoon for grandchildren).
        for_whom = self._for_whom(texts, spoken)
        # "het recept van de erwtensoep van jullie middagmaal", "jak się robi zupę, którą
        # podajecie na obiedzie": a dish of our meal whose recipe is asked; the meal (and the
        # centre serving it) only says which dish, no activity of ours is asked about.
        dish_at = {k for c, i, j in kept if MEAL in expand((c,), lex) for k in range(i, j)}
        dish = bool(dish_at - recipe_at)
        # "une recette de bûche pour le repas de Noël avec mes enfants", "przepis na barszcz na
        # kolację wigilijną", "une recette ? c'est pour le repas de Noël en famille": beside a
        # meal, its feast and who eats it, in the sentence asking the recipe or one telling
        # beside it, are one's own meal's ("when is the Christmas dinner? I'd love the recipe
        # of its soup" still asks when ours is).
        starts = sentence_breaks(tokens, folded)
        sentence = [sum(1 for b in starts if b <= k) for k in range(len(texts))]
        recipe_sentences = {sentence[k] for k in recipe_at}
        told_beside = told_apart(tokens, folded)
        occasion_at = (
            {
                k
                for c, i, j in kept
                if c in PEOPLE | MEAL_FEASTS
                for k in range(i, j)
                if sentence[k] in recipe_sentences or k in told_beside
            }
            if dish_at
            else set()
        )
        # "une recette de carbonnades flamandes": the words right after the recipe name its
        # dish ("flamandes" no Flemish lesson of ours); a sentence telling beside the recipe
        # asked ("c'est pour le repas de Noël en famille") asks nothing of ours.
        asked = bool(recipe_at - told_beside)  # the recipe is asked, not told beside
        dish_named: set[int] = set()
        for _, b in recipe_spans if asked else ():
            k, content = b, 0
            while k < len(texts) and sentence[k] == sentence[b - 1] and content < RECIPE_OBJECT:
                content += texts[k] not in lex.stopwords
                dish_named.add(k)
                k += 1
        beside = told_beside if asked else set()
        recipe = bool(recipe_spans) and not (
            ((centre.centre is not None or our_word) and not dish)
            or (ours_at | desk_at)
            - recipe_at
            - for_whom
            - dish_at
            - occasion_at
            - dish_named
            - beside
        )
        in_town = in_town or recipe
        # "How much is a bus ticket to Aalst for a pensioner?", "Wat betaalt een gepensioneerde
        # voor de bus?": a vehicle's fare; who travels (a pensioner, a child) names none of
        # ours. A trip of ours named by its words ("the bus of the day trip") stays ours.
        fare_at = {k for a, b in self.outside.fare(texts, skip) for k in range(a, b)}
        travellers = {k for c, i, j in kept if c in TRAVELLERS for k in range(i, j)}
        in_town = in_town or (
            bool(fare_at)
            and centre.centre is None
            and not our_word
            and not (ours_at | desk_at) - fare_at - for_whom - travellers - city_at
        )
        # "Quel est le prix d'un loyer pour un studio à Kerkhove ?", "what's the going rent for a
        # flat?": the price of a home on the market is the market's; "mag de bank mijn rekening
        # sluiten?": the bank's own steps are the bank's. Help asked with them ("kan iemand mij
        # helpen?") stays ours, and so does one's own debt told beside them ("Ich habe Schulden
        # bei der Bank, was macht die Bank jetzt?"): the debt desk helps with what comes next.
        concepts_said = {c for c, _, _ in concept_hits}
        not_helped = centre.centre is None and not our_word and not self.outside.help_asked(texts)
        in_town = in_town or (
            not_helped
            and (
                bool(self.outside.rent(texts, skip))
                or (
                    self.outside.creditor_acting(texts, concepts_said)
                    and "debts" not in concepts_said
                )
            )
        )
        # "Ik ben verhuisd naar Molenhoek, waar schrijf ik me in op mijn nieuw adres?", "I moved
        # to Ter Beke, how do I register my new address?": one's address is registered in the
        # town's population register; the area one moved to is where one lives, not our centre.
        # A desk or activity of ours named ("can the digital help do my change of address
        # online?") or our centre by a word for it stays ours.
        in_town = in_town or (
            bool(lex.address_register.find(texts))
            and not our_word
            and not names_item
            and not (ours_at | desk_at) - set(centre.used) - for_whom - city_at
        )
        # "Wat kan ik dit weekend met mijn kleinkinderen doen in Gent?", "Куди можна піти з
        # онуками в Брюгге?": what to do in a place the bot knows nothing of (another town) is
        # that town's; whom it is for (grandchildren) names no afternoon of ours, which is asked
        # by its title, at our centre or in our town.
        people_at = {k for c, i, j in kept if c in PEOPLE for k in range(i, j)}
        in_town = in_town or (
            not found_centre
            and centre.postcode is None
            and not our_word
            and not (ours_at | desk_at) - people_at - city_at
            # what there is to do or where to go, not where one lives ("if you live in
            # Teteringen, which centre is closest?")
            and bool(
                keywords.get(WHATS_ON)
                or keywords.get("activities")
                or keywords.get(WHERE)
                or lex.go_out.find(texts)
            )
            and not lex.lives.find(texts)
            and keywords.get("nearest_centre", 0.0) < ENOUGH
            and self.outside.placed_elsewhere(
                texts,
                [
                    i
                    for i in self.outside.unexplained_at(
                        texts, skip | acts.used | desks.used | told | kind_at | mended, False
                    )
                    if i not in city_at
                    and texts[i] not in self.centres.city
                    and texts[i] in self._proper_names(raw)
                ],
                spoken,
            )
        )
        # "Oostende'deki akvaryumda yaşlılara indirim var mı?", "Krijgen 65-plussers korting in
        # het Mu.ZEE?": a price or discount asked of a thing the bot knows nothing of, for whom
        # only (seniors, a child), is that thing's; our lunch or trip is named by its words.
        priced_at = {
            k for m in lex.fares.find(texts) if m.start not in skip for k in range(m.start, m.end)
        }
        in_town = in_town or (
            bool(priced_at)
            and centre.centre is None
            and not our_word
            and not (ours_at | desk_at) - priced_at - travellers - city_at
            and any(
                i not in city_at and texts[i] not in self.centres.city and i not in priced_at
                for i in self.outside.unexplained_at(
                    texts, skip | acts.used | desks.used | told | kind_at | mended, compounding
                )
            )
        )
        if in_town and asks_us:
            # "wa kost een ticket ...": what is asked is that thing's, not what to ask us.
            keywords["bot_help"] = keywords.get("bot_help", 0.0) - 2.0
        foreign = foreign or home_match or eats_out or in_town
        # "a dentist who speaks Turkish", "msza po polsku": the language is the outside
        # thing's, not one the resident asks the bot to speak.
        target = (
            (None, False)
            if foreign
            or (lettered and not self.language_wishes.named_apart_from_letter(texts, lettered))
            else self.language_wishes.wish(texts, keywords, concept_hits, skip)
        )
        # A role word, a compound it begins ("keukendienst", "Küchendienst") or a form of it
        # ("omroepen" of "omroeper", "digipunkcie" of "digipunt").
        role = any(self._role_words.names(t) for i, t in enumerate(texts) if i not in skip)
        shared_role = any(
            self._shared_role_words.names(t) for i, t in enumerate(texts) if i not in skip
        )
        # "When's my turn at the cooking group?": a word of an activity's title that is also
        # a volunteer role's ("Kookgroep" as both).
        activity_role = any(
            t in self._activity_roles for i, t in enumerate(texts) if i not in skip
        )
        # "a market near your centre": the centre is the market's landmark, no centre asked for
        our_nearest = not judged.near_centre and self.outside.asks_our_nearest(
            texts, keywords, judged.spans
        )
        if our_nearest:
            # "I'm at the train station, which of your centres is closest?": the outside thing is
            # where the resident stands, so its words ask nothing of their own.
            keywords.pop("unknown", None)
        # "someone", "ktoś", "хтось" in a language of the message, outside what is told
        someone = any(
            m.payload[0] in spoken and m.start not in told for m in lex.someone.find(texts)
        )
        # "I want to learn to use itsme, is there a course?": a course asked (to learn, a
        # lesson) is an activity's; a desk on the same topic gives no course, however surely
        # the topic names it.
        desk_score = desks.best
        if self._course_asked(direct, acts) and not _best_titled(desks):
            desk_score = min(desk_score, acts.best * COURSE_OVER_DESK)
        elif (
            keywords.get("service_desk", 0.0) > 0
            and not found_centre
            and self._desk_topic_only(direct, acts, desks)
        ):
            # "I look after my dad with dementia, is there a place that supports carers?": help
            # asked on the topic of the carers' desk, not of the carers' lunch, whose lunch the
            # resident does not ask for.
            desk_score = max(desk_score, acts.best / COURSE_OVER_DESK)
        evidence = Evidence(
            role=role,
            shared_role=shared_role,
            activity_role=activity_role,
            centre=found_centre and not place_only,
            postcode=centre.postcode is not None and not centre.named,
            date=found_dates.date is not None,
            activity=acts.best,
            desk=desk_score,
            target_language=target[1],
            foreign=foreign,
            anchored=anchored,
            appointment=any(
                k in self._appointments and v >= max(acts.best, ACTIVITY_MIN) - 1e-6
                for k, v in acts.scores.items()
            ),
            titled=_best_titled(acts) and not self._titled_as_desk(texts, acts, desks, direct_at),
            desk_titled=_best_titled(desks),
            asks_where=asks_where,
            details=details,
            question="?" in raw or "\u061f" in raw,
            wish_apart=self.reasons.wish_apart(tokens, folded, texts, acts),
            where_asked=self.reasons.where_asked(tokens, folded, texts, acts),
            asked_apart=bool(keywords.get(HOW_BOOK))
            and self.reasons.asked_apart(tokens, folded, texts, acts),
            goes_out=bool(lex.go_out.find(texts)),
            walk_in=bool(lex.walk_in.find(texts)),
            in_building=any(m.start not in told for m in lex.in_building.find(texts)),
            comes=any(m.start not in told for m in lex.comes.find(texts)),
            experienced=any(m.payload[0] in spoken for m in lex.told_past.find(texts)),
            learns=any(m.payload[0] in spoken for m in lex.learning.find(texts)),
            # "pour" is a task in English, "for" in French ("venir pour la table").
            task=any(
                m.start not in told and m.payload[0] in spoken
                for m in lex.volunteer_tasks.find(texts)
            ),
            either_closed=self._either_closed(texts, acts),
            venue=self._venue_named(texts, acts, told, clause_of),
            desk_only_told=bool(desk_at) and desk_at <= told,
            desk_told=bool(desk_at)
            and (desk_at <= told or self.reasons.going_to(texts, desk_at, centre.used))
            and any(i not in told for i in centre.used)
            # "Mam problem z aplikacją banku. Czy w piątek w Konterdam ktoś pomoże?": a person
            # asked for at the centre helps with the topic told, which is the desk asked about.
            and not someone,
            someone=someone,
            # A club's match or a meal out in town: the town or meal words name nothing of ours.
            strong=not (home_match or eats_out or in_town)
            and (
                (centre.own and found_centre and not attached)
                or (you_open and found_centre)
                or area_asked
                or (
                    acts.named_by_words(ACTIVITY_MIN)
                    and not self.outside.served_there(texts, acts, spoken)
                )
                # Papers named as the outside institution's ("мерія ... документів") name our
                # desk for them only by its own title.
                or (
                    desks.named_by_words(DESK_MIN)
                    and (not judged.institution or _best_titled(desks))
                )
                or our_nearest
            ),
        )
        intent, confidence = decide(keywords, evidence)
        # Opening hours are our centres': an activity or desk reached only through a kind
        # ("bożonarodzeniowy" of the Christmas lunch) is no subject for them.
        hours_anchor = centre_named or bool(acts.titled or desks.titled)
        # Whether an `unknown` is the rules' decision that the message is about a thing not ours
        # (the intent model may not overrule it).
        decided_out = evidence.foreign and not evidence.strong
        if intent == "activities" and found_dates.date is not None:
            # "anything fun on Sunday afternoon? I'm bored stiff since my wife passed": what is
            # on at a time, asked in a sentence of its own; the other sentences tell why.
            # Where a visitor comes from, however the message is written ("my dad is visiting
            # from Spain is there anything on thursday evening"), is no thing asked about.
            told = (
                told_apart(tokens, folded)
                | told_beside_programme(tokens, folded, texts, intent_phrases, found_dates.used)
                | self.reasons.came_from(texts, spoken)
            )
            if told:
                unexplained = self.outside.unexplained(
                    texts, skip | acts.used | desks.used | told, compounding
                )
        city_words = {texts[i] for i in city_at}
        # "Goeiemorgen, hoe laat begint de nachtmis in de Sint-Pieterskerk?": a greeting or
        # thanks beside a question of hours, a price or a place asks that question.
        courtesy_asks = (
            intent in COURTESY
            and evidence.question
            and any(keywords.get(k, 0.0) > 0 for k in _ABOUT_A_THING)
        )
        if (
            (intent in _ABOUT_A_THING or courtesy_asks)
            and not (hours_anchor if intent == "opening_hours" else anchored)
            # The city's name ("in Ostend", "у Кортрейку") is where the thing is, not the thing.
            and any(w not in self.centres.city and w not in city_words for w in unexplained)
            and (not found_centre or self.outside.located(texts, centre.used, spoken))
            # "we live near the church in Beverlo, which is closer?": the landmark says where
            # the resident lives.
            and not our_nearest
        ):
            # "when does the fishmonger open?", "les horaires des bus Breng", "the bakery in
            # Stene": an hours, price or where question about a thing the bot knows nothing of,
            # with nothing of ours named (an area only as where that thing is), is about that
            # thing, not about us. "Is Stene open ...?" keeps the area as its subject.
            intent, confidence = "unknown", 0.0
            decided_out = True
        elif (
            intent == "activities"
            and found_dates.date is not None
            and not centre_named
            and not (evidence.titled or evidence.desk_titled)
            and any(
                # the town's own name, in a case or another script as it sounds ("в Неймегені",
                # "في كرانينبيك"), and a centre's misspelt name are ours
                texts[i] not in self.centres.city
                and texts[i] not in city_words
                and not self.centres.names_town(texts[i])
                and self.centres.closest(texts[i]) is None
                for i in self.outside.places_unknown(
                    texts,
                    skip | acts.used | desks.used | told,
                    compounding,
                    spoken,
                    capitals,
                )
            )
        ):
            # "what weekend outings are there in Bruges?", "які екскурсії є в Генті на
            # вихідних?": our activities named only by their kind, asked for a day of a place
            # the bot knows nothing of (not in a sentence or clause that tells), are that
            # place's. Without a day the place may be our own town in a case the bot does not
            # know ("nauka holenderskiego w Hadze").
            intent, confidence = "unknown", 0.0
            decided_out = True
        if not texts and any(symbol in raw for symbol in lex.acknowledgements):
            intent, confidence = "thanks", 1.0  # "👍": understood, thanks
        # "open" and "free" are also the words of opening hours and of free activities: beside
        # a word for a shift they ask which shifts still need someone.
        open_shifts = bool(lex.shift_words.find(texts)) and bool(lex.vacant_words.find(texts))
        if open_shifts and intent in _OPEN_SHIFTS_OVER:
            intent, confidence = "shifts", max(confidence, 0.8)
        model_words = self._model_words(texts, set(centre.used) | centre_name_at)
        if model_words:
            # What the entity steps found, as words the model can weigh ("what time does the
            # party start" is ours when a party of ours is named).
            marks = {
                "@activity": evidence.activity >= ACTIVITY_MIN,
                "@desk": evidence.desk >= DESK_MIN,
                "@centre": evidence.centre,
                "@date": evidence.date,
                "@foreign": evidence.foreign,
                "@ours": evidence.anchored,
            }
            model_words += tuple(k for k, v in marks.items() if v)
        why = ""
        said = sum(not w.startswith("@") for w in model_words)  # the message's own words
        if (
            self.intent_model is not None
            and model_words
            and self.arbitration.asks(intent, confidence, keywords, decided_out, said)
        ):
            opinion = self.intent_model.opinion(model_words)
            intent, confidence, why = arbitrate(
                intent, confidence, keywords, opinion, self.arbitration, decided_out, said
            )

        if intent == "activities" and found_dates.period is not None:
            # "Was gibt es zu Ostern?", "anything for grandkids before christmas?": the days
            # around or before the holiday, not its day alone.
            found_dates.date, found_dates.until = found_dates.period
        centre_id, candidates = centre.centre, centre.candidates
        if intent == "nearest_centre" and centre.loose:
            centre_id = None  # "centrum dichtbij mij": the generic word, no centre named
        # "babcia chce pograć w karty, co jeszcze tam jest tego dnia?", "wat is er met kerst in
        # het centrum? mijn kinderen zitten in het buitenland": the day's whole programme asked
        # in a clause of its own; the activities named in the others ask nothing.
        programme = intent == "activities" and self._programme_asked(
            tokens, folded, texts, found_dates.used, acts
        )
        if (
            (centre.implied or centre.guessed)
            and centre_id is not None
            and intent in _ASKS_FOR_ITEMS
            and not programme
            and not self._held_at(intent, acts, desks, centre_id)
        ):
            # "y a-t-il un coiffeur au centre ?" where the hairdresser comes to Noord only: a
            # centre only a common word for the town centre implied yields to where the
            # activity or desk asked about is held, so the answer is never empty because of it;
            # so does one only a likeness of a word to its name named ("I have taken up
            # knitting" is no De Baken, where no knitting is). A question of the centre itself
            # (its hours, its address) keeps it.
            centre_id = None
        picked = self.activities.pick(acts, centre_id, ACTIVITY_MIN)
        # "trips or walks", "رحلات أو نزهات", "kawa, obiad": kinds named apart, each asked for.
        breaks = self._joins(tokens, folded, spoken)
        # "babcia chce pograć w karty, co jeszcze tam jest tego dnia?": everything on then, not
        # only the one named nor only its kind.
        everything = intent == "activities" and (
            (
                bool(keywords.get(WHAT_ELSE))
                and (centre_id is not None or found_dates.date is not None)
            )
            or programme
        )
        # "a first aid meeting", "the neighbourhood meeting": a word for an event's form, or
        # for a group that meets ("a card game group"); "I'll
        # call you on my phone": one's own device. Beside words naming an activity they say
        # what it is or what one brings, naming no other activity.
        form_at = {i for i, t in enumerate(texts) if t in lex.formats or t in lex.gatherings}
        form_at |= {k for m in lex.own_devices.find(texts) for k in range(m.start, m.end)}
        picked = self._activities_meant(
            picked,
            acts,
            intent,
            centre_id,
            found_dates,
            texts,
            concepts,
            direct_at,
            breaks,
            form_at,
            spoken,
        )
        if everything:
            picked = ()  # everything on then is asked for, no one activity
        activity = picked[0] if len(picked) == 1 else None
        # "czy w sobotę jest repair cafe?": no place said at all, neither a centre, the town
        # ("un repas à Kranenbeek vendredi ?") nor the town centre ("in the centre").
        no_place = not (centre.named or centre.implied or centre.postcode) and not any(
            self.centres.names_town(t) for t in texts
        )
        if centre_id is None and not candidates and intent == "activities" and not everything:
            centre_id = (
                self._held_only_at(activity, acts, found_dates, keywords) if no_place else None
            )
        desk_ids = self.desks.pick(desks, centre_id, DESK_MIN)
        if intent == "service_desk":
            # "my mum can't manage alone any more, where can we get advice?": the words asking
            # for a desk's help ("advice", "conseil") name no other desk whose title has them
            # (the pension advice) beside the one the problem told is for.
            asking_help = {
                k
                for m in lex.intents.find(texts)
                if m.payload[0] == "service_desk"
                for k in range(m.start, m.end)
            }
            desk_ids = self.desks.also_named(
                desks, desk_ids, centre_id, DESK_MIN, desk_direct_at, asking_help
            )
        day = self._day_asked(found_dates, intent, keywords, centre_id, picked, desk_ids, now)
        # A language named as a subject ("the Dutch lessons") is never one to switch to.
        target_language = target[0] if intent == "language" and target[1] else None
        if target_language:
            language = target_language  # the answer to "in French please" is in French
        return Understanding(
            text=text,
            language=language,
            intent=intent,
            centre=centre_id,
            centre_candidates=candidates,
            postcode=centre.postcode,
            date=day,
            until=found_dates.until,
            activity=activity,
            activity_candidates=picked if len(picked) > 1 else (),
            activity_kinds=()
            if everything
            else tuple(sorted(c for c in acts.concepts if c in self.activity_kinds)),
            desks=desk_ids,
            target_language=target_language,
            confidence=confidence,
            written_in=clear,
            stated=max(keywords.values(), default=0.0) >= ENOUGH,
            unsupported=other,
            places=self._places(texts) if intent == "signup" else None,
            open_shifts=open_shifts and intent == "shifts",
            model_words=model_words,
            why=why,
            # A word of an activity's title ("Coffee morning", "Bingo avond") is its name.
            # A part of the day inside a kind's phrase ("an evening meal", "akşam yemeği") is the
            # kind's word too.
            day_part=day_part(
                lex,
                texts,
                self._in_titles(texts) | {k for _, i, j in kept if j - i > 1 for k in range(i, j)},
            )
            if intent == "activities"
            else None,
        )

    def _titled_as_desk(
        self,
        texts: list[str],
        acts: ItemScores,
        desks: ItemScores,
        direct_at: dict[int, set[str]],
    ) -> bool:
        """Whether the best activities are named only by title words that are a kind the best
        desk helps with too ("itsme" of "Info session: itsme" beside the digital desk that
        helps with itsme): such a word names the desk as well as the activity, not the
        activity by its own name. A word for an event's form ("the itsme info session", "la
        séance d'info sur itsme") asks for the activity."""
        ids = self.desks.pick(desks, None, DESK_MIN)
        if not ids or any(t in self.lex.formats for t in texts):
            return False
        helped = set().union(*(self.desks.concepts[k] for k in ids))
        best = acts.best
        return all(
            all(
                direct_at.get(i) and expand(direct_at[i], self.lex) <= helped
                for i in acts.title_positions.get(k, set())
            )
            for k, v in acts.scores.items()
            if v >= best - 1e-6 and k in acts.titled
        )

    def _held_only_at(
        self,
        activity: str | None,
        acts: ItemScores,
        found_dates: DateFind,
        keywords: dict[str, float],
    ) -> str | None:
        """The one centre of an activity asked by name for a day ("is the neighbourhood café
        on today?", "czy w sobotę jest repair cafe?", "findet der Kartenclub heute statt?"):
        the answer is about it there. One looked for ("is there a choir somewhere?", "where do
        they play cards on Wednesday?") or asked with no day names no centre, nor one held at
        several."""
        if activity is None or found_dates.date is None:
            return None
        if activity not in acts.titled and not acts.direct_positions.get(activity):
            return None
        if keywords.get(WHERE, 0.0) > 0:
            return None
        held = self.activities.centres.get(activity, ())
        return held[0] if len(held) == 1 else None

    def _held_at(self, intent: str, acts: ItemScores, desks: ItemScores, centre: str) -> bool:
        """Whether what the message asks for, if it names anything, is held at `centre`: the
        best-named activities (the desks first for a desk question, the other kind of item
        when none is named)."""
        order = [(self.activities, acts, ACTIVITY_MIN), (self.desks, desks, DESK_MIN)]
        if intent == "service_desk":
            order.reverse()
        for index, found, minimum in order:
            best = index.pick(found, None, minimum)
            if best:
                return any(centre in index.centres[k] for k in best)
        return True

    def _activities_meant(
        self,
        picked: tuple[str, ...],
        acts: ItemScores,
        intent: str,
        centre_id: str | None,
        found_dates: DateFind,
        texts: list[str],
        concepts: set[str],
        direct_at: dict[int, set[str]],
        breaks: set[int],
        form_at: set[int],
        spoken: set[str],
    ) -> tuple[str, ...]:
        """The activities the message means, from those `picked` as the best fit: the one on
        the day asked about, the closest fit for a sign-up, and for a question about
        activities each one named and the others of its kind. Words at `form_at` (an event's
        form, one's own phone) name no other activity beside one named by other title words."""
        lex = self.lex
        named_apart = any(acts.title_positions.get(k, set()) - form_at for k in picked)
        aside = form_at if named_apart else set()
        if picked and found_dates.date is not None:
            # "I can't come to the lunch on Friday": of the lunches, the one on that day; and
            # when the best fit is not on that day, another of its kind that is ("the Saturday
            # breakfast" beside a Christmas breakfast on Sunday).
            on_day = self._on_days(picked, found_dates.date, found_dates.until)
            if not on_day:
                others = self.activities.same_kind(
                    acts, picked, centre_id, direct_at, breaks, aside
                )
                on_day = self._on_days(others[len(picked) :], found_dates.date, found_dates.until)
                if intent == "activities" and not self._same_titles(picked, on_day):
                    # "is er woensdag een breicafé?": the one asked for stays first; the
                    # answer says it is not on then and lists the others of its kind.
                    on_day = ()
            if (
                not on_day
                and intent == "signup"
                and all(MEAL in self.activities.declared[a] for a in picked)
            ):
                # "obiad w czwartek wieczorem", "le dîner de jeudi": meals are named by the hour
                # differently by region and language (a Polish "obiad", a Belgian "dîner" is a
                # lunch); a meal asked for on a day when none of that name is served is that
                # day's meal ("Eetpunt: warm evening meal" on Thursdays). A cancellation is of
                # the resident's own booking, named as they like.
                meals = tuple(
                    a
                    for a in self.activities.order
                    if a not in picked
                    and MEAL in self.activities.declared[a]
                    and (centre_id is None or centre_id in self.activities.centres[a])
                )
                on_day = self._on_days(meals, found_dates.date, found_dates.until)
            picked = on_day or picked
        if len(picked) > 1 and intent in ("signup", "cancel_signup"):
            picked = self.activities.closest_fit(picked, concepts)
        if intent == "activities":
            # "Is there a language café or Dutch lessons?": each activity named, not the best.
            picked = self.activities.also_named(
                acts, picked, centre_id, ACTIVITY_MIN, direct_at, aside
            )
            # "l'excursion à Hindeloopen": a word of its own title that is no word of ours (a
            # place, a name) names that activity, not every other of its kind; so does a phrase
            # of its title ("the first aid talk" is no other talk).
            # A vehicle in its title ("Boat trip", "Rejs łodzią") says which trip too.
            # A word for a group that meets ("група", "handwerkgroep") is no name of its own;
            # the whole title after a definite article ("the chair yoga", "het klaverjassen")
            # is, though its words are kinds.
            articles = set().union(*(lex.definite.get(lang, set()) for lang in spoken))
            own_name = (
                any(k in acts.phrased for k in picked)
                or any(
                    (
                        texts[i] not in self._lexicon_words
                        and texts[i] not in lex.everyday
                        and not self._kind_word(texts[i])
                        and not self._gathering(texts[i])
                    )
                    or texts[i] in lex.vehicles.words
                    for k in picked
                    for i in acts.title_positions.get(k, set()) - set(direct_at)
                )
                or any(self.activities.titled_after(k, texts, articles) for k in picked)
            )
            kind = (
                picked
                if own_name
                else self.activities.same_kind(
                    acts,
                    picked,
                    centre_id,
                    direct_at,
                    breaks,
                    aside,
                    broader=self._any_kind(texts, breaks),
                    asked=True,
                )
            )
            if len(kind) > len(picked) and found_dates.date is not None:
                # Of the other lunches, those on the day asked about.
                kind = (
                    *picked,
                    *self._on_days(kind[len(picked) :], found_dates.date, found_dates.until),
                )
            picked = kind
        return picked

    def _gathering(self, word: str) -> bool:
        """Whether a word is one for a group that meets ("group", "група"), or a kind's word
        joined to one ("handwerkgroep", "kaartclub", "Strickgruppe")."""
        gatherings = self.lex.gatherings
        if word in gatherings:
            return True
        return any(
            word.endswith(g)
            and len(word) - len(g) >= _KIND_HEAD
            and self._kind_word(word[: -len(g)])
            for g in gatherings
        )

    def _kind_word(self, word: str) -> bool:
        """Whether a word alone names a kind in any language ("klaverjas" in a German message,
        "brei" of "breigroep")."""
        return any(index.lookup_word(word) for index in self.lex.concepts.values())

    def _any_kind(self, texts: list[str], breaks: set[int]) -> bool:
        """Whether the message says any of a kind will do ("klaverjas, rummy, anything",
        "Karten, Rommé, egal was"): a phrase of several words anywhere, a single word only
        where a new item of a list begins or at the end."""
        return any(
            m.end - m.start > 1 or m.start in breaks or m.end == len(texts)
            for m in self.lex.any_kind.find(texts)
        )

    def _day_asked(
        self,
        found_dates: DateFind,
        intent: str,
        keywords: dict[str, float],
        centre_id: str | None,
        picked: tuple[str, ...],
        desk_ids: tuple[str, ...],
        now: datetime,
    ) -> date | None:
        """The day the message asks about: the day said, next week's when that weekday's is
        over today, or the day a closed centre opens again when that is asked."""
        day = found_dates.date
        if (
            day is not None
            and found_dates.same_weekday
            and (
                intent == "cancel_signup"
                or self._over_today(intent, centre_id, picked, desk_ids, now)
            )
        ):
            # "pazartesi" asked on a Monday after the pedicure began: next Monday's. A
            # cancellation naming today's weekday is sent ahead, for next week's ("cancel my
            # sewing café on Monday" on a Monday; today's is "today"); the sign-ups decide
            # when the resident has one today only (flows/my_signups.py).
            day += dt.timedelta(days=7)
        if day is None and found_dates.until is None and found_dates.now and intent in NOW_ASKED:
            # "is Ginneken nu open?", "is er nu iemand voor mijn smartphone?": today's hours
            # and sessions (docs/dates.md "Now")
            day = now.date()
        told_today = day == now.date() and found_dates.until is None
        if (
            (day is None or (told_today and not self._opens_later_today(centre_id, now)))
            and intent == "opening_hours"
            and (keywords.get(REOPEN) or (keywords.get(NEXT_TIME) and not picked))
        ):
            # "wanneer gaat Schuytgraaf weer open?", "коли знову відкриється?" (its "when
            # again" also asks for a next time): the first day open after its closure; "it
            # reopens when? I found the door shut this morning": today is when it was shut,
            # unless it opens again later today ("saat kaçta tekrar açılıyor bugün").
            day = self._reopening(centre_id, now) or day
        elif (
            day is not None
            and intent == "opening_hours"
            and keywords.get(REOPEN)
            and _just_passed(day, now.date())
        ):
            # "when does Purmer-Zuid reopen after the christmas break?" asked on 30 December:
            # the holiday named is this year's, just over, not next year's; its closure is the
            # one going on.
            day = self._reopening(centre_id, now) or day
        return day

    def _find_dates(
        self,
        tokens: list[Token],
        folded: str,
        texts: list[str],
        today: date,
        skip: set[int],
        concept_hits: list[tuple[str, int, int]],
        titled: set[int],
        spoken: set[str],
    ) -> DateFind:
        """The day or range the message names, its words at `skip` naming none."""
        lex = self.lex
        return find_dates(
            tokens,
            folded,
            lex,
            today,
            skip=skip,
            modifiers=(
                {k for c, i, j in concept_hits if c not in DAY_CONCEPTS for k in range(i, j)}
                | titled
            )
            - self.reasons.said_for(texts, concept_hits, spoken),
            known=self._known,
            country=self.org.country,
            names=self.place_words,
            # "Christmas dinner", "на різдвяну вечерю": a holiday is the occasion of a meal or
            # a party; "am Brückentag Boule" is the day of the game.
            occasions={
                k
                for c, i, j in concept_hits
                if c in OCCASIONS or OCCASIONS & set(lex.implies.get(c, ()))
                for k in range(i, j)
            },
            bridge=self._bridge_day,
        )

    def _languages(
        self,
        texts: list[str],
        raw: str,
        client_language: str | None,
        chosen_language: str | None,
        conversation_language: str | None,
    ) -> tuple[str | None, str | None, str, set[str]]:
        """The language the message is clearly written in (if any), the unsupported language
        it is written in (if any), the language to reply in, and the languages it may be in."""
        lex = self.lex
        clear, tied = message_language(texts, raw, lex, self.place_words)
        other = unsupported_language(texts, raw, lex, self.place_words)
        if other == RUSSIAN and UKRAINIAN in {
            _supported(code) for code in (client_language, chosen_language, conversation_language)
        }:
            # "Het Veer в среду работает?" from a Ukrainian phone or conversation: many
            # Ukrainians write Russian; the Ukrainian words know its forms ("среду", "работает")
            # and the answer is in Ukrainian, not a list of the languages we speak.
            other = None
            clear, tied = UKRAINIAN, ()
        if other is not None:
            # Not one of ours: the few words it shares with ours say nothing of its language.
            clear, tied = None, ()
        client = _supported(client_language)
        language = reply_language(
            clear,
            tied,
            chosen=_supported(chosen_language),
            conversation=_supported(conversation_language),
            client=client,
            default=self.org.default_language,
        )
        spoken = {clear} if clear else set(tied) | {language}
        return clear, other, language, spoken

    def _topics_said(
        self, texts: list[str], spoken: set[str], clear: str | None, centre_name_at: set[int]
    ) -> _TopicsSaid:
        """The concepts the message names, without those its other words explain away (a
        team's match, a plea for a person, a price, a letter's language, a housing repair)."""
        lex = self.lex
        concept_hits: list[tuple[str, int, int]] = []
        markers = set().union(*(lex.markers.get(lang, set()) for lang in spoken))
        not_function = {
            i for i, t in enumerate(texts) if t in markers or t in lex.centre_words
        } | centre_name_at
        for lang in spoken | {"en"} | (set() if clear else {self.org.default_language}):
            concept_hits += concept_spans(texts, lang, lex, not_function)
        for i, t in enumerate(texts):
            if t in self.activity_kinds:  # the data's own kind words ("cycling", "meal")
                concept_hits.append((t, i, i + 1))
        concept_hits += self._own_age(texts)
        # "Wann spielt OH Leuven am Wochenende?", "Kiedy gra Legia?": a team plays a match; the
        # verb names no game of ours ("Wann spielt man Karten?" still names the cards).
        plays = [(m.start, m.end) for m in lex.team_plays.find(texts)]
        if plays:
            # "Speelt Sporting Lokeren thuis?": the words of a club's name name no sport of ours.
            concept_hits = [
                h
                for h in concept_hits
                if not any(a <= h[1] and h[2] <= b for a, b in plays)
                and not all(t in lex.club_words for t in texts[h[1] : h[2]])
            ]
        # "talk to someone", "mit jemandem sprechen": a plea for a person, whose verb names
        # no activity for talking (a chat group) beside the topic the person is wanted for.
        phrases = lex.intents.find(texts)  # once: each step below reads the same finds
        pleas = [
            (m.start, m.end)
            for m in phrases
            if m.payload[0] == "help_request" and m.end - m.start > 1
        ]
        # "is there someone I can talk to?", "jemanden, mit dem er reden kann": the same plea
        # with the person and the verb apart.
        talk_pleas = self._someone_to_talk_to(texts, concept_hits, spoken)
        pleas += talk_pleas
        # "wir wohnen in 2462", "ich wohne in Veerle": where one lives, no question of housing.
        pleas += [
            (m.start, m.end)
            for m in phrases
            if m.payload[0] == "nearest_centre" and m.end - m.start > 1
        ]
        # "ich komme mit itsme nicht klar", "ik kom met mijn pensioen niet rond": the words in a
        # plea's gap are what one cannot cope with, a topic; only the plea's own words name none.
        gapped = {(m.start, m.end) for m in phrases if m.gap and m.payload[0] == "help_request"}
        if pleas:
            concept_hits = [
                h
                for h in concept_hits
                if not any(
                    a <= h[1] and h[2] <= b and not ((a, b) in gapped and a < h[1] and h[2] < b)
                    for a, b in pleas
                )
            ]
        # "kaç para", "how much money": a price asked; "para" names no money desk there.
        price_at = {k for m in lex.price_phrases.find(texts) for k in range(m.start, m.end)}
        if price_at:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) & price_at]
        # "einen Brief auf Niederländisch, kann mir jemand beim Lesen helfen?", "جواب بالهولندي":
        # the language a letter is written in is no wish for its lessons or table.
        # "بدي الرسائل بالعربي": the bot's messages in a language are no letters for a desk.
        messages = self.language_wishes.messages_in(texts)
        if messages:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) & messages]
        lettered = self.language_wishes.letter_language(texts, concept_hits)
        if lettered:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) & lettered]
        concept_hits = self.language_wishes.talking_to_desk(texts, concept_hits)
        # "دار القرية", "het dorpshuis": the name of a kind of centre of ours names no topic
        # (the "house" of a village house is no housing).
        kinds = [(m.start, m.end) for m in lex.centre_kinds.find(texts) if m.end - m.start > 1]
        if kinds:
            concept_hits = [
                h for h in concept_hits if not any(a <= h[1] and h[2] <= b for a, b in kinds)
            ]
        # "my landlord won't fix the mould", "der Vermieter repariert die Heizung nicht": beside
        # the tenancy, a repair tells the housing problem; it names no repair café.
        mended = self.reasons.housing_repairs(texts, concept_hits)
        if mended:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) & mended]
        # "je n'arrive plus à payer mon loyer": money trouble, the debt desk's (or the social
        # service's) where one answers it, not the housing desk's.
        owed, unrented = self.reasons.money_trouble(texts, concept_hits, self._debts_answered)
        concept_hits += owed
        if unrented:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) <= unrented]
        # "a letter from my landlord, is there a free lawyer?": the letter is the legal matter's;
        # "debts with the bank": the bank is the debt's, also where a desk stands in for debts.
        carried = self.reasons.carried_papers(
            concept_hits, self._desk_concepts | set(self._stand_ins)
        )
        if carried:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) <= carried]
        # "is er een infosessie over pensioen?" where only a desk has pensions: that desk; the
        # session's words name no activity's title either.
        formed = self.reasons.event_form(texts, concept_hits, self._desk_only)
        if formed:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) <= formed]
            mended |= formed
        # "Paskalya pazartesi bir etkinlik var mı, çocuklar okulda değil": the children free
        # of school say why one asks what is on; the school is no place asked about.
        free = {k for m in lex.school_free.find(texts) for k in range(m.start, m.end)}
        if free:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) <= free]
            mended |= free
        # "my doctor says I must move", "mein Arzt meint, ich soll mich mehr bewegen": the
        # doctor told as why one asks names no health activity or desk; what one must do, said
        # after, is the topic.
        advised = {k for m in lex.advised.find(texts) for k in range(m.start, m.end)}
        if advised:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) <= advised]
            mended |= advised
        # "is there a nurse for my leg, without going to the GP?", "doktora gitmeden": the
        # doctor one asks to avoid is told; neither a health topic nor a practice in town.
        # "on m'a coupé l'électricité", "odcięli mi prąd": the cut is a hardship told, its
        # words no topic (the French "coupé" names no haircut).
        cut = {k for m in lex.cut_off.find(texts) for k in range(m.start, m.end)}
        if cut:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) <= cut]
            mended |= cut
        bypassed = {k for m in lex.bypassed.find(texts) for k in range(m.start, m.end)}
        if bypassed:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) <= bypassed]
            mended |= bypassed
        # "ik zorg thuis voor mijn vader", "بعتني بأبي بالبيت": the home is where the care is
        # given, no housing question.
        homed = self.reasons.cared_at_home(texts, concept_hits) | self.reasons.kept_at_home(texts)
        if homed:
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) <= homed]
        # "elle ne marche plus bien", "yürüyemiyor", "проблеми з ходьбою", "tekerlekli
        # sandalye": a difficulty walking, or a wheelchair, names no walking club nor chair gym.
        moving = {k for m in phrases if m.payload[0] == MOBILITY for k in range(m.start, m.end)}
        if moving:
            # The wheelchair itself stays the aids desk's topic ("wózek inwalidzki").
            concept_hits = [
                h for h in concept_hits if h[0] == AIDS or not set(range(h[1], h[2])) <= moving
            ]
            mended |= moving
        refused = self.language_wishes.refused_language(texts)
        if refused:
            # "in t Frans voor mijn moeder, ze verstaat geen Nederlands": the language she does
            # not understand is the reason for another, not a topic (the Dutch table).
            concept_hits = [h for h in concept_hits if not set(range(h[1], h[2])) & refused]
        return _TopicsSaid(concept_hits, plays, talk_pleas, price_at, lettered, mended, bypassed)

    def _own_age(self, texts: list[str]) -> list[tuple[str, int, int]]:
        """ "I am 67", "ik ben 70 geworden", "67 yaşındayım": one's own age from `senior_age` on
        is the seniors' topic, said with the words of the lexicons' `own_age`."""
        lex = self.lex
        hits = []
        for i, t in enumerate(texts):
            if not t.isdigit() or not lex.senior_age <= int(t) <= 110:
                continue
            for before, after in lex.own_age:
                start, end = i - len(before), i + 1 + len(after)
                if start < 0 or end > len(texts):
                    continue
                if tuple(texts[start:i]) == before and tuple(texts[i + 1 : end]) == after:
                    hits.append((SENIORS, start, end))
                    break
        return hits

    def _broken_down(self, texts: list[str], desks: ItemScores, devices: set[int]) -> bool:
        """Whether every phrase of walking badly follows a word naming a desk's topic or one's
        own device ("itsme ne marche plus", "mon téléphone ne marche plus bien"): the thing
        stopped working."""
        topic_at = devices | {
            i for k, v in desks.scores.items() if v >= DESK_MIN for i in desks.positions.get(k, ())
        }
        walking = [m for m in self.lex.intents.find(texts) if m.payload[0] == MOBILITY]
        return bool(walking) and all(any(m.start - k in (1, 2) for k in topic_at) for m in walking)

    def _programme_asked(
        self,
        tokens: list[Token],
        folded: str,
        texts: list[str],
        dated: Collection[int],
        acts: ItemScores,
    ) -> bool:
        """Whether "what is on <day>" is asked in a clause of its own and the activities named
        are only in other clauses, which tell or ask about them ("що буде завтра в De Markt?
        чула про якесь свято", "wat is er woensdag in Het Anker? is de weggeefwinkel er nog?"):
        the day's whole programme, the one named among it. "Is there a party tomorrow?" asks for
        the party alone. An activity named only through a broader kind counts as named where
        its words are ("bit lonely since my husband went into a nursing home, what's on in
        Stene next week?": the nursing home names no health activity asked)."""
        named = set().union(
            *(
                acts.direct_positions.get(k, set()) | acts.positions.get(k, set())
                for k, v in acts.scores.items()
                if v >= ACTIVITY_MIN
            )
        )
        if not named or not dated:
            return False
        clause = clauses(tokens, folded)
        asking = {
            clause[k]
            for m in self.lex.intents.find(texts)
            if m.payload[0] in (WHATS_ON, "activities")
            for k in range(m.start, m.end)
        }
        asked = {clause[k] for k in dated} & asking
        if not asked and not {clause[k] for k in named} & asking:
            # "Meine Enkel sind zu Ostern bei mir. Was ist da in Mariakerke los?": the day and
            # who comes told in a clause of their own, what is on then asked in another that
            # names no activity: the day's whole programme.
            asked = asking
        # "vrederust'ta çarşamba ne var? ücretsiz eşya dükkanı hâlâ var mı": an activity asked
        # after in a clause of its own is one of the day's, the day's whole offer still asked.
        return bool(asked) and not {clause[k] for k in named} & asked

    def _joins(self, tokens: list[Token], folded: str, spoken: set[str]) -> set[int]:
        """The words a kind named apart from the one before may begin at: a joining word ("or",
        "або", "أو"), the word after a comma or a slash, and an Arabic word that had "و" (and)
        written onto it ("ونزهات", read as "نزهات")."""
        joiners = set().union(*(self.lex.joiners.get(lang, set()) for lang in spoken))
        breaks: set[int] = set()
        for k, token in enumerate(tokens):
            gap = folded[tokens[k - 1].end : token.start] if k else ""
            written = folded[token.start : token.end]
            if (
                token.text in joiners
                or any(mark in gap for mark in ",/&+")
                or (written.startswith("\u0648") and written[1:] == token.text)
            ):
                breaks.add(k)
        return breaks

    def _venue_named(
        self, texts: list[str], acts: ItemScores, told: set[int], clauses: list[int]
    ) -> bool:
        """Whether the best activity is named by a word of its title for a place that opens
        ("weggeefwinkel", "repaircafé", "sklep", "متجر") in the clause that says "open": "is
        the give-away shop open today?" asks whether that activity is on; "is Overdie open
        tomorrow, I'm asking for the language café" asks the centre's hours."""
        best = acts.best
        if best < ACTIVITY_MIN:
            return False
        opened = {
            clauses[k] for m in self.lex.opening_words.find(texts) for k in range(m.start, m.end)
        }
        return any(
            i not in told and clauses[i] in opened and _venue_word(texts[i], self.lex.venues)
            for k, v in acts.scores.items()
            if v >= best - 1e-6 and k in acts.titled
            for i in acts.title_positions.get(k, set())
        )

    def _in_town(self, texts: list[str]) -> list[tuple[int, int]]:
        """Where things of the town (`in_town`: bulky waste, a parade, a market day, a blood
        test) are named, not by the very words of one of our titles (an "Iftar" of ours)."""
        spans = [
            (i, i + 2)
            for i, t in enumerate(texts[:-1])
            if t.endswith(self.lex.pass_endings)
            and len(t) >= PASS_NAME_MIN
            and texts[i + 1] in self.lex.centre_nouns
        ]  # "the Ooievaarspas office": the pass's office
        spans += [(i, i + 1) for i, t in enumerate(texts) if self._named_feast(t)]
        for m in self.lex.in_town.find(texts):
            content = [t for t in texts[m.start : m.end] if t not in self.lex.stopwords]
            if not self.outside.titled(content):
                spans.append((m.start, m.end))
        return spans

    def _venues_in_town(
        self, texts: list[str], city_at: set[int], ours_at: set[int]
    ) -> list[tuple[int, int]]:
        """Where a business of the town (a café, a restaurant, a bakery) is named beside the
        town's name ("Welches Café in Purmerend ...", "Wevelhoek'te hangi kafe"): which of the
        town's businesses is asked, not our coffee morning; not inside one of our titles ("a
        repair café in Oostende?" where "Repair café" is ours) or beside another word of ours
        ("un café des langues à Lindewaarde")."""
        return [
            (m.start, m.end)
            for m in self.lex.town_venues.find(texts)
            if any(0 < abs(i - k) <= VENUE_REACH for i in city_at for k in (m.start, m.end - 1))
            and not self._venue_titled(texts, m.start, m.end)
            # another word of ours names our activity
            and not ours_at - city_at - set(range(m.start, m.end))
        ]

    def _venue_titled(self, texts: list[str], start: int, end: int) -> bool:
        """Whether the venue word stands with the nearest word on either side, small words
        apart, in one of our titles ("Repair café", "café des langues")."""
        venue = texts[start:end]
        for step, k in ((-1, start - 1), (1, end)):
            while 0 <= k < len(texts) and texts[k] in self.lex.stopwords:
                k += step
            if not 0 <= k < len(texts):
                continue
            words = [texts[k], *venue] if step < 0 else [*venue, texts[k]]
            if self.outside.titled(words):
                return True
        return False

    def _proper_names(self, raw: str) -> set[str]:
        """The words of a message that may be names, as folded: written with a capital, or in
        a script without capitals ("Gent", "Антверпені", "أنتويرب"; not "parlant")."""
        return {
            fold(w)
            for w in re.findall(r"\w+", raw)
            if w[:1].isupper() or (w[:1].isalpha() and w[:1] == w[:1].lower() == w[:1].upper())
        }

    def _for_whom(self, texts: list[str], spoken: set[str]) -> set[int]:
        """Where the message says whom a thing is for: the words after "for" and small words
        ("pour mes petits-enfants", "dla moich wnuków") or before Turkish "için"
        ("torunlarım için")."""
        small = self.lex.stopwords
        found: set[int] = set()
        for lang in spoken:
            before = self.lex.audience.get(lang, set())
            after = self.lex.audience_after.get(lang, set())
            for i, t in enumerate(texts):
                if t in before:
                    steps = range(i + 1, min(len(texts), i + 1 + FOR_WHOM_REACH))
                elif t in after:
                    steps = range(i - 1, max(-1, i - 1 - FOR_WHOM_REACH), -1)
                else:
                    continue
                content = 0
                for k in steps:
                    if texts[k] in small:
                        continue
                    found.add(k)
                    content += 1
                    if content == FOR_WHOM_WORDS:
                        break
        return found

    def _named_feast(self, token: str) -> bool:
        """Whether a word is a feast named after a thing the bot knows nothing of
        ("Brandersfeest", "Heringsfest"), not one of our titles ("Buurtfeest" where ours)."""
        if token in self._known or token in self._title_union:
            return False
        for ending in self.lex.feast_endings:
            first = token[: -len(ending)]
            if token.endswith(ending) and len(first) >= FEAST_NAME_MIN:
                # Not a word of ours by its stem or beginning ("Weihnachts|fest" is Christmas).
                return all(
                    bool(self.outside.unexplained_at([part], set()))
                    for part in {first, first.rstrip("s")}
                )
        return False

    def _either_closed(self, texts: list[str], acts: ItemScores) -> bool:
        """Whether an alternative of a closure ("or are you closed", "yoksa kapalı mı") comes
        after the words naming an activity: the question is whether that activity is on."""
        named = {
            i
            for k, v in acts.scores.items()
            if v >= ACTIVITY_MIN
            for i in acts.positions.get(k, set()) | acts.direct_positions.get(k, set())
        }
        return bool(named) and any(
            m.start > min(named) for m in self.lex.either_closed.find(texts)
        )

    def _joined(self, tokens: list[Token]) -> list[Token]:
        """Words written apart that together are one word of ours ("електронна пошта", e-mail):
        one token of that word, spanning them all."""
        found = self.lex.joined.find([t.text for t in tokens])
        out = list(tokens)
        for m in reversed(found):
            start, end = tokens[m.start].start, tokens[m.end - 1].end
            out[m.start : m.end] = [Token(m.payload[0], start, end)]
        return out

    def _lunch_of(self, tokens: list[Token], folded: str, today: date) -> list[Token]:
        """ "غدا الكريسماس", "غدا العيد": "غدا" before a topic word with its article is the
        lunch of that occasion (Maghrebi and Levantine "ghda"), not "tomorrow"; before a day
        word ("غدا الخميس", "غدا الصباح") it stays tomorrow. Before a holiday said without the
        article ("غدا عيد الميلاد", the lunch of Christmas) it is that holiday's lunch too,
        unless the holiday is tomorrow ("غدا عيد الميلاد" on the 24th); written with "in"
        glued on ("بغدا عيد الميلاد", "سجلني بغدا") it is always the lunch: tomorrow takes
        no preposition."""
        index = self.lex.concepts.get("ar")
        if index is None:
            return tokens
        out = list(tokens)
        texts = [t.text for t in tokens]
        feasts = {
            m.start: m.payload for m in self.lex.dates.find(texts) if m.payload[0] == "holiday"
        }
        for k, token in enumerate(tokens):
            if token.text != _TOMORROW_OR_LUNCH:
                continue
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            written = folded[token.start : token.end]
            glued = written != _TOMORROW_OR_LUNCH and written[0] in _GLUED_IN
            if after is None:
                lunch = glued
            elif folded.startswith(_ARTICLE, after.start):
                # A holiday is an occasion for a lunch; a weekday or "morning" is when tomorrow.
                lunch = bool(index.lookup_word(after.text)) and all(
                    p[0] == "holiday" for p in self.lex.dates.lookup_word(after.text)
                )
            elif k + 1 in feasts:
                rule = self.lex.holiday_rules.get(feasts[k + 1][1])
                day = holiday_date(rule, today, self.org.country) if rule else None
                lunch = glued or day != today + dt.timedelta(days=1)
            else:
                lunch = glued and not self.lex.dates.lookup_word(after.text)
            if lunch:
                out[k] = Token(_LUNCH, token.start, token.end)
        return out

    def _counted(self, tokens: list[Token], folded: str) -> set[int]:
        """Words said as a number: before a unit counted without its article ("ستين الف يورو",
        "ستين سنه") or after a word of one's age ("عمري ستين"); a centre's name that is also a
        number ("ستين", Stene) names no centre there."""
        lex = self.lex
        found: set[int] = set()
        for k, (before, after) in enumerate(pairwise(tokens), start=1):
            if after.text in lex.counted_units and folded[after.start : after.end] == after.text:
                found.add(k - 1)  # before a unit without its article
            if before.text in lex.age_words:
                found.add(k)
        return found

    def _in_titles(self, texts: list[str]) -> set[int]:
        """Words said as part of an activity's title, beside another word of it ("the coffee
        morning", "Bingo avond"): a part of the day there is the title's."""
        found = set()
        for i, text in enumerate(texts):
            if text not in self._title_union:
                continue
            for title in self._title_words:
                if text in title and any(
                    0 <= k < len(texts)
                    and texts[k] in title
                    and texts[k] not in self.lex.day_part_times.words  # "après-midi" itself
                    for k in (i - 1, i + 1)
                ):
                    found.add(i)
                    break
        return found

    def _someone_to_talk_to(
        self, texts: list[str], concept_hits: list[tuple[str, int, int]], spoken: set[str]
    ) -> list[tuple[int, int]]:
        """Where a person is asked for to talk to ("someone I can talk to", "jemanden, mit dem
        ich reden kann", "хтось, з ким поговорити"): a word for a person, or for the one in
        charge ("the coordinator", "المسؤول"), a few words from a verb of talking. Not with a
        language named: someone to practise Dutch with is the conversation table. The spans of
        the person and of the verb."""
        people = [m for m in self.lex.someone.find(texts) if m.payload[0] in spoken]
        in_charge = [m for m in self.lex.in_charge.find(texts) if m.payload[0] in spoken]
        if not (people or in_charge) or self.lex.language_names.find(texts):
            return []
        talk = [(i, j) for c, i, j in concept_hits if c == TALK]
        # "the room was too noisy, I want to speak to the coordinator about this", "bu konuda
        # sorumluyla konuşmak istiyorum": a person in charge is talked to with any verb of
        # speaking, the complaint is what they will talk about.
        verbs = [(i, j, people) for i, j in talk]
        if in_charge:
            verbs += [(m.start, m.end, in_charge) for m in self.lex.speaking.find(texts)]
            verbs += [(i, j, in_charge) for i, j in talk]
        spans = []
        for i, j, who in verbs:
            near = [m for m in who if i - TALK_REACH <= m.start and m.end <= j + TALK_REACH]
            if near:
                # The person and the verb, not the words between them: "mit jemandem über
                # meine Rente sprechen" still names the pension.
                spans += [(i, j), (near[0].start, near[0].end)]
        return spans

    def _city_at(self, texts: list[str], skip: set[int]) -> set[int]:
        """Where the message names the organisation's city ("in Kortrijk", "بكورتريك"), itself
        (any word of it, wherever it stands) or as a form of the city's name in a title."""
        exact = {i for i, t in enumerate(texts) if t in self.centres.city}
        if not self._city_names:
            return exact

        def city(word: str | None) -> bool:
            # "Кортрейку" of "Кортрейка": a case ending apart
            return word is not None and any(
                shared_prefix(word, name)
                >= max(CITY_STEM, min(len(word), len(name)) - CITY_ENDING)
                for name in self._city_names
            )

        def near(word: str) -> bool:
            # cheap first: the city's beginning, or its name inside ("بكورتريك")
            return word[:CITY_STEM] in self._city_heads or any(n in word for n in self._city_names)

        return exact | {
            i
            for i, t in enumerate(texts)
            if i not in skip
            and near(t)
            and (city(t) or city(self.activities.title_word(t)) or city(self.desks.title_word(t)))
        }

    def _model_words(self, texts: list[str], place_at: set[int]) -> tuple[str, ...]:
        """The words the intent model reads: names of our places, activities and desks that
        are no lexicon word become placeholders, numbers "#n" (what it learns then holds for
        any organisation's data)."""
        out = []
        for i, t in enumerate(texts):
            if t.isdigit():
                out.append(NUMBER)
            elif t in self._lexicon_words:
                out.append(t)
            elif i in place_at or t in self.place_words:
                out.append(PLACE)
            elif t in self.activities.tokens:
                out.append(ACTIVITY)
            elif t in self.desks.tokens:
                out.append(DESK)
            else:
                out.append(t)
        return tuple(out)

    def _course_asked(self, direct: set[str], acts: ItemScores) -> bool:
        """Whether the message names a course (`COURSE`: "course", "learn", "cursus") and an
        activity that is one is named best."""
        if COURSE not in direct:
            return False
        best = max(acts.best, ACTIVITY_MIN) - 1e-6
        return any(
            COURSE in self.activities.concepts.get(k, ())
            for k, v in acts.scores.items()
            if v >= best
        )

    def _desk_topic_only(self, direct: set[str], acts: ItemScores, desks: ItemScores) -> bool:
        """Whether every topic said is one a desk named here has, and each activity named
        best is also about a thing of its own that no desk has and the message does not say
        (a carers' lunch is a lunch): the resident's matter is the desk's."""
        lex = self.lex
        said = expand(direct, lex) - lex.generic_concepts - lex.public_concepts
        if not said or desks.best < DESK_MIN or acts.best < ACTIVITY_MIN:
            return False
        best_desks = [k for k, v in desks.scores.items() if v >= desks.best - 1e-6]
        # A desk of a broader kind covers the narrower topic ("Digipunt" the bank's app).
        if not any(
            all(expand((c,), lex) & expand(self.desks.concepts.get(k, ()), lex) for c in said)
            for k in best_desks
        ):
            return False
        best = acts.best - 1e-6
        general = lex.generic_concepts | lex.public_concepts | self._desk_concepts
        # Its own thing is no narrower form of a topic said (foot care is care).
        return all(
            any(
                c not in general and not expand((c,), lex) & said
                for c in self.activities.declared.get(k, ())
            )
            for k, v in acts.scores.items()
            if v >= best
        )

    def _trip_words(self, texts: list[str], acts: ItemScores) -> set[int]:
        """The words of a vehicle or of leaving ("bus", "vertrekt", "kalkıyor") where the
        activity the message names best is a trip (`TRIP`): they ask when it sets off."""
        best = max(acts.best, ACTIVITY_MIN) - 1e-6
        if not any(
            TRIP in self.activities.concepts.get(k, ())
            for k, v in acts.scores.items()
            if v >= best
        ):
            return set()
        lex = self.lex
        return {
            k
            for index in (lex.vehicles, lex.departure)
            for m in index.find(texts)
            for k in range(m.start, m.end)
        }

    def _names_itself(
        self, found: ItemScores, index: ItemIndex, named: set[str], minimum: float
    ) -> bool:
        """Whether the message names an item itself: by a word of its title, a concept it
        names, or a broader one the item has no narrower kind of. "hulp met mijn smartphone"
        names the digital desk; "een nieuwe fiets" (cycling, so sport) names no walking club."""
        broader = expand(named, self.lex) - named
        for item_id, score in found.scores.items():
            if score < minimum:
                continue
            concepts = index.concepts[item_id]
            if item_id in found.titled or concepts & named:
                return True
            via = concepts & broader
            siblings = {c for c in concepts - via if expand((c,), self.lex) & via}
            if via and not siblings:
                return True
        return False

    def _places(self, texts: list[str]) -> int | None:
        """The number of places a booking names: a number before or inside a word for places
        ("2 places", "twee plaatsen", "два місця", "3 kişilik"), or an Arabic dual."""
        if self.lex.two_places.find(texts):
            return 2
        for m in self.lex.intents.find(texts, longest=False):
            if m.payload[0] != "places":
                continue
            for k in (m.start - 1, *range(m.start, m.end)):
                word = texts[k] if 0 <= k < len(texts) else ""
                count = int(word) if word.isdigit() else self.lex.numbers.get(word)
                if count and 1 <= count <= MAX_PLACES:
                    return count
        return None

    def _same_titles(self, ids: tuple[str, ...], others: tuple[str, ...]) -> bool:
        """Whether every one of `others` shares a title with one of `ids` (the lunch of another
        centre is the same lunch; a sewing workshop is no knitting café)."""

        def titles(item: str) -> set[str]:
            activity = self.org.activity(item)
            if activity is None:
                return set()
            return {fold(t) for t in activity.title.all()}

        asked = set().union(*(titles(i) for i in ids))
        return all(titles(o) & asked for o in others)

    def _on_days(self, ids: tuple[str, ...], first: date, last: date | None) -> tuple[str, ...]:
        """The activities among `ids` that take place between `first` and `last`."""
        calendar, end = self._schedule(), last or first
        return tuple(
            i for i in ids if calendar.occurrences(first, end, kind=ACTIVITY_KIND, item_id=i)
        )

    def _bridge_day(self, since: date) -> date | None:
        """The next bridge day on or after `since` in the organisation's calendar."""
        return self._schedule().bridge_day(since)

    def _schedule(self) -> Calendar:
        """The organisation's calendar, built on the first question that needs it."""
        if self._calendar is None:
            self._calendar = Calendar(self.org)
        return self._calendar

    def _opens_later_today(self, centre: str | None, now: dt.datetime) -> bool:
        """Whether the centre has an opening still to begin today (after its lunch break)."""
        if centre is None:
            return False
        intervals = self._schedule().hours_on(centre, now.date()).intervals
        return any(start > now.time() for start, _ in intervals)

    def _reopening(self, centre: str | None, now: dt.datetime) -> date | None:
        """The first day a centre is open again: after its closure going on or next (within
        REOPEN_DAYS), else after its next closed day; None when no centre is named (an
        organisation of one centre names it without saying: "when do you reopen?") and when
        it opens again later today (asked in its lunch break: today's hours answer)."""
        today = now.date()
        if centre is None and len(self.org.centres) == 1:
            centre = self.org.centres[0].id
        if centre is None:
            return None
        calendar = self._schedule()

        def open_on(day: date) -> bool:
            return bool(calendar.hours_on(centre, day).intervals)

        ends = [
            c.end
            for c in self.org.closures_for(centre)
            if c.from_time is None and c.end >= today and c.start <= today + REOPEN_DAYS
        ]
        if not ends and self._opens_later_today(centre, now):
            return None
        day = min(ends) + dt.timedelta(days=1) if ends else today
        if not ends:
            while open_on(day) and day < today + REOPEN_DAYS:
                day += dt.timedelta(days=1)  # open today: "again" is after its next closed day
        last = day + REOPEN_DAYS
        while not open_on(day) and day < last:
            day += dt.timedelta(days=1)
        return day if open_on(day) else None

    def _over_today(
        self,
        intent: str,
        centre: str | None,
        activities: tuple[str, ...],
        desks: tuple[str, ...],
        now: datetime,
    ) -> bool:
        """Whether what a question names is over for today at `now`: the centre (or every
        centre) closed for the rest of the day; the activities or desk sessions it asks about
        (or all of them, at that centre) all ended, or for a sign-up or cancellation all begun.
        Today's weekday named alone then means next week's; before, today's (docs/dates.md)."""
        calendar = self._schedule()
        moment = now.astimezone(self.tz) if now.tzinfo else now.replace(tzinfo=self.tz)
        today, clock = moment.date(), moment.time()
        if intent == "opening_hours":
            centres = [centre] if centre else [c.id for c in self.org.centres]
            return not any(
                end > clock for c in centres for _, end in calendar.hours_on(c, today).intervals
            )
        if intent in ("activities", "signup", "cancel_signup", "service_desk"):
            kind = DESK_KIND if intent == "service_desk" else ACTIVITY_KIND
            named = desks if intent == "service_desk" else activities
            found = [
                o
                for item in (named or (None,))
                for o in calendar.occurrences(today, today, kind=kind, centre=centre, item_id=item)
            ]
            if intent in ("signup", "cancel_signup"):
                # One can no longer sign up for, or cancel, an occurrence that has begun
                return not any(o.start > moment for o in found)
            return not any(o.end > moment for o in found)  # one can still walk in
        return False

    def _recognised(self, token: str) -> bool:
        """Whether a word is one the bot knows: a lexicon or data word, a form of a stem, or a
        compound of two concept words ("gedachtnistraining")."""
        if token in self._known or any(token[:k] in self._stems for k in range(3, len(token))):
            return True
        return any(concept_spans([token], lang, self.lex) for lang in self.lex.concepts)

    def _arabic_inner(self, token: str) -> str | None:
        """The Arabic word we know inside one we don't: a one-letter word written onto it
        ("بعشا", "فسجل": with, and) or its ending "my" ("رسالتي": my letter); else None."""
        if token in self._known or not _ARABIC_LETTER.match(token):
            return None
        if len(token) >= GLUED_MIN_LENGTH and token[0] in _GLUED and token[1:] in self._known:
            return token[1:]
        noun = _without_my(token)
        return noun if noun is not None and noun in self._known else None

    def _owners(self, texts: list[str], raw: str, outside: set[int]) -> set[int]:
        """Where a name the bot does not know as a word stands beside a word for a branch or
        office, right before it ("die Sparkassen-Filiale", "the Rabobank branch") or after it
        with only small words between ("het filiaal van de KBC", "oddział PKO"): another
        organisation, whose branch that is, not ours. Never a place after "in" ("het filiaal in
        Mariakrke", "центр у Моервейку"), a typo of our centre's name nor the town's."""
        nouns = [i for i, t in enumerate(texts) if t in self.lex.centre_nouns and i not in outside]
        if not nouns:
            return set()
        # A name is written with a capital ("KBC", "Rabobank"), after the message's first word;
        # a misspelt word of ours ("centrum usłóg", "сервисний центр") is not.
        named = {
            fold(m.group())
            for k, m in enumerate(RAW_WORD.finditer(raw))
            if k > 0 and m.group()[0].isupper()
        }
        small = self.lex.stopwords - self._where_words
        owners = set()
        for i, t in enumerate(texts):
            if (
                i in outside
                or t not in named
                or t in self._known
                or t in self.lex.stopwords
                or any(t[:k] in self._stems for k in range(3, len(t) + 1))
                or (i > 0 and texts[i - 1] in self._where_words)
                or self.centres.names_town(t)
                or self.centres.closest(t) is not None
            ):
                continue
            if i + 1 in nouns or any(
                j < i and reaches(texts, [(i, i + 1)], {j}, small, OWN_OWNER_REACH) for j in nouns
            ):
                owners.add(i)
        return owners

    def _centre_word(self, token: str) -> str | None:
        """The long word for our centres `token` misspells ("dienstecentrum", "buurthius",
        "Begegnungszentrun"), or None: never a form of it with an ending ("buurtwerken"), nor
        a typo of a centre's own name."""
        if (
            len(token) < CENTRE_WORD_TYPO_MIN - 1
            or token in self._known
            or token in self.lex.not_typos
            or not token.isalpha()
        ):
            return None
        hit = process.extractOne(
            token,
            self._centre_word_choices,
            scorer=fuzz.ratio,
            score_cutoff=CENTRE_WORD_TYPO_CUTOFF,
        )
        if hit is None or token.startswith(hit[0]) or _other_word(token, hit[0]):
            return None
        return hit[0] if self.centres.closest(token) is None else None

    def _correct(self, token: str) -> str:
        """A lexicon word for a typo ("inschrijen" -> "inschrijven"); other words unchanged."""
        inner = self._arabic_inner(token)
        if inner is not None:
            return inner
        if token not in self._known and self.centres.names_part(token):
            return token  # "لانخه مونته": a word of a name of ours, heard, is no typo
        if token not in self._known and token not in self.lex.not_typos:
            said = self._spoken.written(token)
            if said is not None:
                return said
        centre_word = self._centre_word(token)
        if centre_word is not None:
            return centre_word
        if (
            len(token) < TYPO_MIN_LENGTH
            or token in self._known
            or token in self.lex.not_typos
            or token.isdigit()
            or any(token[:k] in self._stems for k in range(3, len(token) + 1))
        ):
            return token
        cached = self._typo_cache.get(token)
        if cached is not None:
            return cached
        if self._role_words.names(token) or self._shared_role_words.names(token):
            # A volunteer's task or role ("calling" of "Bingo caller") is no typo ("falling").
            return token
        if _UMLAUT_SPELLED.search(token):
            plain = token.replace("ae", "a").replace("oe", "o").replace("ue", "u")
            if self._recognised(plain):
                self._typo_cache[token] = plain
                return plain
        if any(concept_spans([token], lang, self.lex) for lang in _COMPOUNDING):
            # "Sonntagsfrühstück", "buurtontbijt": a compound whose parts name a concept is
            # no typo of a day-part compound ("sonntagsfrüh").
            if len(self._typo_cache) < _TYPO_CACHE_SIZE:
                self._typo_cache[token] = token
            return token
        hit = None
        if self.centres.closest(token) is None:  # "centum" is a typo of a place, not of a word
            hit = process.extractOne(
                token, self._typo_choices, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF
            )
        result = hit[0] if hit and not _other_word(token, hit[0]) else token
        if len(self._typo_cache) < _TYPO_CACHE_SIZE:
            self._typo_cache[token] = result
        return result


def _just_passed(day: date, today: date) -> bool:
    """Whether `day`, a year earlier, fell within the last REOPEN_DAYS: a holiday named after
    it is over this year ("reopen after Christmas" on 30 December), so its next one is meant by
    no one asking when a centre opens again."""
    try:
        last_year = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        last_year = day - dt.timedelta(days=365)
    return today - REOPEN_DAYS <= last_year <= today


def _placed(
    kept: list[tuple[str, int, int]], lex: Lexicon
) -> tuple[set[str], dict[int, set[str]], dict[int, set[str]], dict[int, set[str]]]:
    """The concepts said with their broader ones; per word the concepts it names with their
    broader ones, and as said; and per first word the concepts said there."""
    concepts = expand({c for c, _, _ in kept}, lex)
    concepts_at: dict[int, set[str]] = {}
    direct_at: dict[int, set[str]] = {}  # the concepts words name as said, not broader
    for c, i, j in kept:
        for k in range(i, j):
            direct_at.setdefault(k, set()).add(c)
            concepts_at.setdefault(k, set()).update(expand((c,), lex))
    # Each concept as said counts once, however many words say it ("كبار السن").
    said_at: dict[int, set[str]] = {}
    for c, i, _ in kept:
        said_at.setdefault(i, set()).add(c)
    return concepts, concepts_at, direct_at, said_at


def _clause_ends(numbers: list[int]) -> set[int]:
    """The last word of each clause, from the clause number of each word."""
    return {k for k, n in enumerate(numbers) if k + 1 == len(numbers) or numbers[k + 1] != n}


def _other_word(token: str, hit: str) -> bool:
    """Whether `hit` is `token` with letters only added or taken at its start: another word,
    not a typo ("zeggen" is no "afzeggen", "musun" no "usun"). Not in Arabic, where a verb's
    person is a letter in front ("أتعلم" is a form of "تعلم")."""
    if _ARABIC_LETTER.match(token):
        return False
    return hit.endswith(token) or token.endswith(hit)


class RoleWords:
    """The words of volunteer roles, indexed so that a word is looked up, not compared with
    each role: the role's word, a compound it begins, the first part of a compound role
    ("keuken" of "keukenhulp"), a form sharing all but its last letters ("omroepen" of
    "omroeper", "digipunkcie" of "digipunt"), or the task of an agent noun ("calling" of
    "caller")."""

    def __init__(self, roles: frozenset[str]) -> None:
        self.exact = roles
        heads = [r for r in roles if len(r) > ROLE_MIN_LENGTH]
        self.heads = frozenset(heads)
        self.head_lengths = sorted({len(r) for r in heads})
        self.prefixes = frozenset(r[:k] for r in roles for k in range(ROLE_STEM, len(r) + 1))
        stems: dict[int, set[str]] = {}
        for r in roles:
            if len(r) >= ROLE_STEM:
                k = max(ROLE_STEM, len(r) - ROLE_ENDING)
                stems.setdefault(k, set()).add(r[:k])
        self.stems = {k: frozenset(v) for k, v in stems.items()}
        self.tasks = frozenset(t for t in map(_task_stem, roles) if t)

    def names(self, token: str) -> bool:
        """Whether `token` names one of the roles."""
        if token in self.exact or (len(token) >= ROLE_STEM and token in self.prefixes):
            return True
        if any(token[:k] in self.heads for k in self.head_lengths if k <= len(token)):
            return True
        if any(len(token) >= k and token[:k] in v for k, v in self.stems.items()):
            return True
        task = _task_stem(token)
        return bool(task) and task in self.tasks


def _task_stem(word: str) -> str:
    """A word without an ending of a verb or an agent noun ("call|ing", "call|er",
    "omroep|en", "omroep|er"), or "" when too little would remain."""
    for ending in TASK_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= TASK_STEM:
            return word[: -len(ending)]
    return ""


def _venue_word(word: str, venues: set[str]) -> bool:
    """Whether a word is, begins or ends on a word for a place that opens ("weggeefwinkel",
    "dükkanı", "kawiarenki")."""
    return word in venues or any(
        len(v) >= 4 and (word.endswith(v) or word.startswith(v)) for v in venues
    )


def _best_titled(found: ItemScores) -> bool:
    """Whether an item scoring best is named by a word of its own title."""
    best = found.best
    return any(k in found.titled for k, v in found.scores.items() if v >= best - 1e-6)


def _supported(code: str | None) -> str | None:
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None
