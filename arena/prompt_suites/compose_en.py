"""Assemble an English scene prompt from its parts, in one of several shapes.

People write image prompts in a few recognisable shapes: a bare noun phrase ("red fox in snow"),
one descriptive sentence, a few sentences that pile on detail, or a comma-separated list of
keywords. ``scene`` picks a shape that fits the length tier and fills it from the parts a family
generator hands over, so the families share the shapes but not the words.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from arena.prompt_suites.core import cap, chance, pick, sample, sentence
from arena.prompt_suites.lexicon_en import (
    CAMERA,
    LIGHT_NATURAL,
    MOOD,
    QUALITY,
    WHEN_ANY,
)

# Noun phrases for "X of ...": the kind of picture.
SHOTS = (
    "Close-up photo",
    "Wide shot",
    "Aerial photograph",
    "Candid snapshot",
    "Long-exposure photograph",
    "Film photograph",
    "Black-and-white photo",
    "Telephoto shot",
    "Low-angle shot",
    "Documentary photo",
    "Medium-format photograph",
    "Travel photo",
    "Editorial photo",
    "Quiet photograph",
    "Cinematic still",
    "Photo",
)

MOOD_FRAMES = (
    "{mood} mood",
    "the feeling is {mood}",
    "{mood} atmosphere",
    "mood: {mood}",
    "it should feel {mood}",
    "overall {mood}",
)

PALETTE_FRAMES = (
    "colours: {palette}",
    "keep the palette to {palette}",
    "{palette} throughout",
    "the colour scheme is {palette}",
    "graded in {palette}",
)

ASKS = ("Show me", "Create an image of", "Generate", "Imagine", "Draw", "Picture")


# Time-of-day words, to keep "at noon" from meeting "moonlight" in one prompt.
_TIMES = (
    ("night", ("night", "midnight", "moon", "star", "small hours", "head torch")),
    ("morning", ("dawn", "sunrise", "morning", "first light")),
    ("midday", ("noon", "midday", "scorching")),
    (
        "evening",
        (
            "sunset",
            "dusk",
            "golden-hour",
            "setting sun",
            "last light",
            "after sunset",
            "late-afternoon",
            "late afternoon",
            "evening",
        ),
    ),
    (
        "day",
        (" day", "sunny", "cloudless", "clear sky", "high summer", "dry season", "heatwave", "sun"),
    ),
)


def _time_of(phrase: str) -> str | None:
    for name, words in _TIMES:
        if any(w in phrase for w in words):
            return name
    return None


_WET = ("rain", "drizzle", "storm", "fog", "mist", "snow", "grey cloud", "overcast", "haze")
_SUN = (
    " sun",
    "harsh midday sun",
    "clear sky",
    "cloudless",
    "bright sun",
    "dappled",
    "god rays",
    "deep blue",
    "heatwave",
    "scorching",
)


def _weather(phrase: str) -> str | None:
    wet, sun = any(w in phrase for w in _WET), any(w in phrase for w in _SUN)
    return "wet" if wet and not sun else "sun" if sun and not wet else None


def clash(a: str, b: str) -> bool:
    """True when two phrases name different times of day (dusk and night may meet) or opposite
    weather (thick fog and harsh sun)."""
    if {_weather(a), _weather(b)} == {"wet", "sun"}:
        return True
    ta, tb = _time_of(a), _time_of(b)
    if not (ta and tb) or ta == tb or {ta, tb} == {"evening", "night"}:
        return False
    return "day" not in (ta, tb) or "night" in (ta, tb)


def _light(rng: random.Random, pool: Sequence[str], at: str) -> str:
    for _ in range(12):
        lit = pick(rng, pool)
        if not clash(at, lit):
            return lit
    return ""


def _flow(rng: random.Random, parts: Sequence[str]) -> str:
    """Detail sentences, some pairs joined with "and" or a semicolon, so they do not read as a
    list."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and chance(rng, 0.35):
            second = parts[i + 1]
            second = second[0].lower() + second[1:]
            out.append(sentence(f"{parts[i]}{pick(rng, (', and ', '; ', ', while '))}{second}"))
            i += 2
        else:
            out.append(sentence(parts[i]))
            i += 1
    return " ".join(out)


def consistent(
    rng: random.Random, pool: Sequence[str], k: int, against: Sequence[str]
) -> list[str]:
    """Up to ``k`` phrases from ``pool``, in random order, none clashing with ``against`` or with
    each other (see ``clash``)."""
    chosen: list[str] = []
    if k <= 0:
        return chosen
    for phrase in sample(rng, pool, len(pool)):
        if not any(clash(phrase, other) for other in (*against, *chosen) if other):
            chosen.append(phrase)
            if len(chosen) == k:
                break
    return chosen


def scene(
    rng: random.Random,
    t: str,
    *,
    short: str,
    core: str,
    place: str = "",
    details: Sequence[str] = (),
    light: Sequence[str] = LIGHT_NATURAL,
    when: Sequence[str] = WHEN_ANY,
    camera: Sequence[str] = CAMERA,
    shots: Sequence[str] = SHOTS,
    extra_tags: Sequence[str] = (),
    more: Sequence[str] = (),
) -> tuple[str, int]:
    """Return (prompt, constraints) for tier ``t``.

    ``short`` is a bare phrase for the terse tier ("red fox in snow"); ``core`` a subject with its
    action ("a red fox curled up asleep"); ``place`` a prepositional phrase ("in a pine forest");
    ``details`` whole sentences about the scene; ``more`` sentences about the subject itself,
    used by the longest tiers; ``extra_tags`` keyword phrases (style words).
    """
    if t == "terse":
        form = rng.randrange(4)
        if form == 0 and " " not in short:  # one word is too little to judge two images by
            form = 1
        if form == 0:
            return short, 1
        if form == 1:
            return f"{short}, {pick(rng, light)}", 2
        if form == 2 and when:
            return f"{short} {pick(rng, when)}", 2
        return f"{short}, {pick(rng, camera)}", 2

    n_details = {
        "short": 0,
        "medium": rng.choice((0, 1)),
        "long": rng.choice((1, 2)),
        "epic": rng.choice((4, 5, 6)),
    }
    n_more = {"short": 0, "medium": 0, "long": int(chance(rng, 0.4)), "epic": rng.choice((1, 2, 3))}
    at = pick(rng, when) if when and (t != "short" or chance(rng, 0.5)) else ""
    lit = _light(rng, light, at) if t != "short" or chance(rng, 0.3) else ""
    # Never more than half a pool, so two long prompts of one family share few sentences; and
    # nothing that contradicts the time, the light or an earlier sentence.
    parts = consistent(rng, details, min(n_details[t], max(1, len(details) // 2)), [at, lit])
    parts += consistent(rng, more, min(n_more[t], len(more) // 2), [at, lit, *parts])
    use_cam = t in ("long", "epic") or (t == "medium" and chance(rng, 0.6))
    cam = next(iter(consistent(rng, camera, 1, [at, lit])), "") if use_cam else ""
    mood = pick(rng, MOOD) if t == "epic" or (t == "long" and chance(rng, 0.4)) else ""
    quality = pick(rng, QUALITY) if t in ("long", "epic") and chance(rng, 0.3) else ""
    extras = list(extra_tags)
    count = 1 + bool(place) + bool(at) + bool(lit) + bool(cam) + len(parts) + len(extras)
    where = " ".join(p for p in (place, at) if p)

    if t == "short":
        form = rng.randrange(4)
        if form == 0:
            text = sentence(" ".join(p for p in (core, where) if p))
            text = text[:-1] if chance(rng, 0.5) else text
        elif form == 1:
            text = ", ".join(p for p in (core + (" " + place if place else ""), at, lit) if p)
        elif form == 2 and place and place.startswith(("in ", "on ", "at ", "under ", "by ")):
            text = cap(f"{place}, {core}") + (f" {at}" if at else "")
        else:
            text = f"{pick(rng, shots)} of {core}" + (f" {where}" if where else "")
        return (text + ", " + ", ".join(extras) if extras else text), count

    form = rng.choices(range(6), weights=(3, 2, 1, 2, 2, 3))[0]
    body = _flow(rng, parts)
    if form == 0:
        head = ", ".join(p for p in (" ".join(x for x in (core, place, at) if x), lit) if p)
        tail = ", ".join(p for p in (cam, *extras) if p)
        text = " ".join(p for p in (sentence(head), body, sentence(tail) if tail else "") if p)
    elif form == 1 and place.startswith(("in ", "on ", "at ", "under ", "by ", "beside ")):
        head = f"{place}, {core}" + (f" {at}" if at else "")
        tail = ", ".join(p for p in (lit, cam, *extras) if p)
        text = " ".join(p for p in (sentence(head), body, sentence(tail) if tail else "") if p)
    elif form == 2:
        head = f"{pick(rng, ASKS)} {core}" + (f" {where}" if where else "")
        tail = "; ".join(p for p in (lit, ", ".join(x for x in (cam, *extras) if x)) if p)
        text = " ".join(p for p in (sentence(head), body, sentence(tail) if tail else "") if p)
    elif form == 3:
        keywords = [" ".join(x for x in (core, place) if x), at, lit, cam, *extras, mood, quality]
        keywords += [p.rstrip(".").lower() for p in parts]
        text = ", ".join(k for k in keywords if k)
        return text, count
    elif form == 4:
        head = f"{pick(rng, shots)} of {core}" + (f" {where}" if where else "")
        tail = ", ".join(p for p in (lit, *extras) if p)
        text = " ".join(p for p in (sentence(head + (", " + tail if tail else "")), body) if p)
        if cam:
            text += " " + sentence(cam)
    else:
        head = " ".join(x for x in (core, where) if x)
        tail = ", ".join(p for p in (lit, cam, *extras) if p)
        text = " ".join(p for p in (sentence(head), body) if p)
        if tail:
            text += " " + sentence(tail)
    if mood:
        text += " " + sentence(
            f"{cap(mood)} mood" if chance(rng, 0.5) else f"The feeling is {mood}"
        )
    if quality:
        text += " " + sentence(quality)
    return text, count


# Sentences any family can close its longest prompts with.
SETTING_NOTES = (
    "Around it, the scene is softly out of focus",
    "The setting is real and a little untidy",
    "The background is plain so nothing competes with it",
    "It is seen at a comfortable reading distance",
    "The surroundings hint at a small town",
    "A window off to one side supplies the light",
    "The surface under it is worn and scratched",
    "Nothing in the picture looks staged",
)
LIGHT_NOTES = (
    "Soft daylight comes from the left",
    "The light is warm and low",
    "Lighting is even and bright",
    "A single lamp lights it from above",
    "Shadows are soft but present",
    "The light has the cool tint of an overcast day",
    "Evening light gives everything a warm edge",
)


def elaborate(rng: random.Random, *pools: Sequence[str]) -> str:
    """Two to four closing sentences, one from each of some of the given pools."""
    chosen = sample(rng, pools, min(len(pools), rng.choice((2, 3, 4))))
    return " ".join(sentence(pick(rng, pool)) for pool in chosen)
