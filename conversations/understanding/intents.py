"""What the resident wants: weighted phrases from the lexicon, nudged by the entities found."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from conversations.understanding.lexicon import Lexicon, Match, longest_only

INTENTS: tuple[str, ...] = (
    "greeting",
    "bot_help",
    "opening_hours",
    "contact",
    "nearest_centre",
    "activities",
    "service_desk",
    "signup",
    "my_signups",
    "cancel_signup",
    "shifts",
    "volunteer",
    "help_request",
    "feedback",
    "language",
    "privacy",
    "thanks",
    "unknown",
)
"""The intents of the contract (shared/contracts.md §2)."""

OTHER_LANGUAGE = 0.7  # a phrase of another language than the message's still counts, less
UNANCHORED = 0.3  # a price, time or place phrase with nothing of ours named: no wish on its own
SELF_ANCHORED = frozenset(
    {"greeting", "bot_help", "thanks", "language", "privacy", "my_signups", "cancel_signup",
     "shifts", "volunteer", "help_request"}
)  # fmt: skip
"""Intents that are about us by their very words ("call me back", "my sign-ups"): a foreign
thing in the message ("the train") does not make them out of scope."""
TOPIC_INTENTS = frozenset({"service_desk", "activities", "signup"})
"""Intents whose phrases may be the very words that name a topic ("zitdag", "lessen")."""
BOOKING = ("appointment", "places", "wish")
"""Lexicon keys that are no intent of their own: an appointment, a number of places or "I'd
like" book the activity the message names, and make an appointment at a desk otherwise."""
CALLBACK = "callback"
"""Lexicon key, no intent of its own: a call back or a visit asks for a person."""
VISIT = "visit"
"""Lexicon key, no intent of its own: coming by ("langskomen", "vorbeikommen", "come by"),
with no one named who comes. Said beside a centre or a question of opening hours it is the
resident's own plan to visit us ("my mother wants to come by in the afternoon"); alone it asks
for someone to come by, as a call back does."""
REOPEN = "reopen"
"""Lexicon key: opening again ("weer open", "rouvre", "reopen"), opening hours on the day the
centre is open again; the understander finds that day when none is named."""
WHATS_ON = "whats_on"
"""Lexicon key, no intent of its own: a question word ("wat", "co", "що") with a day or range
asks what is on then ("Was gibts am Dienstag in Berkel?"); the understander drops it otherwise."""
WHAT_ELSE = "what_else"
"""Lexicon key, no intent of its own: what else there is ("co jeszcze tam jest tego dnia?"):
what is on then, every activity and not only the one named."""
NEXT_TIME = "next_time"
"""Lexicon key, no intent of its own: when the next one is ("wanneer is de volgende?", "коли
наступний?"): asked of an activity it asks what is on, of a desk named first when it is held."""
MAY_GO = "may_go"
"""Lexicon key, no intent of its own: whether one may go ("gidebilir miyim"): asked of the desk,
activity or centre named, never a booking."""
COMES = 1.0  # what whether an activity comes (Evidence.comes) adds to what is on
MOBILITY = "mobility"
"""Lexicon key, no intent of its own: a person's difficulty walking or moving ("slecht ter
been", "ne marche plus bien", "yürüyemiyor"), or the wheelchair or rollator they use. Beside a
question of access or of the place ("is there a lift, my wife walks badly"), or with nothing
else asked, it asks whether the centre is accessible (contact); beside a question about a desk
or activity it is the reason for asking ("she can't walk far, is there a transport service?")."""
ASK_VERB = "ask_verb"
"""Lexicon key, no intent of its own: a verb for asking ("vragen", "fragen", "питати"); with a
question word and nothing of ours named it asks what the bot is for."""
WORK = "work"
"""Lexicon key, no intent of its own: a verb of working ("werken", "travaille", "pracuję")."""
MY_WORK = "my_work"
"""Lexicon key, no intent of its own: working said of oneself ("werk ik", "arbeite ich")."""
WHEN = "when"
"""Lexicon key, no intent of its own: a question of when ("wanneer", "wann", "коли"). With a
verb of working and a word for a volunteer they ask for the volunteer's own shifts."""
WHERE = "where"
"""Lexicon key, no intent of its own: a question of where ("waar", "gdzie", "де"). Beside a
wish ("I want to practise Dutch, where?") it asks where something is, not for a place."""
DUTY = "duty"
MY_TURN = "my_turn"
"""Lexicon key, no intent of its own: one's own turn ("my turn", "mijn beurt", "دوري"); beside
an activity that is also a volunteer role of the data it asks for one's shift."""
"""Lexicon key, no intent of its own: a question about oneself at a time ("wanneer sta ik",
"when am I", "muss ich"); beside a volunteer role of the data ("bar", "Küche") it asks for
one's shift."""
FREE_TIME = "free_time"
# Not an intent: how to apply ("nasıl başvururum", "як подати заявку"): for what the message
# wishes (to volunteer, to sign up), else for a desk's help.
APPLY = "apply"
"""Lexicon key, no intent of its own: having free time ("tijd over", "boş vaktim var"): an
offer to help, unless the message asks about a desk's topic ("I work days and only have
Tuesday evening free, who can help me with the bank app?" says when one can come)."""
HOW_BOOK = "how_book"
"""Lexicon key, no intent of its own: how signing up or booking works ("hoe schrijf ik me in?",
"wie melde ich mich an?", "كيف بحجز؟"). Alone or beside a wish to come it books ("can I come on
Monday, how do I sign up?"); beside a question of whether there is one or when it is ("is
there a hairdresser? how do I book?", "when is the computer course? how do I sign up?") it asks
about the activity, whose answer says how to sign up."""
PLACES_LEFT = "places_left"
"""Lexicon key, no intent of its own: whether places are left ("zijn er nog plaatsen?", "czy są
jeszcze miejsca?", "reste-t-il des places ?"): a question about the activity, whose answer says
the places left; beside a wish to be put down ("... then sign me up") the places book."""
PAY = "pay"
"""Lexicon key, no intent of its own: paying, bringing or booking ("moet ik betalen"); beside
a volunteer role that is also an activity of ours the question is a resident's, not a duty."""
ROLE_DUTY = 1.5  # what a role named in such a question adds to shifts
TASK_DUTY = 2.5  # what one's own task asked with a day or "when" adds to shifts
VOLUNTEER_WORD = 2.5  # the weight of a word for volunteering itself ("vrijwilliger", "gönüllü")
DUTY_SAID = 1.0  # a question about oneself ("moet ik", "do I"), not a "when" alone ("ne zaman")
ROLE_OTHER_WISH = 1.25  # another wish this strong makes a role shared with an activity no duty
VOLUNTEERING = frozenset({"shifts", "volunteer"})
SUGGEST = "suggest"
"""Lexicon key: a wish for something new ("it would be nice to have", "zouden jullie ...
organiseren"); it is feedback, and about us by its words even when it names an outside thing
("a film afternoon")."""
CONVERSATION = frozenset({"language", "greeting", "thanks", "bot_help"})
"""Intents about the conversation itself: they go with a wish for a language."""
ABOUT_US = ("bot_help", "privacy", "language")
"""Intents about the bot itself: a topic told beside them is the reason for asking."""
ASKED = ("activities", "opening_hours", "contact", "service_desk", "nearest_centre")
"""Intents that ask about a thing of ours: thanks said beside one of them is courtesy."""
ASKING = (WHATS_ON, WHAT_ELSE, NEXT_TIME, REOPEN, MAY_GO)
"""Lexicon keys that ask about a thing of ours with no intent of their own."""
COURTESY = frozenset({"greeting", "thanks"})  # said beside a question, the question is the wish
SUGGEST_MIN = 2.0  # a wish for something new this strong is about us, whatever it names
REVIEW_TOLD = 1.0  # what telling how a thing of ours went adds to the words judging it
_BESIDE_REVIEW = frozenset({"feedback", "thanks", "greeting"})
"""Intents said beside a review of a thing of ours without making it a question: praise comes
with thanks and a greeting."""
VISIT_HOURS = 2.0  # a question of opening hours this clear makes coming by the resident's visit
CALLBACK_MIN = 2.0  # a call-back phrase this strong asks for a person, whatever the topic
REVIEW = 2.0  # words of judgement this strong review us; one word alone may be the reason asked
MY_WORK_ASKED = 1.0  # "am I working", "czy pracuję": a question of one's own work, not a remark
MY_WORK_SAID = 0.5  # "je travaille samedi ?": one's own work asked with a question mark; not
# a word that is also the centre's ("pracuje": I work, and it works)
OWN_SHIFT = 2.5  # a shift phrase this strong is one's own ("am I on duty"), not a bare "on duty"
ENOUGH = 0.95  # a score below this is no clear wish on its own
BOT_ASKED = 2.0  # a bot-help phrase this strong asks what the bot is for ("how do I use this")
_BESIDE_MOBILITY = tuple(i for i in INTENTS if i not in {"contact", "unknown", *COURTESY})
"""Intents that, asked clearly beside a difficulty walking, are what is asked ("my husband walks
badly, can someone call me?")."""
ACKNOWLEDGED = 1.25  # thanks this weak is an acknowledgement ("ok", "dobrze", "tamam")
GO_OUT = 1.5  # "where can I go" with a day: what is on then
LANGUAGE_ASKED = 2.5  # a language phrase this strong asks to switch ("change language")
CONTEXT = 0.4  # a phrase said in a sentence that tells, beside one that asks
FACTS = frozenset({WORK, MY_WORK, WHEN, DUTY, MY_TURN, FREE_TIME})
"""Lexicon keys that are facts about the resident ("I work", "when", "must I"): they count in
full wherever they are said; the shift rules weigh them together."""
REQUESTS = frozenset({"signup", "cancel_signup", "my_signups", "privacy", "language", CALLBACK})
"""Intents of something the resident asks us to do ("je veux m'inscrire", "call me back"):
said in a sentence of its own beside a question, it is a second request, not a reason."""
TOLD_SIGNUP = 2.0  # a sign-up phrase this strong, told apart, is still a request
# A sign-up phrase weaker than this is a wish to go ("I want to go to", "хочу піти на"), not
# a request to be put down ("sign me up", "запишіть мене").
GO_WISH = 2.5
TITLE_WHEN = 0.5  # "when is" beside an activity's own title: when that one is held
# What a sentence that tells still says in full; a difficulty walking told apart ("Is De Kring
# all right for him? He can't walk well") is the reason, which the rules weigh.
KEPT = FACTS | REQUESTS | {MOBILITY}
_TOLD_NOTHING = frozenset({"unknown"})  # what a sentence that tells never says (the weather)
ACTIVITY_MIN = 1.0  # item scores (idf sums) that count as naming an activity or desk
DESK_MIN = 1.0
PERSON_SHARE = 0.5  # a person asked for: a desk named half as well as an activity is it
DESK_SAID = 1.5  # a desk's own word this clear ("consultations", "Beratung") asks for the desk


@dataclass(frozen=True)
class Evidence:
    """What the entity steps found, as far as it matters for the intent."""

    centre: bool = False
    postcode: bool = False
    date: bool = False
    activity: float = 0.0
    desk: float = 0.0
    target_language: bool = False
    foreign: bool = False  # names a thing that is not ours (a supermarket, a train, a match)
    strong: bool = False  # names a centre, or an activity or desk by two of its words or more
    appointment: bool = False  # the activity named best is one residents book a slot of
    anchored: bool = True  # names something of ours itself, not only a broader kind of it
    titled: bool = False  # the best activity is named by a word of its own title ("sjoelen")
    desk_titled: bool = False  # the best desk is named by a word of its own topic
    asks_where: bool = False  # contact words apart from the words naming an activity or desk
    # "adres", "phone number", "عنوان" (the lexicons' `contact_details`) apart from those words
    details: bool = False
    role: bool = False  # names a volunteer role of the data that is no activity or desk
    shared_role: bool = False  # names a volunteer role that is also an activity or desk
    # A word of an activity's title that is also a volunteer role's ("the cooking group"):
    # residents come too, so only a strong question about oneself makes it a shift.
    activity_role: bool = False
    question: bool = False  # the message asks something: it has a question mark
    # A wish in a clause of its own before the question that names the activity ("بدي اتعلم
    # هولندي، في مقهى لغة؟", "I want to learn Dutch, is there a language café?").
    wish_apart: bool = False
    # A clause of its own asks where, naming the activity's kind after its question word and
    # no booking ("хочу піти на обід у понеділок, де можна поїсти?"): where it is held.
    where_asked: bool = False
    # The desk is named only in a sentence that tells, beside a question about a centre ("Hoe
    # laat gaat Clementwijk open? Ik wil naar het digipunt"): the centre's hours are asked.
    desk_told: bool = False
    # The desk is named only in a sentence that tells, whatever else is asked ("Wat kan ik jou
    # allemaal vragen? Mijn zoon heeft deze app voor mij geïnstalleerd").
    desk_only_told: bool = False
    # "is there someone on Friday in Konterdam? I need help with online banking": a person is
    # asked for in the question, so a desk scored above an activity on the topic is asked.
    someone: bool = False
    # "where can I go", "куди можна піти" (the lexicons' `go_out`): with a day and nothing of
    # ours named, what is on then.
    goes_out: bool = False
    # "is er zondagcafé op 11 juli of zijn ze dicht?": an alternative of a closure after the
    # activity named (the lexicons' `either_closed`) asks whether that activity is on.
    either_closed: bool = False
    # The best activity is named by a title word for a place that opens ("the give-away shop",
    # "het repaircafé"): "open" asks whether that activity is on, not the centre's hours.
    venue: bool = False
    # "can I just walk in", "sans rendez-vous", "без запису" (the lexicons' `walk_in`): whether
    # one may come unannounced, asked of a desk as of an activity.
    walk_in: bool = False
    # "في حلاق بالمركز؟ كيف بحجز؟": the activity is named in a question of its own, apart from
    # the sentence that asks how to book: whether there is one is asked too.
    asked_apart: bool = False
    # A volunteer's task said as what one does, outside a sentence that tells (the lexicons'
    # `volunteer_tasks`: "koffie schenken", "animer", "drive", "за барною стійкою"): asked of
    # oneself with a day or "when" ("when do I have to pour the coffee again?", "Czy w czwartek
    # prowadzę stolik?") it asks for one's shift, whatever the data calls the role, also where
    # the task is done at an activity of ours ("is er koffie?", "when is the conversation
    # table?" name no task and stay what is on).
    task: bool = False
    # "which floor is the language café on?", "is there a lift?" (the lexicons' `in_building`),
    # outside a sentence that tells why: where in the building something is, or how one gets up.
    in_building: bool = False
    # "komt de kapper volgende woensdag?", "is the hairdresser coming?", "czy fryzjer przyjdzie?"
    # (the lexicons' `comes`), outside a sentence that tells: asked of an activity, whether
    # that one is on, never a booking of it (not even of an appointment activity with a day:
    # "pedicure on Tuesday" alone asks for a slot).
    comes: bool = False
    # "the pétanque this afternoon was fun", "c'était sympa", "було смачно" (the lexicons'
    # `told_past`, in a language of the message): how something went, told in the past.
    experienced: bool = False
    # "I want to learn Dutch, is that possible with you?", "je voudrais apprendre le
    # néerlandais" (the lexicons' `learning`, in a language of the message): a subject to learn.
    learns: bool = False


def keyword_scores(
    texts: Sequence[str],
    lex: Lexicon,
    languages: Collection[str],
    skip: Collection[int] = (),
    inside: Collection[tuple[int, int]] = (),
    anchored: bool = True,
    topics: Collection[int] = (),
    gaps: Collection[int] = (),
    told: Collection[int] = (),
    breaks: Collection[int] = (),
    clause_ends: Collection[int] = (),
    questioned: Collection[int] = (),
) -> dict[str, float]:
    """Sum of phrase weights per intent, the best reading of each phrase counted once.

    Phrases on `skip` tokens (dates, centre names) and phrases within a longer topic phrase
    (the `inside` spans: "phone" in "mobile phone") do not count. A one-word phrase on a word
    that names a topic of an activity or desk the message names (the `topics`: "telefon" in
    "telefonuma itsme kuramıyorum") counts little: the word is the topic. Without an anchor
    (nothing of ours named), phrases that ask about a price, a time or a place in general count
    little: "hoe laat is het?" asks the time of day, not our hours. Words at `gaps` (a day
    said inside a phrase: "wanneer moet ik volgende week werken") do not break a phrase.
    Phrases wholly inside the `told` words (sentences that tell, beside one that asks: "is
    Stene open on Friday? I want to bring a cake for the volunteers") count little: they say
    why or who, the question says what is asked. A separable verb whose particle ends its
    clause (the `clause_ends`: each clause's last word) is one phrase from verb to particle.
    """

    def within(m: Match) -> bool:
        size = m.end - m.start
        return any(i <= m.start and m.end <= j and size < j - i for i, j in inside)

    best: dict[tuple[str, int, int], float] = {}
    # "am nächsten Montag": a phrase running into the words of a day ("am nächsten", the
    # nearest) is part of the date; a phrase with a gap ("doen ... de brug vrijdag") is not.
    found = [
        m
        for m in lex.intents.find(texts, longest=False)
        if m.start not in skip
        and not within(m)
        and not (m.end - 1 in gaps and m.end in gaps and not m.gap)
    ]
    found += _across(texts, lex, gaps)
    found += separated(texts, lex, clause_ends, skip)
    # "wann macht Stene wieder auf? Heute war zu": a gap never spans a sentence's end
    found = [m for m in found if not (m.gap and any(m.start < k < m.end for k in breaks))]
    for m in longest_only(found):
        intent, weight, lang, needs_anchor = m.payload
        if languages and lang not in languages:
            weight *= OTHER_LANGUAGE
        if needs_anchor and not anchored and not (intent == "activities" and gaps):
            # "Co jest w czwartek?", "Il y a quelque chose jeudi ?": asked with a day, "is
            # there" asks what is on then, which is ours.
            weight *= UNANCHORED
        if m.end - m.start == 1 and m.start in topics and intent not in TOPIC_INTENTS:
            weight *= UNANCHORED
        if (
            intent == "thanks"
            and weight <= ACKNOWLEDGED
            and all(k in questioned for k in range(m.start, m.end))
        ):
            continue  # "is it ok if ...?": whether a thing is all right, no thanks
        if (
            told
            and (intent not in KEPT or (intent == "signup" and weight < TOLD_SIGNUP))
            and all(k in told for k in range(m.start, m.end))
        ):
            # "Is er deze week petanque? Mijn man zou graag eens meedoen": a weak word of
            # joining told beside a question is the reason for asking; "Ik wil me inschrijven"
            # said apart is still a request.
            if intent in _TOLD_NOTHING:
                # "Wordt er vandaag petanque gespeeld? Het weer is zo mooi": the weather told
                # beside a question about us is why one asks, no question of its own.
                continue
            weight *= CONTEXT
        key = (intent, m.start, m.end)
        best[key] = max(best.get(key, 0.0), weight)
    scores: dict[str, float] = defaultdict(float)
    for (intent, _, _), weight in best.items():
        scores[intent] += weight
    return dict(scores)


def separated(
    texts: Sequence[str],
    lex: Lexicon,
    clause_ends: Collection[int],
    names: Collection[int] = (),
) -> list[Match]:
    """Separable verbs split by a clause ("Bitte melden Sie mich für die Sitzgymnastik morgen
    ab", "schrijf me voor het middagmaal van vrijdag maar uit"): the verb, then its particle
    as the clause's last word (fillers after it passed over), as one phrase of the verb's
    intent over the whole span; the particle decides ("ab" cancels, "an" signs up). A word
    at `names` (a centre's or a day's) is never a filler: "in Mal" ends with the centre Mal,
    not with the German filler "mal" after the particle "in"."""
    if not clause_ends:
        return []
    out = []
    for m in lex.separable.find(texts, longest=False):
        end = min((k for k in clause_ends if k >= m.end), default=None)
        if end is None:
            continue
        while end > m.end and texts[end] in lex.intents.fillers and end not in names:
            end -= 1  # "zeg mijn plaats maar af alstublieft"
        particle, intent, weight, lang = m.payload
        if end >= m.end and texts[end] == particle:
            out.append(Match(m.start, end + 1, (intent, weight, lang, False), True))
    return out


def _across(texts: Sequence[str], lex: Lexicon, gaps: Collection[int]) -> list[Match]:
    """Phrases whose words a day interrupts ("quand est-ce que je travaille samedi comme
    bénévole"), found with the day's words left out; only those that span the day."""
    if not gaps:
        return []
    kept = [i for i in range(len(texts)) if i not in gaps]
    out = []
    for m in lex.intents.find([texts[i] for i in kept], longest=False):
        start, end = kept[m.start], kept[m.end - 1] + 1
        if end - start > m.end - m.start:
            out.append(Match(start, end, m.payload, m.gap))
    return out


def decide(keywords: dict[str, float], ev: Evidence) -> tuple[str, float]:
    """The intent and a confidence between 0 and 1."""
    s: dict[str, float] = defaultdict(float, keywords)
    s["opening_hours"] += s.pop(REOPEN, 0.0)
    # "Can someone call me? I have a question about my rent contract": a person is asked for;
    # the topic is what they will talk about, not a desk to send the resident to.
    callback = s.pop(CALLBACK, 0.0)
    # A call or a visit asked for in so many words ("kann mich jemand anrufen", "прийти до
    # мене"), not the resident's own coming by ("wann kann ich vorbeikommen?").
    called = callback
    visit = s.pop(VISIT, 0.0)
    hours = s["opening_hours"]
    if not (ev.centre or hours >= VISIT_HOURS or (ev.date and hours >= ENOUGH)):
        callback = max(callback, visit)
    works, mine, when = s.pop(WORK, 0.0), s.pop(MY_WORK, 0.0), s.pop(WHEN, 0.0)
    free_time = s.pop(FREE_TIME, 0.0)
    # The desk named first, as below ("activity_first"): its topic is what is asked.
    desk_asked = (
        ev.desk >= DESK_MIN
        and ev.anchored
        and ev.desk > ev.activity
        and not (ev.titled and not ev.desk_titled)
    )
    # "Gdzie można pograć w karty? W czwartek mam czas": an activity asked about (where, what
    # there is) beside free time says when the resident can come, no offer to help.
    activity_asked = (
        ev.activity >= ACTIVITY_MIN
        and ev.anchored
        and ev.activity >= ev.desk
        and (s.get(WHERE, 0.0) > 0 or s["activities"] > 0 or ev.asks_where)
    )
    if not desk_asked and not activity_asked:
        s["volunteer"] += free_time
    how_book = s.pop(HOW_BOOK, 0.0)
    if how_book:
        booked = any(s.get(key, 0.0) >= ENOUGH for key in BOOKING) or s["signup"] >= ENOUGH
        if s["volunteer"] > 0:
            s["volunteer"] += how_book  # "how do I sign up as a volunteer?"
        elif (
            ev.activity >= ACTIVITY_MIN
            and ev.anchored
            and (s["activities"] > 0 or when > 0 or s.get(NEXT_TIME, 0.0) > 0 or ev.asked_apart)
            and not booked
            and not (ev.appointment and ev.date)
        ):
            # "Wann ist der Computerkurs? Wie melde ich mich an?", "في حلاق بالمركز؟ كيف بحجز؟":
            # how to book, asked beside whether there is one or when, asks about the activity;
            # "can I get a haircut today? how do I book a slot" still books one.
            s["activities"] += how_book
        else:
            s["signup"] += how_book
    applies = s.pop(APPLY, 0.0)
    # "Gönüllü olmak istiyorum, Türkçe biliyorum. Nasıl başvururum?": applying to volunteer.
    wished = "volunteer" if s["volunteer"] > 0 else "signup" if s["signup"] > 0 else "service_desk"
    s[wished] += applies
    if (works or mine) and s["volunteer"] >= VOLUNTEER_WORD and (when or ev.date):
        # "wanneer moet ik volgende week werken als vrijwilliger", "kiedy pracuję jako
        # wolontariusz": a volunteer asking when they work, not someone who wants to join.
        # Free time alone is no volunteer's word: "gündüz çalışıyorum, salı akşamı boş vaktim
        # var" is a resident saying when they can come.
        s["shifts"] += s["volunteer"] + works + mine + when
    elif (
        mine
        and (when or ev.date)
        and not ev.foreign
        and (
            not (ev.anchored or ev.centre)
            or (
                (
                    mine >= MY_WORK_ASKED
                    # "ik werk overdag ..., waar helpen ze met itsme?" tells, and asks of a desk
                    or (
                        ev.question
                        and mine >= MY_WORK_SAID
                        and ev.centre
                        and ev.activity < ACTIVITY_MIN
                        and ev.desk < DESK_MIN
                    )
                )
                # "Я працюю всі будні ... Чи є щось у суботу?": nothing else asked at all
                and not any(v > 0 for k, v in s.items() if k in INTENTS and k not in CONVERSATION)
            )
        )
    ):
        # "An welchen Tagen arbeite ich nächste Woche?": nothing of ours named, so the one who
        # works here is a volunteer ("W jakie dni pracuje centrum?" names the centre). "Am I
        # working at Hazegras tomorrow?", "moet ik morgen werken in Opstal?": asked of oneself,
        # with nothing else asked, the centre is where the volunteer works.
        s["shifts"] += 2.0 + mine + when
    suggest = s.pop(SUGGEST, 0.0)
    duty = s.pop(DUTY, 0.0)
    turn = s.pop(MY_TURN, 0.0)
    pays = s.pop(PAY, 0.0)
    if ev.role and duty > 0:
        # "wanneer moet ik weer aan de bar staan?", "When am I on reception?": one's shift.
        s["shifts"] += ROLE_DUTY + duty
    elif (
        ev.shared_role
        and duty >= DUTY_SAID
        and (ev.date or duty >= ROLE_DUTY or when)
        and not pays
        and not any(v >= ROLE_OTHER_WISH for k, v in s.items() if k not in VOLUNTEERING)
    ):
        # "moet ik zaterdag naar het digipunt komen?", "when am I calling the bingo next?": a
        # role that is also a desk or activity of ours, asked about oneself with a day or
        # "when" and nothing else wished (not "moet ik betalen voor de bingo?", a resident's).
        s["shifts"] += ROLE_DUTY + duty
    elif (
        ev.activity_role
        and turn > 0
        and not pays
        and not any(v >= ROLE_OTHER_WISH for k, v in s.items() if k not in VOLUNTEERING)
    ):
        # "When's my turn at the cooking group?", "متى دوري بمجموعة الطبخ؟": one's turn at an
        # activity that volunteers run is one's shift ("when is the cooking group?", "when
        # must I be at the cooking group?" are a resident's).
        s["shifts"] += ROLE_DUTY + duty + turn
    elif ev.task and duty >= DUTY_SAID and (ev.date or duty >= ROLE_DUTY or when) and not pays:
        # "wanneer moet ik weer koffie schenken?", "Je dois animer la table de conversation
        # jeudi ?", "When am I driving next week?": a task of one's own asked with a day or
        # "when" is one's shift, also where the task is done at an activity of ours (not "how
        # do I drive to Het Anker?", nor "moet ik koffie meebrengen?", a resident's).
        s["shifts"] += TASK_DUTY + duty
    elif (
        s["volunteer"] >= VOLUNTEER_WORD
        and duty >= ROLE_DUTY
        and s.get("wish", 0.0) <= 0
        and not pays
        and not any(v >= ENOUGH for k, v in s.items() if k in INTENTS and k not in VOLUNTEERING)
    ):
        # "Ik ben vrijwilliger bij De Reiger. Wanneer moet ik weer komen?", "أنا متطوع في
        # Zonnewijzer، امتى دوري؟": a volunteer asking when they are due is their shift; "I
        # want to volunteer, when must I come?" still wishes to join.
        s["shifts"] += s["volunteer"] + duty
    s["feedback"] += suggest
    # "the pétanque this afternoon was fun but the court is full of holes", "le repas était
    # délicieux": how a thing of ours went, told in the past with words judging it and nothing
    # else asked clearly, reviews it; the time it was held asks nothing of what is on, and a
    # thing named in the complaint (the court) is ours.
    reviewed = (
        ev.experienced
        and s["feedback"] >= ENOUGH
        and ev.anchored
        and (ev.activity >= ACTIVITY_MIN or ev.centre)
        and not any(v >= ENOUGH for k, v in s.items() if k in INTENTS and k not in _BESIDE_REVIEW)
        # "the pétanque was great last week, is it on again tomorrow?": beside a question of
        # what is on or when, the praise is why one asks; beside another question only judgement
        # this strong ("... full of holes, can it be fixed?") is what is said.
        and not (
            ev.question
            and (
                s["feedback"] < REVIEW
                or s["activities"] > 0
                or when > 0
                or s.get(NEXT_TIME, 0.0) > 0
            )
        )
    )
    if reviewed:
        s["feedback"] += REVIEW_TOLD
        s.pop(WHATS_ON, None)
    if s["cancel_signup"] >= ENOUGH and s["my_signups"] > 0:
        # "streiche meine Anmeldung", "cancel my booking": the sign-up named is what to cancel.
        s["cancel_signup"] += s.pop("my_signups")
    wishes = (v for k, v in s.items() if k not in CONVERSATION and k not in (CALLBACK, ASK_VERB))
    # "Gdzie mogę poćwiczyć mówienie po niderlandzku?": where to speak a language is where its
    # activity is, not a wish for the bot to speak it.
    where_activity = s.get(WHERE, 0.0) > 0 and ev.activity >= ACTIVITY_MIN and ev.anchored
    if not ev.target_language and (any(v >= ENOUGH for v in wishes) or where_activity):
        # "I want to volunteer, I speak Polish and Dutch": a language named as a skill or a
        # subject beside another clear wish asks no change of language.
        s.pop("language", None)
    s["help_request"] = max(s["help_request"], callback)
    if callback >= CALLBACK_MIN:
        s["help_request"] += 1.0
    if ev.foreign and not ev.strong:
        # "when does the supermarket close?", "who won, AA Gent or Club Brugge?": about
        # something not ours, so only words that are about us by themselves still count.
        kept = {k: v for k, v in s.items() if k in SELF_ANCHORED}
        if kept.get("shifts", 0.0) < OWN_SHIFT and not ev.role:
            # "which pharmacy is on duty on Sunday?", "apteka z dyżurem": a bare duty word
            # beside an outside thing is that thing's rota, not a volunteer's own shift.
            kept.pop("shifts", None)
        if suggest >= SUGGEST_MIN or reviewed:
            kept["feedback"] = s["feedback"]
        if not ev.target_language:
            kept.pop("language", None)  # "a dentist who speaks Polish": that dentist's language
        best = max(kept.items(), key=lambda kv: kv[1], default=("unknown", 0.0))
        if best[0] in COURTESY and (
            ev.question
            or any(keywords.get(k, 0.0) >= ENOUGH for k in (*ASKED, *ASKING))
            or any(keywords.get(k, 0.0) > 0 for k in (WHEN, WHERE))
        ):
            # "Bonjour, c'est à quelle heure la messe de Noël ?", "Danke! Wann schließt der
            # Supermarkt?": a greeting or thanks beside a question about a thing not ours is
            # courtesy; what is asked is that thing's.
            return "unknown", 0.0
        if best[1] >= ENOUGH:
            return best[0], round(min(1.0, best[1] / 2.5), 3)
        return "unknown", 0.0
    s["activities"] += s.pop(WHATS_ON, 0.0)
    s["activities"] += s.pop(WHAT_ELSE, 0.0)
    if ev.goes_out and ev.date and not (ev.centre or ev.postcode or ev.desk >= DESK_MIN):
        # "where can I go on Saturday morning?", "куди можна піти в суботу вранці?": where to go
        # on a day is what is on then, not which centre is the resident's nor a desk.
        for key in ("nearest_centre", "service_desk", "contact", WHERE):
            s["activities"] += s.pop(key, 0.0)
        s["activities"] = max(s["activities"], GO_OUT)
    where = s.pop(WHERE, 0.0)
    booking = {key: s.pop(key, 0.0) for key in BOOKING}
    if (
        s["feedback"] >= REVIEW
        and 0 < s["volunteer"] <= VOLUNTEER_WORD
        and not (booking["wish"] or how_book or applies or free_time or ev.question)
    ):
        # "De vrijwilligster van het taalcafé is een schat, zo geduldig": a volunteer praised
        # is who the judgement is about, no wish to volunteer ("ik wil vrijwilliger worden", "I'm
        # very patient, could I volunteer?").
        s["feedback"] += s.pop("volunteer")
    left = s.pop(PLACES_LEFT, 0.0)
    if left and not (
        s["signup"] >= ENOUGH or booking["wish"] >= ENOUGH or booking["appointment"] >= ENOUGH
    ):
        # "czy są jeszcze miejsca na wycieczkę?", "are there still places on the day trip?":
        # whether there is room asks about the activity, no count of places to book; "are
        # there still places? then put me down" still books.
        booking["places"] = 0.0
        s["activities"] += left
    else:
        booking["places"] = max(booking["places"], left)
    if (
        ev.where_asked
        and (s["signup"] > 0 or booking["wish"] > 0)
        and s["signup"] < GO_WISH
        and not (booking["appointment"] or booking["places"])
    ):
        # "хочу піти на обід у понеділок, де можна поїсти?", "بدي روح على الغدا، وين فيني آكل؟":
        # a wish to go beside a question of where that kind is had asks where it is held, for
        # every one on offer; the wish is the reason, not a booking.
        booking["wish"] = 0.0
        s["activities"] = max(s["activities"] + s.pop("signup", 0.0), GO_OUT)
    if where and booking["wish"] < ENOUGH and not (booking["appointment"] or booking["places"]):
        # "Де розмовний клуб? Хочу практикувати", "chcę ćwiczyć niderlandzki, gdzie?": a wish
        # beside a question of where asks where it is, not for a place.
        booking["wish"] = 0.0
    if s["activities"] > 0 and not ev.date and not (booking["appointment"] or booking["places"]):
        # "хочу підстригтися, у вас є перукар?", "is there a sewing workshop? I want to mend my
        # clothes": a wish beside a question of what there is, with no day and no booking word,
        # asks what there is, not for a place ("ik wil mee op de uitstap" still books).
        booking["wish"] = 0.0
    if (
        ev.question
        and (s["activities"] > 0 or ev.wish_apart or when > 0)
        and booking["wish"] < ENOUGH
        and s["signup"] < ENOUGH
        and not (booking["appointment"] or booking["places"])
    ):
        # "I want to learn Dutch, is there a conversation table on Thursday?", "sinema günü ne
        # zaman? eşimle gelmek istiyoruz": a weak wish beside a question of what there is or
        # when asks about it; the wish is the reason, not a booking.
        booking["wish"] = 0.0
    if (
        ev.learns
        and booking["wish"] > 0
        and booking["wish"] < GO_WISH
        and s["signup"] < ENOUGH
        and not (booking["appointment"] or booking["places"])
    ):
        # "I want to learn Dutch, is that possible with you?", "ich möchte Niederländisch
        # lernen": a wish to learn a subject asks what teaches it (the course, the conversation
        # table), not for a place on one ("put me down for the Dutch course" still books).
        booking["wish"] = 0.0
        s["activities"] = max(s["activities"], GO_OUT)
    # An activity or desk only reached through a broader kind does not count as named.
    # "wann hat Huizum morgen auf, ich muss zur Schuldnerberatung": a desk named only as the
    # reason for asking about a centre is not what is asked; its words ("Hilfe bei") neither.
    named_desk = ev.desk >= DESK_MIN and ev.anchored and not (ev.desk_told and ev.centre)
    if ev.desk_only_told and any(s[k] >= ENOUGH for k in ABOUT_US):
        # "Wat kan ik jou allemaal vragen? Mijn zoon heeft deze app voor mij geïnstalleerd": a
        # desk's topic told beside a question about the bot itself says why one asks.
        named_desk = False
    if ev.desk_told and ev.centre and s["opening_hours"] > 0:
        s["opening_hours"] += s.pop("service_desk", 0.0)
    named_activity = ev.activity >= ACTIVITY_MIN and ev.anchored
    mobility = s.pop(MOBILITY, 0.0)
    # A desk or activity asked about: named by its own title, or with words asking of it. Not
    # one only reached through a word of the statement ("my mum uses a scooter, can she come
    # into Vrederust?": "mum" is no question about the mothers' morning).
    item_asked = (named_desk and (ev.desk_titled or s["service_desk"] > 0)) or (
        named_activity and (ev.titled or s["activities"] > 0 or s["signup"] > 0)
    )
    if mobility and (
        s["contact"] > 0
        or ev.in_building
        or not (item_asked or any(s[k] >= ENOUGH for k in _BESIDE_MOBILITY))
    ):
        # "is there a lift at Stene? my wife walks badly", "my husband can't walk any more, is
        # Stene all right for him?": access asked, or nothing else, is the centre's access;
        # "she can't walk far, is there home care?" asks for the desk, the walking says why.
        s["contact"] += mobility
    # "sjoelen op dinsdag, moet ik betalen?": an activity named by its own title beats a desk
    # only reached through a topic word ("betalen" is the bills desk's kind).
    # "шукаю де можна порадитися ... для пенсіонерів", "is there someone now who'll help me
    # with my smartphone?": a desk's word (advice, help) on a topic a desk and an activity
    # share alike, or a person asked for on a desk named nearly as well, asks for the desk.
    # "Helft mir ..., wo gibt es solche Beratungen?": a desk's own word said more than what
    # is on. Not for an activity a person does by appointment (the pedicure, the hairdresser).
    desk_near = named_desk and not ev.appointment and ev.desk >= PERSON_SHARE * ev.activity
    # "is there someone this afternoon to help me? my itsme won't work": a person asked for,
    # with a desk on the topic as strong as an activity, asks for the desk.
    person_at_desk = ev.someone and ev.desk >= DESK_MIN
    person_for_desk = s["service_desk"] > 0 and (
        person_at_desk
        or (
            desk_near
            and (
                (ev.desk >= ev.activity and (ev.desk_titled or not ev.titled))
                or (s["service_desk"] >= DESK_SAID and s["service_desk"] > s["activities"])
            )
        )
    )
    # "Il y a quelqu'un pour les jeunes ? ma fille a des problèmes à l'école": a person asked
    # for on a topic a desk shares with an activity not named by its title (a word of "Club
    # des jeunes") is the desk's; an activity is no one to turn to. Not beside a clear
    # question of what is on ("qu'est-ce qui se passe ... ? je cherche de la compagnie").
    person_for_desk = person_for_desk or (
        person_at_desk and desk_near and not ev.titled and s["activities"] < ENOUGH
    )
    # "I can't cope looking after my mum any more": a plea (no call asked) on a topic a desk
    # and an activity share alike, with no activity asked for, is the desk's; the carers'
    # café is not who helps.
    pleads = (
        s["help_request"] > 0
        and callback < CALLBACK_MIN
        and s["activities"] <= 0
        and not ev.titled
        and ev.desk >= DESK_MIN
    )
    activity_first = not person_for_desk and (
        (ev.activity > ev.desk or (ev.activity == ev.desk and not (person_at_desk or pleads)))
        or (ev.titled and not ev.desk_titled and not person_at_desk)
    )
    desk_first = not activity_first
    # Not on a tie with a desk: "is there someone I can talk to about caring for mum?" fits
    # a chat group and the carers' desk alike, and asks for a person.
    clearly_activity = activity_first and (
        ev.activity > ev.desk or (ev.titled and not ev.desk_titled and not person_at_desk)
    )
    # "mijn broodrooster is kapot, kan iemand die herstellen?": someone asked for to do what an
    # activity does, with no desk named and no booking asked, is that activity (the repair
    # café), not a call back ("could you book my mum in for lunch" still books).
    # "où faire une pédicure ? ma mère n'y arrive plus seule": where an activity is, with a desk
    # reached only through a weaker shared topic (care), is no desk question.
    # "Допоможіть налаштувати смартфон, де є такі консультації?": a desk's own word said
    # (consultations, advice) keeps the desk asked.
    desk_aside = not named_desk or (
        where > 0 and ev.activity > ev.desk and not ev.desk_titled and s["service_desk"] < ENOUGH
    )
    someone_for_it = desk_aside and s["help_request"] > 0 and s["signup"] <= 0
    # "my son needs help with his homework", "Hilfe bei den Hausaufgaben": help asked on an
    # activity's topic where no desk has it is that activity (the homework club).
    someone_for_it = someone_for_it or (ev.desk < DESK_MIN and s["service_desk"] > 0)
    if (
        named_activity
        and clearly_activity
        and (s["activities"] > 0 or someone_for_it)
        and callback < CALLBACK_MIN
    ):
        # "ma mère a des problèmes aux pieds, il y a une pédicure ?", "dikiş atölyesi var mı,
        # annem evde yalnız sıkılıyor": a problem or a feeling beside a question of what there
        # is, with an activity named, is the reason for asking, not a plea for a person or a
        # desk ("Probleme mit den Füßen, gibt es Fußpflege?").
        s["activities"] += s.pop("help_request", 0.0) + s.pop("service_desk", 0.0)
    if (
        ev.either_closed
        and named_activity
        and activity_first
        and (ev.titled or s["activities"] > 0)
    ):
        # "is er zondagcafé op 11 juli in Beveren of zijn ze dicht voor de feestdag?", "is there
        # bingo on Friday or are you closed?": whether the activity is on, not the hours.
        s["activities"] += s.pop("opening_hours", 0.0)
    if ev.venue and named_activity and activity_first and ev.titled:
        # "bugün Vrederust'ta bedava eşya dükkanı açık mı?", "is the repair café open today?":
        # whether that activity is on; "is Vrederust open today?" stays the centre's hours.
        s["activities"] += s.pop("opening_hours", 0.0)
    if named_activity and s["activities"] > 0 and ev.question and s["feedback"] < REVIEW:
        # "any gentle exercise? my knees are bad", "iets rustigs? mijn rug is slecht": a word
        # of judgement beside a question of what there is says what the resident needs, not
        # how we did ("the walk was lovely but too fast, a slower group?" still reviews).
        s["activities"] += s.pop("feedback", 0.0)
    if named_activity and (activity_first or (ev.appointment and booking["appointment"] > 0)):
        # "afspraak bij de kapper", "2 places for the Christmas party": book that activity. An
        # appointment for an appointment activity (pedicure) beats a desk sharing its topic.
        s["signup"] += booking["appointment"] + booking["places"] + booking["wish"]
    else:
        s["service_desk"] += booking["appointment"]
    if callback >= CALLBACK_MIN:
        # "can someone who speaks Turkish call me": the language is the caller's, not a wish
        # for the bot to switch.
        s.pop("language", None)
    elif ev.target_language:
        s["language"] += 1.5
    if ev.postcode:
        s["nearest_centre"] += 0.6
    if (
        named_desk
        and desk_first
        and (not named_activity or (ev.desk_titled and not ev.titled))
        and s["signup"] > 0
    ):
        # "I want to register for social housing, where must I go?": signing up for a desk's
        # topic is a question for that desk, not a sign-up for an activity.
        s["service_desk"] += s.pop("signup")
    if named_desk and desk_first and ev.desk_titled and not ev.desk_told:
        # "Wann ist die Infobalie in Veemarkt offen?", "Papierwinkel ne zaman açık?": a desk
        # named by its own title with "open" asks when that desk is held, not the centre's hours;
        # "Où se trouve la Papierwinkel ?" where it is held, which the desk's answer says.
        s["service_desk"] += s.pop("opening_hours", 0.0)
        if ev.asks_where and not (ev.details and ev.centre):
            s["service_desk"] += s.pop("contact", 0.0)
    if (
        named_desk
        and desk_first
        and (ev.desk_titled or (ev.activity <= 0 and not ev.date))
        and ev.activity < ACTIVITY_MIN
        and s["activities"] >= ENOUGH
    ):
        # "Hebben jullie iets voor mantelzorgers?": something for a desk's own topic, with no
        # activity named, is that desk; so is "is there a free lawyer?" ("ücretsiz avukat var
        # mı?") where only a desk has the topic, by its kind, and no activity has a word of it;
        # not with a day asked ("cumartesi bir etkinlik var mı?" asks what is on then).
        s["service_desk"] += s.pop("activities", 0.0)
    if named_desk and desk_first and (ev.walk_in or person_at_desk):
        # "Is there a district nurse I can just walk in to?": whether one may come unannounced
        # is asked of the desk named, not of what is on; so are whether there is someone and
        # whether one must register ("Czy w środę ktoś pomaga? Trzeba się zapisać?").
        s["service_desk"] += s.pop("activities", 0.0)
    if named_desk and called >= CALLBACK_MIN and s["service_desk"] < called:
        # "Чи може хтось прийти до мене додому і допомогти з формулярами?", "Kann mich jemand
        # anrufen? Ich verstehe den Brief vom Amt nicht": a call or a visit asked for; the help
        # is the one who calls or comes, the desk's topic what they will talk about.
        s["help_request"] += s.pop("service_desk", 0.0)
    elif named_desk:
        s["service_desk"] += 1.2 if desk_first else 0.6
        # "I need help with my smartphone", "Hilfe beim Online-Banking": a plea for help on a
        # desk topic is a desk question.
        if callback < CALLBACK_MIN:
            # "I have a problem with my pension, who can help me?", "she wants to talk to
            # someone about her pension": a person asked for on the desk's topic is that desk.
            # "can you also help with my pension?": the bot asked for a desk's help is that
            # desk; not where what the bot is for is asked in so many words and an activity's
            # course is named first ("Hoe gebruik ik dit? Kan ik ook iets vragen over de
            # computercursus?").
            s["service_desk"] += s.pop("help_request", 0.0) + (
                min(s["bot_help"], 1.5) if desk_first or s["bot_help"] < BOT_ASKED else 0.0
            )
        if desk_first:
            # "ik woon in Heule, waar moet ik naartoe met mijn facturen": where to go with a
            # topic is that topic's desk; the place only says which one.
            s["service_desk"] += s["nearest_centre"]
            s["nearest_centre"] = 0.0
    elif s["nearest_centre"] > 0 and s["service_desk"] > 0:
        # "ik woon in Kooigem, waar kan ik terecht?": where to go, with no topic, is their centre.
        s["nearest_centre"] += s["service_desk"]
        s["service_desk"] = 0.0
    # "Tablet kursuna gidebilir miyim, hiç bilmiyorum", "sosyal hizmete gidebilir miyim?":
    # whether one may go asks about the desk, activity or centre named, no place booked.
    may_go = s.pop(MAY_GO, 0.0)
    if named_desk and desk_first:
        s["service_desk"] += may_go
    elif named_activity:
        s["activities"] += may_go
    elif ev.centre:
        s["opening_hours"] += may_go
    if (
        ev.comes
        and named_activity
        and activity_first
        and ev.question
        and s["signup"] < ENOUGH
        and not (booking["appointment"] or booking["places"])
    ):
        # "komt de kapper volgende woensdag naar De Zwaluw?", "Is the pedicure lady coming on
        # Tuesday?": whether the activity named comes or takes place is what is on, no slot
        # asked ("kunnen we met twee komen naar het kerstdiner?" counts places to book; when the
        # district nurse comes by asks of the desk).
        s["activities"] += COMES
    next_time = s.pop(NEXT_TIME, 0.0)
    if named_desk and desk_first:
        s["service_desk"] += next_time  # "when is the next legal advice session"
    else:
        s["activities"] += next_time  # "my mother loves the seniors' afternoon, when's the next?"
    if s["shifts"] >= 0.9 and s["volunteer"] > 0:
        s["shifts"] += s["volunteer"]  # "my next volunteer shift": a shift, not joining
    if named_activity and s["signup"] >= ENOUGH and s["signup"] >= s["activities"]:
        # "inscription au cours de frison svp, j'habite ici depuis 2 ans": where one lives is
        # told beside a sign-up, not a question of which centre or what is on.
        s.pop("nearest_centre", None)
    if (
        named_activity
        and activity_first
        and not ev.postcode
        and (not ev.centre or s["activities"] > 0 or when > 0)
    ):
        # "any walking groups? I just moved here": an activity asked about by a newcomer is
        # what is on, not which centre is theirs; "is there a cheap lunch near Stene, where my
        # father lives alone?": that activity near the place named; "I live near the church,
        # when is the coffee morning at Baken": when it is held there.
        s["activities"] += s.pop("nearest_centre", 0.0)
    if named_activity and activity_first and ev.asks_where and not ev.centre and not ev.postcode:
        # "saçımı nerede kestirebilirim", "where is the knitting club": where an activity is
        # held is what is on, at which centre.
        s["activities"] += s.pop("contact", 0.0)
    if (
        named_activity
        and activity_first
        and ev.titled
        and not ev.desk_titled
        and when > 0
        and s["opening_hours"] <= 0
    ):
        # "When is the itsme info session?": when an activity named by its own title is held;
        # a desk on its topic ("itsme" of the digital desk) is not what is asked. "When does De
        # Vonk open again? I miss the coffee there" still asks the centre's hours.
        s["activities"] += when + TITLE_WHEN
    if named_activity and not reviewed:
        # (an activity reviewed is what is judged, not what is asked about)
        s["activities"] += 0.8 if activity_first else 0.4
    if named_activity:
        for wish in ("signup", "cancel_signup", "my_signups", "feedback"):
            if s[wish] > 0:
                s[wish] += 0.5  # the activity is what the wish is about
    if (named_activity or named_desk) and not ev.centre:
        # "what time does the cooking group start", "I have debts and don't dare open my post":
        # no centre named, so the time or "open" is about the activity or the situation.
        s["opening_hours"] *= 0.5  # "what time does the cooking group start": centres open
    if s["feedback"] > 0 and s["thanks"] > 0 and (named_activity or ev.centre):
        s["feedback"] += s["thanks"]  # "the chair gym was lovely, thanks": praise, not goodbye
    if (
        not named_activity
        and ev.centre
        and s["opening_hours"] >= ENOUGH
        and 0 < s["signup"] <= s["opening_hours"]
    ):
        # "Pazartesi Konterdam'a gitmek istiyorum, kaçta açılıyor?": going to a centre, with no
        # activity named, beside a question of its hours is the visit's plan, not a sign-up.
        s["opening_hours"] += s.pop("signup")
    if named_desk and ev.details and ev.centre and s["contact"] > 0:
        # "jaki jest adres punktu informacyjnego Veemarkt?", "the phone number of the Wegwijs
        # desk in Centrum": the details of the centre the desk is held at.
        s["contact"] += s.pop("service_desk", 0.0)
    if ev.in_building and (named_activity or named_desk or ev.centre):
        # "which floor is the language café on?", "Is er in Hazegras een lift naar boven?":
        # where in the centre's building it is, or how one gets up there, is the centre's
        # contact and access, not what is on (nor the hours).
        s["contact"] = max(s["contact"], ENOUGH) + s.pop("activities", 0.0)
    asks_ours = ev.question or any(
        v >= ENOUGH for k, v in s.items() if k not in CONVERSATION and k != "unknown"
    )
    if asks_ours and (ev.centre or named_activity or named_desk):
        # "Hallo, hat das Dorfhaus am Sonntag auf?", "Bonjour, il existe un café des langues ?",
        # "goedemiddag, is het buurthuis op 5 mei open" (no question mark): a salutation before
        # a question about something of ours greets; it is not the wish.
        s.pop("greeting", None)
        asked_in_words = any(keywords.get(k, 0.0) > 0 for k in (*ASKED, *ASKING))
        if asked_in_words and any(s[k] >= ENOUGH for k in ASKED):
            # "hallo, was gibt es am Mittwoch im Zentrum Buitenhof? danke", "wat is er woensdag
            # in Opstal, alvast bedankt": thanks beside a clear question about something of
            # ours is courtesy, the question is the wish; not a desk only named ("dziękuję, to
            # było bardzo pomocne": "pomocne" names the help desk, and nothing is asked).
            s.pop("thanks", None)
    if s["volunteer"] >= VOLUNTEER_WORD and s["shifts"] < s["volunteer"]:
        # "gönüllü olmak istiyorum, türkçe biliyorum, ... yakın oturuyorum", "I could translate
        # Arabic as a volunteer": the languages one speaks and where one lives are what a
        # volunteer brings, not a wish to switch language nor a question of the nearest centre.
        if keywords.get("language", 0.0) < LANGUAGE_ASKED:
            s.pop("language", None)
        s.pop("nearest_centre", None)
    ranked = sorted(((v, k) for k, v in s.items() if v > 0), reverse=True)
    if ranked and ranked[0][0] >= ENOUGH:
        top, intent = ranked[0]
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        return intent, round(min(1.0, top / 2.5) * (top - second + 1) / (top + 1), 3)
    # Nothing said clearly: what the message names is the best guess. An appointment activity
    # with a day ("pedicure donderdag", "Fußpflege am Donnerstag bitte") asks for a slot.
    asked = any(keywords.get(k, 0.0) > 0 for k in ("activities", "opening_hours", "contact"))
    if named_activity and activity_first and ev.appointment and ev.date and not asked:
        return "signup", 0.5  # but "واش الكوافور كاين نهار الثلاثاء؟" asks whether it is on
    if named_desk and desk_first:
        return "service_desk", 0.5
    if named_activity:
        return "activities", 0.5
    if ev.postcode:
        return "nearest_centre", 0.5
    if ev.centre and ev.date and s["activities"] > 0 and s["opening_hours"] <= 0:
        # "wa's er op vrijdag 29/1 in kuringen", "w sobotę jest coś dla seniorów w Kapermolen":
        # a centre and a day with a question of what there is ask what is on, not the hours.
        return "activities", 0.4
    if ev.centre:
        return "opening_hours", 0.4
    # A day alone ("morgen", "Quel temps fera-t-il demain") asks nothing we can tell.
    if ranked and ranked[0][0] >= 0.5:
        return ranked[0][1], 0.3
    return "unknown", 0.0
