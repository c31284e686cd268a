"""Quantities: find numbers in text and normalise them to `Quantity` (amount, unit, kind, approx, mod).

One left-to-right scan over the tokens of the text. At each token that may begin a quantity, the scanner
reads, in order: a modifier ("more than", "près de"), a currency sign ("€", "US$"), the number itself (digits,
words, an approximate noun such as "une dizaine", an indefinite plural such as "des centaines", a fraction such
as "two-thirds", or an article counting one casualty: "a woman dead"), a scale ("million", "bn", "Md"), then
what the number counts: a currency ("d'euros"), a percent word, a unit of measure, or the noun that directly
follows ("11 000 salariés"). Every word comes from `models/quantities/<lang>.json`; see `claimx.quantities.lexicon`.

Choices (and the traps they avoid):
- `amount` is the full value: "€600 million" → 600000000.0 EUR; "35%" → 35.0 (not 0.35); fractions are ratios
  ("deux tiers" → 0.667, unit None; "one in three" → 0.333). Percentage points and basis points are kind
  "percent" with unit "pp" / "bp".
- `text` covers everything that was read: modifier, currency, number, scale, unit and counted noun.
- The counted noun (`unit` of a count) is the word after the number, lower-cased as written; adjectives listed
  in the data ("new", "autres"), English words with adjective endings ("federal") and English capitalised
  modifiers not ending in -s ("three French soldiers", but "48 Democrats") are stepped over. A function word
  or pronoun there ("five of them", "four others", "cinq ont été") leaves the unit None.
- "nearly"/"près de" are `approx=True, mod="LESS_THAN"` (TimeML's reading); "about"/"environ" are `APPROX`.
  Indefinite plurals ("des centaines", "hundreds of", "several thousand") are the round number with
  `approx=True, mod="MORE_THAN"`; "une dizaine", "a dozen" are `approx=True, mod="APPROX"`.
- "between 200 and 300 jobs": two quantities, the first `AT_LEAST`, the second `AT_MOST`, sharing the unit
  (and the scale: "5 to 10 million" makes the first 5000000.0, its text staying "5"). After "from"/"de" they
  only share the unit: "from 5% to 7%" is a change, not a range.
- "a woman dead", "un policier a été blessé", "un mort": one, counted by the article.
- Not quantities: numbers inside `exclude` spans (time expressions); years (a four-digit integer 1900–2100, or
  1000–1899 after "in"/"en"..., with no currency, percent, unit, scale or modifier, even with a noun: "2024
  elections"); ordinals ("3rd", "1er"; ordinal words are not in the number lists); numbers glued to letters
  ("R5", "A320", "5G", "1990s", "10-K"); model numbers after a capitalised word ("Renault 5", "Boeing 737",
  "iPhone 15", "CAC 40", and "Renault 5, 4") unless a currency, percent, unit or scale follows; times ("10:30",
  "10h30", "9 pm"); dates ("12/03/2024", "24/7"); scores and codes ("won 3-1", "3 à 1", "2019-20", "L.
  1233-3": a range only ever goes up); phone numbers, URLs and e-mail addresses; numbered-list markers;
  numbers after reference words ("page 5", "article 49.3", "n° 3") or beside a month or weekday ("21 janvier",
  "May 5"); "one"/"neuf" with no noun after them ("one of the", "un bâtiment neuf"); "un"/"une" alone.
- Unknown language: digits with currency signs, ISO codes, "%" and unit symbols only; never an error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claimx.quantities.lexicon import Lexicon, Tokens, base_lang, count_key, lexicon, tokenize
from claimx.quantities.numerals import Num, parse_digits, read_number, read_number_words
from claimx.schemas import Quantity

__all__ = ["find_quantities", "parse_count", "parse_number"]

_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+\-]+@[\w\-]+\.[\w.\-]+")
_SIGNS = {"-": -1.0, "\u2212": -1.0, "+": 1.0}


@dataclass(slots=True)
class _Match:
    i: int
    j: int
    amount: float
    kind: str
    unit: str | None
    approx: bool
    mod: str | None
    scale: float
    bare_unit: bool  # the unit was not written with this number (a range may lend it)


def find_quantities(text: str, lang: str, exclude: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity in `text`, in order, with offsets into `text` (`text[q.start_char:q.end_char] == q.text`).

    `lang` is an ISO 639-1 code ("fr", "en", "fr-FR" works too); a language without data falls back to digits
    and symbols. `exclude` holds character spans already taken (time expressions): no quantity is read
    inside them. Never raises on odd input.
    """
    if not text:
        return []
    lex = lexicon(base_lang(lang))
    t = tokenize(text, lex.pattern, _blocked_spans(text, exclude))
    _block_patterns(lex, t)
    found: list[_Match] = []
    near = _next_hot(lex, t)
    i = 0
    while i < t.n:
        if t.blocked[i] or near[i] - i > _REACH or not (
            t.kind[i] == "n" or t.low[i] in lex.starters or t.text[i] in lex.cased_starters
        ):
            i += 1
            continue
        m = _match(lex, t, i)
        if m is None:
            i += 1
            continue
        found.append(m)
        i = m.j
    _link_ranges(lex, t, found)
    return [
        Quantity(
            text=text[t.start[m.i] : t.end[m.j - 1]],
            start_char=t.start[m.i],
            end_char=t.end[m.j - 1],
            amount=m.amount,
            unit=m.unit,
            kind=m.kind,  # type: ignore[arg-type]
            approx=m.approx,
            mod=m.mod,
        )
        for m in found
    ]


def parse_number(s: str, lang: str) -> float | None:
    """The value of a string that is one number: "11 000", "1,5", "vingt-cinq", "1,5 milliard", "€600m", "35 %".

    Digits follow the language's decimal mark ("1,5" is 1.5 in French, "11,000" is 11000 in English). A
    string holding anything besides one number (or one quantity) gives None.
    """
    s = (s or "").strip()
    if not s:
        return None
    lex = lexicon(base_lang(lang))
    t = tokenize(s, lex.pattern)
    sign, j = 1.0, 0
    if t.n > 1 and t.low[0] in _SIGNS and t.kind[1] == "n" and t.glued[1]:
        sign, j = _SIGNS[t.low[0]], 1
    if t.kind[j] == "n" and t.n == j + 1:
        v = parse_digits(t.text[j], lex.decimal_mark)
        return None if v is None else sign * v
    if t.kind[j] == "w":
        r = read_number_words(lex, t, j)
        if r is not None and r[1] == t.n:
            return sign * r[0]
    qs = find_quantities(s, lang)
    if len(qs) == 1 and qs[0].start_char == 0 and qs[0].end_char == len(s) and qs[0].amount is not None:
        return qs[0].amount
    return None


def parse_count(s: str, lang: str) -> float | None:
    """How many units a count before a unit says ("a year", "a couple of weeks", "the past dozen years", "vingt et
    un ans"): a count phrase of the data, an article worth one or an approximate noun alone, else `parse_number`.
    Time expressions read their numbers with it."""
    lex = lexicon(base_lang(lang))
    key = count_key(s)
    if key in lex.counts:
        return lex.counts[key]
    if len(key) == 1 and key[0] in lex.one_articles:
        return 1.0
    t = tokenize(s.strip(), lex.pattern)
    noun = lex.approx_singular.match(t, 0)
    if noun is not None and noun[0] == t.n:
        return noun[1]
    return parse_number(s, lang)


# ----------------------------------------------------------------------------------------------
# Pre-scan: spans that hold digits but no quantity, and where numbers are

_REACH = 9  # the farthest a number can be from the token a quantity starts at ("un policier a été ... blessé")


def _next_hot(lex: Lexicon, t: Tokens) -> list[int]:
    """For each token, the index of the next token that is a number or a number word (t.n + _REACH if none)."""
    out = [0] * t.n
    nxt = t.n + _REACH + 1
    hot, low, kind = lex.hot, t.low, t.kind
    for k in range(t.n - 1, -1, -1):
        if kind[k] == "n" or low[k] in hot or t.text[k] in hot:
            nxt = k
        out[k] = nxt
    return out


def _blocked_spans(text: str, exclude: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = [(int(s), int(e)) for s, e in exclude if e > s]
    if "://" in text or "www." in text or "@" in text:
        spans += [m.span() for m in _URL.finditer(text)]
    return spans


def _phone_end(t: Tokens, k: int) -> int | None:
    """End token of a phone number starting at number token `k` ("01 23 45 67 89", "+33 1 ...", "555-1234")."""
    run, m = [k], k
    while m + 1 < t.n:
        nx = m + 1
        if t.kind[nx] == "n" and not t.glued[nx] and t.start[nx] - t.end[m] == 1 and not t.newline[nx]:
            run.append(nx)
        elif nx + 1 < t.n and t.low[nx] in ("-", ".") and t.glued[nx] and t.glued[nx + 1] and t.kind[nx + 1] == "n":
            run.append(nx + 1)
        else:
            break
        m = run[-1]
    groups = [t.text[x] for x in run]
    if len(run) < 2 or not all(g.isdigit() for g in groups):
        return None
    if len(run) == 2:
        ok = len(groups[0]) == 3 and len(groups[1]) == 4 and t.low[run[0] + 1] == "-"
        return run[-1] + 1 if ok else None
    thousands = 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    prefixed = k > 0 and t.low[k - 1] in ("+", "(") and t.glued[k]
    if thousands and not prefixed:
        return None
    if sum(len(g) for g in groups) >= 8 or prefixed or groups[0].startswith("0"):
        return run[-1] + 1
    return None


def _block_patterns(lex: Lexicon, t: Tokens) -> None:
    """Block what holds digits but is no quantity: phone numbers, times, dates, codes and scores."""
    for k in range(t.n):
        if t.kind[k] == "n" and not t.blocked[k]:
            end = _phone(t, k) or _time_or_date(lex, t, k) or _score_or_code(lex, t, k) or _name_number(lex, t, k)
            if end:
                _block(t, k - (k > 0 and t.low[k - 1] == "+" and t.glued[k]), end)


def _name_number(lex: Lexicon, t: Tokens, k: int) -> int | None:
    """End token of a number that names or marks rather than counts: a reference mark ("[19]"), or a number an
    article makes part of a singular noun's name ("a 911 call", "a 3 bedroom house"; not "a 10 percent cut", "a 5
    km run", "a 100 million", "a 9 mm pistol")."""
    if 0 < k < t.n - 1 and t.low[k - 1] == "[" and t.low[k + 1] == "]":
        return k + 1
    nxt = k + 1
    if (k == 0 or t.low[k - 1] not in lex.one_articles or not t.text[k].isdigit() or nxt >= t.n  # "a 5.8 magnitude"
            or t.kind[nxt] != "w" or t.newline[nxt]):
        return None
    if (t.low[nxt],) in lex.numbers or t.low[nxt].endswith(lex.plural_suffixes) or any(
            tab.match(t, nxt) for tab in (lex.percents, lex.units, lex.scales, lex.currency_after)):
        return None
    return nxt


def _phone(t: Tokens, k: int) -> int | None:
    end = _phone_end(t, k)
    if end is None and k + 2 < t.n and t.low[k + 1] == ")" and k > 0 and t.low[k - 1] == "(":
        end = _phone_end(t, k + 2)  # (212) 555-1234
    return end


def _time_or_date(lex: Lexicon, t: Tokens, k: int) -> int | None:
    """End token of "10:30", "12/03/2024", "24/7", "10h30", "10 h", "9 pm" starting at `k`."""
    nxt = k + 1
    if nxt + 1 < t.n and t.low[nxt] in (":", "/") and t.glued[nxt] and t.glued[nxt + 1] and t.kind[nxt + 1] == "n":
        end = nxt + 2
        while end + 1 < t.n and t.low[end] == t.low[nxt] and t.glued[end] and t.kind[end + 1] == "n":
            end += 2
        return end
    tm = lex.time_markers.match(t, nxt) if nxt < t.n and not t.newline[nxt] else None
    if tm is None or t.low[nxt] == ":":
        return None
    end = tm[0]
    if end < t.n and t.kind[end] == "n" and not t.newline[end]:
        end += 1  # 10h30, 10 h 30
    return end


def _score_or_code(lex: Lexicon, t: Tokens, k: int) -> int | None:
    """End token of "3-1", "2-2", "1233-3", "2019-20", "3 à 1": ranges only ever go up."""
    link = lex.range_links.match(t, k + 1) if k + 1 < t.n else None
    if link is None or link[0] >= t.n or t.kind[link[0]] != "n" or t.newline[link[0]]:
        return None
    b = link[0]
    if not (t.text[k].isdigit() and t.text[b].isdigit()):
        return None
    first, second = int(t.text[k]), int(t.text[b])
    dash = t.low[k + 1] in ("-", "\u2013", "\u2014")
    if dash and t.glued[k + 1] and t.glued[b] and second < first:
        return b + 1  # codes, seasons and scores written glued: 1233-3, 2019-20, 3-1
    if len(t.text[k]) > 2 or len(t.text[b]) > 2 or (k > 0 and t.low[k - 1] in ("-", "\u2013", "/")):
        return None
    after = b + 1
    if after < t.n and any(tab.match(t, after) for tab in (lex.percents, lex.currency_after, lex.units)):
        return None  # "5-10%", "3 à 5 km"
    if not dash:  # "s'est imposé 3 à 1", not "killed 12 and 3 were hurt"
        return b + 1 if second < first and lex.joiners.match(t, k + 1) is None else None
    counted = after < t.n and t.kind[after] == "w" and t.low[after] not in lex.not_nouns
    return b + 1 if second <= first or not counted else None  # "won 2-2", but "5-10 people"


def _block(t: Tokens, a: int, b: int) -> None:
    for k in range(a, min(b, t.n)):
        t.blocked[k] = True


# ----------------------------------------------------------------------------------------------
# One quantity


def _match(lex: Lexicon, t: Tokens, i: int) -> _Match | None:
    mod, approx, j = None, False, i
    pre = lex.modifiers.match(t, i)
    if pre is not None:
        j, (mod, approx) = pre[0], pre[1]
    cur: str | None = None
    c = lex.currency_before.match(t, j)
    if c is not None and c[0] < t.n and (t.kind[c[0]] == "n" or t.low[c[0]] in _SIGNS):
        j, cur = c
    sign = 1.0
    if (
        j + 1 < t.n
        and t.low[j] in _SIGNS
        and t.kind[j + 1] == "n"
        and t.glued[j + 1]
        and (j == 0 or not t.glued[j] or cur is not None or t.low[j - 1] in "([«\"'")
    ):
        sign, j = _SIGNS[t.low[j]], j + 1
    num = read_number(lex, t, j, cur, prefixed=cur is not None or sign != 1.0)
    if num is None or any(t.blocked[k] for k in range(num.start, num.end)):
        return None
    kind, unit, k, veto = _tail(lex, t, num, cur)
    if veto:
        return None
    mod = mod or num.mod
    approx = approx or num.approx
    post = lex.post_modifiers.match(t, k) if k < t.n and not t.newline[k] else None
    if post is not None and mod is None and kind != "fraction":
        k, (mod, post_approx) = post[0], post[1]
        approx = approx or post_approx
    if _rejected(lex, t, i, num, kind, unit, mod, cur is not None or pre is not None):
        return None
    if approx and mod is None:
        mod = "APPROX"
    bare_unit = kind == "count" and unit is None
    return _Match(i, k, sign * num.value, kind, unit, approx, mod, num.scale, bare_unit)


# ----------------------------------------------------------------------------------------------
# What the number counts, and the traps


def _tail(lex: Lexicon, t: Tokens, num: Num, cur: str | None) -> tuple[str, str | None, int, bool]:
    """(kind, unit, end token, veto) from what follows the number."""
    if num.how == "fraction":
        return "fraction", None, num.end, False
    if num.how == "casualty":
        return "count", num.unit, num.end, False
    k = num.end
    if k >= t.n or t.newline[k]:
        return ("money", cur, k, False) if cur else ("count", None, k, False)
    of = lex.of_words.match(t, k) if num.of_ok else None
    spots = [k] if of is None else [k, of[0]]
    if cur is not None:
        c = lex.currency_after.match(t, k)  # "$5 million dollars"
        return "money", cur, c[0] if c is not None and c[1] == cur else k, False
    for s in spots:
        c = lex.currency_after.match(t, s)
        if c is not None:
            return "money", c[1], c[0], False
    p = lex.percents.match(t, k)
    if p is not None:
        return "percent", p[1], p[0], False
    hyphen = k + 1 if t.low[k] == "-" and t.glued[k] and k + 1 < t.n and t.glued[k + 1] else None
    for s in (*spots, hyphen):
        if s is None:
            continue
        u = lex.units.match(t, s)
        if u is not None and not _elided(t, u[0]):
            return "measure", u[1], u[0], False
    if not lex.nouns:
        return "count", None, k, False
    noun_at = spots[-1]
    noun = _noun(lex, t, noun_at)
    if noun == "veto":
        return "count", None, k, num.plain
    if noun is None and noun_at != k:
        noun = _noun(lex, t, k)
    if isinstance(noun, int):
        end = noun + 1
        while end + 1 < t.n and t.low[end] == "-" and t.glued[end] and t.glued[end + 1] and t.kind[end + 1] == "w":
            end += 2
        return "count", "".join(t.low[noun:end]), end, False
    return "count", None, k, False


def _elided(t: Tokens, end: int) -> bool:
    """A one-letter unit followed by an apostrophe is an elided article ("5 l'an"), not a unit."""
    return end < t.n and t.low[end] == "'" and t.glued[end] and len(t.text[end - 1]) == 1


def _noun(lex: Lexicon, t: Tokens, k: int) -> int | str | None:
    """Token index of the counted noun at `k` (adjectives skipped), None, or "veto" (a name, a date)."""
    if k + 1 < t.n and t.low[k] == "-" and t.glued[k] and t.glued[k + 1] and lex.after_references.match(t, k + 1):
        return "veto"  # ".223-caliber", "12-gauge": what the number names, not counts
    skipped = 0
    while k < t.n and t.kind[k] == "w" and not t.blocked[k] and not t.newline[k]:
        low = t.low[k]
        if lex.date_words.match(t, k) or lex.after_references.match(t, k):
            return "veto"
        if len(low) == 1 and t.text[k].isupper() and not skipped:
            return "veto"  # a letter counts nothing: 44 E. Bruce Ave., 5 A
        if low in lex.not_nouns or (low,) in lex.numbers:
            return None
        nxt_word = k + 1 < t.n and t.kind[k + 1] == "w" and not t.newline[k + 1]
        if low in lex.count_skip and skipped < 2 and nxt_word:
            k, skipped = k + 1, skipped + 1
            continue
        if nxt_word and t.low[k + 1] not in lex.not_nouns and not lex.date_words.match(t, k + 1):
            if t.text[k][0].isupper():
                if t.text[k + 1][0].isupper():
                    return "veto"  # 10 Downing Street
                if lex.capitalised_modifiers and not low.endswith("s") and skipped < 2:
                    k, skipped = k + 1, skipped + 1  # "three French soldiers", not "48 Democrats opposed"
                    continue
            elif low.endswith(lex.adjective_suffixes) and not low.endswith("s") and skipped < 2:
                k, skipped = k + 1, skipped + 1  # "2 million federal employees"
                continue
        return k
    return None


def _rejected(lex: Lexicon, t: Tokens, i: int, num: Num, kind: str, unit: str | None, mod: str | None,
              anchored: bool) -> bool:
    """The traps: weak words, bare years, model numbers, references and dates."""
    if num.how not in ("digits", "words"):
        return False
    if num.weak and kind == "count":
        if unit is None or (num.value > 1 and lex.plural_suffixes and not unit.endswith(lex.plural_suffixes)):
            return True  # "one of the", "un bâtiment neuf accueille"
    if kind in ("money", "percent"):
        return False
    bare = kind == "count" and num.scale == 1.0 and mod is None and not anchored
    if bare and num.how == "digits":
        if num.plain and len(t.text[num.start]) == 4 and 1000 <= num.value <= 2100:
            if num.value >= 1900 or lex.year_prepositions.ends_at(t, i, 2) is not None:
                return True  # a year: "in 2024", "fondée en 1898"
        if i > 1 and t.low[i - 1] == "." and t.glued[i - 1] and t.text[i - 2].isupper() and len(t.text[i - 2]) == 1:
            return True  # "article L. 1233-3"
        if (num.plain or num.value < 1000) and _model_number(lex, t, i):
            return True  # Renault 5, Boeing 737, CAC 40, "(Renault 5, 4, Twingo)"
        if _list_marker(t, i, num.end):
            return True  # "1. ", "- 2 Vous"
    if i == num.start and lex.references.ends_at(t, i, 3) is not None:
        return True  # page 5, article 49.3
    if i > 2 and t.kind[i - 2] == "n" and lex.of_words.ends_at(t, i, 1) is not None \
            and lex.references.ends_at(t, i - 2, 3) is not None:
        return True  # the total of a reference: "page 5 of 12", "Image 7 of 10"
    if i > 0 and lex.date_words.ends_at(t, i, 2) is not None:
        return True  # May 5
    return num.end < t.n and lex.date_words.match(t, num.end) is not None  # 21 janvier


def _model_number(lex: Lexicon, t: Tokens, i: int) -> bool:
    """A number right after a capitalised name, or listed after such a number ("Renault 5, 4")."""
    p = i - 1
    if p < 0 or t.newline[i]:
        return False
    if (t.low[p] in (",", "/", "&") or lex.joiners.match(t, p)) and p > 0 and t.kind[p - 1] == "n":
        q = p - 1  # "Renault 5, 4 and Twingo", "Boeing 737, 747 and 777"
        return t.text[q].isdigit() and len(t.text[q]) <= 3 and not t.blocked[q] and _model_number(lex, t, q)
    if t.kind[p] != "w":
        return False
    return any(c.isupper() for c in t.text[p]) and t.low[p] not in lex.not_nouns and t.low[p] not in lex.starters


def _list_marker(t: Tokens, i: int, end: int) -> bool:
    """A numbered-list marker: a line starting "1." or "2)", or a bullet, a number and a capital ("- 2 Vous")."""
    closed = end < t.n and t.low[end] in (".", ")") and t.glued[end] and (end + 1 >= t.n or t.kind[end + 1] != "n")
    if (i == 0 or t.newline[i]) and closed:
        return True
    bullet = i > 0 and (i == 1 or t.newline[i - 1]) and t.low[i - 1] in ("-", "\u2013", "\u2022", "*", "\u00b7")
    return bullet and (closed or (end < t.n and t.text[end][:1].isupper()))


def _link_ranges(lex: Lexicon, t: Tokens, found: list[_Match]) -> None:
    """ "between 200 and 300 jobs", "5 to 10 million", "200-300": bounds and a shared unit."""
    for a, b in zip(found, found[1:]):
        link = lex.range_links.match(t, a.j)
        if link is None or link[0] != b.i:
            continue
        intro = lex.range_starts.ends_at(t, a.i, 2)
        change = lex.change_starts.ends_at(t, a.i, 2) is not None
        if lex.joiners.match(t, a.j) is not None and intro is None:
            continue  # "5 and 10" alone is two numbers; "between 5 and 10" is a range
        scaled = a.scale == 1.0 and b.scale > 1.0 and abs(a.amount) <= abs(b.amount) / b.scale
        inherited = a.bare_unit and not b.bare_unit
        if inherited:
            a.kind, a.unit = b.kind, b.unit
        elif a.kind == "money" and b.bare_unit:
            b.kind, b.unit = a.kind, a.unit  # "$5-10 billion"
        if scaled and (inherited or a.kind == b.kind):
            a.amount *= b.scale  # "5 to 10 million", but not "500,000 to 1 million"
        dash = t.low[a.j] in ("-", "\u2013", "\u2014")
        if change or a.amount > b.amount or not (inherited or intro is not None or dash):
            continue
        a.mod = a.mod or "AT_LEAST"
        b.mod = b.mod or "AT_MOST"
        if intro is not None:
            a.i = intro
