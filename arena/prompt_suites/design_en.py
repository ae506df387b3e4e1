"""English prompts for design/*: posters, UI screens, slides, paintings, sculpture, crafts and
digital art. Posters, screens and slides sometimes name a title or label; then the exact words
go into expected_text, as for the text-rendering leaves.
"""

from __future__ import annotations

import random

from arena.prompt_suites.compose_en import LIGHT_NOTES, SETTING_NOTES, elaborate
from arena.prompt_suites.core import (
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
from arena.prompt_suites.lexicon_en import CITIES, FRAMING, FRAMING_CLOSE, LIGHT_STUDIO, PALETTES

# Posters ------------------------------------------------------------------------------------
# (kind of poster, possible titles, visuals that suit it)

POSTERS = (
    (
        "a travel poster for {city}",
        ("VISIT {CITY}", "{CITY} BY NIGHT", "SUMMER IN {CITY}"),
        (
            "a tram climbing past pastel houses",
            "a lighthouse above a turquoise bay",
            "a ferry crossing at sunset",
            "a street of lanterns and rooftops",
            "a skyline over the water",
        ),
    ),
    (
        "a film poster for a quiet science-fiction drama",
        ("THE LAST SIGNAL", "ORBITAL", "SLOW LIGHT"),
        (
            "a lone astronaut standing on a cratered moon",
            "a tiny figure under a vast ringed planet",
            "a radio telescope pointed at a starry sky",
        ),
    ),
    (
        "a horror film poster",
        ("DO NOT ANSWER", "THE HOLLOW", "LAST HOUSE ON ELM"),
        (
            "a farmhouse window with a single light on",
            "a hand pressed against frosted glass",
            "a doll sitting alone in a hallway",
        ),
    ),
    (
        "a concert poster for a jazz night",
        ("BLUE NOTE SESSIONS", "MIDNIGHT TRIO", "LATE SET"),
        (
            "a saxophone drawn in a single flowing line",
            "abstract shapes that look like sound waves",
            "a double bass in silhouette",
        ),
    ),
    (
        "a poster for an electronic music festival",
        ("PULSE", "NIGHTFALL FESTIVAL", "SIGNAL 24"),
        (
            "concentric neon circles",
            "a glitching grid landscape",
            "a chrome sphere reflecting lasers",
        ),
    ),
    (
        "an exhibition poster for a museum show",
        ("MODERN BOTANY", "DEEP TIME", "THE ART OF PAPER"),
        ("a single pressed fern", "a fossil ammonite drawn in fine line", "a folded paper bird"),
    ),
    (
        "a public-health poster",
        ("WASH YOUR HANDS", "DRINK MORE WATER", "SLEEP IS MEDICINE"),
        (
            "a pair of cartoon hands with soap bubbles",
            "a glass of water with a smiling face",
            "a crescent moon tucked into a pillow",
        ),
    ),
    (
        "a vintage circus poster",
        ("THE GRAND CIRCUS", "WONDERS OF THE RING", "ONE NIGHT ONLY"),
        ("an acrobat on a trapeze", "a lion leaping through a hoop", "a striped big top"),
    ),
    (
        "a poster for a farmers' market",
        ("SATURDAY MARKET", "FRESH & LOCAL", "HARVEST FAIR"),
        (
            "a crate of vegetables drawn in bold shapes",
            "a big red tomato",
            "a basket of apples and leeks",
        ),
    ),
    (
        "a minimalist poster for a design conference",
        ("FORM / FUNCTION", "GRID 2025", "TYPE MATTERS"),
        (
            "overlapping primary-coloured circles",
            "a single thick black line",
            "a grid of small squares",
        ),
    ),
    (
        "a climate-action poster",
        ("ONE PLANET", "ACT NOW", "THE SEA IS RISING"),
        ("a melting globe", "a tree whose roots form a fist", "a polar bear on a shrinking floe"),
    ),
    (
        "a poster for a school play",
        ("A MIDSUMMER DREAM", "THE WIZARD'S DAUGHTER", "PETER AND THE MOON"),
        (
            "a paper moon hanging over a forest",
            "cardboard castle scenery",
            "a crown on a velvet cushion",
        ),
    ),
    (
        "a poster for a marathon",
        ("RUN THE CITY", "42K", "CITY MARATHON"),
        (
            "a runner made of bold stripes",
            "a winding route line across a map",
            "a pair of running shoes",
        ),
    ),
    (
        "a beer festival poster",
        ("HOPS & HARVEST", "OKTOBER NIGHTS", "BREW FEST"),
        ("overflowing glass tankards", "a hop vine border", "a barrel with a tap"),
    ),
    (
        "a poster for a night market",
        ("NIGHT MARKET", "EAT LATE", "STREET FOOD FRIDAY"),
        (
            "steaming food stalls under lanterns",
            "skewers and bowls of noodles",
            "a scooter piled with fruit",
        ),
    ),
    (
        "an astronomy club poster",
        ("LOOK UP", "STAR PARTY", "ECLIPSE NIGHT"),
        (
            "a telescope silhouetted against the Milky Way",
            "the phases of the moon in a row",
            "a comet with a long tail",
        ),
    ),
    (
        "a poster for a library reading week",
        ("READ MORE", "BOOKS ARE DOORS", "QUIET HOURS"),
        (
            "a door made of book spines",
            "a child reading under a tree",
            "a stack of books like a skyline",
        ),
    ),
    (
        "a wildlife charity poster",
        ("SAVE THE BEES", "PROTECT THE WILD", "LET RIVERS RUN"),
        ("a bee on a sunflower", "an orangutan holding a leaf", "a salmon leaping up a river"),
    ),
    (
        "a retro sci-fi B-movie poster",
        ("ATTACK OF THE GIANT SNAILS", "ROBOT FROM MARS", "IT CAME AT DAWN"),
        (
            "a giant snail looming over a city",
            "a tin robot carrying a screaming man",
            "a flying saucer over a diner",
        ),
    ),
    (
        "a poster for a tea house opening",
        ("SLOW TEA", "GRAND OPENING", "STEEP & SIP"),
        (
            "a porcelain teapot pouring",
            "a single tea leaf",
            "steam curling into the shape of a mountain",
        ),
    ),
    (
        "a poster for a jazz-age dance hall",
        ("THE VELVET ROOM", "SWING TONIGHT", "DANCE TILL DAWN"),
        (
            "a couple mid-twirl in silhouette",
            "a gramophone horn with musical notes",
            "a fan of gold sunburst lines",
        ),
    ),
    (
        "a ski resort poster",
        ("SNOW IS CALLING", "WINTER PEAKS", "FIRST TRACKS"),
        (
            "a skier carving down a white slope",
            "a cable car over pine forest",
            "a chalet under deep snow",
        ),
    ),
)

POSTER_STYLES = (
    "risograph print texture",
    "screen-printed look",
    "Bauhaus style",
    "Art Deco style",
    "1960s psychedelic style",
    "Swiss International style",
    "Japanese minimalist style",
    "constructivist style",
    "flat vector style",
    "halftone dots",
    "paper collage look",
    "1950s travel-poster style",
    "woodcut style",
    "bold brutalist typography",
)

POSTER_LAYOUTS = (
    "title in large type across the top",
    "an asymmetric grid",
    "lots of negative space",
    "huge type cropped off the edge",
    "title running vertically down the left side",
    "centred symmetrical layout",
    "the image fills the sheet, the title small at the bottom",
    "a thick border and a framed illustration",
    "overlapping type and image",
)

POSTER_EXTRAS = (
    "Add a small date line at the bottom",
    "Keep the colours to three inks",
    "Leave visible paper grain",
    "Use a bold condensed sans-serif",
    "Make it readable from across a room",
    "Include a thin frame around the edge",
    "Slight misregistration between the colours",
    "A4 portrait format",
)


def poster(rng: random.Random) -> Draft:
    kind, titles, visuals = pick(rng, POSTERS)
    city = pick(rng, CITIES)
    kind = kind.format(city=city)
    visual = pick(rng, visuals)
    title = pick(rng, titles).format(CITY=city.upper()) if chance(rng, 0.55) else None
    t = tier(rng)
    n = 2
    if t == "terse":
        title = None
        text = f"{kind}, {pick(rng, POSTER_STYLES)}"
    else:
        head = f"{cap(kind)} showing {visual}"
        if title:
            head += pick(
                rng, (f', with the title "{title}"', f' titled "{title}"', f', headline "{title}"')
            )
            n += 1
        parts = [head]
        if t != "short":
            parts.append(f"{pick(rng, POSTER_STYLES)}, {pick(rng, PALETTES)}")
            n += 2
        if t in ("long", "epic"):
            parts.append(pick(rng, POSTER_LAYOUTS))
            n += 1
        text = " ".join(sentence(p) for p in parts)
        if t == "epic" or (t == "long" and chance(rng, 0.5)):
            extras = sample(rng, POSTER_EXTRAS, 2 if t == "epic" else 1)
            text += " " + " ".join(sentence(e) for e in extras)
            n += len(extras)
    tags = ("design", "poster") + (("text",) if title else ())
    return Draft(text, n, tags, title)


# UI screens ---------------------------------------------------------------------------------
# (what the screen is, parts it shows, labels a button or tab might carry)

SCREENS = (
    (
        "a mobile banking app home screen",
        ("a balance card", "recent transactions", "a quick-transfer row", "a spending chart"),
        ("Send money", "Top up", "View all"),
    ),
    (
        "a weather app screen",
        (
            "a large temperature reading",
            "an hourly forecast strip",
            "a 7-day list",
            "a rain radar map",
        ),
        ("Today", "Next 7 days", "Radar"),
    ),
    (
        "a meditation app onboarding screen",
        ("a calm illustration of hills", "a short welcome line", "progress dots"),
        ("Get started", "Skip", "Begin"),
    ),
    (
        "a food delivery app",
        (
            "a search bar",
            "category chips",
            "restaurant cards with photos",
            "a floating cart button",
        ),
        ("Order now", "Add to cart", "Checkout"),
    ),
    (
        "a fitness tracker dashboard",
        ("activity rings", "a step count", "a heart-rate graph", "a weekly bar chart"),
        ("Start workout", "History", "Goals"),
    ),
    (
        "a music player screen",
        ("album art", "a progress scrubber", "play and skip controls", "a lyrics panel"),
        ("Now Playing", "Up next", "Shuffle"),
    ),
    (
        "a flight booking web page",
        ("a search form with dates", "a fare calendar", "a list of flights", "a seat map"),
        ("Search flights", "Book now", "Select seat"),
    ),
    (
        "a smart-home control app",
        ("room tiles", "a thermostat dial", "light toggles", "a camera feed thumbnail"),
        ("All off", "Living room", "Scenes"),
    ),
    (
        "an e-commerce product page",
        ("a large product photo", "colour swatches", "a size selector", "customer reviews"),
        ("Add to bag", "Buy now", "Size guide"),
    ),
    (
        "a language-learning app lesson screen",
        ("a flashcard", "multiple-choice answers", "a progress bar", "a streak counter"),
        ("Check", "Continue", "Hint"),
    ),
    (
        "a project management dashboard",
        ("kanban columns", "task cards with avatars", "a sidebar", "a burndown chart"),
        ("New task", "Board", "Timeline"),
    ),
    (
        "a smartwatch face",
        ("the time in big numerals", "a heart-rate complication", "a battery ring"),
        ("Start", "Workout", "Timer"),
    ),
    (
        "a recipe app screen",
        ("a hero photo of the dish", "an ingredient checklist", "step-by-step instructions"),
        ("Start cooking", "Save recipe", "Servings"),
    ),
    (
        "a login screen",
        ("a logo", "email and password fields", "a social sign-in row"),
        ("Sign in", "Create account", "Forgot password?"),
    ),
    (
        "a car dashboard infotainment screen",
        ("a navigation map", "media controls", "climate controls"),
        ("Navigate", "Media", "Climate"),
    ),
    (
        "a stock trading app",
        ("a candlestick chart", "a watchlist", "a buy and sell panel"),
        ("Buy", "Sell", "Watchlist"),
    ),
    (
        "a photo editing app",
        ("a canvas with a photo", "adjustment sliders", "a filter strip"),
        ("Export", "Undo", "Filters"),
    ),
    (
        "a calendar app week view",
        ("coloured event blocks", "a mini month picker", "a current-time line"),
        ("Today", "New event", "Week"),
    ),
    (
        "a podcast app library",
        ("a grid of show covers", "a continue-listening row", "download indicators"),
        ("Library", "Play", "Downloads"),
    ),
    (
        "a hotel booking app",
        ("room photos in a carousel", "an amenities list", "a price summary"),
        ("Reserve", "Check availability", "Map"),
    ),
    (
        "a plant-care app",
        ("plant cards with watering countdowns", "a light-level meter", "a care calendar"),
        ("Water now", "Add plant", "Reminders"),
    ),
    (
        "a bike-sharing app",
        ("a map with bike pins", "a ride timer", "a QR scanner button"),
        ("Unlock bike", "End ride", "Nearby"),
    ),
)

UI_STYLES = (
    "dark mode",
    "light mode",
    "glassmorphism",
    "soft neumorphic style",
    "Material Design",
    "flat design",
    "rounded cards with subtle shadows",
    "high-contrast accessible design",
    "pastel colours",
    "bold brutalist layout",
    "iOS style",
    "clean Swiss grid",
)

UI_EXTRAS = (
    "Show it on a phone mock-up",
    "Use an 8-point spacing grid",
    "Icons in a consistent outline style",
    "One accent colour only",
    "Generous white space",
    "Realistic placeholder data",
    "Shown as a flat screenshot",
    "Include the status bar at the top",
)


def ui(rng: random.Random) -> Draft:
    screen, parts, labels = pick(rng, SCREENS)
    t = tier(rng)
    label = pick(rng, labels) if chance(rng, 0.5) and t != "terse" else None
    k = {"terse": 0, "short": 1, "medium": 2, "long": 3, "epic": len(parts)}[t]
    shown = sample(rng, parts, min(k, len(parts)))
    n = 1 + len(shown)
    if t == "terse":
        text = f"{screen} UI, {pick(rng, UI_STYLES)}"
        n += 1
    else:
        text = cap(screen) + (f" with {join_and(shown)}" if shown else "")
        if label:
            text += pick(
                rng,
                (
                    f' and a button labelled "{label}"',
                    f', a "{label}" button',
                    f', primary action "{label}"',
                ),
            )
            n += 1
        text = sentence(text)
        if t != "short":
            text += " " + sentence(f"{pick(rng, UI_STYLES)}, {pick(rng, PALETTES)}")
            n += 2
        if t in ("long", "epic"):
            extras = sample(rng, UI_EXTRAS, 1 if t == "long" else 2)
            text += " " + " ".join(sentence(e) for e in extras)
            n += len(extras)
    tags = ("design", "ui") + (("text",) if label else ())
    return Draft(text, n, tags, label)


# Slides -------------------------------------------------------------------------------------

SLIDES = (
    ("quarterly sales results", ("Q3 Results", "Sales Up 18%", "Quarter in Review"), "a bar chart"),
    (
        "a product launch",
        ("Introducing Nova", "Meet the New Lineup", "Launch Plan"),
        "a product render",
    ),
    (
        "the water cycle for a school class",
        ("The Water Cycle", "Where Rain Comes From"),
        "a labelled diagram",
    ),
    ("a startup pitch", ("The Problem", "Our Solution", "Why Now"), "a single large statistic"),
    ("a project timeline", ("Roadmap 2025", "Milestones", "Next Steps"), "a horizontal timeline"),
    ("team introductions", ("Meet the Team", "Who We Are"), "a row of circular headshots"),
    (
        "a research paper summary",
        ("Key Findings", "Method", "Results"),
        "a line chart with error bars",
    ),
    (
        "a company all-hands meeting",
        ("Welcome Back", "Agenda", "Thank You"),
        "a big photo of the office",
    ),
    ("a cooking class", ("Knife Skills 101", "Today's Menu"), "photos of chopped vegetables"),
    (
        "a lecture on volcanoes",
        ("How Volcanoes Form", "Plate Boundaries"),
        "a cross-section diagram",
    ),
    ("a travel itinerary", ("Day 1: Kyoto", "Our Route"), "a map with a dotted route"),
    ("customer survey results", ("What Customers Said", "Survey Highlights"), "a donut chart"),
    ("a security training session", ("Spot the Phish", "Password Basics"), "an illustrated email"),
    ("a wedding toast", ("Ten Years of Us", "How They Met"), "a photo collage"),
    ("a budget review", ("Budget 2025", "Where the Money Goes"), "a stacked area chart"),
    ("an onboarding deck", ("Your First Week", "Tools We Use"), "a checklist"),
    (
        "a museum education talk",
        ("Life in Ancient Egypt", "Reading Hieroglyphs"),
        "a photo of a papyrus",
    ),
    ("a sustainability report", ("Net Zero by 2030", "Our Footprint"), "a pie chart"),
)

SLIDE_LAYOUTS = (
    "title at the top and three bullet points on the left",
    "a two-column layout",
    "one big number in the centre",
    "a full-bleed photo with the title overlaid",
    "a title and a single chart",
    "icons in a row of four",
    "a quote in large type",
    "a section divider with a coloured background",
)

SLIDE_STYLES = (
    "corporate blue template",
    "minimal white with one accent colour",
    "dark theme",
    "playful hand-drawn style",
    "Keynote-style gradient background",
    "academic style",
    "flat illustrations",
    "16:9",
)


SLIDE_FINISHES = (
    "Clean alignment, consistent fonts and a small page number in the corner.",
    "A company logo sits small in the bottom right.",
    "Speaker-friendly: large type, nothing crammed in.",
    "The footer shows the date and the slide number.",
)


def slide(rng: random.Random) -> Draft:
    topic, titles, visual = pick(rng, SLIDES)
    t = tier(rng)
    title = pick(rng, titles) if chance(rng, 0.6) and t != "terse" else None
    n = 2
    if t == "terse":
        text = f"presentation slide about {topic}"
    else:
        text = f"A presentation slide about {topic}"
        if title:
            text += pick(
                rng, (f' titled "{title}"', f', heading "{title}"', f' with the title "{title}"')
            )
            n += 1
        text = sentence(f"{text}, with {visual}")
        n += 1
        if t != "short":
            text += " " + sentence(pick(rng, SLIDE_LAYOUTS))
            n += 1
        if t in ("long", "epic"):
            text += " " + sentence(f"{pick(rng, SLIDE_STYLES)}, {pick(rng, PALETTES)}")
            n += 2
        if t == "epic":
            text += " " + pick(rng, SLIDE_FINISHES)
            n += 1
    tags = ("design", "slide") + (("text",) if title else ())
    return Draft(text, n, tags, title)


# Paintings ----------------------------------------------------------------------------------

PAINTINGS = (
    "a Dutch Golden Age still life with a peeled lemon and a silver goblet",
    "an Impressionist painting of a rowing regatta",
    "a Renaissance fresco of musicians in a garden",
    "a Byzantine-style icon on a gold ground",
    "a Mughal miniature of a royal hunt",
    "an Aboriginal-style dot painting of a waterhole",
    "a gongbi painting of a peacock under peonies",
    "a Persian miniature of lovers in a garden",
    "a triptych of a fishing village through the seasons",
    "a trompe-l'oeil mural of an open window",
    "an abstract expressionist canvas in red and black",
    "a cubist portrait of a guitarist",
    "a surrealist landscape where the trees are made of keys",
    "a Fauvist landscape with a pink river",
    "a pointillist beach scene",
    "a Hudson River School view of a gorge",
    "a Pre-Raphaelite painting of a woman in a boat",
    "a naive folk painting of a village wedding",
    "a Mexican muralist scene of farm workers",
    "a colour-field painting of three soft rectangles",
    "a tempera panel of a saint with a lamb",
    "a gouache illustration of a seaside town",
    "a Romantic painting of a shipwreck in a storm",
    "a Rococo painting of a garden swing",
    "an Expressionist street at night",
    "a plein-air sketch of haystacks",
    "a Nordic winter scene with skaters on a canal",
    "a Flemish-style portrait of a merchant",
    "a tenebrist painting of a card game by candlelight",
    "a Chinese blue-and-green landscape scroll",
    "a Korean folk painting of a tiger and a magpie",
    "a Ukrainian Petrykivka floral painting",
    "a Madhubani painting of fish and peacocks",
    "an Art Nouveau panel of a woman among lilies",
    "a Japanese screen painting of pines in gold leaf",
    "a large abstract painting with thick palette-knife texture",
    "a photorealistic painting of a diner at night",
    "a magical-realist painting of a floating house",
    "a Tibetan thangka with a mandala",
    "an Ethiopian church painting of angels with large eyes",
)

PAINTING_DETAILS = (
    "visible brushstrokes",
    "cracked varnish",
    "hanging in a gilded frame",
    "on a gallery wall under a spotlight",
    "rich glazes",
    "a limited earthy palette",
    "shown straight on, the whole canvas visible",
    "thick impasto",
    "gold leaf accents",
    "faded pigments",
    "fine hairline cracks",
    "canvas texture showing through",
)

GALLERY_NOTES = (
    "A small museum label is just visible beside it",
    "Visitors' shadows fall across the floor",
    "The wall behind it is painted deep green",
    "The frame is chipped at one corner",
    "It is photographed straight on, without reflections",
    "The room around it is quiet and empty",
)

PAINTING_MOODS = ("calm", "stormy", "festive", "devotional", "melancholy", "dreamy", "tense")


def painting(rng: random.Random) -> Draft:
    subject = pick(rng, PAINTINGS)
    t = tier(rng)
    k = {"terse": 0, "short": 1, "medium": 2, "long": 3, "epic": 4}[t]
    details = sample(rng, PAINTING_DETAILS, k)
    text = ", ".join([subject, *details])
    if t == "epic":
        text = sentence(text) + " " + sentence(f"The mood is {pick(rng, PAINTING_MOODS)}")
    elif chance(rng, 0.5):
        text = cap(text)
    if t == "epic":
        text += " " + elaborate(rng, FRAMING_CLOSE, LIGHT_NOTES, GALLERY_NOTES)
    return Draft(text, 1 + len(details) + 2 * (t == "epic"), ("art", "painting"))


# Sculpture ----------------------------------------------------------------------------------

SCULPTURES = (
    ("marble", "a bust of a sleeping child"),
    ("bronze", "a statue of a running hare"),
    ("ice", "a swan with outstretched wings"),
    ("sand", "a castle with spiral towers"),
    ("driftwood", "a life-size horse"),
    ("steel wire", "a bicycle drawn in the air"),
    ("weathered steel", "a towering abstract arc"),
    ("terracotta", "a kneeling archer"),
    ("jade", "a cabbage with a grasshopper on it"),
    ("polished aluminium", "a giant bean-shaped mirror"),
    ("carved oak", "an owl with folded wings"),
    ("granite", "a reclining figure"),
    ("porcelain", "a bowl of fragile flowers"),
    ("glass", "a wave about to break"),
    ("paper", "a flock of birds hanging from the ceiling"),
    ("recycled plastic", "a whale"),
    ("clay", "an old woman peeling potatoes"),
    ("cast iron", "a pair of hands cupping water"),
    ("limestone", "a lion guarding a gate"),
    ("soapstone", "a seal and her pup"),
    ("gold", "a tiny deer"),
    ("scrap metal", "a rearing dragon"),
    ("stacked stone", "a balanced cairn taller than a person"),
    ("resin", "a floating jellyfish"),
    ("lacquered wood", "a Buddha head"),
    ("rusted iron", "a giant snail"),
    ("mirror mosaic", "a dancing figure"),
    ("wicker", "a giant rabbit on a lawn"),
    ("chocolate", "a detailed Eiffel Tower"),
    ("butter", "a dairy cow"),
)

SCULPTURE_PLACES = (
    "on a plinth in a white gallery",
    "in a formal garden",
    "in the middle of a city plaza",
    "in a museum hall",
    "in a sculpture park on a hill",
    "in a temple courtyard",
    "in a shop window",
    "on a workshop bench",
)
# Materials that only make sense in one kind of place.
SCULPTURE_PLACES_FOR = {
    "ice": ("in a snowy park", "at a winter festival at night", "in a hotel lobby"),
    "sand": ("on a beach at low tide", "at a sand-sculpture festival"),
    "chocolate": ("in a patisserie window", "on a banquet table"),
    "butter": ("in a refrigerated case at a county fair",),
    "wicker": ("on a village green", "in a garden"),
    "stacked stone": ("on a mountain path", "on a pebble beach"),
}

SCULPTURE_DETAILS = (
    "tool marks visible on the surface",
    "polished to a mirror shine",
    "seen from a low angle",
    "weathered by rain",
    "lit from the side to show the form",
    "with people for scale",
    "a close-up of the carving",
    "moss creeping up the base",
    "three-quarter view",
)


def sculpture(rng: random.Random) -> Draft:
    material, subject = pick(rng, SCULPTURES)
    t = tier(rng)
    item = f"{material} sculpture of {subject}"
    if t == "terse":
        return Draft(cap(item), 2, ("art", "sculpture"))
    place = pick(rng, SCULPTURE_PLACES_FOR.get(material, SCULPTURE_PLACES))
    k = {"short": 0, "medium": 1, "long": 2, "epic": 3}[t]
    pool = SCULPTURE_DETAILS
    if material in SCULPTURE_PLACES_FOR:  # ice, sand, chocolate...: no moss, no weathering
        pool = tuple(d for d in pool if "moss" not in d and "weathered" not in d)
    details = sample(rng, pool, k)
    lead = pick(
        rng,
        (
            f"{article(item)} {place}",
            f"{place}, {article(item)}",
            f"photo of {article(item)} {place}",
        ),
    )
    text = cap(", ".join([lead, *details]))
    lit = t in ("long", "epic")
    if lit:
        light = pick(rng, (*LIGHT_STUDIO, "soft daylight", "evening sun"))
        text = sentence(text) + " " + sentence(light)
    if t == "epic":
        text += " " + elaborate(rng, FRAMING_CLOSE, GALLERY_NOTES)
    return Draft(text, 3 + len(details) + lit + (t == "epic"), ("art", "sculpture"))


# Crafts -------------------------------------------------------------------------------------

CRAFTS = (
    ("an embroidered hoop", "wildflowers and a bumblebee"),
    ("a patchwork quilt", "a compass-star pattern"),
    ("an origami scene", "cranes flying over paper mountains"),
    ("a hand-thrown stoneware jug", "a speckled glaze"),
    ("a stained-glass window", "a fox in a forest"),
    ("a chunky knitted jumper", "reindeer"),
    ("a Chinese paper-cut", "a rooster among peonies"),
    ("a Roman-style floor mosaic", "dolphins and waves"),
    ("a woodcarving", "a family of bears"),
    ("a beaded necklace", "turquoise and coral beads"),
    ("a macramé wall hanging", "knotted cotton cord"),
    ("a batik cloth", "swirling fish"),
    ("a tooled leather wallet", "oak leaves"),
    ("a woven basket", "a zigzag band"),
    ("a needle-felted figure", "a sleepy hedgehog"),
    ("a cross-stitch sampler", "an alphabet border"),
    ("a marquetry box", "a chessboard lid"),
    ("a lacquered tray", "cranes in gold"),
    ("a kintsugi bowl", "gold-filled cracks"),
    ("a tie-dyed T-shirt", "a spiral burst"),
    ("a block-printed tablecloth", "indigo elephants"),
    ("a lampwork glass bead", "a tiny flower inside"),
    ("a paper lantern", "painted goldfish"),
    ("a set of clay figurines", "a village band"),
    ("a crocheted blanket", "granny squares"),
    ("a hand-bound notebook", "a marbled paper cover"),
    ("a blue-and-white porcelain plate", "a willow pattern"),
    ("a punch-needle rug", "a mushroom"),
    ("a copper-wire tree", "tiny amethyst leaves"),
    ("a pressed-flower frame", "pansies and ferns"),
    ("a Ukrainian pysanka egg", "wax-resist stars"),
    ("a rag doll", "button eyes and yarn hair"),
)

CRAFT_PLACES = (
    "on a wooden workbench",
    "held up in two hands",
    "hanging on a whitewashed wall",
    "on a market stall",
    "laid on linen",
    "on a shop shelf",
)
CRAFT_VIEWS = (
    "close-up of the texture",
    "the tools beside it",
    "in soft natural light",
    "half finished, with materials around it",
    "product photo",
    "seen from above",
    "shallow depth of field",
)

CRAFT_CLOSERS = (
    "Every stitch, seam or joint should be visible.",
    "It looks handmade, not factory perfect.",
    "Natural colours, real materials.",
    "The maker's hands are just in frame.",
)


def craft(rng: random.Random) -> Draft:
    item, motif = pick(rng, CRAFTS)
    t = tier(rng)
    joiner = pick(rng, ("showing", "with", "featuring", "decorated with"))
    if t == "terse":
        return Draft(f"{item} {joiner} {motif}", 2, ("craft", "handmade"))
    k = {"short": 1, "medium": 2, "long": 3, "epic": 4}[t]
    views = [pick(rng, CRAFT_PLACES), *sample(rng, CRAFT_VIEWS, k - 1)]
    text = f"{cap(item)} {joiner} {motif}, " + ", ".join(views)
    closing = t in ("long", "epic")
    if closing:
        text = sentence(text) + " " + pick(rng, CRAFT_CLOSERS)
    if t == "epic":
        text += " " + elaborate(rng, FRAMING_CLOSE, LIGHT_NOTES, SETTING_NOTES)
    return Draft(text, 2 + k + closing + (t == "epic"), ("craft", "handmade"))


# Digital art --------------------------------------------------------------------------------

DIGITAL_SUBJECTS = (
    "a floating island city with waterfalls spilling off the edges",
    "a cyberpunk noodle stand in the rain",
    "a dragon curled around a lighthouse",
    "a giant mech kneeling in a rice field",
    "a witch's apothecary crammed with jars",
    "an underwater research station",
    "a desert caravan riding giant tortoises",
    "a library built inside a hollow tree",
    "a space elevator rising from the ocean",
    "a fox spirit with nine glowing tails",
    "a steampunk airship docking at a tower",
    "a cosy cabin on the back of a walking whale",
    "a neon-lit arcade on a rainy street",
    "an abandoned amusement park overgrown with vines",
    "a knight facing a dragon made of smoke",
    "a robot gardener tending tomatoes",
    "a train crossing a bridge between clouds",
    "a crystal cave with a glowing lake",
    "a post-apocalyptic city reclaimed by forest",
    "a tea shop run by cats",
    "an astronaut fishing from a crescent moon",
    "a market on the back of a giant turtle",
    "a samurai in a field of red spider lilies",
    "a greenhouse on Mars",
    "an isometric tiny apartment with a cat",
    "a sorcerer casting a spell of glowing runes",
)

DIGITAL_STYLES = (
    "concept art",
    "isometric illustration",
    "flat vector illustration",
    "game key art",
    "sci-fi matte painting",
    "glitch art",
    "vaporwave aesthetic",
    "low-poly art",
    "synthwave",
    "character design sheet",
    "sticker design with a white border",
    "album cover art",
    "book cover illustration",
    "digital painting",
    "cel-shaded illustration",
    "tarot card design",
    "voxel art",
    "children's book illustration",
    "splash art",
    "mobile game icon",
)

DIGITAL_EXTRAS = (
    "trending on ArtStation",
    "volumetric lighting",
    "clean line work",
    "dramatic composition",
    "soft gradients",
    "high detail",
    "wide establishing shot",
    "orthographic view",
    "rim lighting",
    "painterly brushwork",
    "crisp silhouettes",
    "atmospheric depth",
)

DIGITAL_NOTES = (
    "Tiny figures give a sense of scale",
    "The silhouette should read clearly even as a thumbnail",
    "Show depth with layers of haze",
    "Small storytelling details reward a second look",
    "It should feel like the opening shot of a film",
)

DIGITAL_LIGHTS = ("a low sun", "glowing windows", "the sky", "neon signs", "lanterns", "below")


def digital_art(rng: random.Random) -> Draft:
    subject = pick(rng, DIGITAL_SUBJECTS)
    style = pick(rng, DIGITAL_STYLES)
    t = tier(rng)
    k = {"terse": 0, "short": 0, "medium": 1, "long": 2, "epic": 3}[t]
    extras = sample(rng, DIGITAL_EXTRAS, k)
    if t == "terse":
        text = f"{subject}, {style}"
    else:
        forms = [f"{cap(subject)}, {style}", f"{cap(subject)} as {article(style)}"]
        if " with " not in style:
            forms.append(f"{cap(style)} of {subject}")
        text = pick(rng, forms)
        if extras:
            text += ", " + ", ".join(extras)
        if t in ("long", "epic"):
            text = sentence(text) + " " + sentence(pick(rng, PALETTES))
        if t == "epic":
            text += " " + sentence(f"Light comes from {pick(rng, DIGITAL_LIGHTS)}")
    if t == "epic":
        text += " " + elaborate(rng, FRAMING, DIGITAL_NOTES)
    n = 2 + len(extras) + (t in ("long", "epic")) + 2 * (t == "epic")
    return Draft(text, n, ("digital_art",))


GENERATORS = {
    ("design/poster", "en"): poster,
    ("design/ui", "en"): ui,
    ("design/slide", "en"): slide,
    ("design/painting", "en"): painting,
    ("design/sculpture", "en"): sculpture,
    ("design/craft", "en"): craft,
    ("design/digital_art", "en"): digital_art,
}
