"""Numerals: the number part of a quantity, in every form news writes it.

- digit strings with their separators (`parse_digits`), scaled by "million", "bn", "Md", "M€";
- cardinal words composed into one value (`read_number_words`): units add into tens, "hundred" multiplies
  what precedes it, a scale word (thousand, million, milliard) closes a group, and a word that cannot continue
  the number ("five six") ends it — rules every European language writing numbers left to right shares;
- approximate nouns ("une dizaine", "three dozen"), indefinite plurals ("des centaines", "several hundred",
  "tens of thousands"), fractions ("deux tiers", "half of", "one in three") and an article counting one
  casualty ("a woman dead").

`read_number` tries these at a token and returns a `Num`; `claimx.quantities.finder` then reads what it counts.
Everything language-specific comes from the `Lexicon` (`models/quantities/<lang>.json`).
"""

from __future__ import annotations

from dataclasses import dataclass

from claimx.quantities.lexicon import Lexicon, Tokens

_GROUP_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


def parse_digits(s: str, decimal_mark: str | None) -> float | None:
    """Value of a digit string such as "11,000", "11 000", "1,5", "1.234.567,89"; None when malformed.

    `decimal_mark` is the language's own mark. A lone separator of the *other* kind followed by exactly three
    digits groups thousands ("11.000" in French, "11,000" in English); otherwise it is a decimal mark, so
    "2.3 M€" in French and "1,5" in English are still read as decimals. With no language (None), three
    digits after a lone separator mean thousands and anything else a decimal. In any language, a lone
    separator followed by "000" groups thousands: nobody writes 11 as "11.000" in running text.
    """
    s = s.translate(_GROUP_SPACES)
    if not s:
        return None
    dots, commas = s.count("."), s.count(",")
    try:
        if not dots and not commas:
            return float(s)
        if dots and commas:  # both: the last one is the decimal mark
            dec = "." if s.rfind(".") > s.rfind(",") else ","
            grp = "," if dec == "." else "."
            if s.count(dec) > 1:
                return None
            whole, frac = s.split(dec)
            if not _grouped(whole.split(grp)):
                return None
            return float(whole.replace(grp, "") + "." + frac)
        mark = "." if dots else ","
        parts = s.split(mark)
        if len(parts) > 2:  # "1.234.567": thousands only, else a version or a date
            return float("".join(parts)) if _grouped(parts) else None
        whole, frac = parts
        looks_grouped = len(frac) == 3 and whole not in ("", "0") and len(whole) <= 3
        if (mark == decimal_mark and frac != "000") or not looks_grouped:
            return float(whole + "." + frac)
        return float(whole + frac)
    except ValueError:
        return None


def _grouped(parts: list[str]) -> bool:
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def compose(values: list[float]) -> tuple[float, int]:
    """Value of a run of number-word values and how many of them it used (stops at the first misfit)."""
    total, cur, last_scale = 0.0, 0.0, float("inf")
    used = 0
    for v in values:
        if v >= 1000:
            if v >= last_scale:
                break
            total += max(cur, 1) * v
            cur, last_scale = 0.0, v
        elif v == 100:
            if cur >= 100 or (cur and cur % 1):
                break
            cur = max(cur, 1) * 100
        else:
            r = cur % 100
            if v < 10:
                ok = r % 10 == 0
            elif v < 20:
                ok = r in (0, 60, 80)  # soixante-dix, quatre-vingt-douze
            else:
                ok = r == 0 and v % 10 == 0
            if not ok or (v == 0 and used):
                break
            cur += v
        used += 1
    return total + cur, used


def number_word_at(lex: Lexicon, t: Tokens, i: int) -> tuple[float, int] | None:
    """(value, end token) of the longest number word at token `i` ("quatre-vingt" spans three tokens)."""
    words: list[str] = []
    ends: list[int] = []
    k = i
    while len(words) < lex.number_len and k < t.n and t.kind[k] == "w" and not t.blocked[k]:
        words.append(t.low[k])
        ends.append(k + 1)
        if k + 2 < t.n and t.low[k + 1] == "-" and t.glued[k + 1] and t.glued[k + 2] and t.kind[k + 2] == "w":
            k += 2
        elif k + 1 < t.n and t.kind[k + 1] == "w" and not t.newline[k + 1]:
            k += 1
        else:
            break
    for n in range(len(words), 0, -1):
        v = lex.numbers.get(tuple(words[:n]))
        if v is not None:
            return v, ends[n - 1]
    return None


def read_number_words(lex: Lexicon, t: Tokens, i: int) -> tuple[float, int, list[str]] | None:
    """(value, end token, the words used) of the number written in words from token `i`.

    An article worth one may open it when a multiplier follows ("a hundred and twenty"). Joiners ("and",
    "et") and hyphens are taken only when another number word follows and fits.
    """
    values: list[float] = []
    ends: list[int] = []
    words: list[str] = []
    k = i
    if t.low[i] in lex.one_articles and (t.low[i],) not in lex.numbers:
        nxt = number_word_at(lex, t, i + 1) if i + 1 < t.n else None
        if nxt is None or nxt[0] < 100:
            return None
        values.append(1.0)
        ends.append(i + 1)
        words.append(t.low[i])
        k = i + 1
    while k < t.n:
        m = number_word_at(lex, t, k)
        if m is None:
            break
        values.append(m[0])
        ends.append(m[1])
        words.append(t.low[k])
        k = m[1]
        k = _joiner_end(lex, t, k)
    if not values:
        return None
    value, used = compose(values)
    if used == 0:
        return None
    return value, ends[used - 1], words[:used]


def _joiner_end(lex: Lexicon, t: Tokens, k: int) -> int:
    """Skip a hyphen or a joiner ("and", "et", "-et-") between two number words."""
    if k < t.n and t.low[k] == "-" and t.glued[k]:
        k += 1
    j = lex.joiners.match(t, k)
    if j is not None:
        k = j[0]
        if k < t.n and t.low[k] == "-" and t.glued[k]:
            k += 1
    return k


# ----------------------------------------------------------------------------------------------
# The number part of a quantity, in every written form


@dataclass(slots=True)
class Num:
    """The number part of a quantity, before what it counts is read."""

    start: int
    end: int
    value: float
    how: str  # digits, words, approx, fraction, casualty
    scale: float = 1.0
    approx: bool = False
    mod: str | None = None
    of_ok: bool = False  # "de"/"of" may follow before the counted noun or currency ("millions de personnes")
    weak: bool = False  # needs a noun or unit after it ("one", "neuf")
    plain: bool = False  # digits without separators
    unit: str | None = None


def read_number(lex: Lexicon, t: Tokens, j: int, cur: str | None, prefixed: bool) -> Num | None:
    """The number at token `j`, in whatever form it is written."""
    if j >= t.n or t.blocked[j]:
        return None
    if t.kind[j] == "n":
        readers = (_fraction, lambda lx, tk, k: _digits(lx, tk, k, cur, prefixed))
    elif cur is not None:
        return None
    else:
        readers = (_fraction, _words, _article_approx, _indefinite, _casualty)
    for read in readers:
        num = read(lex, t, j)
        if num is None:
            continue
        if num.how in ("digits", "words", "article"):
            num = _ratio(lex, t, num) or _times_approx(lex, t, num)
            if num is None:
                continue
        if num.how == "approx":
            _chain(lex, t, num)
        return num
    return None


def _digits(lex: Lexicon, t: Tokens, j: int, cur: str | None, prefixed: bool) -> Num | None:
    if j > 0 and t.glued[j] and not prefixed:
        prev = t.low[j - 1]
        if t.kind[j - 1] == "w":
            return None  # R5, A320, COP28
        if prev in ("-", "/", ":", ".", ",", "'", "_", "#") and j > 1 and t.glued[j - 1]:
            if prev != "-" or t.kind[j - 2] == "w":
                return None  # F-35, 2023/24, COVID-19
    value = parse_digits(t.text[j], lex.decimal_mark)
    if value is None:
        return None
    k = j + 1
    if k < t.n and t.glued[k] and t.kind[k] == "w":
        if t.low[k] in lex.ordinal_suffixes and not (k + 1 < t.n and t.glued[k + 1] and t.kind[k + 1] == "w"):
            return None  # 3rd, 1er, 2e
        if not (
            _scale_at(lex, t, k, cur)
            or lex.units.match(t, k)
            or lex.percents.match(t, k)
            or lex.currency_after.match(t, k)
        ):
            return None  # 5G, 1990s, 4x4
    if k + 1 < t.n and t.low[k] == "-" and t.glued[k] and t.glued[k + 1] and t.text[k + 1].isupper():
        if not (_scale_at(lex, t, k, cur) or lex.units.match(t, k + 1)):
            return None  # 10-K, 4-F
    num = Num(j, k, value, "digits", plain=t.text[j].isdigit())
    _scale_into(lex, t, num, cur)
    return num


def _scale_at(lex: Lexicon, t: Tokens, k: int, cur: str | None) -> tuple[int, float] | None:
    if k + 1 < t.n and t.low[k] == "-" and t.glued[k] and t.glued[k + 1]:
        k += 1  # "$2.5-trillion"
    if k >= t.n or t.newline[k] or t.blocked[k]:
        return None
    w = number_word_at(lex, t, k)
    if w is not None and w[0] >= 1000:
        return w[1], w[0]
    m = lex.scales.match(t, k)
    if m is not None:
        return m[0], m[1]
    m = lex.currency_scales.match(t, k)
    if m is not None and (cur is not None or lex.currency_after.match(t, m[0]) or _of_currency(lex, t, m[0])):
        return m[0], m[1]
    return None


def _of_currency(lex: Lexicon, t: Tokens, k: int) -> bool:
    of = lex.of_words.match(t, k)
    return of is not None and lex.currency_after.match(t, of[0]) is not None


def _scale_into(lex: Lexicon, t: Tokens, num: Num, cur: str | None) -> None:
    """Multiply by a scale after the number ("1,5 milliard", "$1.2bn", "2,3 M€"), and "et demi" after it."""
    sc = _scale_at(lex, t, num.end, cur)
    if sc is None:
        return
    num.end, num.scale = sc[0], sc[1]
    num.value *= sc[1]
    num.of_ok = True
    half = lex.and_half.match(t, num.end)
    if half is not None:
        num.value += 0.5 * sc[1]
        num.end = half[0]


def _words(lex: Lexicon, t: Tokens, j: int) -> Num | None:
    if lex.approx_plural.match(t, j):
        return None  # "millions de personnes" is approximate, not one million
    r = read_number_words(lex, t, j)
    if r is None:
        return None
    value, k, words = r
    alone = len(words) == 1
    if k < t.n and t.low[k] == "-" and t.glued[k] and k + 1 < t.n and t.glued[k + 1] and t.kind[k + 1] == "w":
        if not (lex.units.match(t, k + 1) or lex.fractions.match(t, k + 1) or lex.approx_singular.match(t, k + 1)):
            return None  # twenty-first, one-off, vingt-et-unième
    num = Num(j, k, value, "words", weak=alone and words[0] in lex.weak)
    last = lex.numbers.get((words[-1],), 0.0)
    if last >= 1000:
        num.scale, num.of_ok = last, True
    half = lex.and_half.match(t, k)
    if half is not None:
        sc = number_word_at(lex, t, half[0]) if half[0] < t.n else None
        if num.scale == 1.0 and sc is not None and sc[0] >= 1000:
            num.value, num.end, num.scale, num.of_ok = (value + 0.5) * sc[0], sc[1], sc[0], True
        else:
            num.value += 0.5 * num.scale
            num.end = half[0]
    if alone and words[0] in lex.compound_only:
        num.how = "article"  # "un", "une": a number only before a ratio, an approximate noun or a scale
    return num


def _times_approx(lex: Lexicon, t: Tokens, num: Num) -> Num | None:
    """ "deux centaines", "three dozen": a number times an approximate noun; articles stop here otherwise."""
    a = lex.approx_singular.match(t, num.end) or lex.approx_plural.match(t, num.end)
    if a is not None and _bare_approx(lex, t, num.end, a[0]):
        a = None
    if a is not None and num.scale == 1.0:
        num.value *= a[1]
        num.end, num.how, num.approx, num.of_ok, num.weak = a[0], "approx", True, True, False
        return num
    return None if num.how == "article" else num


def _article_approx(lex: Lexicon, t: Tokens, j: int) -> Num | None:
    """ "a dozen", "une dizaine", "un millier"."""
    if t.low[j] not in lex.one_articles or j + 1 >= t.n:
        return None
    a = lex.approx_singular.match(t, j + 1)
    if a is None or _bare_approx(lex, t, j + 1, a[0]):
        return None
    return Num(j, a[0], a[1], "approx", approx=True, of_ok=True)


def _bare_approx(lex: Lexicon, t: Tokens, start: int, end: int) -> bool:
    """An approximate noun that is a number only before "of"/"de", with none after it ("une quarantaine
    obligatoire" is a quarantine; "une quarantaine de personnes" forty people)."""
    return lex.approx_needs_of.match(t, start) is not None and lex.of_words.match(t, end) is None


def _indefinite(lex: Lexicon, t: Tokens, j: int) -> Num | None:
    """ "des centaines", "several hundred", "quelques milliers", and "Hundreds of" with no determiner."""
    ind = lex.indefinites.match(t, j)
    k = ind[0] if ind is not None else j
    a = lex.approx_plural.match(t, k)
    if a is None and ind is not None:
        w = number_word_at(lex, t, k) if k < t.n else None
        if w is not None and w[0] >= 100:
            a = w[1], w[0]
    if a is None:
        return None
    if ind is None and lex.of_words.match(t, a[0]) is None:
        return None
    return Num(j, a[0], a[1], "approx", approx=True, mod="MORE_THAN", of_ok=True)


def _chain(lex: Lexicon, t: Tokens, num: Num) -> None:
    """ "tens of thousands", "des dizaines de milliers", "hundreds of millions"."""
    while num.end < t.n:
        of = lex.of_words.match(t, num.end)
        nxt = lex.approx_plural.match(t, of[0]) if of is not None else None
        if nxt is None:
            return
        num.value *= nxt[1]
        num.scale = nxt[1]
        num.end = nxt[0]


def _fraction(lex: Lexicon, t: Tokens, j: int) -> Num | None:
    """ "two-thirds", "deux tiers", "a third of", "la moitié des", "half of", and "half a million"."""
    numer, k, article = None, j, False
    f0 = lex.fractions.match(t, j)
    if f0 is not None and f0[1][4]:  # "half of": no numerator
        numer, article = 1, True
        if lex.ordinal_words.ends_at(t, j, 2) is not None:
            return None  # "the first half", "la seconde moitié"
    elif f0 is not None:
        return None
    elif t.kind[j] == "n":
        if not t.text[j].isdigit() or j + 1 >= t.n:
            return None
        numer, k = int(t.text[j]), j + 1
    else:
        fa = lex.fraction_articles.match(t, j)
        if fa is not None:
            numer, k, article = 1, fa[0], True
        else:
            w = number_word_at(lex, t, j)
            if w is None or w[0] > 20 or w[0] < 1:
                return None
            numer, k = int(w[0]), w[1]
    if k < t.n and t.low[k] == "-" and t.glued[k]:
        k += 1
    f = lex.fractions.match(t, k)
    if f is None:
        return None
    end, (den, singular_ok, plural_ok, needs_of, _bare) = f
    if (numer == 1 and not singular_ok) or (numer > 1 and not plural_ok) or numer >= den:
        return None
    if den == 2 and end + 1 < t.n and t.low[end] in lex.one_articles:  # "half a million"
        sc = number_word_at(lex, t, end + 1)
        if sc is not None and sc[0] >= 1000:
            return Num(j, sc[1], sc[0] / 2, "words", scale=sc[0], of_ok=True)
    follows = lex.of_words.match(t, end) or lex.fraction_followers.match(t, end)
    if (article or needs_of) and follows is None:
        return None
    return Num(j, end, numer / den, "fraction")


def _ratio(lex: Lexicon, t: Tokens, num: Num) -> Num | None:
    """ "one in three", "un sur trois", "2 out of 3" → a fraction."""
    if not (num.value.is_integer() and 0 < num.value <= 100) or num.end >= t.n:
        return None
    r = lex.ratio_words.match(t, num.end)
    gap = r is None and t.kind[num.end] == "w" and t.low[num.end] not in lex.not_nouns
    if gap:
        r = lex.ratio_words.match(t, num.end + 1)  # "un Français sur trois"
    if r is None or r[0] >= t.n:
        return None
    if t.kind[r[0]] == "n":
        if not t.text[r[0]].isdigit():
            return None
        den, end = float(t.text[r[0]]), r[0] + 1
    else:
        w = read_number_words(lex, t, r[0])
        if w is None:
            return None
        den, end = w[0], w[1]
    if not num.value < den <= 1000 or (end < t.n and (lex.units.match(t, end) or lex.date_words.match(t, end))):
        return None
    if gap and end < t.n and t.kind[end] == "w" and t.low[end] not in lex.not_nouns:
        return None  # "25 goals in 30 matches": two counts, not a ratio
    return Num(num.start, end, num.value / den, "fraction")


def _casualty(lex: Lexicon, t: Tokens, j: int) -> Num | None:
    """One person counted by an article: "a woman dead", "un policier a été blessé", "un mort"."""
    c = lex.casualty
    if c is None or t.low[j] not in c.articles:
        return None
    k = j + 1
    if k < t.n and t.low[k] in c.nouns and t.kind[k] == "w" and not t.blocked[k]:
        return Num(j, k + 1, 1.0, "casualty", unit=t.low[k])
    nouns: list[int] = []
    while (
        k < t.n
        and len(nouns) < 3
        and t.kind[k] == "w"
        and not t.newline[k]
        and not t.blocked[k]
        and t.low[k] not in lex.not_nouns
        and t.low[k] not in c.states
        and t.low[k] not in c.aux
    ):
        nouns.append(k)
        k += 1
    if not nouns:
        return None
    m = k
    while m < t.n and m - k < 5 and t.low[m] in c.aux:
        m += 1
    if m >= t.n or t.low[m] not in c.states:
        return None
    first = nouns[0]
    while first < nouns[-1] and t.low[first] in lex.count_skip:
        first += 1
    unit = " ".join(t.low[x] for x in range(first, nouns[-1] + 1))
    return Num(j, nouns[-1] + 1, 1.0, "casualty", unit=unit)
