"""An ordinary word of the resident's language is no centre (issue 14): centre names and aliases
are matched loosely (typos, transliteration, Arabic skeletons, Cyrillic sounds), and a frequent
word close to a short name was read as that centre ("my wife passed" as De Passe, "الجيران", the
neighbours, as "خرايدن", "leden" as Ter Lede, "links" as De Link, "Bazen" as De Baken, "стане" as
Stene, "steun" as Stene): the wrong centre answered, or the activity asked filtered out by it and
the list empty. Asked in our own words on an invented town whose centres have names close to
everyday words of the eight languages (`data/wadelo_places43.yaml`: De Passe, De Link, Het
Anker, Ter Lede, De Kolk, De Baken, De Greiden with the Arabic name "خرايدن") and the demo ones:

- `an ordinary word close to a centre's name names no centre`, and
  `an activity named beside such a word keeps the centres where it is held`: a word of the
  frequent words of a language (`conversations/lexicon/common_words/*.txt`, from wordfreq's lists
  at development time) names a centre only spelt or heard just as its name is, never by a likeness
  (`CentreIndex._best`, `_by_skeleton`, `_by_sound`); a name of one word is not declined into
  such a word ("linki" of De Link).
- `a centre only a likeness of a word named yields to where the activity asked is held`: a
  centre found only by a likeness (`CentreFind.guessed`: "Baaken", "Kollk", "باكين") where the
  activity asked is not held yields to where it is, as a centre only implied by "the centre"
  does: the list is never empty because of a guess ("Is there a knitting club at Baaken?").
- `controls`: names misspelt ("de pase", "Ankker", "Bouwlus", "Moerwyk"), run together
  ("passeopen", "Terlede"), a district ("Greidhoek"), transliterated into Arabic ("خريدن",
  "انكير", "باكين") and Cyrillic ("Пассе", "Грейдгук") are still their centre, and names as
  written beside the ordinary words; of two centres named as written, a frequent word in small
  letters yields to a name ("Je passe à De Link demain": `CentreIndex._names_over_words`), two
  names stay two.
- Arabic words the lexicon lacked, which the wrong centre used to cover: "جيران" (neighbours),
  "اخرين" (others) everyday words, "تجمع" (a gathering) a meeting.

Kept: a name written apart ("vuurtoren wijk") and a one-word name with an ending written as
the name ("w Parku" of 't Park, though "parku" is a frequent Polish word) still name the centre.
Left open: blind set org_32 "Spielt De Graafschap am Samstag zu Hause? Was kosten die Karten?"
was `unknown` only through the centre "De Spil" read in "spielt"; without it, "Karten" names
the card afternoon and the team's home match is read as ours.

On the starting branch (8b4a7ca): 48/90; after: 90/90.
"""

from __future__ import annotations

from pathlib import Path

from tests.conversations.battery import check_class_battery

BATTERY = Path(__file__).resolve().parent / "data" / "places43_classes_battery.jsonl"
FLOOR = 0.96


def test_an_ordinary_word_names_no_centre(monkeypatch, capsys) -> None:
    check_class_battery(BATTERY, "places43 classes battery", FLOOR, 4, monkeypatch, capsys)
