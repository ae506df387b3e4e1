"""English prompts for people/*: portraits, sports and everyday activities."""

from __future__ import annotations

import random

from arena.prompt_suites.compose_en import scene
from arena.prompt_suites.core import Draft, chance, pick, tier
from arena.prompt_suites.lexicon_en import CLIMATES, LIGHT_NATURAL, LIGHT_STUDIO

# Portraits ----------------------------------------------------------------------------------

SITTERS = (
    "an elderly fisherman with a weathered face",
    "a young woman with freckles and curly red hair",
    "a teenage boy with braces",
    "a grandmother in a floral headscarf",
    "a middle-aged chef",
    "a ballet dancer with her hair in a tight bun",
    "a tea farmer from Yunnan",
    "a nurse at the end of a night shift",
    "a jazz saxophonist",
    "a firefighter with soot on her cheeks",
    "a Maasai elder with beaded earrings",
    "a Sikh man in a saffron turban",
    "a little girl with a gap-toothed grin",
    "identical twin brothers",
    "a bride in a red qipao",
    "a punk with a green mohawk",
    "an astronaut holding her helmet",
    "a potter with clay on his hands",
    "a street vendor in a straw hat",
    "a Buddhist monk in saffron robes",
    "a beekeeper in a veiled hat",
    "a boxer with a taped brow",
    "an old man with a white beard and a flat cap",
    "a woman in her seventies with silver hair cut short",
    "a young father holding a newborn",
    "a skateboarder with a chipped front tooth",
    "a cellist in a black dress",
    "a Mongolian herder in a deel",
    "a schoolgirl in a navy uniform",
    "a carpenter with sawdust in his hair",
    "a surfer with salt-bleached hair",
    "a woman with vitiligo",
    "a man with a prosthetic arm",
    "a scientist in safety goggles",
    "a Peking opera performer in full make-up",
    "a drag queen with glittering eyeshadow",
    "a cowboy with a sun-creased face",
    "a girl with a hijab and round glasses",
    "a boy holding a hen",
    "a retired teacher in a cardigan",
    "a flamenco dancer",
    "a Korean grandmother in a hanbok",
    "a rapper in a gold chain",
    "a fisherwoman from Zanzibar",
    "a shepherd with a crook",
    "a tattoo artist with inked forearms",
    "a young monk with a shaved head",
    "a lighthouse keeper",
    "a mechanic with oil on his face",
    "a marathon runner just after the finish",
    "a florist holding a bunch of peonies",
    "a teenager with blue-dyed hair",
    "a calligrapher holding a brush",
    "a jockey in silks",
    "a street musician with a battered guitar",
    "a woman with a shaved head and gold hoops",
    "a Tibetan nomad child with rosy cheeks",
    "a baker dusted with flour",
    "a chess grandmaster",
    "a diver with a mask pushed up on her forehead",
)

EXPRESSIONS = (
    "laughing",
    "looking straight into the camera",
    "lost in thought",
    "with a faint smile",
    "squinting into the sun",
    "mid-sentence",
    "with eyes closed",
    "looking over one shoulder",
    "frowning slightly",
    "grinning",
    "looking up",
    "with a serious expression",
    "caught mid-laugh",
    "gazing out of frame",
)

CLOTHES = (
    "in a yellow raincoat",
    "in a wool turtleneck",
    "in a faded denim jacket",
    "in an embroidered jacket",
    "wearing round wire glasses",
    "in a knitted beanie",
    "in a crisp white shirt",
    "in a patterned silk scarf",
    "in a work apron",
    "in a padded winter coat",
    "in a linen shirt",
    "in a hooded sweatshirt",
)

BACKDROPS = (
    ("against a plain grey wall", "studio"),
    ("against a teal backdrop", "studio"),
    ("against a black background", "studio"),
    ("against a mustard-yellow backdrop", "studio"),
    ("in front of a crowded bookshelf", "indoor"),
    ("by a rain-streaked window", "indoor"),
    ("in a dim kitchen", "indoor"),
    ("in a doorway", "indoor"),
    ("in a workshop", "indoor"),
    ("on a busy market street", "outdoor"),
    ("in a sunflower field", "outdoor"),
    ("on a windy beach", "outdoor"),
    ("under a blossoming tree", "outdoor"),
    ("on a fishing boat", "outdoor"),
    ("in a snowy village", "outdoor"),
    ("on a city rooftop", "outdoor"),
    ("beside a painted wall", "outdoor"),
)

PORTRAIT_CAMERA = (
    "85mm portrait lens",
    "shallow depth of field",
    "black-and-white",
    "medium format film",
    "close-up headshot",
    "environmental portrait",
    "Kodak Portra 400 look",
    "50mm, f/1.4",
    "natural skin texture",
    "catchlights in the eyes",
    "soft focus background",
    "Rembrandt lighting",
    "eye-level",
    "square crop",
)

PORTRAIT_SHOTS = (
    "Portrait",
    "Close-up portrait",
    "Headshot",
    "Environmental portrait",
    "Black-and-white portrait",
    "Candid portrait",
    "Studio portrait",
    "Film portrait",
)

PORTRAIT_DETAILS = (
    "Fine lines around the eyes are visible",
    "The skin looks real, with pores and freckles",
    "A strand of hair falls across the face",
    "Catchlights sparkle in the eyes",
    "The background falls away into soft blur",
    "The hands are visible, resting near the chin",
    "The colours are warm and slightly faded",
    "There is a small scar on the left eyebrow",
    "The face is lit from one side only",
    "The pose is relaxed and unforced",
)


PORTRAIT_MORE = (
    "The eyes are sharp and full of light",
    "Fine hair catches the backlight",
    "There are laugh lines around the mouth",
    "An earring catches a glint of light",
    "The clothes are creased and lived-in",
    "The hands are rough and weathered",
    "The expression is warm but guarded",
    "The shoulders are relaxed",
)


def portrait(rng: random.Random) -> Draft:
    who = pick(rng, SITTERS)
    backdrop, kind = pick(rng, BACKDROPS)
    when, light = {
        "studio": ((), LIGHT_STUDIO),
        "indoor": CLIMATES["indoor"],
        "outdoor": CLIMATES["temperate"],
    }[kind]
    t = tier(rng)
    core = who
    if t != "terse":
        core = f"{who} {pick(rng, EXPRESSIONS)}" if chance(rng, 0.7) else who
        if chance(rng, 0.4) and not any(w in who for w in (" in ", " with ", "wearing")):
            core = f"{core}, {pick(rng, CLOTHES)}"
    text, n = scene(
        rng,
        t,
        short=f"portrait of {who}" if chance(rng, 0.6) else who,
        core=core,
        place=backdrop if chance(rng, 0.8) else "",
        details=PORTRAIT_DETAILS,
        when=when if chance(rng, 0.5) else (),
        light=light,
        camera=PORTRAIT_CAMERA,
        shots=PORTRAIT_SHOTS,
        more=PORTRAIT_MORE,
    )
    return Draft(text, n, ("person", "portrait"))


# Sports -------------------------------------------------------------------------------------
# (athlete doing something, where, climate)

SPORTS = (
    ("a sprinter exploding out of the blocks", "on a red running track", "any"),
    ("a surfer carving across the face of a big wave", "off a Hawaiian reef", "warm"),
    ("a basketball player mid-dunk", "on an outdoor court with a chain net", "any"),
    ("a rock climber chalking up below an overhang", "on a limestone cliff", "temperate"),
    ("a skateboarder grinding a handrail", "in a concrete plaza", "any"),
    ("a goalkeeper diving full stretch", "in a muddy penalty box", "temperate"),
    ("two sumo wrestlers locked together", "in a clay ring", "indoor"),
    ("a gymnast balancing on the beam", "in a packed arena", "indoor"),
    ("a skier carving a turn and throwing up snow", "on a steep slope", "cold"),
    ("a cyclist sprinting for the line", "on a cobbled road", "any"),
    ("marathon runners streaming over a bridge", "in the middle of a city", "any"),
    ("a boxer landing a right hook", "in a smoky gym ring", "indoor"),
    ("a fencer lunging", "on a lit fencing strip", "indoor"),
    ("a swimmer doing butterfly", "in an outdoor pool", "warm"),
    ("a tennis player tossing the ball to serve", "on a grass court", "warm"),
    ("a kayaker dropping over a waterfall", "on a white-water river", "temperate"),
    ("an archer drawing a recurve bow", "on a grassy range", "temperate"),
    ("a figure skater spinning", "on an outdoor rink", "cold"),
    ("a BMX rider upside down in mid-air", "at a dirt jump park", "any"),
    ("a table tennis player leaning into a forehand", "in a school gym", "indoor"),
    ("a volleyball player spiking the ball", "on a beach court", "warm"),
    ("a weightlifter locking out a heavy snatch", "in a competition hall", "indoor"),
    ("a show jumper clearing a fence", "in a grass arena", "temperate"),
    ("a pole vaulter arched over the bar", "in a stadium", "any"),
    ("a dragon boat crew paddling in sync", "on a wide river", "warm"),
    ("a snowboarder spinning off a jump", "in a snow park", "cold"),
    ("a baseball batter connecting with the ball", "in a minor-league ballpark", "warm"),
    ("a rugby scrum pushing in the mud", "on a village pitch", "temperate"),
    ("a badminton player leaping for a smash", "in a sports hall", "indoor"),
    ("a diver twisting in mid-air", "above a ten-metre platform", "indoor"),
    ("a kite surfer launching off a wave", "on a windy bay", "temperate"),
    ("a taekwondo fighter throwing a spinning kick", "on a blue mat", "indoor"),
    ("a hurdler clearing the last hurdle", "on a wet track", "temperate"),
    ("an ice hockey player skidding to a stop", "in a cold rink", "indoor"),
    ("a curler sweeping hard in front of the stone", "on a curling sheet", "indoor"),
    ("a paraglider launching off a ridge", "above a green valley", "temperate"),
    ("a golfer finishing a long drive", "on a links course by the sea", "temperate"),
    ("a long jumper landing in a spray of sand", "at an athletics meet", "any"),
    ("a rower pulling through the stroke", "on a misty river", "temperate"),
    ("a football striker volleying the ball", "in a floodlit stadium", "any"),
    ("a trail runner splashing through a stream", "in the mountains", "temperate"),
    ("an old man practising tai chi sword", "in a park", "temperate"),
    ("a horse archer shooting at full gallop", "on the steppe", "temperate"),
    ("a girl doing a cartwheel", "on a summer lawn", "warm"),
    ("a wrestler lifting an opponent off the mat", "in a high-school gym", "indoor"),
    ("a cricket bowler at the moment of release", "on a village green", "temperate"),
    ("a water polo player rising out of the water to shoot", "in a pool", "indoor"),
    ("a mountain biker drifting round a berm", "in a pine forest", "temperate"),
    ("a cross-country skier breathing hard", "in a snowy forest", "cold"),
    ("a wheelchair racer leaning into a bend", "on a track", "any"),
)

SPORT_CAMERA = (
    "fast shutter, frozen motion",
    "panning with motion blur",
    "telephoto from the stands",
    "low angle",
    "sports photography",
    "shot from above",
    "wide-angle from close in",
    "freeze frame",
    "action shot",
    "long lens, compressed background",
)

SPORT_SHOTS = ("Action shot", "Sports photo", "Telephoto shot", "Freeze-frame photo", "Photo")

SPORT_DETAILS = (
    "Sweat flies off in droplets",
    "The background is a blur of colour",
    "Every muscle is tense",
    "The expression is pure focus",
    "A shadow stretches across the ground",
    "A few spectators watch from the edge of the frame",
    "The body is perfectly balanced",
    "The movement looks fast and powerful",
)


SPORT_MORE = (
    "The background streaks with motion blur",
    "Loose clothing flaps with the movement",
    "The stitching on the kit is visible",
    "The face shows pure effort",
    "The ground is churned up underfoot",
    "An official watches from the edge of the frame",
    "The moment is frozen at its peak",
)


ARENA = (
    (
        "during the final",
        "in an evening session",
        "at a national championship",
        "in a training session",
    ),
    (
        "bright arena floodlights",
        "harsh overhead lights",
        "a spotlight on the action",
        "even gym lighting",
        "dim light from high windows",
    ),
)


def sports(rng: random.Random) -> Draft:
    core, place, climate = pick(rng, SPORTS)
    when, light = ARENA if climate == "indoor" else CLIMATES[climate]
    t = tier(rng)
    short = core.split(" ", 1)[1] if core.startswith(("a ", "an ")) else core
    text, n = scene(
        rng,
        t,
        short=short if chance(rng, 0.5) else f"{short} {place}",
        core=core,
        place=place,
        details=SPORT_DETAILS,
        when=when,
        light=light,
        camera=SPORT_CAMERA,
        shots=SPORT_SHOTS,
        more=SPORT_MORE,
    )
    return Draft(text, n, ("person", "sport", "motion"))


# Activities ---------------------------------------------------------------------------------

ACTIVITIES = (
    ("a grandfather teaching his granddaughter to ride a bike", "on a quiet lane", "temperate"),
    ("two friends sharing one umbrella", "on a crowded crossing", "city"),
    ("a woman reading a paperback", "on a crowded train", "indoor"),
    ("a man fixing a bicycle chain", "on a pavement outside his shop", "city"),
    ("children flying a kite", "on a windy hill", "temperate"),
    ("a family folding dumplings together", "around a kitchen table", "indoor"),
    ("a barista pouring latte art", "behind a cafe counter", "indoor"),
    ("a street artist spraying a mural", "on a brick wall", "city"),
    ("a group practising tai chi", "in a misty park", "temperate"),
    ("an old couple slow-dancing", "in their kitchen", "indoor"),
    ("a fisherman mending nets", "on a harbour wall", "temperate"),
    ("a student asleep on a pile of textbooks", "in a library", "indoor"),
    ("a potter centring clay on the wheel", "in a small studio", "indoor"),
    ("a chef tossing noodles in a flaming wok", "in a tiny kitchen", "indoor"),
    ("a tailor measuring a client's shoulders", "in an old shop", "indoor"),
    ("commuters waiting for a train", "on a packed platform", "city"),
    ("a busker playing the accordion", "in an underpass", "city"),
    ("a gardener kneeling among vegetable beds", "in an allotment", "temperate"),
    ("a child blowing a giant soap bubble", "in a park", "warm"),
    ("a crowd with their hands in the air", "at an open-air concert", "warm"),
    ("a baker kneading dough", "on a floury bench", "indoor"),
    ("a couple having a picnic", "by a lake", "warm"),
    ("three teenagers taking a selfie", "on a pier", "warm"),
    ("a woman doing yoga", "on a rooftop", "city"),
    ("a man walking five dogs at once", "through a park", "temperate"),
    ("a blacksmith hammering glowing iron", "in a dark forge", "indoor"),
    ("four friends playing mahjong", "in a courtyard", "temperate"),
    ("a girl practising the violin", "in her bedroom", "indoor"),
    ("a balloon seller holding a huge bunch of balloons", "at a fair", "temperate"),
    ("volunteers planting saplings", "on a bare hillside", "temperate"),
    ("a father carrying his son on his shoulders", "through a festival crowd", "city"),
    ("a courier weaving through traffic on a scooter", "in the rain", "city"),
    ("a mechanic lying under a car", "in a garage", "indoor"),
    ("a calligrapher writing with a large brush", "at a long table", "indoor"),
    ("a florist wrapping a bouquet", "in a flower shop", "indoor"),
    ("two old men playing chess", "on a park bench", "temperate"),
    ("kids jumping off a jetty", "into a lake", "warm"),
    ("a beekeeper lifting a frame of honeycomb", "in an apiary", "warm"),
    ("a woman pegging out laundry", "in a windy yard", "temperate"),
    ("farmers harvesting rice by hand", "in terraced paddies", "warm"),
    ("wedding guests dancing", "under a marquee", "warm"),
    ("a librarian pushing a trolley of books", "between tall shelves", "indoor"),
    ("a scientist pipetting samples", "in a bright lab", "indoor"),
    ("a programmer working late", "at a cluttered desk", "indoor"),
    ("a grandmother knitting", "in a rocking chair", "indoor"),
    ("a boy feeding pigeons", "in a city square", "city"),
    ("a man fishing", "from a rowing boat", "temperate"),
    ("a glassblower shaping molten glass", "in a hot workshop", "indoor"),
    ("two climbers sharing a thermos", "on a summit", "cold"),
    ("a woman selling fruit", "from a wooden cart", "city"),
    ("a choir singing", "in a stone chapel", "indoor"),
    ("a dad braiding his daughter's hair", "by a window", "indoor"),
    ("a group of friends around a campfire", "in a forest clearing", "temperate"),
    ("a street food cook flipping pancakes", "at a night market", "city"),
    ("a man shovelling snow", "from his front path", "cold"),
    ("a shepherd leading a flock", "along a mountain road", "temperate"),
    ("students in graduation gowns throwing caps", "on a lawn", "warm"),
    ("a window cleaner on a rope", "against a glass tower", "city"),
    ("a girl teaching her grandmother to use a phone", "on a sofa", "indoor"),
    ("a photographer crouching for a low shot", "on a beach", "temperate"),
)

ACTIVITY_DETAILS = (
    "A half-eaten snack sits within reach",
    "Someone's bag hangs from a hook nearby",
    "The floor is scuffed from years of use",
    "A radio is playing somewhere close by",
    "Nobody looks at the camera",
    "Their faces are relaxed and natural",
    "Small everyday details fill the background",
    "The moment feels unposed",
    "Hands are in sharp focus",
    "A dog wanders through the edge of the frame",
    "Someone in the background is laughing",
    "The light catches their hair",
    "It feels like a real, candid moment",
)

ACTIVITY_CAMERA = (
    "candid",
    "street photography",
    "35mm film",
    "documentary style",
    "shot from the hip",
    "wide-angle",
    "eye-level",
    "shallow depth of field",
    "Leica-style snapshot",
)


ACTIVITY_MORE = (
    "Everyday clutter fills the edges of the frame",
    "Clothes and hair look natural, not styled",
    "The background tells you where this is",
    "A second person watches from nearby",
    "The light is uneven, as it is in real life",
    "Small hand gestures are caught mid-motion",
)


def activities(rng: random.Random) -> Draft:
    core, place, climate = pick(rng, ACTIVITIES)
    when, light = CLIMATES[climate]
    t = tier(rng)
    short = core.split(" ", 1)[1] if core.startswith(("a ", "an ")) else core
    text, n = scene(
        rng,
        t,
        short=f"{short} {place}" if chance(rng, 0.5) else short,
        core=core,
        place=place,
        details=ACTIVITY_DETAILS,
        when=when,
        light=light if climate != "city" or chance(rng, 0.5) else LIGHT_NATURAL,
        camera=ACTIVITY_CAMERA,
        more=ACTIVITY_MORE,
    )
    return Draft(text, n, ("person", "activity"))


GENERATORS = {
    ("people/portrait", "en"): portrait,
    ("people/sports", "en"): sports,
    ("people/activities", "en"): activities,
}
