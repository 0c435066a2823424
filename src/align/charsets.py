"""Which encoding a text file is in, said honestly: what was detected, how, and how sure.

Order of evidence, strongest first:

1. A byte-order mark (UTF-8, UTF-16, UTF-32): certain.
2. UTF-16 without a mark: every other byte NUL in a text of Latin letters.
3. Valid UTF-8 holding non-ASCII bytes: legacy 8-bit text is almost never
   valid UTF-8 by accident, so this is taken as certain.  Pure ASCII is UTF-8.
4. Otherwise the file is in a legacy 8-bit encoding, and the candidates
   (:data:`CANDIDATES`: cp1251, KOI8-R, cp866, ArmSCII-8, cp1252, Latin-1)
   are scored against the *declared language*: each candidate decodes the
   bytes at or above 0x80 (the only ones on which they differ) and the
   characters it gives are scored by a letter model of the language — the
   letter frequencies of Russian for Cyrillic, any Armenian letter for
   Armenian, any accented Latin letter for Latin-script languages — with
   capital letters less likely than small ones, common punctuation
   (« » — “ ” № …) plausible, and letters of another script or control
   characters nearly impossible.  The candidates' log-likelihoods give a
   probability for each (:attr:`Detection.confidence`).

   This is what separates the hard cases.  KOI8-R read as cp1251 (or the
   reverse) still gives Cyrillic letters, but mostly capitals and in the
   wrong proportions: "о е а и н т" are a third of Russian letters.  cp1251
   read as cp866 gives box-drawing characters; Latin-1 French read as
   cp1251 gives Cyrillic letters inside Latin words.  A short text gives
   little evidence: with fewer than :data:`MIN_EVIDENCE` non-ASCII
   characters, or a best candidate below :data:`SURE` probability, the
   detection is *unsure* and callers refuse to guess (``align add`` asks
   for ``--encoding``, naming the likely candidates with a sample of each).
5. A language with no letter model here (Chinese, Japanese, ...):
   charset-normalizer's best guess, reported as such.

Everything is a plain function of the bytes and the language code; nothing
is read from disk.
"""
from __future__ import annotations

import codecs
import math
from dataclasses import dataclass

from . import armscii8
from .scripts import LANGUAGE_SCRIPTS, char_script

#: Legacy 8-bit encodings tried when a file is not UTF-8, in order of preference on a tie.
CANDIDATES = ("cp1251", "koi8-r", "cp866", "armscii-8", "cp1252", "latin-1")

#: The script each candidate is made for: on a tie, the one made for the declared language's script wins.
_FAMILY = {"cp1251": "cyrillic", "koi8-r": "cyrillic", "cp866": "cyrillic", "armscii-8": "armenian",
           "cp1252": "latin", "latin-1": "latin"}

#: Probability the best candidate needs to be called sure.
SURE = 0.99
#: Non-ASCII characters needed before a legacy encoding is called sure.
MIN_EVIDENCE = 8
#: Share of impossible characters (controls, another script) the best reading may hold.
MAX_IMPOSSIBLE = 0.05

# Letter frequencies of Russian prose (per cent; the usual published table).
_RU_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73, "в": 4.54,
    "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74,
    "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64,
    "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}
_PUNCTUATION = set("\u00a0«»—–…“”„‘’№§°·•‐‑\u0589\u055d\u055e\u055c\u055b\u055a\u058a\u00ad©®±×")
_UPPER_SHARE = 0.08       # capital letters in running prose
_FLOOR = 1e-4             # a letter of the right script that the model does not list
_IMPOSSIBLE = 1e-7        # a control character, a letter of another script, a box-drawing glyph


@dataclass(frozen=True)
class Detection:
    """What a file's bytes were found to be.

    ``encoding`` is a Python codec name; ``confidence`` in [0, 1];
    ``how`` says on what evidence; ``alternatives`` are the other candidates
    with their probabilities, best first (only for legacy encodings).
    """

    encoding: str
    confidence: float
    how: str
    alternatives: tuple[tuple[str, float], ...] = ()
    sure: bool = True

    def describe(self) -> str:
        """One line for the user, e.g. ``cp1251 (99.9% sure: Russian letter frequencies ...)``."""
        if not self.sure:
            return f"perhaps {self.encoding} ({self.confidence:.1%} likely, but not sure: {self.how})"
        return f"{self.encoding} ({self.confidence:.1%} sure: {self.how})"


def _is_utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _char_logp(ch: str, want: str | None) -> float:
    """Log-probability of one character decoded from a byte >= 0x80, for a text in script ``want``."""
    if ch in _PUNCTUATION:
        return math.log(0.02)
    if not ch.isalpha():
        return math.log(_IMPOSSIBLE) if (ch.isspace() or not ch.isprintable()
                                          or "\u2500" <= ch <= "\u25ff") else math.log(0.002)
    script = char_script(ch)
    if want is None or script != want:
        return math.log(_IMPOSSIBLE)
    case = math.log(_UPPER_SHARE) if ch.isupper() else math.log(1 - _UPPER_SHARE)
    low = ch.lower()
    if script == "cyrillic":
        return case + math.log(max(_RU_FREQ.get(low, 0.0) / 100, _FLOOR))
    if script == "armenian":
        return case + math.log(1 / 39)
    return case + math.log(1 / 60)  # an accented Latin letter: many, none much likelier


#: Bytes scored per file: enough evidence, bounded time on a large file.
SAMPLE_BYTES = 200_000


def _loglik(data: bytes, encoding: str, want: str | None) -> tuple[float, int] | None:
    """Log-likelihood of the characters ``encoding`` gives for the bytes >= 0x80, and how many
    of them are impossible (control characters, letters of another script, box drawing).

    A letter of another script than Latin next to an ASCII letter ("cafй") is
    as unlikely as a control character: words do not mix scripts.
    """
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if len(text) != len(data):  # not a single-byte reading: positions would not line up
        return None
    total, bad = 0.0, 0
    impossible = math.log(_IMPOSSIBLE)
    for i, b in enumerate(data):
        if b < 0x80:
            continue
        ch = text[i]
        logp = _char_logp(ch, want)
        if ch.isalpha() and char_script(ch) != "latin":
            for j in (i - 1, i + 1):
                if 0 <= j < len(text) and text[j].isascii() and text[j].isalpha():
                    logp = impossible
        total += logp
        bad += logp <= impossible
    return total, bad


def _candidates(data: bytes) -> list[str]:
    armscii8.register()
    out = list(CANDIDATES)
    if not any(0x80 <= b <= 0x9F for b in data):
        out.remove("cp1252")  # identical to latin-1 on these bytes; name the standard one
    return out


def score_candidates(data: bytes, lang: str) -> list[tuple[str, float, float, int]]:
    """``(encoding, log-likelihood, probability, impossible characters)`` per legacy candidate, best first.

    Only the bytes >= 0x80 are scored; see the module docstring for the model.
    """
    want = LANGUAGE_SCRIPTS.get(lang.split("-")[0].lower())
    sample = data[:SAMPLE_BYTES]
    order = sorted(_candidates(sample), key=lambda e: (_FAMILY.get(e) != want, CANDIDATES.index(e)))
    scored, readings = [], set()
    for enc in order:
        reading = sample.decode(enc, errors="replace")
        if reading in readings:
            continue  # reads these bytes exactly as a preferred candidate does ("cp1252" punctuation in cp1251)
        readings.add(reading)
        got = _loglik(sample, enc, want)
        if got is not None:
            scored.append((enc, got[0], got[1]))
    if not scored:
        return []
    top = max(ll for _, ll, _ in scored)
    weights = [math.exp(ll - top) for _, ll, _ in scored]
    total = sum(weights)
    ranked = sorted(((enc, ll, w / total, bad) for (enc, ll, bad), w in zip(scored, weights)),
                    key=lambda t: (-t[1], order.index(t[0])))
    return ranked


def _language_name(lang: str) -> str:
    script = LANGUAGE_SCRIPTS.get(lang.split("-")[0].lower())
    return {"cyrillic": "Russian letter frequencies", "armenian": "Armenian letters",
            "latin": "accented Latin letters"}.get(script or "", f"letters of {lang!r}")


def _fallback(data: bytes) -> Detection | None:
    """charset-normalizer's best guess, for a language without a letter model here."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    confidence = max(0.0, 1.0 - float(best.chaos))
    return Detection(best.encoding, confidence, "charset-normalizer's guess (no letter model for this language)",
                     sure=False)


def detect_encoding(data: bytes, lang: str | None = None) -> Detection:
    """How to decode ``data`` (the bytes of a text file) in language ``lang``; see the module docstring.

    Never raises: a caller checks :attr:`Detection.sure` and refuses to guess when it is False.
    """
    if data.startswith(codecs.BOM_UTF8):
        return Detection("utf-8-sig", 1.0, "UTF-8 byte-order mark")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return Detection("utf-32", 1.0, "UTF-32 byte-order mark")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Detection("utf-16", 1.0, "UTF-16 byte-order mark")
    nul16 = _is_utf16_without_bom(data)
    if nul16:
        try:
            data.decode(nul16)
            return Detection(nul16, 0.99, "every other byte is NUL (UTF-16 without a byte-order mark)")
        except UnicodeDecodeError:
            pass
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if all(b < 0x80 for b in data):
            return Detection("utf-8", 1.0, "plain ASCII, read as UTF-8")
        return Detection("utf-8", 1.0, "valid UTF-8")
    if not _has_model(lang):
        found = _fallback(data)
        if found is not None:
            return found
        return Detection("utf-8", 0.0, "not UTF-8, and no language to test other encodings against", sure=False)
    assert lang is not None  # _has_model(None) is False
    ranked = score_candidates(data, lang)
    evidence = sum(b >= 0x80 for b in data[:SAMPLE_BYTES])
    best, _ll, p, bad = ranked[0]
    alternatives = tuple((enc, q) for enc, _, q, _ in ranked[1:])
    plausible = bad <= MAX_IMPOSSIBLE * evidence
    # few non-ASCII bytes are enough when every other reading is impossible ("cafй", control characters)
    alone = bad == 0 and all(other_bad > 0 for _, _, _, other_bad in ranked[1:])
    sure = p >= SURE and plausible and (evidence >= MIN_EVIDENCE or alone)
    how = f"{_language_name(lang)} over {evidence} non-ASCII bytes"
    if not plausible:
        how = f"no candidate gives {_language_name(lang)} (tried {', '.join(CANDIDATES)})"
    elif evidence < MIN_EVIDENCE and not alone:
        how += ", too few to be sure"
    return Detection(best, p, how, alternatives, sure=sure)


def sample_words(data: bytes, encoding: str, n: int = 4) -> str:
    """A few words of ``data`` holding non-ASCII characters, as ``encoding`` reads them (for messages)."""
    try:
        text = data[:20000].decode(encoding, errors="replace")
    except LookupError:
        return ""
    words = [w.strip(".,;:!?()[]\"'«»") for w in text.split() if any(ord(c) > 127 for c in w)]
    return " ".join(words[:n])


def example_encodings(lang: str | None) -> tuple[str, ...]:
    """Encodings worth naming in an example for a text in ``lang``."""
    script = LANGUAGE_SCRIPTS.get((lang or "").split("-")[0].lower())
    return {"cyrillic": ("cp1251", "koi8-r"), "armenian": ("armscii-8",),
            "latin": ("latin-1", "cp1252")}.get(script or "", ("cp1251", "koi8-r", "armscii-8", "latin-1"))


def _has_model(lang: str | None) -> bool:
    return LANGUAGE_SCRIPTS.get((lang or "").split("-")[0].lower()) in ("cyrillic", "armenian", "latin")


def guess_for_hint(data: bytes, lang: str | None = None) -> str | None:
    """The likeliest encoding of a file that failed to decode, for an error message; None if no idea.

    With no declared language (or one without a letter model) each script's
    model is tried, and the reading that is plausible and likeliest wins.
    """
    found = detect_encoding(data, lang if _has_model(lang) else None)
    if found.encoding != "utf-8" and found.confidence >= 0.9 and "charset-normalizer" not in found.how:
        return found.encoding
    if _has_model(lang):
        return None
    best: tuple[float, str] | None = None
    evidence = max(1, sum(b >= 0x80 for b in data[:SAMPLE_BYTES]))
    for probe in ("ru", "hy", "fr"):
        for enc, ll, _p, bad in score_candidates(data, probe)[:1]:
            if bad <= MAX_IMPOSSIBLE * evidence and (best is None or ll > best[0]):
                best = (ll, enc)
    return best[1] if best is not None else None
