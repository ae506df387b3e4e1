"""English text-rendering prompts: text_rendering/en/{word, multi_line, paragraph, signage,
headline, couplet}.

The text to render is always in straight double quotes, and ``expected_text`` holds it exactly.
Text on several lines (a card, a menu, a two-line verse) is quoted line by line, in reading order,
and ``expected_text`` joins the lines with "\\n"; so every line of ``expected_text`` occurs
verbatim in the prompt, in order. The English "couplet" leaf is the counterpart of the Chinese
spring couplet: a two-line rhyming verse, set as a pair of banners, a card or a plaque.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from arena.prompt_suites.compose_en import LIGHT_NOTES, SETTING_NOTES, elaborate
from arena.prompt_suites.core import Draft, cap, chance, pick, sample, sentence, tier
from arena.prompt_suites.lexicon_en import CITIES, FIRST_NAMES, LAST_NAMES
from arena.prompt_suites.lexicon_en import FRAMING_CLOSE as FRAMING

# Shared lettering and scene phrases ---------------------------------------------------------

LETTERING = (
    "bold serif capitals",
    "flowing script",
    "chunky 3D letters",
    "brush lettering",
    "hand-drawn chalk lettering",
    "neon tube lettering",
    "gothic blackletter",
    "retro 1970s bubble letters",
    "stencil letters",
    "a thin geometric sans-serif",
    "Art Deco lettering",
    "a pixel font",
    "letters made of balloons",
    "graffiti lettering",
    "gold foil letters",
    "condensed grotesque type",
    "rounded friendly letters",
    "copperplate handwriting",
    "typewriter type",
    "letterpress type",
)

TEXT_TAILS = (
    "the letters crisp and evenly spaced",
    "every letter clearly legible",
    "correct spelling",
    "sharp focus on the text",
    "the text centred",
    "clean kerning",
    "no extra text",
    "photographed straight on",
    "slightly angled view",
    "shallow depth of field",
)

TEXT_NOTES = (
    "Spell every word exactly as written",
    "The text must be the clear focus",
    "No other writing anywhere in the image",
    "Keep the letters straight and evenly spaced",
    "Make it look part of the object, not pasted on",
    "The lettering should suit the object",
)

TEXT_LIGHT = (
    "warm afternoon light",
    "soft daylight",
    "late evening light",
    "even, diffuse light",
    "natural light",
    "morning light",
    "soft side light",
    "low warm light",
    "bright daylight",
)


SIGN_LETTERING = (
    "bold serif capitals",
    "hand-painted lettering",
    "stencil letters",
    "Art Deco lettering",
    "condensed grotesque type",
    "gold leaf letters",
    "a thin geometric sans-serif",
    "neon tube lettering",
    "a rounded sans-serif",
    "Victorian signwriting",
)

PRINT_LETTERING = (
    "bold serif capitals",
    "condensed grotesque type",
    "a heavy slab serif",
    "a classic newspaper serif",
    "tall sans-serif capitals",
    "an elegant Didone typeface",
)


def _finish(
    rng: random.Random, t: str, text: str, n: int, lettering: Sequence[str] = LETTERING
) -> tuple[str, int]:
    """Add lettering, light and a legibility note according to the tier."""
    extra: list[str] = []
    if lettering and t in ("medium", "long", "epic") and chance(rng, 0.4):
        extra.append(f"in {pick(rng, lettering)}")
    if t in ("long", "epic"):
        extra.append(pick(rng, TEXT_LIGHT))
    if t == "epic" or (t == "long" and chance(rng, 0.5)):
        extra.append(pick(rng, TEXT_TAILS))
    if extra and chance(rng, 0.5):
        text = f"{text.rstrip('.')}, {', '.join(extra)}"
    elif extra:
        text = f"{sentence(text)} {sentence(', '.join(extra))}"
    if t == "epic":
        text = f"{sentence(text)} {elaborate(rng, SETTING_NOTES, LIGHT_NOTES, FRAMING, TEXT_NOTES)}"
        n += 2
    return text, n + len(extra)


def _q(text: str) -> str:
    return f'"{text}"'


# Word: a single word or a short phrase ------------------------------------------------------

WORDS = (
    "BLOOM",
    "Hello",
    "Wanderlust",
    "OPEN",
    "Serendipity",
    "Breathe",
    "COFFEE",
    "Courage",
    "HOME",
    "Adventure",
    "Dream big",
    "Stay wild",
    "JOY",
    "Merci",
    "Thank you",
    "PEACE",
    "Hola",
    "Good vibes",
    "Sunday",
    "SALE",
    "Aloha",
    "Patience",
    "FREEDOM",
    "Wildflower",
    "Moonlight",
    "GAME OVER",
    "Be kind",
    "Cheers",
    "Bonjour",
    "Nope",
    "YES",
    "Focus",
    "Gratitude",
    "Harvest",
    "LEGEND",
    "Lucky",
    "Oops",
    "Paradise",
    "Welcome",
    "Believe",
    "Radiate",
    "Sparkle",
    "THUNDER",
    "Velvet",
    "Whisper",
    "Zen",
    "Ocean",
    "Kindness",
    "Magic",
    "Midnight",
    "Nostalgia",
    "Origami",
    "Pizza",
    "Rebel",
    "Saturday",
    "Tea time",
    "Unicorn",
    "Voyage",
    "Wonder",
    "Yummy",
    "Zest",
    "ECHO",
    "Firefly",
    "Galaxy",
    "Honey",
    "Imagine",
    "Jazz",
    "Karma",
    "Lemonade",
    "Marvel",
    "Nebula",
    "Orbit",
    "Pancakes",
    "Quiet",
    "Rainbow",
    "Sunrise",
    "Tidal",
    "Upbeat",
    "Vintage",
    "Wild",
    "Xylophone",
    "Yoga",
    "Zigzag",
    "Ciao",
    "Sweet dreams",
    "Happy hour",
    "Fresh",
    "Hustle",
    "Slow down",
    "Good morning",
    "Love you",
    "Hi there",
    "Encore",
    "Eureka",
    "Fiesta",
    "Glow",
    "Hygge",
    "Infinity",
    "Jubilee",
    "Kaleidoscope",
    "Lullaby",
    "Mischief",
    "Noodles",
    "Oasis",
    "Pineapple",
    "Quest",
    "Rise",
    "Stardust",
    "Twilight",
    "Unplug",
    "Vibes",
    "Warrior",
    "Yesterday",
    "Zephyr",
    "Brave",
    "Cozy",
    "Delight",
    "Ember",
    "Flourish",
    "Grit",
    "Hope",
    "Inspire",
    "Jolly",
    "Kinship",
    "Laugh",
    "Mango",
    "Nourish",
    "Onward",
    "Play",
    "Roar",
    "Shine",
    "Thrive",
    "Unity",
    "Vroom",
    "Wow",
    "Yeti",
    "Bliss",
    "Chaos",
    "Dazzle",
    "Epic",
    "Fearless",
    "Gigantic",
    "Hurray",
    "Icebreaker",
    "Jellybean",
    "Kitchen",
    "Limitless",
    "Momentum",
    "Nightowl",
    "Overtime",
    "Pebble",
    "Ramen",
    "Snow day",
    "Tomorrow",
    "Uplift",
    "Venture",
    "Waffle",
    "Youth",
    "Zoom",
    "Aurora",
    "Bookworm",
    "Catnap",
    "Daydream",
    "Evergreen",
    "Feast",
    "Goodnight",
    "Homemade",
    "Island time",
    "Just married",
    "Keep going",
    "Lost & found",
    "Make waves",
    "No rain",
    "Out of office",
    "Plant lady",
    "Road trip",
    "Seaside",
    "Take off",
    "Under 18",
    "Victory",
    "Weekend",
    "Baby shower",
    "Cloud nine",
    "Do not disturb",
    "Enjoy",
    "Forever",
    "Go team",
)

# How a word can appear on something; {q} is the quoted word.
WORD_FRAMES = (
    "a neon sign reading {q} on a brick wall",
    "the word {q} written with a fingertip on a fogged-up window",
    "{q} written in the wet sand at the edge of the tide",
    "a ceramic coffee mug printed with {q}",
    "a birthday cake with {q} piped in pink icing",
    "a weathered wooden sign carved with {q}",
    "a cardboard box stamped {q} in red ink",
    "a white T-shirt with {q} printed across the chest",
    "a latte with {q} drawn in the milk foam",
    "a chalkboard on an easel with {q} chalked across it",
    "{q} spelled out in gold balloons above a party table",
    "a gingerbread cookie iced with {q}",
    "a brass door plate engraved with {q}",
    "{q} grown in moss letters on a concrete wall",
    "a carved pumpkin with {q} cut into it",
    "{q} sprayed in graffiti on a train carriage",
    "{q} spelled with flowers on a green lawn",
    "a smooth river pebble hand-painted with {q}",
    "a glowing hologram that spells {q}",
    "marquee light-up letters spelling {q}",
    "a leather notebook with {q} embossed on the cover",
    "a baseball cap embroidered with {q}",
    "{q} written in the sky by a small plane",
    "a tote bag screen-printed with {q}",
    "a wax-sealed envelope with {q} written on the front",
    "a letterboard on a cafe counter spelling {q}",
    "{q} formed by lit windows of an office tower at night",
    "a vintage enamel badge reading {q}",
    "{q} written in frost on a car windscreen",
    "a sticker on a laptop lid that says {q}",
    "{q} cut out of paper and pinned to a cork board",
    "a doormat that says {q}",
    "a bookmark with {q} stamped in gold",
    "{q} carved into the bark of an old tree",
    "a wooden scrabble-tile rack spelling {q}",
    "{q} written in spilled coffee beans on a table",
    "a glass shop door with {q} painted in gold leaf",
    "a mirror with {q} written in red lipstick",
    "a tattoo on a forearm that says {q}",
    "a knitted scarf with {q} worked into the pattern",
    "{q} on a pinball machine's backglass",
    "a paper lantern painted with {q}",
    "a cake topper cut from glitter card spelling {q}",
    "{q} made of LED strips on a stage backdrop",
    "a skateboard deck with {q} in big letters",
    "a plant pot with {q} painted on the side",
    "a slice of toast with {q} burned into it",
    "{q} written in chalk on a playground",
    "a cinema ticket stub with {q} printed on it",
    "a rubber stamp pressed on paper leaving the word {q}",
    "an ice sculpture with {q} carved into its base",
    "a woven friendship bracelet with {q} in letter beads",
    "{q} written in the condensation on a cold glass of beer",
    "{q} lettered on the side of a food truck",
    "a notebook doodle with {q} in bubble letters",
    "{q} written in ketchup on a plate of fries",
    "a hot-air balloon with {q} across it",
    "a sugar cookie with {q} in royal icing",
    "{q} on a keyring tag",
    "a pennant flag reading {q}",
)

WORD_TERSE = (
    "neon sign {q}",
    "{q} in gold foil letters",
    "mug that says {q}",
    "{q} typography",
    "{q} in brush lettering",
    "logo wordmark {q}",
    "{q} in 3D chrome letters",
    "sticker that says {q}",
    "{q}, hand lettering",
    "{q} in neon",
)

# Frames naming a small object that could be anywhere; only these get a scene added.
PORTABLE = tuple(
    f
    for f in WORD_FRAMES
    if any(
        k in f
        for k in (
            "mug",
            "cake",
            "T-shirt",
            "latte",
            "cookie",
            "notebook",
            "cap ",
            "tote",
            "envelope",
            "badge",
            "bookmark",
            "pebble",
            "doormat",
            "plant pot",
            "toast",
            "lantern",
            "scarf",
            "keyring",
            "pennant",
            "cardboard box",
            "bracelet",
            "skateboard",
            "letterboard",
            "stamp",
        )
    )
)

WORD_SCENES = (
    "in a cosy kitchen",
    "on a wooden table",
    "in a busy cafe",
    "on a windowsill",
    "in a child's bedroom",
    "on a market stall",
    "against a pink wall",
    "on a cluttered desk",
    "in a sunny garden",
    "at a wedding reception",
    "in a photo studio",
    "on a shop counter",
)


def word(rng: random.Random) -> Draft:
    w = pick(rng, WORDS)
    t = tier(rng, (0.25, 0.35, 0.25, 0.12, 0.03))
    if t == "terse":
        return Draft(pick(rng, WORD_TERSE).format(q=_q(w)), 1, ("text", "word"), w)
    frame = pick(rng, WORD_FRAMES)
    text = cap(frame.format(q=_q(w)))
    n = 2
    if frame in PORTABLE and t != "short" and chance(rng, 0.6):
        text += " " + pick(rng, WORD_SCENES)
        n += 1
    text, n = _finish(rng, t, text, n)
    return Draft(text, n, ("text", "word"), w)


# Multi-line: two to four short lines --------------------------------------------------------


def lines_phrase(rng: random.Random, lines: Sequence[str]) -> str:
    """The quoted lines in reading order, in one of several natural phrasings."""
    q = [_q(x) for x in lines]
    if len(q) == 2:
        return pick(
            rng,
            (
                f"{q[0]} on the first line and {q[1]} on the second",
                f"{q[0]} above {q[1]}",
                f"two lines: {q[0]} and {q[1]}",
                f"{q[0]}, with {q[1]} underneath",
                f"{q[0]} on top and {q[1]} below it",
                f"the words {q[0]} and, on a second line, {q[1]}",
            ),
        )
    if len(q) == 3:
        return pick(
            rng,
            (
                f"three lines: {q[0]}, {q[1]} and {q[2]}",
                f"{q[0]} on the first line, {q[1]} on the second and {q[2]} on the third",
                f"{q[0]} at the top, {q[1]} in the middle and {q[2]} at the bottom",
                f"the lines {q[0]}, {q[1]}, {q[2]}",
                f"{q[0]} / {q[1]} / {q[2]} on three lines",
            ),
        )
    listed = ", ".join(q[:-1]) + f" and {q[-1]}"
    return pick(rng, (f"{len(q)} lines: {listed}", f"these lines, top to bottom: {listed}"))


MENU_HEADERS = (
    "TODAY'S SPECIALS",
    "Soup of the Day",
    "Breakfast",
    "FRESH TODAY",
    "Lunch Menu",
    "Coffee",
    "Sweet Treats",
    "Chef's Picks",
)
MENU_ITEMS = (
    "Lentil soup",
    "Cheese toastie",
    "Avocado toast",
    "Shakshuka",
    "Fish tacos",
    "Flat white",
    "Banana bread",
    "Iced latte",
    "Chai",
    "Pho bo",
    "Mushroom risotto",
    "Egg fried rice",
    "Carrot cake",
    "Apple crumble",
    "Tomato basil soup",
    "Club sandwich",
    "Veggie burger",
    "Lemon tart",
    "Hot chocolate",
    "Matcha latte",
    "Porridge",
    "Pancake stack",
    "Caesar salad",
    "Dumplings (6)",
    "Spring rolls",
    "Mango lassi",
    "Pad thai",
    "Mac and cheese",
)
BOOK_TITLES_A = (
    "The Salt",
    "A Map of",
    "The Quiet",
    "Letters from",
    "The Last",
    "Notes on",
    "The Glass",
    "Under the",
    "Songs for",
    "The Paper",
    "After the",
    "The Long",
)
BOOK_TITLES_B = (
    "Road",
    "Small Things",
    "Orchard",
    "the Lighthouse",
    "Winter Garden",
    "Tides",
    "Harbour",
    "Blue Hour",
    "Lost Rivers",
    "Kingdom",
    "Storm",
    "Summer",
)
GREETINGS = (
    ("Happy Birthday", "Grandma"),
    ("Thank You", "for everything"),
    ("Congratulations", "on your new home"),
    ("Get Well Soon", "We miss you"),
    ("Happy Anniversary", "Mum & Dad"),
    ("Welcome to the world", "little one"),
    ("Good luck", "in Tokyo!"),
    ("Merry Christmas", "and a Happy New Year"),
    ("Happy Retirement", "Enjoy every day"),
    ("Sorry", "I ate your cake"),
    ("You did it!", "Class of 2025"),
    ("Happy Mother's Day", "Love you always"),
    ("Happy Lunar New Year", "Year of the Horse"),
    ("Bon Voyage", "Send postcards"),
    ("Happy Graduation", "Dr. Chen"),
    ("Thinking of you", "always"),
    ("Be my Valentine?", "Love, J"),
    ("Happy Diwali", "from the Patels"),
    ("Eid Mubarak", "with love"),
)
TODO = (
    "Buy milk",
    "Call Mum",
    "Water the plants",
    "Pay rent",
    "Walk the dog",
    "Book dentist",
    "Return library books",
    "Fix bike",
    "Email Sam",
    "Pick up dry cleaning",
    "Bake bread",
    "Send invoice",
    "Buy birthday card",
    "Take out recycling",
    "Renew passport",
    "Feed the cat",
)
EVENTS = (
    "SUMMER JAZZ NIGHT",
    "THE NUTCRACKER",
    "CITY DERBY",
    "SPRING RECITAL",
    "ROCK THE DOCKS",
    "FILM CLUB",
    "POETRY SLAM",
    "LATE NIGHT COMEDY",
    "HARBOUR REGATTA",
    "OPENING NIGHT",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
FLAVOURS = (
    "Strawberry",
    "Apricot",
    "Blackberry",
    "Fig",
    "Rhubarb",
    "Plum",
    "Quince",
    "Orange",
    "Cherry",
    "Raspberry",
    "Damson",
    "Peach",
)
PETS = (
    "Biscuit",
    "Mochi",
    "Pepper",
    "Luna",
    "Oscar",
    "Noodle",
    "Ziggy",
    "Maple",
    "Bean",
    "Tofu",
    "Pickles",
    "Socks",
)
FILMS = (
    "THE SILENT SHORE",
    "PAPER MOONS",
    "NIGHT TRAIN",
    "THE LONG SUMMER",
    "RED KITE",
    "GLASS CITY",
    "HOMEWARD",
    "THE FOX AND THE BELL",
    "MIDNIGHT GARDEN",
    "STATIC",
)
PLACARDS = (
    ("THERE IS NO", "PLANET B"),
    ("BOOKS NOT", "BOMBS"),
    ("SAVE OUR", "LIBRARY"),
    ("FUND THE", "NHS"),
    ("CLEAN AIR", "NOW"),
    ("BIKES", "NOT CARS"),
    ("KEEP THE PARK", "GREEN"),
    ("WE WANT", "SAFE STREETS"),
    ("TEACHERS", "DESERVE MORE"),
    ("LOVE IS", "LOVE"),
)
WINDOW_LINES = (
    "Fresh coffee",
    "Homemade cakes",
    "Free Wi-Fi",
    "Open late",
    "Dogs welcome",
    "Cash only",
    "Vegan options",
    "Takeaway",
    "Ice cream",
    "Hot soup",
)

MULTI_OBJECTS = {
    "menu": (
        "a chalkboard menu outside a cafe",
        "a hand-lettered menu board",
        "a printed menu card on a restaurant table",
        "a blackboard behind a bar",
    ),
    "book": (
        "a hardback book cover",
        "a paperback lying on a bed",
        "a book cover in a shop window display",
        "a clothbound book on a library table",
    ),
    "card": (
        "a handmade greeting card",
        "a watercolour card on a mantelpiece",
        "a letterpress card propped against a vase",
        "a card tucked into a bouquet",
    ),
    "badge": ("a sticky name badge on a jacket", "a conference lanyard badge"),
    "wedding": ("a wooden welcome sign at a wedding", "a mirror sign at a wedding reception"),
    "ticket": ("a vintage paper ticket", "a concert ticket held between two fingers"),
    "jar": ("a jar of homemade jam with a paper label", "a kraft-paper label on a jam jar"),
    "todo": ("a yellow sticky note on a monitor", "a to-do list on a fridge whiteboard"),
    "lost": ("a lost-pet poster taped to a lamppost", "a hand-drawn lost-pet flyer"),
    "postcard": ("a vintage postcard", "a retro postcard in a rack"),
    "marquee": ("an old cinema marquee", "a theatre marquee with light bulbs"),
    "placard": ("a cardboard protest placard", "a hand-painted placard held up in a crowd"),
    "window": ("a cafe window painted with white lettering", "an A-frame sign on a pavement"),
    "bakery": ("a bakery's paper bag", "a cake box with a printed logo"),
    "certificate": ("a framed certificate", "an award certificate with a gold seal"),
}


def _multi_lines(rng: random.Random, kind: str) -> list[str]:
    name = pick(rng, FIRST_NAMES)
    if kind == "menu":
        items = sample(rng, MENU_ITEMS, rng.choice((2, 3)))
        cur = pick(rng, ("$", "£", "€"))
        return [pick(rng, MENU_HEADERS)] + [f"{i} {cur}{rng.randint(3, 14)}" for i in items]
    if kind == "book":
        title = f"{pick(rng, BOOK_TITLES_A)} {pick(rng, BOOK_TITLES_B)}"
        lines = [title, f"{name} {pick(rng, LAST_NAMES)}"]
        return lines + (["A Novel"] if chance(rng, 0.3) else [])
    if kind == "card":
        return list(pick(rng, GREETINGS))
    if kind == "badge":
        return ["HELLO", "my name is", name]
    if kind == "wedding":
        other = pick(rng, [f for f in FIRST_NAMES if f != name])
        day = f"{pick(rng, MONTHS)} {rng.randint(1, 28)}, {rng.randint(2024, 2027)}"
        return ["Welcome to the wedding of", f"{name} & {other}", day][: rng.choice((2, 3))]
    if kind == "ticket":
        seat = f"ROW {pick(rng, 'ABCDEFGHJK')} SEAT {rng.randint(1, 40)}"
        return [pick(rng, EVENTS), f"{rng.randint(1, 28)} {pick(rng, MONTHS).upper()}", seat]
    if kind == "jar":
        return [f"{pick(rng, FLAVOURS)} Jam", f"Made {pick(rng, MONTHS)} {rng.randint(2023, 2026)}"]
    if kind == "todo":
        return sample(rng, TODO, rng.choice((2, 3, 4)))
    if kind == "lost":
        return [
            "LOST CAT" if chance(rng, 0.5) else "LOST DOG",
            f"Answers to {pick(rng, PETS)}",
            f"Call 555-01{rng.randint(10, 99)}",
        ]
    if kind == "postcard":
        return ["Greetings from", pick(rng, CITIES).upper()]
    if kind == "marquee":
        return ["NOW SHOWING", pick(rng, FILMS), pick(rng, ("7PM & 9PM", "SAT & SUN", "TONIGHT"))]
    if kind == "placard":
        return list(pick(rng, PLACARDS))
    if kind == "window":
        return sample(rng, WINDOW_LINES, rng.choice((2, 3)))
    if kind == "bakery":
        return [f"{name}'s Bakery", f"Est. {rng.randint(1920, 2015)}"]
    return ["Certificate of Achievement", f"awarded to {name} {pick(rng, LAST_NAMES)}"]


SMALL_KINDS = (
    "book",
    "card",
    "badge",
    "ticket",
    "jar",
    "todo",
    "postcard",
    "bakery",
    "certificate",
)
MULTI_SETTINGS_SMALL = (
    "on a wooden table",
    "photographed from above",
    "beside a cup of tea",
    "on a marble counter",
    "held in one hand",
    "close-up",
    "on a cluttered desk",
    "next to a pair of glasses",
)
MULTI_SETTINGS_LARGE = (
    "in soft daylight",
    "on a rainy day",
    "on a busy street",
    "under warm lights",
    "seen from across the street",
    "with people walking past",
    "at dusk",
    "in bright sun",
)


def multi_line(rng: random.Random) -> Draft:
    kind = pick(rng, tuple(MULTI_OBJECTS))
    lines = _multi_lines(rng, kind)
    obj = pick(rng, MULTI_OBJECTS[kind])
    t = tier(rng, (0.05, 0.35, 0.35, 0.2, 0.05))
    verb = pick(rng, ("with", "that reads", "reading", "showing", "lettered with"))
    text = cap(f"{obj} {verb} {lines_phrase(rng, lines)}")
    n = 1 + len(lines)
    if t != "terse" and chance(rng, 0.5):
        settings = MULTI_SETTINGS_SMALL if kind in SMALL_KINDS else MULTI_SETTINGS_LARGE
        text += f", {pick(rng, settings)}"
        n += 1
    text, n = _finish(rng, t, text, n, lettering=())
    return Draft(text, n, ("text", "multi_line", kind), "\n".join(lines))


# Paragraph: one block of running text -------------------------------------------------------

MUSEUM_OBJECTS = (
    "Tea bowl",
    "Hand mirror",
    "Travelling chess set",
    "Ceremonial drum",
    "Oil lamp",
    "Pocket sundial",
    "Child's shoe",
    "Wine jug",
    "Fishing float",
    "Hair comb",
    "Writing box",
    "Spinning top",
    "Bronze bell",
    "Ink stone",
)
MUSEUM_MATERIALS = (
    "Glazed stoneware",
    "Bronze",
    "Carved bone",
    "Lacquered wood",
    "Blown glass",
    "Silver and enamel",
    "Terracotta",
    "Woven reed",
    "Jade",
    "Tin-glazed earthenware",
)
MUSEUM_ORIGINS = (
    "Jiangxi, China",
    "Kyoto, Japan",
    "Isfahan, Iran",
    "Delft, Netherlands",
    "Oaxaca, Mexico",
    "Benin City, Nigeria",
    "Venice, Italy",
    "Cusco, Peru",
    "Gyeongju, Korea",
    "Bukhara, Uzbekistan",
    "Staffordshire, England",
)
CENTURIES = (
    "12th century",
    "15th century",
    "about 1650",
    "18th century",
    "around 1820",
    "late 19th century",
    "early 20th century",
    "about 200 BC",
    "9th century",
)
MUSEUM_FACTS = (
    "It was found in a riverbed in 1923 by a schoolboy.",
    "The owner's name is scratched faintly into the base.",
    "It was given to the museum by the family of its maker.",
    "Tiny repairs show that it was used for many years.",
    "Objects like this were often buried with their owners.",
    "It survived a fire that destroyed the rest of the house.",
    "The pattern on the rim is copied from a silk textile.",
    "Only three others like it are known to exist.",
    "Look closely to see the maker's thumbprint in the glaze.",
    "It travelled more than four thousand miles by camel and ship.",
)

FACILITIES = (
    "The swimming pool",
    "The library",
    "This lift",
    "The east car park",
    "The rooftop garden",
    "The museum cafe",
    "This footpath",
    "The reading room",
    "Platform 2",
    "The climbing wall",
    "The community hall",
    "The north entrance",
)
CLOSURES = (
    "will be closed on Monday for cleaning",
    "is closed until further notice",
    "will close early at 4pm on Friday",
    "is closed for repairs this week",
    "will reopen on 1 June after renovation",
    "is closed during the storm warning",
)
NOTICE_MIDDLE = (
    "Please use the entrance on Mill Street instead.",
    "Lessons will restart on Tuesday at 7am.",
    "Staff at the front desk will be happy to help.",
    "Members will not be charged for this month.",
    "A temporary service runs every twenty minutes.",
    "Dogs must be kept on a lead at all times.",
    "Please keep to the marked path.",
    "Lost property can be collected from reception.",
)
NOTICE_END = (
    "Thank you for your patience.",
    "We apologise for any inconvenience.",
    "Thank you for understanding.",
    "We look forward to seeing you soon.",
    "Questions? Ask any member of staff.",
)

LETTER_BODIES = (
    "The garden is full of tomatoes this year and the cat sleeps in the greenhouse.",
    "I finally finished the painting of the harbour and hung it above the stove.",
    "It has rained every day since you left, but the river looks beautiful.",
    "The new job is hard but the people are kind.",
    "I found your old bicycle in the shed and gave it new tyres.",
    "We miss your terrible jokes at dinner.",
    "The baby said her first word today, and it was 'moon'.",
    "Thank you for the book; I read it in two nights.",
    "The bakery on the corner closed, so I have started making my own bread.",
    "Your grandfather planted the apple tree again, in the same place.",
    "Write soon and tell me everything about the city.",
    "Come home for the summer if you can.",
    "The snow is up to the windows and the stove has not gone out for a week.",
    "I keep your postcard on the fridge.",
)
SIGNOFFS = ("Love", "With love", "Yours", "All my love", "See you soon", "Warmly", "Hugs")

RECIPES = (
    (
        "Preheat the oven to 180°C.",
        "Cream the butter and sugar until pale.",
        "Beat in the eggs one at a time.",
        "Fold in the flour and bake for 25 minutes.",
    ),
    (
        "Rinse the rice until the water runs clear.",
        "Add one and a half cups of water.",
        "Bring to the boil, then cover and simmer for 12 minutes.",
        "Rest for ten minutes before serving.",
    ),
    (
        "Whisk two eggs with a pinch of salt.",
        "Melt butter in a pan over low heat.",
        "Pour in the eggs and stir slowly.",
        "Take them off the heat while they still look wet.",
    ),
    (
        "Slice the onions thinly.",
        "Cook them slowly in butter for forty minutes.",
        "Add the stock and a bay leaf.",
        "Top with toasted bread and grated cheese.",
    ),
    (
        "Mix the flour, yeast and salt.",
        "Add warm water and knead for ten minutes.",
        "Leave to rise until doubled.",
        "Shape, rest again and bake until hollow when tapped.",
    ),
    (
        "Toast the spices in a dry pan.",
        "Add the onion, garlic and ginger.",
        "Stir in the tomatoes and simmer.",
        "Finish with coriander and a squeeze of lime.",
    ),
)

PARK_FACTS = (
    "This oak was planted in 1820 and is home to more than two hundred kinds of insect.",
    "Otters returned to this river in 2009 after an absence of forty years.",
    "The stones of this wall were laid without mortar by farmers three centuries ago.",
    "Swifts nest under the bridge every May after flying here from Africa.",
    "This meadow is cut only once a year so that wild flowers can set seed.",
    "The pond was dug by hand in 1910 to supply water for steam engines.",
    "Bats hunt along this hedge on summer evenings.",
    "The view from here takes in four counties on a clear day.",
)
PARK_ASKS = (
    "Please do not climb the branches.",
    "Please take your litter home.",
    "Keep dogs out of the water during nesting season.",
    "Please stay behind the fence.",
    "Look out for the heron at dawn.",
    "Help us protect it for the next hundred years.",
)

SAYINGS = (
    "Slow mornings make good days.",
    "The kettle is always on for friends.",
    "Every map was once a blank page.",
    "Small steps still leave footprints.",
    "Good bread takes time, and so do good people.",
    "The tide comes back, and so will you.",
    "Plant something, even if you will not see it grow.",
    "Kindness is never wasted.",
    "Keep the porch light on for those still walking home.",
    "Rest is part of the work.",
    "A quiet mind hears the rain.",
    "Make room at the table.",
)

OPENINGS = (
    "The lighthouse keeper had not spoken to anyone in eleven days.",
    "Nobody in the village remembered who had planted the orange tree.",
    "On the morning the river froze, my grandmother packed a single suitcase.",
    "The last train of the night was always empty, except for the man with the violin.",
    "The map in the attic showed an island that was not on any other chart.",
    "Every spring the swallows came back to the same crooked barn.",
    "The robot had been built to sweep floors, but it preferred to watch the sunset.",
    "There were exactly forty-two steps from the harbour to the bakery door.",
)
FOLLOWS = (
    "She wrote everything down in a green notebook.",
    "Then, one evening, the bell rang.",
    "It was the first thing anyone had said in a very long time.",
    "No one asked why, and no one ever found out.",
    "The wind smelled of salt and diesel.",
    "That was the year everything changed.",
)


def _paragraph(rng: random.Random) -> tuple[str, str, tuple[str, ...]]:
    """(kind, paragraph, media) for one random genre."""
    kind = pick(rng, ("museum", "notice", "letter", "recipe", "park", "saying", "story"))
    if kind == "museum":
        body = (
            f"{pick(rng, MUSEUM_OBJECTS)}. {pick(rng, MUSEUM_MATERIALS)}, "
            f"{pick(rng, MUSEUM_ORIGINS)}, {pick(rng, CENTURIES)}. {pick(rng, MUSEUM_FACTS)}"
        )
        media = (
            "a museum label beside a glass case",
            "a small printed card in a museum vitrine",
            "a gallery wall label",
        )
    elif kind == "notice":
        body = " ".join(
            (
                f"{pick(rng, FACILITIES)} {pick(rng, CLOSURES)}.",
                pick(rng, NOTICE_MIDDLE),
                pick(rng, NOTICE_END),
            )
        )
        media = (
            "a laminated notice taped to a glass door",
            "a printed notice pinned to a board",
            "a sign on an easel in a lobby",
        )
    elif kind == "letter":
        a, b = sample(rng, LETTER_BODIES, 2)
        body = (
            f"Dear {pick(rng, FIRST_NAMES)}, {a} {b} "
            f"{pick(rng, SIGNOFFS)}, {pick(rng, FIRST_NAMES)}"
        )
        media = (
            "a handwritten letter on cream paper",
            "a note in blue ink on lined paper",
            "a postcard's message side",
            "a letter lying on a desk next to its envelope",
        )
    elif kind == "recipe":
        steps = pick(rng, RECIPES)
        start = rng.randrange(len(steps) - 2)
        body = " ".join(steps[start : start + rng.choice((2, 3))])
        media = (
            "a handwritten recipe card",
            "a page of an open cookbook",
            "a recipe taped inside a kitchen cupboard",
        )
    elif kind == "park":
        body = f"{pick(rng, PARK_FACTS)} {pick(rng, PARK_ASKS)}"
        media = (
            "an information board in a park",
            "a wooden trail sign with a printed panel",
            "an enamel plaque on a post by a path",
        )
    elif kind == "saying":
        body = " ".join(sample(rng, SAYINGS, rng.choice((2, 3))))
        media = (
            "a framed print on a kitchen wall",
            "a letterpress poster",
            "a hand-lettered sign above a fireplace",
            "a page in a sketchbook",
        )
    else:
        body = f"{pick(rng, OPENINGS)} {pick(rng, FOLLOWS)}"
        media = (
            "the first page of a paperback novel",
            "a typewritten page in a typewriter",
            "an open book on a cafe table",
            "a page of a children's book",
        )
    return kind, body, media


def paragraph(rng: random.Random) -> Draft:
    kind, body, media = _paragraph(rng)
    t = tier(rng, (0.0, 0.3, 0.4, 0.25, 0.05))
    lead = pick(rng, media)
    frame = pick(
        rng,
        (
            "{m} with the text: {q}",
            "{m} that reads {q}",
            "{m}. The text says: {q}",
            "{m}, the whole paragraph legible: {q}",
            "{m} reading {q}",
        ),
    )
    text = cap(frame.format(m=lead, q=_q(body)))
    text, n = _finish(rng, t, text, 2, lettering=())
    return Draft(text, n, ("text", "paragraph", kind), body)


# Signage ------------------------------------------------------------------------------------

SHOP_ADJ = (
    "Copper",
    "Golden",
    "Little",
    "Blue",
    "Crooked",
    "Salty",
    "Sleepy",
    "Wild",
    "Old",
    "Red",
    "Lucky",
    "Silver",
    "Green",
    "Hungry",
    "Happy",
    "Velvet",
    "Rusty",
    "Honest",
)
SHOP_NOUNS = (
    "Kettle",
    "Fox",
    "Anchor",
    "Spoon",
    "Lantern",
    "Pig",
    "Owl",
    "Bicycle",
    "Teapot",
    "Whale",
    "Moth",
    "Acorn",
    "Compass",
    "Pear",
    "Heron",
    "Button",
    "Sparrow",
    "Ladle",
)
TRADES = (
    "Bakery",
    "Cafe",
    "Books",
    "Bicycles",
    "Flowers",
    "Noodle Bar",
    "Barber",
    "Records",
    "Tailors",
    "Hardware",
    "Deli",
    "Tea Room",
    "Pharmacy",
    "Laundry",
    "Ice Cream",
    "Antiques",
    "Pizzeria",
    "Bookshop",
    "Dumpling House",
    "Fish & Chips",
)
PAIRS = (
    "Salt & Pepper",
    "Needle & Thread",
    "Bread & Butter",
    "Rock & Roll",
    "Ink & Paper",
    "Milk & Honey",
    "Hook & Line",
    "Sun & Moon",
    "Fork & Knife",
    "Thistle & Rose",
)

SHOP_SIGN_FORMS = (
    "a hand-painted wooden shop sign reading {q} above a blue door",
    "a gold-leaf sign {q} on a shop window",
    "a hanging iron bracket sign that says {q}",
    "a neon shop sign {q} glowing above a doorway",
    "an awning printed with {q}",
    "a backlit box sign {q} over a corner shop",
    "a vintage enamel sign reading {q}",
    "painted lettering {q} along the fascia of a Victorian shopfront",
    "a chalk A-board outside a shop with {q} at the top",
    "brass letters {q} mounted on a brick wall",
    "a sign {q} carved into a slab of oak",
)

STREET_SIGNS = (
    "NO PARKING",
    "STOP",
    "ONE WAY",
    "DEAD END",
    "KEEP LEFT",
    "PRIVATE ROAD",
    "SLOW",
    "NO ENTRY",
    "GIVE WAY",
    "SCHOOL ZONE",
    "ROAD CLOSED",
    "DETOUR",
    "BUS ONLY",
    "NO U-TURN",
)
# (warning, where such a sign stands)
WARNINGS = (
    ("CAUTION: WET FLOOR", "floor"),
    ("MIND THE GAP", "floor"),
    ("HARD HAT AREA", "fence"),
    ("DANGER: HIGH VOLTAGE", "fence"),
    ("BEWARE OF THE DOG", "fence"),
    ("KEEP OUT", "fence"),
    ("THIN ICE", "water"),
    ("NO SWIMMING", "water"),
    ("DEEP WATER", "water"),
    ("DO NOT FEED THE DUCKS", "water"),
    ("FALLING ROCKS", "road"),
    ("CLIFF EDGE", "road"),
    ("SLIPPERY WHEN WET", "road"),
    ("NO DRONES", "road"),
    ("QUIET PLEASE", "floor"),
    ("FRAGILE", "floor"),
)
WARNING_FRAMES = {
    "floor": ("a fold-out plastic sign {q} on a shiny floor", "a printed sign {q} taped to a wall"),
    "fence": ("a sign on a wire fence saying {q}", "a red-and-white sign {q} on a gate"),
    "water": ("a weathered warning board {q} by the water", "a sign {q} at the edge of a pond"),
    "road": ("a yellow warning sign reading {q} by a mountain road", "a roadside sign saying {q}"),
}
STREET_NAMES = (
    "Maple",
    "Harbour",
    "Station",
    "Orchard",
    "Mill",
    "Church",
    "Willow",
    "Kings",
    "Baker",
    "Juniper",
    "Ferry",
    "Chapel",
    "Lark",
    "Canal",
    "Market",
    "Garden",
)
STREET_TYPES = ("Street", "Road", "Lane", "Avenue", "Close", "Terrace", "Way", "Row")
TRAILS = (
    "Summit",
    "Waterfall",
    "Lake",
    "Car Park",
    "Viewpoint",
    "Old Mill",
    "Beach",
    "Campsite",
    "Lighthouse",
    "Visitor Centre",
    "Bird Hide",
    "Picnic Area",
)


def _sign(rng: random.Random) -> tuple[list[str], str, str]:
    """(lines, quoted description with {q} slots, kind)."""
    kind = pick(
        rng, ("shop", "shop", "street", "warning", "road", "trail", "station", "hours", "door")
    )
    if kind == "shop":
        form = rng.randrange(4)
        if form == 0:
            name = f"The {pick(rng, SHOP_ADJ)} {pick(rng, SHOP_NOUNS)}"
        elif form == 1:
            name = f"{pick(rng, FIRST_NAMES)}'s {pick(rng, TRADES)}"
        elif form == 2:
            name = pick(rng, PAIRS)
        else:
            name = f"{pick(rng, SHOP_NOUNS)} {pick(rng, TRADES)}"
        return [name], pick(rng, SHOP_SIGN_FORMS), kind
    if kind == "street":
        frame = pick(
            rng,
            (
                "a red-and-white road sign reading {q} on a quiet street",
                "a sign saying {q} at the end of a lane",
                "a metal sign {q} bolted to a post in the rain",
            ),
        )
        return [pick(rng, STREET_SIGNS)], frame, kind
    if kind == "warning":
        warning, place = pick(rng, WARNINGS)
        frame = pick(rng, WARNING_FRAMES[place])
        return [warning], frame, kind
    if kind == "road":
        name = f"{pick(rng, STREET_NAMES)} {pick(rng, STREET_TYPES)}"
        frame = pick(
            rng,
            (
                "a street-name plate {q} on a brick corner",
                "a green street sign {q}",
                "a blue enamel street sign reading {q}",
            ),
        )
        return [name], frame, kind
    if kind == "trail":
        a, b = sample(rng, TRAILS, 2)
        unit = pick(rng, ("km", "mi"))
        lines = [
            f"{a} {rng.randint(1, 9)}.{rng.randint(0, 9)} {unit}",
            f"{b} {rng.randint(1, 9)}.{rng.randint(0, 9)} {unit}",
        ]
        frame = pick(
            rng,
            (
                "a wooden fingerpost on a hiking trail with two arms: {q1} and {q2}",
                "a trail marker with {q1} above {q2}",
            ),
        )
        return lines, frame, kind
    if kind == "station":
        city = pick(rng, CITIES)
        lines = [f"{city} Central", f"Platform {rng.randint(1, 12)}"]
        frame = pick(
            rng,
            (
                "a station sign reading {q1} with {q2} underneath",
                "an illuminated railway sign, {q1} on top and {q2} below",
            ),
        )
        return lines, frame, kind
    if kind == "hours":
        lines = [
            pick(rng, ("OPEN", "Opening Hours", "WE ARE OPEN")),
            pick(rng, ("Mon-Fri 8-6", "Daily 9am-5pm", "Tue-Sun 10-4", "7 days a week")),
        ]
        frame = pick(
            rng,
            (
                "a sign on a shop door with {q1} over {q2}",
                "a hanging door sign reading {q1} and below it {q2}",
            ),
        )
        return lines, frame, kind
    who = f"{pick(rng, FIRST_NAMES)} {pick(rng, LAST_NAMES)}"
    role = pick(rng, ("Architect", "Dentist", "Notary", "Piano Lessons", "Solicitor", "Studio 4"))
    frame = pick(
        rng,
        (
            "a polished brass door plaque engraved {q1} above {q2}",
            "an office door sign, {q1} on the first line and {q2} on the second",
        ),
    )
    return [who, role], frame, kind


SIGN_SCENES = (
    "in a narrow cobbled street",
    "on a foggy morning",
    "at night under a streetlight",
    "in the rain",
    "on a sunny afternoon",
    "in a quiet village",
    "in a busy city centre",
    "covered in a light dusting of snow",
    "with ivy growing around it",
    "at golden hour",
    "seen from across the road",
    "partly in shadow",
)


TRAIL_SCENES = (
    "on a misty hillside",
    "at a fork in a forest path",
    "beside a mountain stream",
    "in deep snow",
    "among heather and bracken",
    "on a windy coastal path",
)


def signage(rng: random.Random) -> Draft:
    lines, frame, kind = _sign(rng)
    if len(lines) == 1:
        text = frame.format(q=_q(lines[0]))
    else:
        text = frame.format(q1=_q(lines[0]), q2=_q(lines[1]))
    t = tier(rng, (0.1, 0.35, 0.3, 0.2, 0.05))
    text = cap(text)
    n = 2 + len(lines)
    if t == "terse":
        n = len(lines) + 1
    elif chance(rng, 0.6):
        text += f" {pick(rng, TRAIL_SCENES if kind == 'trail' else SIGN_SCENES)}"
        n += 1
    text, n = _finish(rng, t, text, n, SIGN_LETTERING)
    return Draft(text, n, ("text", "signage", kind), "\n".join(lines))


# Headlines ----------------------------------------------------------------------------------

HEAD_SUBJECTS = (
    "Local Bakery",
    "Village Choir",
    "City Zoo",
    "Harbour Festival",
    "Teen Inventor",
    "Retired Teacher",
    "Rescue Dog",
    "Night Bus Driver",
    "Town Library",
    "Science Museum",
    "School Robotics Team",
    "Corner Shop",
    "Lighthouse Keeper",
    "Community Garden",
    "Tiny Museum",
    "Grandmother, 92,",
    "Street Cat",
    "Amateur Astronomer",
    "Ferry Captain",
    "Mountain Rescue Team",
    "Old Cinema",
    "Food Truck",
    "Marching Band",
    "Beekeeper",
    "Chess Club",
    "Sea Swimmers",
    "Farmers' Market",
    "Jazz Trio",
    "Young Chef",
    "Bookshop Owner",
)
HEAD_EVENTS = (
    "Wins National Award",
    "Celebrates 100 Years",
    "Breaks World Record",
    "Reopens at Last",
    "Goes Viral Overnight",
    "Saves the Day",
    "Returns Home in Triumph",
    "Raises $10,000 for Charity",
    "Stuns Judges",
    "Makes History",
    "Beats the Odds",
    "Opens Its Doors to All",
    "Finds Lost Treasure",
    "Lights Up the Night",
    "Heads to the Finals",
    "Rescues Stranded Swans",
    "Draws Record Crowds",
    "Says Goodbye After 40 Years",
    "Plans Bold Comeback",
    "Named Best in Country",
)
SCIENCE = (
    "ASTRONOMERS FIND WATER ON DISTANT MOON",
    "HEATWAVE BREAKS 100-YEAR RECORD",
    "RARE WHITE WHALE SPOTTED OFF COAST",
    "STORM EXPECTED TONIGHT",
    "NEW SPECIES OF FROG FOUND",
    "COMET VISIBLE TO NAKED EYE THIS WEEK",
    "BEES RETURN TO CITY CENTRE",
    "ANCIENT SHIP FOUND UNDER CAR PARK",
    "FIRST SNOW OF THE SEASON ARRIVES EARLY",
    "ROBOT COMPLETES MARATHON",
    "RIVER RUNS CLEAN FOR FIRST TIME IN DECADES",
)
MASTHEADS = (
    "THE DAILY HERALD",
    "The Morning Post",
    "EVENING STAR",
    "The Valley Gazette",
    "HARBOUR TIMES",
    "The Northern Echo",
    "CITY CHRONICLE",
    "The Weekly Lantern",
)
MAGAZINES = (
    "WANDER",
    "Kitchen Table",
    "ORBIT",
    "Slow Living",
    "PIXEL",
    "Field Notes",
    "BLOOM",
    "Tidewater",
)
COVER_LINES = (
    "50 Weekend Escapes",
    "The Future of Food",
    "Cities Without Cars",
    "How to Sleep Better",
    "Inside the World's Smallest Libraries",
    "Summer Reading Issue",
    "Grow Your Own",
    "The Art of Doing Nothing",
    "Best New Restaurants",
    "Space: The Next Decade",
)
BANNERS = (
    "GRAND OPENING",
    "WELCOME HOME",
    "CONGRATULATIONS CLASS OF 2025",
    "HAPPY 50TH",
    "CLOSING DOWN SALE",
    "THANK YOU NURSES",
    "GO TEAM GO",
    "FREE ENTRY TODAY",
    "JUST MARRIED",
    "NEW MENU INSIDE",
    "50% OFF EVERYTHING",
    "SOLD OUT",
)
SLOGANS = (
    "Taste the Sunshine",
    "Fresh Every Morning",
    "Built to Last",
    "Go Further",
    "Made for Mondays",
    "Sleep Like a Cloud",
    "Think Small",
    "The Road Is Yours",
    "Coffee, Then Everything",
    "Less Noise, More Music",
    "Drink Water, Be Happy",
)


def headline(rng: random.Random) -> Draft:
    kind = pick(rng, ("news", "news", "science", "magazine", "banner", "billboard"))
    if kind == "news":
        line = f"{pick(rng, HEAD_SUBJECTS)} {pick(rng, HEAD_EVENTS)}"
        if chance(rng, 0.5):
            line = line.upper()
        lines = [pick(rng, MASTHEADS), line] if chance(rng, 0.4) else [line]
        media = (
            "the front page of a newspaper",
            "a newspaper on a cafe table",
            "a folded newspaper on a park bench",
            "a newspaper held up by a commuter",
        )
    elif kind == "science":
        lines = [pick(rng, SCIENCE)]
        media = (
            "a tabloid front page",
            "a newspaper in a news-stand rack",
            "a news ticker on a building",
            "a newspaper lying in the rain",
        )
    elif kind == "magazine":
        lines = [pick(rng, MAGAZINES), pick(rng, COVER_LINES)]
        media = (
            "a glossy magazine cover",
            "a magazine on a coffee table",
            "a stack of magazines, the top cover visible",
        )
    elif kind == "banner":
        lines = [pick(rng, BANNERS)]
        media = (
            "a vinyl banner strung across a shopfront",
            "a cloth banner over a school gate",
            "a banner hung between two trees",
            "a paper banner above a party table",
        )
    else:
        lines = [pick(rng, SLOGANS)]
        media = (
            "a roadside billboard",
            "a huge billboard above a motorway",
            "a bus-stop advertising panel",
            "a digital billboard in a busy square",
        )
    obj = pick(rng, media)
    if len(lines) == 1:
        text = pick(
            rng,
            (
                "{m} with the headline {q}",
                "{m} reading {q}",
                "{m}: {q}",
                "{m} that says {q} in huge letters",
            ),
        ).format(m=obj, q=_q(lines[0]))
    else:
        text = pick(
            rng,
            (
                "{m} with {q1} as the masthead and the headline {q2}",
                "{m}, {q1} at the top and {q2} in large type below",
                "{m} showing {q1} above the headline {q2}",
            ),
        ).format(m=obj, q1=_q(lines[0]), q2=_q(lines[1]))
    t = tier(rng, (0.05, 0.35, 0.35, 0.2, 0.05))
    text, n = _finish(
        rng, t, cap(text), 1 + len(lines) + (kind in ("news", "magazine")), PRINT_LETTERING
    )
    return Draft(text, n, ("text", "headline", kind), "\n".join(lines))


# Couplet: a two-line rhyming verse ----------------------------------------------------------
# Lines grouped by rhyme; a couplet takes two lines of one group with different end words.

RHYMES = (
    (
        "May every window hold a light",
        "The lantern burns against the night",
        "And all our days be warm and bright",
        "Till morning comes to set things right",
        "We watch the swallows take their flight",
        "The harbour sleeps in silver light",
    ),
    (
        "Wherever we wander, this is home",
        "No need to travel or to roam",
        "The sea comes in with lace and foam",
        "Beneath the sky's wide starry dome",
        "The garden rests in dark, rich loam",
    ),
    (
        "We raise a glass to a brand-new day",
        "May every worry drift away",
        "The children laugh and run and play",
        "Come in, sit down, and please do stay",
        "The blossom falls in early May",
        "The boats come home across the bay",
    ),
    (
        "Another turning of the year",
        "May all you love be gathered near",
        "The road ahead is bright and clear",
        "We fill our cups and toast with cheer",
        "The friends we keep are always here",
    ),
    (
        "The swallows bring us back the spring",
        "Let every bell in the city ring",
        "The blackbird on the fence will sing",
        "And hope returns on gentle wing",
        "What joy the coming days will bring",
    ),
    (
        "The seeds we plant will surely grow",
        "Beneath the hush of falling snow",
        "The kitchen fire begins to glow",
        "The river takes its time to flow",
        "The wisest walkers travel slow",
    ),
    (
        "Come share our table and our bread",
        "With every kindness freely spread",
        "The maple turns from green to red",
        "A hundred stories left unsaid",
        "The road runs on to what's ahead",
    ),
    (
        "The wind is rising off the sea",
        "Beneath the old and patient tree",
        "May all who enter here feel free",
        "And every guest be family",
        "The kettle's on, the tea is free",
    ),
    (
        "Two hands together, one whole heart",
        "A quiet ending, a brand-new start",
        "The workbench holds a maker's art",
        "No distance keeps true friends apart",
    ),
    (
        "May golden fields forever shine",
        "The sun goes down behind the pine",
        "Your hand is warm inside of mine",
        "The stars come out in perfect line",
        "The grapes hang heavy on the vine",
    ),
    (
        "We dance together in the rain",
        "The train goes rattling down the lane",
        "The wheat is ripe across the plain",
        "And summer finds its way again",
        "What's lost in winter spring will gain",
    ),
    (
        "Wipe your boots and close the door",
        "The tide runs out along the shore",
        "A little less, a little more",
        "The dogs are sleeping on the floor",
        "We've never been so rich before",
    ),
    (
        "A bowl of soup, a helping hand",
        "The footprints fading in the sand",
        "Not everything goes as we planned",
        "The mountains rise across the land",
    ),
    (
        "The work is hard, the day is done",
        "We share our bread with everyone",
        "The race is long and slowly won",
        "The hills are warming in the sun",
        "The new year's journey has begun",
    ),
    (
        "The apples ripen, leaves will fall",
        "The ivy climbs the garden wall",
        "Our door is open to you all",
        "The smallest voice can still be tall",
        "We hear the distant curlew call",
    ),
    (
        "Here weary travellers may rest",
        "The swallow settles in its nest",
        "The sun goes golden in the west",
        "A simple meal is still the best",
        "Be welcome here, our honoured guest",
    ),
)

COUPLET_MEDIA = (
    (
        "two long red banners hanging either side of a front door",
        "the left banner reads {q1} and the right {q2}",
    ),
    ("a pair of vertical hanging scrolls on a white wall", "one reading {q1}, the other {q2}"),
    (
        "a wooden plaque above a kitchen doorway",
        "carved with {q1} on the first line and {q2} on the second",
    ),
    ("a wedding welcome board", "with the verse {q1} above {q2}"),
    ("a new-year card", "printed with the couplet {q1} and {q2}"),
    ("a hand-painted sign in a cottage garden", "lettered with {q1} and, below, {q2}"),
    ("a chalkboard in a pub", "with the rhyme {q1} followed by {q2}"),
    (
        "two cloth banners on the gateposts of a farm",
        "reading {q1} on the left and {q2} on the right",
    ),
    ("a framed embroidery sampler", "stitched with {q1} over {q2}"),
    ("a ceramic tile above a fireplace", "painted with {q1} and {q2} on two lines"),
    ("a shop window decal for the holidays", "two lines: {q1} and {q2}"),
    ("a memorial bench plaque", "engraved {q1} and underneath {q2}"),
)


def couplet(rng: random.Random) -> Draft:
    group = pick(rng, RHYMES)
    first, second = sample(rng, group, 2)
    if first.split()[-1] == second.split()[-1]:
        second = next(x for x in group if x.split()[-1] != first.split()[-1])
    obj, rest = pick(rng, COUPLET_MEDIA)
    text = cap(f"{obj}, {rest.format(q1=_q(first), q2=_q(second))}")
    t = tier(rng, (0.0, 0.45, 0.35, 0.15, 0.05))
    text, n = _finish(rng, t, text, 3, lettering=())
    return Draft(text, n, ("text", "couplet", "rhyme"), f"{first}\n{second}")


GENERATORS = {
    ("text_rendering/en/word", "en"): word,
    ("text_rendering/en/multi_line", "en"): multi_line,
    ("text_rendering/en/paragraph", "en"): paragraph,
    ("text_rendering/en/signage", "en"): signage,
    ("text_rendering/en/headline", "en"): headline,
    ("text_rendering/en/couplet", "en"): couplet,
}
