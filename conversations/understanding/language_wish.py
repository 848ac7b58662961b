"""Language wishes: whether a message asks the bot to speak another language.

A language named in a message may be the one the resident wants to be answered in ("in het
Frans", "spreekt u Engels?"), one they lack ("ik spreek geen Nederlands"), the language a letter
is written in ("Brief ... auf Niederländisch") or the subject of an activity ("the Dutch
language café"). These checks tell them apart.
"""

from __future__ import annotations

from conversations.understanding.entities import ItemIndex
from conversations.understanding.intents import (
    ACTIVITY_MIN,
    DESK_MIN,
    ENOUGH,
    LANGUAGE_ASKED,
    WHERE,
)
from conversations.understanding.lexicon import Lexicon, Match

LANGUAGE_TROUBLE_GAP = 1  # "je ne comprends pas *le* néerlandais": an article between
NEGATION_REACH = 3  # "ik spreek geen Nederlands", "je ne parle pas bien néerlandais"
LACKING_REACH = 3  # "my Dutch is not good", "słabo mówię po niderlandzku", "لغتي الهولندية ضعيفة"
ASKS = 1.0  # a language phrase this strong asks for the language ("spreekt u", "can you speak")
SMALL_BETWEEN = 3  # "schreib mir bitte auf ...": small words between a verb and a preposition
MESSAGES_REACH = 2  # "the messages in Arabic", "mesajları Türkçe", "الرسائل بالعربي"
DENIED_REACH = 1  # "no other language", "لا يتكلم لغة أخرى": a negation of the phrase itself
LETTER_REACH = 6  # "einen Brief von der Krankenkasse bekommen, auf Niederländisch"
# Intents whose words go with a request for a language without making it about something else.
_ABOUT_THE_CONVERSATION = frozenset({"language", "greeting", "thanks", "bot_help"})
# Concepts that are the language itself, not another topic ("the Dutch language").
_LANGUAGE_CONCEPTS = frozenset({"language"})
# Concepts a verb of talking names ("sprechen", "porozmawiać"): a chat group or language table.
_TALK = frozenset({"conversation"})
_LETTERS = frozenset({"letters", "forms", "paperwork"})


class LanguageWishes:
    """Finds which language a message names and whether it asks for it, for one
    organisation's activities and desks."""

    def __init__(self, lex: Lexicon, activities: ItemIndex, desks: ItemIndex) -> None:
        self.lex = lex
        self.activities = activities
        self.desks = desks
        self._desk_concepts = set().union(*desks.concepts.values())
        self._activity_concepts = set().union(*activities.concepts.values())

    def letter_language(
        self, texts: list[str], concept_hits: list[tuple[str, int, int]]
    ) -> set[int]:
        """The words of a language name said near a letter or form ("a letter in Dutch", "Brief
        ... auf Niederländisch"), when no course is asked for ("Dutch lessons to read my
        letters" still asks for lessons)."""
        letters = [(i, j) for c, i, j in concept_hits if c in _LETTERS]
        if not letters or any(c in self.lex.generic_concepts for c, _, _ in concept_hits):
            return set()
        # "ممكن تكتبوا بالفرنسية؟ ابنتي ستقرأ الرسائل": a name right after a verb of writing
        # or answering asks the bot to use it, whatever the messages are called after it.
        verbs = {v.end for v in self.lex.speaking.find(texts)}
        return {
            k
            for m in self.lex.language_names.find(texts)
            if m.start not in verbs
            and (
                any(-LETTER_REACH <= m.start - j <= LETTER_REACH for _, j in letters)
                or any(-LETTER_REACH <= i - m.end <= LETTER_REACH for i, _ in letters)
            )
            for k in range(m.start, m.end)
        }

    def messages_in(self, texts: list[str]) -> set[int]:
        """The words naming the bot's own messages beside a language name ("I want the messages
        in Arabic", "بدي الرسائل بالعربي", "mesajları Türkçe"): the language of the
        conversation, no letter nor any other topic."""
        names = self.lex.language_names.find(texts)
        if not names or any(
            m.payload[0] in (WHERE, "contact") for m in self.lex.intents.find(texts)
        ):
            return set()  # "where can I watch the news in Polish?": the news of the world
        return {
            k
            for m in self.lex.bot_messages.find(texts)
            if any(
                0 <= n.start - m.end <= MESSAGES_REACH or 0 <= m.start - n.end <= MESSAGES_REACH
                for n in names
            )
            for k in range(m.start, m.end)
        }

    def named_apart_from_letter(self, texts: list[str], lettered: set[int]) -> bool:
        """Whether a language is named apart from the one a letter is written in."""
        return any(m.start not in lettered for m in self.lex.language_names.find(texts))

    def talking_to_desk(
        self, texts: list[str], hits: list[tuple[str, int, int]]
    ) -> list[tuple[str, int, int]]:
        """The concept hits without a verb of talking said beside a desk's topic: "mit einer
        Sozialarbeiterin sprechen", "porozmawiać z pracownikiem socjalnym" talk to the person
        of that desk, they ask for no conversation group."""
        talking = {k for m in self.lex.speaking.find(texts) for k in range(m.start, m.end)}
        if not talking:
            return hits
        desk_topic = any(
            c in self._desk_concepts and c not in _TALK and not set(range(i, j)) & talking
            for c, i, j in hits
        )
        if not desk_topic:
            return hits
        return [h for h in hits if not (h[0] in _TALK and set(range(h[1], h[2])) <= talking)]

    def refused_language(self, texts: list[str]) -> set[int]:
        """The words of a language name said with a negation ("geen Nederlands"), when the
        message asks for another language with its preposition ("in t Frans")."""
        names = self.lex.language_names.find(texts)
        if len(names) < 2:
            return set()
        negations = self.lex.language_negations.find(texts)
        prefixes = self.lex.language_prefixes.find(texts, longest=False)

        def negated(m: Match) -> bool:
            return any(-NEGATION_REACH <= m.start - n.end <= NEGATION_REACH for n in negations)

        asked = [m for m in names if not negated(m) and any(p.end == m.start for p in prefixes)]
        if not asked:
            return set()
        return {
            k
            for m in names
            if negated(m) and m.payload[0] not in {a.payload[0] for a in asked}
            for k in range(m.start, m.end)
        }

    def denied(self, texts: list[str]) -> set[int]:
        """Where a phrase of language is said with a negation of its own ("speaks no other
        language than Turkish", "Türkçeden başka dil bilmiyor"): it tells what someone lacks,
        a reason or a skill, and asks the bot for nothing."""
        names = self.lex.language_names.find(texts)
        negations = self.lex.language_negations.find(texts)
        return {
            m.start
            for m in self.lex.intents.find(texts, longest=False)
            if m.payload[0] == "language" and _denied(m, negations, names)
        }

    def language_trouble(self, texts: list[str]) -> set[int]:
        """Where a desk phrase of not understanding, or a word of complaint, is said of a
        language ("nie rozumiem niderlandzkiego", "ما كنفهمش الهولندية", "Hollandacam kötü",
        "słabo znam niderlandzki"): the words are about the language of the conversation, not
        a letter for a desk or feedback about us."""
        names = self.lex.language_names.find(texts)
        if not names:
            return set()
        out: set[int] = set()
        # "je ne parle pas encore bien le néerlandais": a verb of speaking before the words of
        # judgement says how well one speaks it.
        spoken_at = {m.end for m in self.lex.speaking.find(texts)}
        for m in self.lex.intents.find(texts, longest=False):
            if m.payload[0] not in ("service_desk", "feedback"):
                continue
            speaks = any(m.start - k in (0, 1) for k in spoken_at)
            if (
                m.payload[0] == "feedback"
                and len({n.payload[0] for n in names}) < 2
                and not speaks
            ):
                continue  # "zaproponować kurs angielskiego" proposes a course: feedback
            if any(
                0 <= n.start - m.end <= LANGUAGE_TROUBLE_GAP
                or 0 <= m.start - n.end <= LANGUAGE_TROUBLE_GAP
                for n in names
            ):
                out.add(m.start)
        return out

    def wish(
        self,
        texts: list[str],
        keywords: dict[str, float],
        concept_hits: list[tuple[str, int, int]],
        skip: set[int],
    ) -> tuple[str | None, bool]:
        """The language a message names, and whether it asks the bot to use it.

        Only a request about the conversation itself changes the language: the name alone
        ("English", "Türkçe lütfen"), with its preposition ("in het Frans", "po polsku") or with
        a verb that asks ("spreekt u Engels?", "Türkçe yazabilir misiniz?"). A language named as
        the subject of something else ("the Dutch language café", "cours de néerlandais",
        "poćwiczyć niderlandzki") is no such request.
        """
        names = self.lex.language_names.find(texts)
        if not names:
            return None, False
        prefixes = self.lex.language_prefixes.find(texts, longest=False)
        prefixed = [m for m in names if any(p.end == m.start for p in prefixes)]
        own_form = [m for m in names if m.end - m.start > 1]  # "po polsku", "في العربية"
        negations = self.lex.language_negations.find(texts)
        # "my Dutch is not good enough", "słabo mówię po niderlandzku": the language lacked.
        lacking = self.lex.language_lacking.find(texts, longest=False)
        # "Czy możecie pisać po polsku? Słabo mówię po niderlandzku": a name right after a verb
        # of writing or speaking (and its preposition) is asked for, never the one lacked.
        verbs = self.lex.speaking.find(texts)
        asked = [
            m
            for m in names
            if any(v.end == m.start for v in verbs if m in own_form)
            or any(v.end == p.start and p.end == m.start for v in verbs for p in prefixes)
        ]
        lackable = [m for m in names if m not in asked]
        lacked = [(m, n) for n in lacking for m in [_nearest(lackable, n, verbs)] if m is not None]
        # "ما كنعرفش نقرا الهولندية، كتب بالعربية": of two languages, the one not refused.
        wanted = [
            m
            for m in names
            if not any(-NEGATION_REACH <= m.start - n.end <= NEGATION_REACH for n in negations)
            and not any(m is lack for lack, _ in lacked)
        ]
        refused = [m for m in names if m not in wanted]
        named = (
            [m for m in prefixed if m not in refused]
            or [m for m in own_form if m not in refused]
            or wanted
            or names
        )[0]
        about = {k for m in names for k in range(m.start, m.end)}
        messages = self.messages_in(texts)
        about |= messages
        # The clause that says the language is lacking is about the conversation too.
        about |= {k for m, n in lacked for k in range(min(m.start, n.start), max(m.end, n.end))}
        if keywords.get(WHERE) and any(
            c in self._activity_concepts for c, i, _ in concept_hits if i in about
        ):
            # "wo kann ich Niederländisch sprechen?": where to speak it is its activity.
            return named.payload[0], False
        # Words for speaking and writing ("sprechen", "parler") are about the conversation too.
        about |= {k for p in prefixes for k in range(p.start, p.end)}
        asks = [
            m
            for m in self.lex.intents.find(texts, longest=False)
            if m.payload[0] == "language" and not _denied(m, negations, names)
        ]
        # "غيّر اللغة إلى الهولندية", "Dili Hollandaca yapar mısınız?": a phrase this strong
        # asks whatever words of the language's own it shares ("اللغة" is also a prefix) or
        # holds in its gap (the name itself).
        named_at = {k for m in names for k in range(m.start, m.end)}
        asking = max(
            (
                m.payload[1]
                for m in asks
                if not about & set(range(m.start, m.end))
                or (m.payload[1] >= LANGUAGE_ASKED and not named_at & _own_words(m))
            ),
            default=0.0,
        )
        about |= {k for m in asks for k in range(m.start, m.end)}
        # "Hollandaca konuşalım", "lass uns Deutsch sprechen", "talk to me in French": a verb of
        # speaking, writing or answering, or "let us", is about the conversation as well.
        speaking = self.lex.speaking.find(texts)
        about |= {k for m in speaking for k in range(m.start, m.end)}
        # "my mother only reads Turkish, can you say it in Turkish": a name between its
        # preposition and a verb of speaking asks for it, whoever else the message names; so
        # does a verb right before the preposition ("could you answer in Polish for my mum"),
        # or one word before it, its object ("mettre ça en turc", "put it in Arabic").
        # "Czy możecie pisać po niderlandzku? Uczę się języka": a name in its own form right
        # after a verb of writing (the `asked` ones) is framed as well.
        framed = [
            m
            for m in prefixed
            if any(v.start == m.end for v in speaking)
            or any(
                self._just_before(texts, v, p) and p.end == m.start
                for v in speaking
                for p in prefixes
            )
        ] + [m for m in asked if m not in prefixed]
        # "Hollandaca devam edebilir miyiz? Pratik yapmak istiyorum", "Можемо продовжити
        # нідерландською? Хочу потренуватися": going on in a language, the name right beside the
        # verb (or its preposition between), is the conversation's; the practising told after it
        # is why one asks, no activity.
        going_on = self.lex.continuing.find(texts)
        about |= {k for v in going_on for k in range(v.start, v.end)}
        framed += [m for m in names if m not in framed and _beside(m, going_on, prefixes)]
        # "can you send me the messages in Dutch? I want to learn": the bot's own messages in a
        # language are the conversation's; the learning told after them is why one asks.
        if (
            self._other_topic(texts, keywords, concept_hits, skip, about)
            and asking < ASKS
            and not framed
            and not messages
        ):
            return named.payload[0], False
        # Turkish says it after the name ("Hollandaca bilmiyorum"), most languages before.
        if any(
            -NEGATION_REACH <= named.start - n.end <= NEGATION_REACH
            and not set(range(n.start, n.end)) & about
            for n in negations
        ) or (named in refused and not wanted):
            return None, True  # "I don't speak Dutch": a wish for another language than that
        # "Hollandaca konuşalım", "نتحدث بالعربية": the verb right beside the name asks.
        spoken = any(m.end == n.start or n.end == m.start for m in speaking for n in names)
        if asking >= ASKS or prefixed or own_form or spoken or messages or framed:
            return named.payload[0], True
        # A name alone asks for that language when nothing but small words goes with it.
        rest = [t for i, t in enumerate(texts) if i not in about and i not in skip]
        return named.payload[0], all(self._small_word(t) for t in rest)

    def _other_topic(
        self,
        texts: list[str],
        keywords: dict[str, float],
        concept_hits: list[tuple[str, int, int]],
        skip: set[int],
        about: set[int],
    ) -> bool:
        """Whether the message speaks of something else than the language it names: a topic
        ("café", "lessons", "دروس"), an activity or desk, or another wish said clearly."""
        if any(
            score >= ENOUGH
            for intent, score in keywords.items()
            if intent not in _ABOUT_THE_CONVERSATION
        ):
            return True
        topics = {
            c
            for c, i, j in concept_hits
            if c not in _LANGUAGE_CONCEPTS and not set(range(i, j)) <= about
        }
        if topics:
            return True
        ignored = skip | about
        acts = self.activities.score(texts, set(), ignored, {})
        desks = self.desks.score(texts, set(), ignored, {})
        return acts.best >= ACTIVITY_MIN or desks.best >= DESK_MIN

    def _just_before(self, texts: list[str], verb: Match, prefix: Match) -> bool:
        """Whether a verb stands right before a language's preposition, one word of any kind
        between ("mettre ça en turc") or up to `SMALL_BETWEEN` small words ("schreib mir bitte
        auf Niederländisch", "write to me please in Dutch")."""
        gap = prefix.start - verb.end
        if gap in (0, 1):
            return True
        return 0 < gap <= SMALL_BETWEEN and all(
            self._small_word(t) for t in texts[verb.end : prefix.start]
        )

    def _small_word(self, token: str) -> bool:
        """A function word, a greeting, thanks or please: words that ask for nothing."""
        if token in self.lex.stopwords:
            return True
        return any(p[0] in _ABOUT_THE_CONVERSATION for p in self.lex.intents.lookup_word(token))


def _denied(phrase: Match, negations: list[Match], names: list[Match]) -> bool:
    """Whether a phrase of language is said with a negation of its own: "speaks no other
    language", "keine andere Sprache", "لا يتكلم لغة أخرى", "başka dil bilmiyor" tell what
    someone lacks, they ask for nothing. A negation beside a language's name is that
    language's ("geen Nederlands, andere taal?", "Hollandaca bilmiyorum, başka dil var mı?"):
    the phrase still asks."""

    def of_a_name(n: Match) -> bool:
        return any(
            0 <= n.start - m.end <= DENIED_REACH or 0 <= m.start - n.end <= DENIED_REACH
            for m in names
        )

    return any(
        (0 <= phrase.start - n.end <= DENIED_REACH and not of_a_name(n)) or n.start == phrase.end
        for n in negations
    )


def _beside(name: Match, verbs: list[Match], prefixes: list[Match]) -> bool:
    """Whether a language's name stands right beside one of the verbs, before or after it, or
    after it with the language's preposition between ("continue in Dutch", "dalej po polsku")."""
    return any(
        v.end == name.start
        or name.end == v.start
        or any(v.end == p.start and p.end == name.start for p in prefixes)
        for v in verbs
    )


def _own_words(phrase: Match) -> set[int]:
    """The positions of a phrase's own words: its first and last when it has a gap ("dili
    ... yapar"), else all of them."""
    if phrase.gap:
        return {phrase.start, phrase.end - 1}
    return set(range(phrase.start, phrase.end))


def _nearest(names: list[Match], said: Match, verbs: list[Match]) -> Match | None:
    """The language name nearest to words said of it, within `LACKING_REACH` words; of two as
    near, the one no verb of speaking stands beside ("Можна українською? Я погано розумію
    нідерландську": Dutch), then the one before them ("Hollandacam zayıf, Türkçe ...": Dutch)."""
    near = [
        (
            max(said.start - m.end, m.start - said.end, 0),
            any(v.end == m.start or v.start == m.end for v in verbs),
            m.end > said.start,
            m,
        )
        for m in names
        if said.start - m.end <= LACKING_REACH and m.start - said.end <= LACKING_REACH
    ]
    return min(near, key=lambda x: x[:3])[3] if near else None
