"""English prompts for composition/*: counting, attribute binding, spatial relations and scenes
with many named objects. These are the prompts where image models most often drop an object,
swap two colours or ignore "left of", so every clause is something a rater can check.
"""

from __future__ import annotations

import random

from arena.prompt_suites.compose_en import LIGHT_NOTES, elaborate
from arena.prompt_suites.core import (
    NUMBER_WORDS,
    Draft,
    article,
    cap,
    chance,
    join_and,
    pick,
    sample,
    sentence,
    tier,
)
from arena.prompt_suites.lexicon_en import FRAMING_CLOSE as FRAMING
from arena.prompt_suites.lexicon_en import MATERIALS, PATTERNS, PLAIN_COLOURS

CHECK_NOTES = (
    "Every object must be easy to pick out",
    "Nothing is hidden behind anything else",
    "Each item is clearly separate from the others",
    "It should read like a picture-book page",
    "Keep it simple enough to check at a glance",
)

# Countable things: (singular, plural, where they belong).
COUNTABLES = (
    ("apple", "apples", "table"),
    ("lemon", "lemons", "table"),
    ("egg", "eggs", "table"),
    ("teacup", "teacups", "table"),
    ("candle", "candles", "table"),
    ("pear", "pears", "table"),
    ("orange", "oranges", "table"),
    ("macaron", "macarons", "table"),
    ("donut", "donuts", "table"),
    ("cupcake", "cupcakes", "table"),
    ("wine glass", "wine glasses", "table"),
    ("spoon", "spoons", "table"),
    ("strawberry", "strawberries", "table"),
    ("tomato", "tomatoes", "table"),
    ("plum", "plums", "table"),
    ("walnut", "walnuts", "table"),
    ("dumpling", "dumplings", "table"),
    ("cherry", "cherries", "table"),
    ("pencil", "pencils", "desk"),
    ("book", "books", "desk"),
    ("paper clip", "paper clips", "desk"),
    ("sticky note", "sticky notes", "desk"),
    ("marble", "marbles", "desk"),
    ("dice", "dice", "desk"),
    ("key", "keys", "desk"),
    ("coin", "coins", "desk"),
    ("crayon", "crayons", "desk"),
    ("rubber duck", "rubber ducks", "floor"),
    ("teddy bear", "teddy bears", "floor"),
    ("toy car", "toy cars", "floor"),
    ("wooden block", "wooden blocks", "floor"),
    ("balloon", "balloons", "room"),
    ("cushion", "cushions", "room"),
    ("potted plant", "potted plants", "room"),
    ("picture frame", "picture frames", "room"),
    ("clock", "clocks", "room"),
    ("chair", "chairs", "room"),
    ("lamp", "lamps", "room"),
    ("cat", "cats", "room"),
    ("dog", "dogs", "farm"),
    ("sheep", "sheep", "farm"),
    ("cow", "cows", "farm"),
    ("horse", "horses", "farm"),
    ("duck", "ducks", "water"),
    ("swan", "swans", "water"),
    ("sailboat", "sailboats", "water"),
    ("kayak", "kayaks", "water"),
    ("seagull", "seagulls", "water"),
    ("penguin", "penguins", "snow"),
    ("bicycle", "bicycles", "street"),
    ("umbrella", "umbrellas", "street"),
    ("tree", "trees", "wild"),
    ("sunflower", "sunflowers", "wild"),
    ("bird", "birds", "wild"),
    ("hot-air balloon", "hot-air balloons", "sky"),
    ("kite", "kites", "sky"),
    ("cloud", "clouds", "sky"),
    ("star", "stars", "sky"),
    ("lantern", "lanterns", "sky"),
    ("windmill", "windmills", "wild"),
    ("red car", "red cars", "street"),
    ("traffic cone", "traffic cones", "street"),
    ("snowman", "snowmen", "snow"),
    ("pumpkin", "pumpkins", "wild"),
    ("mushroom", "mushrooms", "wild"),
    ("butterfly", "butterflies", "wild"),
    ("goldfish", "goldfish", "bowl"),
    ("seashell", "seashells", "beach"),
    ("starfish", "starfish", "beach"),
    ("beach ball", "beach balls", "beach"),
    ("sandcastle", "sandcastles", "beach"),
    ("crab", "crabs", "beach"),
    ("candle on the cake", "candles on the cake", "cake"),
    ("chick", "chicks", "farm"),
    ("owl", "owls", "wild"),
    ("fox", "foxes", "wild"),
    ("robot", "robots", "floor"),
    ("astronaut", "astronauts", "sky"),
    ("traffic light", "traffic lights", "street"),
)

COUNT_PLACES = {
    "table": (
        "on a wooden table",
        "on a long dining table",
        "on a kitchen counter",
        "on a checked tablecloth",
        "on a linen tablecloth",
        "on a slate worktop",
    ),
    "desk": ("on a desk", "on a sheet of white paper", "on a cutting mat", "in an open drawer"),
    "floor": ("on a playroom rug", "on a wooden floor", "on a bed", "in a toy box lid"),
    "room": (
        "in a bright living room",
        "against a pale wall",
        "in an empty room",
        "on a window ledge",
    ),
    "farm": ("in a green field", "in a farmyard", "on a hillside", "behind a wooden fence"),
    "street": ("on a city street", "outside a station", "along a pavement", "in a car park"),
    "snow": ("in a snowy yard", "on an ice field", "on a frozen lake"),
    "wild": ("in a meadow", "in a forest clearing", "on a hillside", "in a garden"),
    "water": ("on a calm lake", "in a harbour", "on a river", "by a jetty"),
    "sky": ("in a clear blue sky", "in the evening sky", "above a city", "over the sea"),
    "bowl": ("in a round glass bowl", "in a garden pond"),
    "beach": ("on a sandy beach", "at the water's edge", "on wet sand"),
    "cake": ("on a birthday cake",),
}

ARRANGEMENTS = (
    "in a neat row",
    "in a circle",
    "stacked in a pile",
    "scattered at random",
    "lined up by size",
    "in two rows",
    "evenly spaced",
    "in a loose cluster",
)

COUNT_CHECKS = (
    "Count them carefully",
    "No more and no fewer",
    "Each one clearly separate",
    "All of them fully visible",
    "Nothing else in the picture",
    "Make the count easy to check",
)


def _n(n: int, digits: bool) -> str:
    return str(n) if digits else NUMBER_WORDS[n]


def counting(rng: random.Random) -> Draft:
    t = tier(rng, (0.15, 0.35, 0.3, 0.15, 0.05))
    groups = {
        "terse": 1,
        "short": rng.choice((1, 1, 2)),
        "medium": rng.choice((1, 2, 2)),
        "long": rng.choice((2, 3)),
        "epic": 3,
    }[t]
    first = pick(rng, COUNTABLES)
    pool = [c for c in COUNTABLES if c[2] == first[2] and c != first] or list(COUNTABLES)
    chosen = [first, *sample(rng, pool, min(groups - 1, len(pool)))]
    counts = [rng.randint(2, 12) if i == 0 else rng.randint(1, 6) for i in range(len(chosen))]
    digits = chance(rng, 0.2)
    phrases = [
        f"{_n(k, digits)} {plural if k != 1 else singular}"
        for (singular, plural, _), k in zip(chosen, counts, strict=True)
    ]
    place = pick(rng, COUNT_PLACES[first[2]])
    n = 2 * len(chosen) + 1
    if t == "terse":
        text = f"{phrases[0]} {place}"
    else:
        lead = pick(rng, ("", "exactly ", "precisely ", "")) if len(chosen) == 1 else ""
        body = f"{lead}{join_and(phrases)}"
        if len(chosen) == 1 and chance(rng, 0.5):
            body += f" {pick(rng, ARRANGEMENTS)}"
            n += 1
        text = sentence(f"{body} {place}" if chance(rng, 0.6) else f"{place}, {body}")
        if t in ("long", "epic"):
            text += " " + sentence(pick(rng, COUNT_CHECKS))
        if t == "epic":
            text += " " + sentence(
                pick(
                    rng,
                    (
                        "soft daylight, photographed from above",
                        "studio photo, plain background",
                        "bright and clear, like a picture-book page",
                    ),
                )
            )
            n += 1
    if t == "epic":
        text += " " + elaborate(rng, LIGHT_NOTES, FRAMING, CHECK_NOTES)
    return Draft(text, n, ("counting", f"objects:{sum(counts)}"))


# Attributes ---------------------------------------------------------------------------------

SHAPES = ("cube", "sphere", "cone", "cylinder", "pyramid", "ring", "star", "torus")
THINGS = (
    "mug",
    "chair",
    "vase",
    "bicycle",
    "umbrella",
    "teapot",
    "book",
    "balloon",
    "car",
    "hat",
    "lamp",
    "backpack",
    "kettle",
    "suitcase",
    "guitar",
    "sofa",
    "boot",
    "scarf",
    "bowl",
    "clock",
    "bench",
    "door",
    "kite",
    "bus",
    "boat",
    "rocking horse",
    "typewriter",
    "telephone",
    "sneaker",
    "raincoat",
    "watering can",
    "helmet",
    "glove",
    "candle",
    "bottle",
    "bucket",
    "skateboard",
    "radio",
    "piano",
    "tent",
)
CREATURES = (
    ("giraffe", "elephant"),
    ("cat", "dog"),
    ("owl", "parrot"),
    ("frog", "snail"),
    ("horse", "cow"),
    ("fish", "turtle"),
    ("rabbit", "fox"),
    ("penguin", "polar bear"),
    ("bee", "butterfly"),
    ("lion", "zebra"),
)
ODD_TEXTURES = (
    "furry",
    "glass",
    "metallic",
    "knitted",
    "wooden",
    "inflatable",
    "crystal",
    "paper",
    "chocolate",
    "marble",
    "neon",
    "feathered",
    "stone",
    "velvet",
)
CLOTHING = (
    "hat",
    "scarf",
    "coat",
    "pair of boots",
    "umbrella",
    "backpack",
    "jumper",
    "pair of gloves",
    "tie",
    "pair of glasses",
)
WEARERS = (
    "a man",
    "a woman",
    "a child",
    "an old man",
    "a girl",
    "a boy",
    "a snowman",
    "a robot",
    "a teddy bear",
    "a scarecrow",
)
ATTR_BACKGROUNDS = (
    "on a plain white background",
    "on a grey studio floor",
    "on a wooden table",
    "in an empty room",
    "on a green lawn",
    "on a pastel backdrop",
    "on a city pavement",
)


ATTR_NOTES = (
    "Keep every attribute on the right object",
    "Simple, clear composition",
    "Photographed in soft studio light",
    "Everything in sharp focus",
)
ATTR_COLOUR_NOTES = ("Each colour belongs to its own object", "Do not mix up the colours")


def _colour_pairs(rng: random.Random, k: int) -> list[str]:
    return sample(rng, PLAIN_COLOURS, k)


def attributes(rng: random.Random) -> Draft:
    t = tier(rng, (0.12, 0.35, 0.33, 0.15, 0.05))
    kind = pick(
        rng, ("colour", "colour", "shapes", "material", "pattern", "creature", "wear", "odd")
    )
    k = {"terse": 2, "short": 2, "medium": rng.choice((2, 3)), "long": 3, "epic": 4}[t]
    if kind == "shapes":
        items = [
            f"{c} {s}" for c, s in zip(_colour_pairs(rng, k), sample(rng, SHAPES, k), strict=True)
        ]
        phrases = [article(x) for x in items]
    elif kind == "colour":
        phrases = [
            article(f"{c} {o}")
            for c, o in zip(_colour_pairs(rng, k), sample(rng, THINGS, k), strict=True)
        ]
    elif kind == "material":
        phrases = [
            article(f"{m} {o}")
            for m, o in zip(sample(rng, MATERIALS, k), sample(rng, THINGS, k), strict=True)
        ]
    elif kind == "pattern":
        things = sample(rng, THINGS, k)
        phrases = [
            article(f"{p} {o}") for p, o in zip(sample(rng, PATTERNS, k), things, strict=True)
        ]
    elif kind == "creature":
        a, b = pick(rng, CREATURES)
        c1, c2 = _colour_pairs(rng, 2)
        phrases = [article(f"{c1} {a}"), article(f"{c2} {b}")]
        if k > 2:
            phrases.append(
                f"{article(pick(rng, PATTERNS))} {pick(rng, ('ball', 'blanket', 'kite'))}"
            )
    elif kind == "wear":
        who = pick(rng, WEARERS)
        items = sample(rng, CLOTHING, k)
        worn = [
            f"a pair of {c} {i.removeprefix('pair of ')}"
            if i.startswith("pair of")
            else article(f"{c} {i}")
            for c, i in zip(_colour_pairs(rng, k), items, strict=True)
        ]
        text = f"{who} wearing {join_and(worn)}"
        phrases = []
    else:
        phrases = [
            article(f"{x} {o}")
            for x, o in zip(sample(rng, ODD_TEXTURES, k), sample(rng, THINGS, k), strict=True)
        ]
    if phrases:
        joiner = pick(rng, (" and ", " next to ", ", beside it ")) if len(phrases) == 2 else None
        text = joiner.join(phrases) if joiner else join_and(phrases)
    n = 2 * k + 1
    if t == "terse":
        return Draft(text, n, ("attributes", kind))
    text = f"{text} {pick(rng, ATTR_BACKGROUNDS)}"
    text = sentence(text)
    if t in ("medium", "long", "epic") and chance(rng, 0.5):
        notes = ATTR_NOTES + (
            ATTR_COLOUR_NOTES if kind in ("colour", "shapes", "creature", "wear") else ()
        )
        text += " " + sentence(pick(rng, notes))
    if t == "epic":
        text += " " + sentence(
            pick(
                rng,
                (
                    "Shot from eye level with a 50mm lens",
                    "Rendered like a clean 3D product shot",
                    "Bright, even light and soft shadows",
                ),
            )
        )
    if t == "epic":
        text += " " + elaborate(rng, LIGHT_NOTES, FRAMING, CHECK_NOTES)
    return Draft(text, n, ("attributes", kind))


# Spatial ------------------------------------------------------------------------------------

PROPS = (
    "a red ball",
    "a blue box",
    "a green bottle",
    "a yellow mug",
    "a stack of books",
    "a potted cactus",
    "a sleeping cat",
    "a small dog",
    "a wooden chair",
    "a desk lamp",
    "a teddy bear",
    "an apple",
    "a vase of tulips",
    "a pair of sneakers",
    "a bicycle",
    "a wicker basket",
    "a guitar",
    "a globe",
    "an alarm clock",
    "a candle",
    "a laptop",
    "a paper boat",
    "a toy robot",
    "a pumpkin",
    "a rubber duck",
    "a lantern",
    "a violin",
    "a backpack",
    "a watering can",
    "a birdcage",
    "a fishbowl",
    "a snow globe",
    "a tennis racket",
)
CONTAINERS = (
    "a glass jar",
    "a cardboard box",
    "a wicker basket",
    "a teacup",
    "a drawer",
    "a paper bag",
    "a bathtub",
    "a suitcase",
    "a wooden crate",
    "a bird's nest",
)
SMALL = (
    "a kitten",
    "a lemon",
    "a golden key",
    "a tiny frog",
    "a ball of yarn",
    "a hedgehog",
    "a pile of marbles",
    "a folded letter",
    "a lit candle",
    "a sleeping puppy",
)
RELATIONS = (
    "on top of",
    "under",
    "to the left of",
    "to the right of",
    "behind",
    "in front of",
    "next to",
    "above",
    "below",
    "leaning against",
)
SPATIAL_PLACES = (
    "on a white table",
    "in an empty room",
    "on a wooden floor",
    "on a grassy lawn",
    "against a plain wall",
    "on a kitchen counter",
    "on a sunny porch",
    "in a studio",
)
LEFT_RIGHT = (
    ("on the left", "on the right"),
    ("in the foreground", "in the background"),
    ("at the top of the frame", "at the bottom of the frame"),
)


def _relations(anchor: str) -> tuple[str, ...]:
    """Animals make poor anchors for "on top of", "under" or "leaning against"."""
    if any(w in anchor for w in ("cat", "dog", "teddy")):
        return tuple(r for r in RELATIONS if r not in ("on top of", "under", "leaning against"))
    return RELATIONS


def spatial(rng: random.Random) -> Draft:
    t = tier(rng, (0.12, 0.35, 0.33, 0.15, 0.05))
    form = pick(rng, ("pair", "pair", "inside", "between", "chain", "sides"))
    if t == "terse":
        form = pick(rng, ("pair", "inside"))
    if form == "pair":
        a, b = sample(rng, PROPS, 2)
        text, n = f"{a} {pick(rng, _relations(b))} {b}", 4
    elif form == "inside":
        small, where = pick(rng, SMALL), pick(rng, ("inside", "peeking out of", "in"))
        text, n = f"{small} {where} {pick(rng, CONTAINERS)}", 3
    elif form == "between":
        a, b, c = sample(rng, PROPS, 3)
        text, n = f"{a} between {b} and {c}", 5
    elif form == "chain":
        a, b, c = sample(rng, PROPS, 3)
        r1, r2 = sample(rng, _relations(b), 2)
        the_b = "the " + b.split(" ", 1)[1]
        text, n = f"{a} {r1} {b}, and {c} {r2} {the_b}", 7
    else:
        a, b = sample(rng, PROPS, 2)
        left, right = pick(rng, LEFT_RIGHT)
        text, n = f"{a} {left} and {b} {right}", 4
    if t == "terse":
        return Draft(text, n, ("spatial", form))
    text = sentence(f"{text} {pick(rng, SPATIAL_PLACES)}" if chance(rng, 0.7) else text)
    n += 1
    if t in ("long", "epic"):
        text += " " + sentence(
            pick(
                rng,
                (
                    "The positions must be exactly as described",
                    "Seen straight on from eye level",
                    "Nothing else in the scene",
                    "Keep the objects clearly separated",
                    "Left and right as seen by the viewer",
                    "Simple layout, soft shadows",
                ),
            )
        )
        n += 1
    if t == "epic":
        text += " " + sentence(
            pick(
                rng,
                (
                    "Photorealistic, natural daylight",
                    "Clean 3D render with soft global illumination",
                    "Flat illustration with bold outlines",
                ),
            )
        )
        n += 1
        text += " " + elaborate(rng, LIGHT_NOTES, FRAMING, CHECK_NOTES)
    return Draft(text, n, ("spatial", form))


# Multi-object scenes ------------------------------------------------------------------------

SCENES = {
    "a desk": (
        "a laptop",
        "a potted cactus",
        "a stack of three books",
        "a mug of coffee",
        "a desk lamp",
        "a pair of headphones",
        "a notebook with a pen on it",
        "a small globe",
        "a framed photo",
        "a pencil cup",
        "a sticky note on the screen",
        "a houseplant in a white pot",
    ),
    "a picnic blanket": (
        "a wicker basket",
        "a bottle of lemonade",
        "a bowl of strawberries",
        "a folded newspaper",
        "two sandwiches",
        "a straw hat",
        "a frisbee",
        "a paperback book",
        "a thermos",
        "a slice of watermelon",
    ),
    "a workbench": (
        "a hammer",
        "a tape measure",
        "a coil of rope",
        "a jar of screws",
        "a hand saw",
        "a pair of safety goggles",
        "a half-built birdhouse",
        "a pencil behind a ruler",
        "a tin of paint",
        "a spirit level",
    ),
    "a kitchen counter": (
        "a chopping board with sliced carrots",
        "a copper pan",
        "a bowl of eggs",
        "a bottle of olive oil",
        "a loaf of bread",
        "a bunch of basil",
        "a wooden spoon",
        "a salt grinder",
        "a kettle",
        "a lemon cut in half",
    ),
    "a bathroom shelf": (
        "a toothbrush in a glass",
        "a bar of soap",
        "a folded towel",
        "a small plant",
        "a bottle of shampoo",
        "a round mirror",
        "a rubber duck",
        "a candle",
    ),
    "a child's bedroom floor": (
        "a toy train",
        "a stuffed rabbit",
        "a box of crayons",
        "a picture book",
        "a spinning top",
        "wooden blocks",
        "a toy dinosaur",
        "a drum",
    ),
    "a beach towel": (
        "sunglasses",
        "a bottle of sunscreen",
        "a paperback",
        "a seashell",
        "a straw hat",
        "a pair of flip-flops",
        "a bucket and spade",
        "a beach ball",
    ),
    "a market stall": (
        "a crate of oranges",
        "a basket of eggs",
        "a hand-written price sign",
        "bunches of carrots",
        "a pair of old scales",
        "a pile of melons",
        "a paper bag of cherries",
        "a canvas awning",
    ),
    "a bedside table": (
        "an alarm clock",
        "a glass of water",
        "reading glasses",
        "a small lamp",
        "a phone charging",
        "a novel",
        "a candle",
        "a ring dish",
    ),
    "an artist's table": (
        "tubes of paint",
        "a jar of brushes",
        "a palette",
        "a sketchbook",
        "a rag",
        "a cup of tea",
        "a pencil sharpener",
        "a small canvas",
    ),
    "a campsite clearing": (
        "a green tent",
        "a campfire",
        "a kettle on a stove",
        "two folding chairs",
        "a lantern",
        "a pair of boots",
        "a map",
        "a backpack",
        "a canoe",
    ),
    "a classroom desk": (
        "an apple",
        "a ruler",
        "an open textbook",
        "a calculator",
        "a pencil case",
        "a globe",
        "a lunch box",
        "an eraser",
    ),
}

MULTI_FRAMES = (
    "{Place} with {items}",
    "On {place}: {items}",
    "{Items}, all on {place}",
    "Top-down photo of {place} holding {items}",
    "{Place} covered with {items}",
    "A still life on {place}: {items}",
    "{Place} where you can see {items}",
)
OPEN_PLACES = ("a campsite clearing", "a market stall")
OPEN_FRAMES = ("{Place} with {items}", "{Items} at {place}", "{Place} where you can see {items}")


def multi_object(rng: random.Random) -> Draft:
    place = pick(rng, tuple(SCENES))
    t = tier(rng, (0.0, 0.25, 0.4, 0.25, 0.1))
    k = {"short": 3, "medium": rng.choice((4, 5)), "long": rng.choice((5, 6)), "epic": 7}[t]
    items = sample(rng, SCENES[place], min(k, len(SCENES[place])))
    listed = join_and(items)
    frame = pick(rng, OPEN_FRAMES if place in OPEN_PLACES else MULTI_FRAMES)
    text = frame.format(Place=cap(place), place=place, items=listed, Items=cap(listed))
    text = sentence(text)
    n = 1 + len(items)
    if t in ("long", "epic"):
        text += " " + sentence(
            pick(
                rng,
                (
                    "Every object clearly visible",
                    "Nothing overlapping too much",
                    "Soft natural light",
                    "Photographed from above, evenly lit",
                ),
            )
        )
        n += 1
    if t == "epic":
        text += " " + sentence(
            pick(
                rng,
                (
                    "Realistic textures and soft shadows",
                    "Warm, homely colours",
                    "Crisp, catalogue-style photo",
                ),
            )
        )
        n += 1
        text += " " + elaborate(rng, LIGHT_NOTES, FRAMING, CHECK_NOTES)
    return Draft(text, n, ("multi_object", f"objects:{len(items)}"))


GENERATORS = {
    ("composition/counting", "en"): counting,
    ("composition/attributes", "en"): attributes,
    ("composition/spatial", "en"): spatial,
    ("composition/multi_object", "en"): multi_object,
}
