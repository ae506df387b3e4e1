"""把中文场景提示词的各部分拼成几种常见写法之一。

中文用户写画面描述，常见几种样子：一个短语（"雪地里的红狐狸"）；一句带时间地点的描述；
几句话逐层加细节；或者用逗号隔开的关键词串。``scene`` 按长度档次选一种写法。
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from arena.prompt_suites.core import chance, pick, sample, zh_end
from arena.prompt_suites.lexicon_zh import (
    CAMERA,
    FRAMING,
    LIGHT_NATURAL,
    MOOD,
    QUALITY,
    SHOTS,
    WHEN_ANY,
)

ASKS = ("帮我画：", "请生成一张图：", "画一张图：", "生成画面：", "想要这样一张图：")

_TIMES = (
    ("night", ("夜", "月", "星", "凌晨", "头灯")),
    ("morning", ("清晨", "黎明", "日出", "晨", "早上", "早晨")),
    ("midday", ("正午", "烈日", "午后", "下午")),
    ("evening", ("傍晚", "黄昏", "日落", "夕阳", "晚霞", "余晖", "蓝调")),
)


def _time_of(phrase: str) -> str | None:
    for name, words in _TIMES:
        if any(w in phrase for w in words):
            return name
    return None


_WET = ("雨", "雾", "雪", "阴天", "乌云", "云压", "薄霾")
_SUN = ("强烈的阳光", "烈日", "晴朗", "斑驳光影", "丁达尔", "蓝得很深", "没有一丝云")


def _weather(phrase: str) -> str | None:
    wet, sun = any(w in phrase for w in _WET), any(w in phrase for w in _SUN)
    return "wet" if wet and not sun else "sun" if sun and not wet else None


def clash(a: str, b: str) -> bool:
    """时间（正午与月光）或天气（大雾与烈日）互相矛盾。"""
    if {_weather(a), _weather(b)} == {"wet", "sun"}:
        return True
    ta, tb = _time_of(a), _time_of(b)
    return bool(ta and tb and ta != tb and {ta, tb} != {"evening", "night"})


def consistent(
    rng: random.Random, pool: Sequence[str], k: int, against: Sequence[str]
) -> list[str]:
    """从 ``pool`` 里随机取至多 ``k`` 句，和 ``against`` 及彼此都不矛盾。"""
    chosen: list[str] = []
    if k <= 0:
        return chosen
    for phrase in sample(rng, pool, len(pool)):
        if not any(clash(phrase, other) for other in (*against, *chosen) if other):
            chosen.append(phrase)
            if len(chosen) == k:
                break
    return chosen


def _light(rng: random.Random, pool: Sequence[str], at: str) -> str:
    for _ in range(12):
        lit = pick(rng, pool)
        if not clash(at, lit):
            return lit
    return ""


def scene(
    rng: random.Random,
    t: str,
    *,
    short: str,
    core: str,
    place: str = "",
    details: Sequence[str] = (),
    when: Sequence[str] = WHEN_ANY,
    light: Sequence[str] = LIGHT_NATURAL,
    camera: Sequence[str] = CAMERA,
    shots: Sequence[str] = SHOTS,
    extra_tags: Sequence[str] = (),
    more: Sequence[str] = (),
) -> tuple[str, int]:
    """返回 (提示词, 约束数)。

    ``short`` 是极短写法（"雪地里的红狐狸"）；``core`` 是主体加动作（"一只红狐狸蜷成一团睡着了"）；
    ``place`` 是方位短语（"雪后的松林里"）；``details`` 是完整的短句；``more`` 是关于主体本身的
    短句，只在最长的档次里用。
    """
    if t == "terse":
        form = rng.randrange(3)
        if form == 0:
            return short, 1
        if form == 1 and when:
            at = pick(rng, when)
            return (f"{at}的{short}" if len(at) <= 2 and "的" not in short else f"{short}，{at}"), 2
        return f"{short}，{pick(rng, camera)}", 2

    k = {
        "short": 0,
        "medium": rng.choice((0, 1)),
        "long": rng.choice((1, 2)),
        "epic": rng.choice((3, 4, 5)),
    }[t]
    m = {"short": 0, "medium": 0, "long": int(chance(rng, 0.4)), "epic": rng.choice((1, 2))}[t]
    at = pick(rng, when) if when and (t != "short" or chance(rng, 0.5)) else ""
    lit = _light(rng, light, at) if t != "short" or chance(rng, 0.3) else ""
    # 最多用词表的一半，免得两条长提示词句子雷同；也不要和时间、光线或前面的句子矛盾。
    parts = consistent(rng, details, min(k, max(1, len(details) // 2)), [at, lit])
    parts += consistent(rng, more, min(m, len(more) // 2), [at, lit, *parts])
    use_cam = t in ("long", "epic") or (t == "medium" and chance(rng, 0.6))
    cam = next(iter(consistent(rng, camera, 1, [at, lit])), "") if use_cam else ""
    mood = pick(rng, MOOD) if t == "epic" or (t == "long" and chance(rng, 0.4)) else ""
    quality = pick(rng, QUALITY) if t in ("long", "epic") and chance(rng, 0.3) else ""
    extras = list(extra_tags)
    count = 1 + bool(place) + bool(at) + bool(lit) + bool(cam) + len(parts) + len(extras)
    where = f"{at}，{place}" if at and place else at or place
    tail = [x for x in (lit, cam, *extras) if x]

    form = rng.choices(range(5), weights=(4, 2, 3, 2, 2))[0]
    if form == 0:
        head = f"{where}，{core}" if where else core
        text = "，".join([head, *parts, *tail])
    elif form == 1:
        head = f"{pick(rng, shots)}：{core}" + (f"，{where}" if where else "")
        text = "，".join([head, *parts, *tail])
    elif form == 2:
        place_kw = "" if place.removeprefix("在") in short else place
        keywords = [
            short,
            place_kw,
            at,
            lit,
            cam,
            *extras,
            f"{mood}的氛围" if mood else "",
            quality,
        ]
        text = "，".join(k for k in keywords if k)
        return zh_end(text, rng, 0.1), count
    elif form == 3:
        head = f"{pick(rng, ASKS)}{core}" + (f"，{where}" if where else "")
        text = "。".join(["，".join([head, *tail]), *parts]) if parts else "，".join([head, *tail])
    else:
        sentences = [f"{where}，{core}" if where else core, *parts]
        if tail:
            sentences.append("，".join(tail))
        text = "。".join(sentences)
    if t == "epic" or (t == "long" and chance(rng, 0.3)):
        text += "。" + pick(rng, FRAMING)
        count += 1
    if mood:
        text += pick(rng, (f"。整体氛围{mood}", f"，{mood}的氛围", f"，画面{mood}"))
    if quality:
        text += f"，{quality}"
    return zh_end(text, rng), count


SETTING_NOTES = (
    "周围的环境虚化得很柔和",
    "环境真实，略带一点凌乱",
    "背景干净，不抢主体",
    "像是随手路过时看到的一幕",
    "旁边的窗户透进光来",
    "下面的桌面有些旧旧的划痕",
    "一切看起来都不像摆拍",
)
LIGHT_NOTES = (
    "柔和的光从左边照过来",
    "光线温暖而低斜",
    "光线均匀明亮",
    "一盏灯从上方照亮它",
    "阴影柔和但清楚",
    "阴天那种偏冷的光",
    "傍晚的光给边缘镀上暖色",
)


def elaborate(rng: random.Random, *pools: Sequence[str]) -> str:
    """最长档次结尾加的两到四句话，每句来自一个词表。"""
    chosen = sample(rng, pools, min(len(pools), rng.choice((2, 3, 4))))
    return "。".join(pick(rng, pool) for pool in chosen)
