"""Voice messages: speed, memory and how often a spoken question reaches the right answer.

    python -m bench.bench_voice [--per-language 12] [--languages en,nl] [--no-memory]

Spoken questions in the eight languages are synthesised with espeak-ng and encoded as Telegram
voice notes (OGG/Opus), then transcribed by the bot's recogniser (Whisper base, int8, as the bot
runs it) and answered by the front door exactly as the same words typed. Per language it prints
the share of spoken questions whose answer has the right intent, the right intent and centre,
and the language Whisper picked (with the conversation's language as hint, as in the bot, and
with no hint at all), next to the same questions typed; and the time per second of audio.

The memory part runs `voordeur run` as its own process against the Bot API double: the bot's
RSS before anyone speaks, the worker's peak while it listens, and the bot's RSS after the worker
stopped for being idle.

espeak voices are a hard lower bound: they are far from human speech, and Whisper base knows
some of our languages (Turkish, Ukrainian, Arabic) much less well than English or German.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bench.speech_samples import espeak_available, ogg_opus, seconds_of, spoken_wav
from storage.model import LANGUAGES

if TYPE_CHECKING:
    import psutil  # for the annotations; the memory part imports it where it runs

AT = datetime(2026, 11, 23, 10, 15, tzinfo=ZoneInfo("Europe/Brussels"))  # a Monday
ENGLISH_INTENT_AIM = 0.90
CENTRES = ("stene", "hazegras", "mariakerke", "konterdam", "zandvoorde", "opex", "vuurtorenwijk")

# (intent, template) per language; {c} is a centre as a speaker of the language names it.
QUESTIONS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("opening_hours", "When is the {c} community centre open on Tuesday?"),
        ("opening_hours", "Is {c} open tomorrow?"),
        ("opening_hours", "What are the opening hours of {c}?"),
        ("opening_hours", "Is the centre in {c} open on Saturday?"),
        ("opening_hours", "When is {c} open?"),
        ("activities", "What is on in {c} tomorrow?"),
        ("activities", "What activities are there in {c} this week?"),
        ("activities", "Is there lunch in {c} on Friday?"),
        ("contact", "What is the address of {c}?"),
        ("contact", "What is the phone number of the {c} centre?"),
        ("signup", "I would like to sign up for the computer course."),
        ("signup", "I want to sign up for the chair exercises."),
    ],
    "nl": [
        ("opening_hours", "Wanneer is het ontmoetingscentrum {c} open op dinsdag?"),
        ("opening_hours", "Is {c} morgen open?"),
        ("opening_hours", "Wat zijn de openingsuren van {c}?"),
        ("opening_hours", "Is het centrum in {c} open op zaterdag?"),
        ("opening_hours", "Wanneer is {c} open?"),
        ("activities", "Wat is er morgen te doen in {c}?"),
        ("activities", "Welke activiteiten zijn er deze week in {c}?"),
        ("activities", "Is er vrijdag middagmaal in {c}?"),
        ("contact", "Wat is het adres van {c}?"),
        ("contact", "Wat is het telefoonnummer van het centrum in {c}?"),
        ("signup", "Ik wil me inschrijven voor de computerles."),
        ("signup", "Ik wil me inschrijven voor het stoelturnen."),
    ],
    "fr": [
        ("opening_hours", "Quand est-ce que le centre de rencontre {c} est ouvert mardi ?"),
        ("opening_hours", "Est-ce que {c} est ouvert demain ?"),
        ("opening_hours", "Quelles sont les heures d'ouverture de {c} ?"),
        ("opening_hours", "Le centre de {c} est-il ouvert samedi ?"),
        ("opening_hours", "Quand est-ce que {c} est ouvert ?"),
        ("activities", "Qu'est-ce qu'il y a à faire demain à {c} ?"),
        ("activities", "Quelles activités y a-t-il cette semaine à {c} ?"),
        ("activities", "Y a-t-il un repas vendredi à {c} ?"),
        ("contact", "Quelle est l'adresse de {c} ?"),
        ("contact", "Quel est le numéro de téléphone du centre de {c} ?"),
        ("signup", "Je voudrais m'inscrire au cours d'informatique."),
        ("signup", "Je veux m'inscrire à la gym sur chaise."),
    ],
    "de": [
        ("opening_hours", "Wann ist das Begegnungszentrum {c} am Dienstag geöffnet?"),
        ("opening_hours", "Ist {c} morgen geöffnet?"),
        ("opening_hours", "Was sind die Öffnungszeiten von {c}?"),
        ("opening_hours", "Ist das Zentrum in {c} am Samstag offen?"),
        ("opening_hours", "Wann hat {c} geöffnet?"),
        ("activities", "Was ist morgen in {c} los?"),
        ("activities", "Welche Aktivitäten gibt es diese Woche in {c}?"),
        ("activities", "Gibt es am Freitag Mittagessen in {c}?"),
        ("contact", "Was ist die Adresse von {c}?"),
        ("contact", "Wie ist die Telefonnummer des Zentrums in {c}?"),
        ("signup", "Ich möchte mich für den Computerkurs anmelden."),
        ("signup", "Ich möchte mich für die Sitzgymnastik anmelden."),
    ],
    "tr": [
        ("opening_hours", "{c} buluşma merkezi salı günü ne zaman açık?"),
        ("opening_hours", "{c} yarın açık mı?"),
        ("opening_hours", "{c} çalışma saatleri nedir?"),
        ("opening_hours", "{c} merkezi cumartesi açık mı?"),
        ("opening_hours", "{c} ne zaman açık?"),
        ("activities", "Yarın {c} merkezinde ne var?"),
        ("activities", "Bu hafta {c} merkezinde hangi etkinlikler var?"),
        ("activities", "Cuma günü {c} merkezinde öğle yemeği var mı?"),
        ("contact", "{c} merkezinin adresi nedir?"),
        ("contact", "{c} merkezinin telefon numarası nedir?"),
        ("signup", "Bilgisayar kursuna kaydolmak istiyorum."),
        ("signup", "Sandalye jimnastiğine kaydolmak istiyorum."),
    ],
    "ar": [
        ("opening_hours", "متى يفتح المركز المجتمعي {c} يوم الثلاثاء؟"),
        ("opening_hours", "هل {c} مفتوح غدا؟"),
        ("opening_hours", "ما هي ساعات عمل {c}؟"),
        ("opening_hours", "هل المركز في {c} مفتوح يوم السبت؟"),
        ("opening_hours", "متى يفتح {c}؟"),
        ("activities", "ماذا يوجد غدا في {c}؟"),
        ("activities", "ما هي الأنشطة هذا الأسبوع في {c}؟"),
        ("activities", "هل يوجد غداء يوم الجمعة في {c}؟"),
        ("contact", "ما هو عنوان {c}؟"),
        ("contact", "ما هو رقم هاتف مركز {c}؟"),
        ("signup", "أريد التسجيل في دروس الحاسوب."),
        ("signup", "أريد التسجيل في تمارين الكرسي."),
    ],
    "pl": [
        ("opening_hours", "Kiedy centrum spotkań {c} jest otwarte we wtorek?"),
        ("opening_hours", "Czy {c} jest jutro otwarte?"),
        ("opening_hours", "Jakie są godziny otwarcia {c}?"),
        ("opening_hours", "Czy centrum w {c} jest otwarte w sobotę?"),
        ("opening_hours", "Kiedy jest otwarte {c}?"),
        ("activities", "Co jest jutro w {c}?"),
        ("activities", "Jakie zajęcia są w tym tygodniu w {c}?"),
        ("activities", "Czy w piątek jest obiad w {c}?"),
        ("contact", "Jaki jest adres {c}?"),
        ("contact", "Jaki jest numer telefonu centrum w {c}?"),
        ("signup", "Chcę zapisać się na kurs komputerowy."),
        ("signup", "Chcę zapisać się na gimnastykę na krzesłach."),
    ],
    "uk": [
        ("opening_hours", "Коли відкритий громадський центр {c} у вівторок?"),
        ("opening_hours", "Чи відкритий {c} завтра?"),
        ("opening_hours", "Які години роботи {c}?"),
        ("opening_hours", "Чи відкритий центр у {c} в суботу?"),
        ("opening_hours", "Коли працює {c}?"),
        ("activities", "Що відбувається завтра в {c}?"),
        ("activities", "Які заходи цього тижня в {c}?"),
        ("activities", "Чи є обід у п'ятницю в {c}?"),
        ("contact", "Яка адреса {c}?"),
        ("contact", "Який номер телефону центру {c}?"),
        ("signup", "Я хочу записатися на комп'ютерні уроки."),
        ("signup", "Я хочу записатися на гімнастику на стільцях."),
    ],
}


@dataclass(frozen=True)
class Sample:
    """One spoken question and what its answer should be."""

    lang: str
    text: str
    intent: str
    centre: str | None
    ogg: bytes
    seconds: float


@dataclass
class Outcome:
    """What came of one sample."""

    sample: Sample
    transcript: str
    heard_language: str
    unhinted_language: str
    seconds: float  # transcription time
    cpu_seconds: float  # CPU time of the transcription, all threads
    typed_intent: bool
    spoken_intent: bool
    spoken_centre: bool  # intent right and, where a centre is named, the centre too


@dataclass
class Figures:
    """Per language."""

    outcomes: list[Outcome] = field(default_factory=list)

    def share(self, name: str) -> float:
        """The share of outcomes for which the named flag holds."""
        return sum(bool(getattr(o, name)) for o in self.outcomes) / max(len(self.outcomes), 1)


def centre_name(org: object, centre_id: str, lang: str) -> str:
    """How a speaker of `lang` names the centre: its own script's alias, else its district."""
    centre = next(c for c in org.centres if c.id == centre_id)  # type: ignore[attr-defined]
    scripts = {"uk": "Cyrillic", "ar": "Arabic"}
    for alias in centre.aliases:
        if lang in scripts and _script(alias) == scripts[lang]:
            return alias
    return centre.district or centre.name.get(lang)


def _script(text: str) -> str:
    import unicodedata

    letter = next((ch for ch in text if ch.isalpha()), "a")
    return unicodedata.name(letter).split()[0].title()


def make_samples(org: object, languages: list[str], per_language: int) -> list[Sample]:
    """Speak every question of every language (espeak-ng), each as a Telegram voice note."""
    samples = []
    for lang_index, lang in enumerate(languages):
        for index, (intent, template) in enumerate(QUESTIONS[lang][:per_language]):
            centre = CENTRES[(index + lang_index) % len(CENTRES)] if "{c}" in template else None
            text = template.format(c=centre_name(org, centre, lang) if centre else "")
            wav = spoken_wav(text, lang)
            samples.append(Sample(lang, text, intent, centre, ogg_opus(wav), seconds_of(wav)))
    return samples


async def accuracy(samples: list[Sample], threads: int) -> dict[str, Figures]:
    """Transcribe and answer every sample as the bot would; collect the outcomes per language."""
    from bot import speech
    from bot.runtime import build_front_door
    from conversations.answers.voice import recogniser_prompt

    door = await build_front_door("oostende", ":memory:")
    started = time.perf_counter()
    recogniser = speech.Recogniser(threads=threads)
    print(f"model loaded in {time.perf_counter() - started:.2f} s (threads={threads})")
    figures: dict[str, Figures] = {}
    try:
        for sample in samples:
            heard = recogniser.transcribe(
                sample.ogg, hint=sample.lang, prompt=recogniser_prompt(door.org, sample.lang)
            )
            unhinted = recogniser.language_probabilities(sample.ogg)
            typed = await door.ask(sample.text, client_language=sample.lang, at=AT)
            spoken = await door.ask(heard.text, client_language=heard.language, at=AT)
            intent_ok = spoken.intent == sample.intent
            outcome = Outcome(
                sample,
                heard.text,
                heard.language,
                max(unhinted, key=lambda lang: unhinted[lang]),
                heard.seconds,
                heard.cpu_seconds,
                typed.intent == sample.intent,
                intent_ok,
                intent_ok and (sample.centre is None or spoken.centre == sample.centre),
            )
            figures.setdefault(sample.lang, Figures()).outcomes.append(outcome)
            mark = "ok " if outcome.spoken_centre else "-- "
            print(
                f"  {mark}{sample.lang} {sample.seconds:4.1f}s→{heard.seconds:4.2f}s "
                f"{spoken.intent}/{spoken.centre}  «{heard.text}»",
                flush=True,
            )
    finally:
        await door.close()
        print(f"recogniser process peak RSS {speech.peak_rss_mb():.0f} MB")
    return figures


def report(figures: dict[str, Figures]) -> None:
    """The table of shares and speeds per language."""
    print()
    print(
        f"{'lang':<5}{'n':>3} {'typed intent':>13} {'spoken intent':>14} {'+centre':>8} "
        f"{'lang (hint)':>12} {'lang (none)':>12} {'s per s audio':>14} {'max':>6} "
        f"{'CPU s per s':>12}"
    )
    all_outcomes: list[Outcome] = []
    for lang in LANGUAGES:
        if lang not in figures:
            continue
        f = figures[lang]
        all_outcomes += f.outcomes
        ratios = [o.seconds / o.sample.seconds for o in f.outcomes]
        cpu = [o.cpu_seconds for o in f.outcomes]
        spoken = [o.sample.seconds for o in f.outcomes]
        hinted = sum(o.heard_language == lang for o in f.outcomes) / len(f.outcomes)
        unhinted = sum(o.unhinted_language == lang for o in f.outcomes) / len(f.outcomes)
        print(
            f"{lang:<5}{len(f.outcomes):>3} {f.share('typed_intent'):>13.0%} "
            f"{f.share('spoken_intent'):>14.0%} {f.share('spoken_centre'):>8.0%} "
            f"{hinted:>12.0%} {unhinted:>12.0%} {statistics.median(ratios):>14.2f} "
            f"{max(ratios):>6.2f} {sum(cpu) / sum(spoken):>12.2f}"
        )
    ratios = [o.seconds / o.sample.seconds for o in all_outcomes]
    audio = sum(o.sample.seconds for o in all_outcomes)
    spent = sum(o.seconds for o in all_outcomes)
    cpu_spent = sum(o.cpu_seconds for o in all_outcomes)
    print(
        f"all: {len(all_outcomes)} clips, {audio:.0f} s of audio transcribed in {spent:.0f} s: "
        f"{spent / audio:.2f} s per second of audio (median {statistics.median(ratios):.2f}, "
        f"max {max(ratios):.2f}); CPU {cpu_spent / audio:.2f} s per second of audio "
        f"(on {os.cpu_count()} cores shared with whatever else runs: load average now "
        f"{os.getloadavg()[0]:.1f})"
    )
    if "en" in figures:
        share = figures["en"].share("spoken_intent")
        verdict = "ok" if share >= ENGLISH_INTENT_AIM else "MISSED"
        print(f"spoken English right intent {share:.0%}: aim ≥ {ENGLISH_INTENT_AIM:.0%} {verdict}")


# -- memory of the running bot ----------------------------------------------------------------


async def memory(sample: Sample) -> None:
    """`voordeur run` against the double: bot RSS idle, worker peak, bot RSS after idle stop."""
    import psutil

    from tests.e2e.botapi_double import BotApiDouble

    resident = 4711
    async with BotApiDouble() as api:
        with tempfile.TemporaryDirectory() as folder:
            env = {
                **os.environ,
                "TELEGRAM_BOT_TOKEN": api.token,
                "TELEGRAM_API_BASE_URL": api.base_url,
                "VOORDEUR_DATA": "oostende",
                "VOORDEUR_DB": str(Path(folder) / "voordeur.sqlite3"),
                "VOORDEUR_POLL_TIMEOUT": "1",
                "VOORDEUR_VOICE_IDLE": "5",
                "VOORDEUR_LOG_LEVEL": "WARNING",
            }
            # The console script, as operators start it (the worker is spawned from it).
            command = str(Path(sys.executable).with_name("voordeur"))
            process = await asyncio.create_subprocess_exec(command, "run", env=env, cwd=folder)
            bot = psutil.Process(process.pid)
            try:
                await api.wait_for_calls("getUpdates", timeout=30)
                api.queue_text(resident, "Hallo", "nl")
                await api.wait_for_sent(resident, 1, timeout=10)
                await asyncio.sleep(1)
                idle = bot.memory_info().rss / 2**20
                peak = [0.0, 0.0]  # bot, worker
                stop = asyncio.Event()
                sampler = asyncio.ensure_future(_sample(bot, peak, stop))
                started = time.perf_counter()
                api.queue_voice(resident, sample.ogg, round(sample.seconds), sample.lang)
                await api.wait_for_sent(resident, 2, timeout=120)
                first = time.perf_counter() - started
                started = time.perf_counter()
                api.queue_voice(resident, sample.ogg, round(sample.seconds), sample.lang)
                await api.wait_for_sent(resident, 3, timeout=120)
                second = time.perf_counter() - started
                stop.set()
                await sampler
                # VOORDEUR_VOICE_IDLE=5: the worker goes 5 s after the last clip.
                await asyncio.sleep(7)
                children = _workers(bot)
                after = bot.memory_info().rss / 2**20
            finally:
                await api.end_long_polls()
                process.terminate()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), 20)
                if process.returncode is None:
                    process.kill()
    print(f"voice message answered in {first:.2f} s (worker start and model load included)")
    print(f"next voice message answered in {second:.2f} s ({sample.seconds:.1f} s of audio)")
    print(f"bot process RSS before anyone spoke: {idle:.0f} MB (aim < 100 MB)")
    print(f"bot process peak RSS while listening: {peak[0]:.0f} MB")
    print(f"worker process peak RSS: {peak[1]:.0f} MB")
    print(f"after 5 s idle: {len(children)} worker process(es) left, bot RSS {after:.0f} MB")


def _workers(bot: psutil.Process) -> list[psutil.Process]:
    """The bot's voice worker processes (not multiprocessing's small resource tracker)."""
    import psutil

    found = []
    for child in bot.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
    return found


async def _sample(bot: psutil.Process, peak: list[float], stop: asyncio.Event) -> None:
    import psutil

    while not stop.is_set():
        with contextlib.suppress(psutil.Error):
            peak[0] = max(peak[0], bot.memory_info().rss / 2**20)
            for child in _workers(bot):
                with contextlib.suppress(psutil.Error):
                    peak[1] = max(peak[1], child.memory_info().rss / 2**20)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.05)


async def main(
    per_language: int = 12, languages: list[str] | None = None, with_memory: bool = True
) -> None:
    """Print the figures (skipped, saying why, without espeak-ng or the voice extra)."""
    from bot import speech
    from data import demo_path
    from storage.datafile import load_organisation

    if not espeak_available():
        print("skipped: espeak-ng is not installed (apt-get install espeak-ng)")
        return
    if not speech.voice_available():
        print(f"skipped: the voice extra is not installed ({', '.join(speech.missing_parts())})")
        return
    org = load_organisation(demo_path("oostende"))
    chosen = languages or list(LANGUAGES)
    started = time.perf_counter()
    samples = make_samples(org, chosen, per_language)
    print(f"{len(samples)} spoken questions synthesised in {time.perf_counter() - started:.1f} s")
    if with_memory:
        english = next((s for s in samples if s.lang == "en"), samples[0])
        await memory(english)
    report(await accuracy(samples, threads=os.cpu_count() or 2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-language", type=int, default=12)
    parser.add_argument("--languages", help="comma-separated codes (default: all eight)")
    parser.add_argument("--no-memory", action="store_true", help="skip the running-bot part")
    options = parser.parse_args()
    asyncio.run(
        main(
            options.per_language,
            options.languages.split(",") if options.languages else None,
            not options.no_memory,
        )
    )
