"""English prompts for general/*: nature, landscape, cityscape, animals, plants, food, indoor,
objects. Each leaf pairs hand-written subjects with the settings and details that fit them.
"""

from __future__ import annotations

import random

from arena.prompt_suites.compose_en import scene
from arena.prompt_suites.core import Draft, chance, pick, tier
from arena.prompt_suites.lexicon_en import (
    CITIES,
    CLIMATES,
    LIGHT_INDOOR,
    LIGHT_STUDIO,
    WHEN_INDOOR,
)

# Animals ------------------------------------------------------------------------------------
# (name, what it is doing, habitat); the habitat picks places and details that fit.

ANIMALS = (
    (
        "red fox",
        ("a red fox curled up asleep", "a red fox pouncing headfirst into the snow"),
        "snow",
    ),
    (
        "arctic fox",
        ("an arctic fox with a thick white winter coat", "an arctic fox sniffing at a drift"),
        "snow",
    ),
    (
        "snowy owl",
        ("a snowy owl perched on a fence post", "a snowy owl gliding low, wings spread"),
        "snow",
    ),
    (
        "polar bear",
        ("a polar bear mother with two cubs", "a polar bear stepping between ice floes"),
        "snow",
    ),
    (
        "reindeer",
        ("a herd of reindeer digging for lichen", "a reindeer with frost on its antlers"),
        "snow",
    ),
    ("grey wolf", ("a grey wolf howling", "a lone grey wolf trotting through the drifts"), "snow"),
    (
        "emperor penguin",
        ("a huddle of emperor penguins", "an emperor penguin chick between its parent's feet"),
        "snow",
    ),
    (
        "red deer stag",
        ("a red deer stag bellowing", "a red deer stag standing still, breath steaming"),
        "forest",
    ),
    (
        "black bear",
        ("a black bear cub climbing a mossy trunk", "a black bear turning over a rotten log"),
        "forest",
    ),
    (
        "tawny owl",
        ("a tawny owl peering out of a hollow tree", "a tawny owl on a low branch"),
        "forest",
    ),
    (
        "hedgehog",
        ("a hedgehog snuffling through fallen leaves", "a hedgehog curled into a spiky ball"),
        "forest",
    ),
    (
        "red squirrel",
        ("a red squirrel nibbling a pine cone", "a red squirrel leaping between branches"),
        "forest",
    ),
    ("lynx", ("a lynx with tufted ears stalking", "a lynx resting on a fallen spruce"), "forest"),
    ("moose", ("a moose wading through a misty pond", "a bull moose with broad antlers"), "forest"),
    ("badger", ("a badger emerging from its sett", "two badger cubs play-fighting"), "forest"),
    (
        "lion",
        ("a lion resting on a termite mound", "a lioness carrying a cub in her jaws"),
        "savanna",
    ),
    (
        "elephant",
        ("an elephant family crossing a dry riverbed", "an old bull elephant dusting itself"),
        "savanna",
    ),
    ("giraffe", ("a giraffe stretching up to an acacia", "two giraffes necking"), "savanna"),
    (
        "zebra",
        ("a herd of zebras drinking at a waterhole", "a zebra foal beside its mother"),
        "savanna",
    ),
    (
        "cheetah",
        ("a cheetah in full sprint", "a cheetah scanning the plain from a fallen tree"),
        "savanna",
    ),
    ("meerkat", ("a family of meerkats standing guard", "a meerkat sunning its belly"), "savanna"),
    (
        "rhinoceros",
        ("a white rhinoceros grazing", "a rhinoceros calf pressed against its mother"),
        "savanna",
    ),
    (
        "tiger",
        ("a tiger stepping out of tall grass", "a tiger lying in a shallow stream"),
        "jungle",
    ),
    (
        "orangutan",
        (
            "an orangutan holding a leaf over its head like an umbrella",
            "a young orangutan hanging by one arm",
        ),
        "jungle",
    ),
    (
        "toucan",
        ("a toucan on a vine-covered branch", "a toucan holding a red berry in its beak"),
        "jungle",
    ),
    (
        "jaguar",
        ("a jaguar draped over a branch", "a jaguar swimming across a brown river"),
        "jungle",
    ),
    (
        "tree frog",
        ("a red-eyed tree frog clinging to a leaf", "a tiny green tree frog on a flower"),
        "jungle",
    ),
    (
        "chameleon",
        ("a chameleon creeping along a twig", "a chameleon with one eye turned to the camera"),
        "jungle",
    ),
    (
        "sloth",
        ("a three-toed sloth hanging upside down", "a sloth slowly reaching for a leaf"),
        "jungle",
    ),
    ("macaw", ("a pair of scarlet macaws", "a blue-and-gold macaw in flight"), "jungle"),
    (
        "gorilla",
        (
            "a silverback gorilla sitting with folded arms",
            "a baby gorilla riding on its mother's back",
        ),
        "jungle",
    ),
    ("humpback whale", ("a humpback whale breaching", "a humpback whale and her calf"), "ocean"),
    (
        "dolphin",
        ("a pod of dolphins riding a bow wave", "a dolphin leaping clear of the water"),
        "ocean",
    ),
    (
        "sea turtle",
        ("a green sea turtle gliding over a reef", "a sea turtle surfacing for air"),
        "ocean",
    ),
    (
        "manta ray",
        ("a manta ray soaring overhead", "a manta ray with remoras under its wings"),
        "ocean",
    ),
    (
        "octopus",
        ("an octopus squeezing out of a glass jar", "an octopus changing colour on a rock"),
        "ocean",
    ),
    (
        "jellyfish",
        ("a bloom of moon jellyfish", "a single glowing jellyfish trailing long tentacles"),
        "ocean",
    ),
    (
        "seahorse",
        ("a seahorse with its tail wrapped around sea grass", "a pair of seahorses"),
        "ocean",
    ),
    (
        "harbour seal",
        ("a harbour seal hauled out on a rock", "a seal pup looking up with huge eyes"),
        "coast",
    ),
    ("puffin", ("a puffin with a beak full of fish", "a row of puffins on a cliff edge"), "coast"),
    (
        "otter",
        ("a sea otter floating on its back", "a river otter sliding down a muddy bank"),
        "river",
    ),
    (
        "kingfisher",
        ("a kingfisher diving into the water", "a kingfisher with a minnow in its beak"),
        "river",
    ),
    (
        "grey heron",
        ("a grey heron standing motionless in the shallows", "a heron lifting off"),
        "river",
    ),
    ("beaver", ("a beaver dragging a branch", "a beaver swimming past its lodge"), "river"),
    ("hippo", ("a hippo yawning", "a hippo with only its eyes above the water"), "river"),
    ("flamingo", ("a flock of flamingos", "a flamingo standing on one leg"), "river"),
    ("swan", ("a mute swan with cygnets on her back", "a swan preening"), "river"),
    (
        "mandarin duck",
        ("a mandarin duck drifting", "a pair of mandarin ducks under a willow"),
        "river",
    ),
    (
        "horse",
        ("a chestnut horse galloping", "a grey mare grazing", "a foal taking its first steps"),
        "farm",
    ),
    ("highland cow", ("a shaggy highland cow", "a highland calf with a ginger fringe"), "farm"),
    ("sheep", ("a flock of sheep being herded", "a newborn lamb"), "farm"),
    ("goat", ("a goat standing on an upturned bucket", "a pygmy goat mid-jump"), "farm"),
    ("rooster", ("a rooster crowing from a fence", "a speckled rooster strutting"), "farm"),
    ("donkey", ("a donkey with a straw hat", "a donkey poking its head over a gate"), "farm"),
    ("alpaca", ("an alpaca with a fluffy topknot", "two alpacas side by side"), "farm"),
    ("piglet", ("a piglet rolling in mud", "a litter of piglets asleep in a heap"), "farm"),
    ("tabby cat", ("a tabby cat stretching", "an old tabby cat asleep in a patch of sun"), "home"),
    (
        "ginger cat",
        (
            "a ginger cat batting at a dangling string",
            "a ginger cat peering out of a cardboard box",
        ),
        "home",
    ),
    ("black cat", ("a black cat with green eyes", "a black cat sitting very upright"), "home"),
    (
        "golden retriever",
        ("a golden retriever with a tennis ball", "a golden retriever puppy chewing a slipper"),
        "home",
    ),
    ("corgi", ("a corgi wearing a knitted sweater", "a corgi sprawled flat on the floor"), "home"),
    ("dachshund", ("a dachshund wrapped in a blanket", "a dachshund begging for food"), "home"),
    ("pug", ("a pug tilting its head", "a sleepy pug on a velvet cushion"), "home"),
    ("rabbit", ("a lop-eared rabbit eating a carrot", "a white rabbit with its ears up"), "home"),
    ("hamster", ("a hamster with its cheeks stuffed", "a hamster running in a wheel"), "home"),
    ("parrot", ("a grey parrot on a perch", "a cockatoo raising its crest"), "home"),
    (
        "border collie",
        ("a border collie catching a frisbee", "a border collie lying by the door"),
        "home",
    ),
    ("pigeon", ("a pigeon on a statue's head", "a flock of pigeons taking off"), "city"),
    (
        "stray cat",
        ("a stray cat on a scooter seat", "a stray cat slipping through a gap in a fence"),
        "city",
    ),
    ("crow", ("a crow holding a bottle cap", "a crow on a power line"), "city"),
    ("raccoon", ("a raccoon raiding a bin", "a raccoon peeking out of a drainpipe"), "city"),
    ("camel", ("a camel caravan", "a camel kneeling to rest"), "desert"),
    ("fennec fox", ("a fennec fox with enormous ears", "a fennec fox digging"), "desert"),
    (
        "lizard",
        ("a lizard basking on a hot rock", "a frilled lizard with its frill raised"),
        "desert",
    ),
    ("rattlesnake", ("a coiled rattlesnake", "a sidewinder leaving curved tracks"), "desert"),
    (
        "bald eagle",
        ("a bald eagle landing with talons out", "a bald eagle on a dead pine"),
        "mountain",
    ),
    ("ibex", ("an ibex on a sheer cliff", "two ibex clashing horns"), "mountain"),
    (
        "snow leopard",
        ("a snow leopard on a rocky ledge", "a snow leopard with its tail curled round its paws"),
        "mountain",
    ),
    ("yak", ("a yak with a long shaggy coat", "a line of yaks carrying packs"), "mountain"),
    ("giant panda", ("a giant panda chewing bamboo", "a panda cub tumbling off a log"), "bamboo"),
    ("red panda", ("a red panda curled in a tree fork", "a red panda washing its face"), "bamboo"),
    ("honeybee", ("a honeybee dusted with pollen", "a honeybee hovering"), "garden"),
    (
        "butterfly",
        ("a swallowtail butterfly opening its wings", "a monarch butterfly on milkweed"),
        "garden",
    ),
    ("ladybird", ("a ladybird climbing a blade of grass", "a ladybird on a rose bud"), "garden"),
    (
        "hummingbird",
        ("a hummingbird hovering at a fuchsia", "a hummingbird sipping from a feeder"),
        "garden",
    ),
    ("snail", ("a snail with a spiral shell", "a snail stretching toward a strawberry"), "garden"),
    ("robin", ("a robin on a spade handle", "a robin with a worm"), "garden"),
    (
        "dragonfly",
        ("a dragonfly resting on a reed", "a blue dragonfly with glittering wings"),
        "garden",
    ),
)

HABITAT_PLACES = {
    "snow": (
        "in a snowy pine forest",
        "on a frozen lake",
        "across a wind-swept tundra",
        "at the edge of a snowfield",
        "among snow-laden birches",
        "on pack ice",
    ),
    "forest": (
        "in an old oak wood",
        "in a misty pine forest",
        "on a mossy forest floor",
        "in a beech wood in autumn",
        "at the edge of a clearing",
        "among tall ferns",
    ),
    "savanna": (
        "on the Serengeti plain",
        "beside a muddy waterhole",
        "in golden savanna grass",
        "under a lone acacia tree",
        "on the dusty plains of the Maasai Mara",
    ),
    "jungle": (
        "in a dense rainforest",
        "deep in the Amazon",
        "in the canopy of a Borneo rainforest",
        "by a jungle river",
        "among giant leaves and hanging vines",
    ),
    "ocean": (
        "in clear blue water",
        "above a coral reef",
        "in the open ocean",
        "in a kelp forest",
        "near the surface of a calm sea",
    ),
    "coast": (
        "on a rocky shore",
        "on a sea cliff covered in thrift",
        "on a pebble beach",
        "in a windswept harbour",
    ),
    "river": (
        "on a slow river",
        "in a reed-fringed lake",
        "in a shallow wetland",
        "by a mountain stream",
        "on a lily-covered pond",
        "in a tidal estuary",
    ),
    "farm": (
        "on a farm in the hills",
        "in a muddy farmyard",
        "in a green paddock",
        "by a red barn",
        "in a meadow of buttercups",
        "behind a dry-stone wall",
    ),
    "home": (
        "on a sunny windowsill",
        "on a rumpled bed",
        "on a living-room rug",
        "in a kitchen doorway",
        "on a sofa full of cushions",
        "in a cosy apartment",
    ),
    "city": (
        "on a busy city street",
        "on a rain-soaked pavement",
        "in a back alley",
        "on a rooftop",
        "in a city park",
        "at a train station",
    ),
    "desert": (
        "in the Sahara",
        "among red sand dunes",
        "on cracked desert ground",
        "beside a saguaro cactus",
        "in a rocky canyon",
    ),
    "mountain": (
        "high in the Himalayas",
        "on a windswept ridge",
        "above the clouds",
        "on a scree slope",
        "in an alpine valley",
    ),
    "bamboo": ("in a bamboo forest", "in a misty Sichuan forest", "on a mossy branch"),
    "garden": (
        "in a cottage garden",
        "in a wildflower meadow",
        "on a garden fence",
        "in a vegetable patch",
        "among lavender",
    ),
}

HABITAT_TERSE = {
    "snow": ("in snow", "on ice", "in a blizzard", "in the snow"),
    "forest": ("in the woods", "in a forest", "among ferns", "at dusk in the forest"),
    "savanna": ("on the savanna", "at a waterhole", "in tall grass"),
    "jungle": ("in the jungle", "in the rainforest", "on a branch"),
    "ocean": ("underwater", "in the sea", "on a reef"),
    "coast": ("on the rocks", "on a cliff", "on the beach"),
    "river": ("on a pond", "in the reeds", "on the river"),
    "farm": ("on a farm", "in a field", "at the gate"),
    "home": ("on a windowsill", "on the sofa", "at home", "on a bed"),
    "city": ("on the street", "in the city", "on a rooftop"),
    "desert": ("in the desert", "on the dunes", "on a rock"),
    "mountain": ("on a cliff", "in the mountains", "on a ridge"),
    "bamboo": ("eating bamboo", "in bamboo", "up a tree"),
    "garden": ("in the garden", "on a flower", "on a leaf"),
}

HABITAT_DETAILS = {
    "snow": (
        "Snowflakes cling to its fur",
        "Its breath hangs in the cold air",
        "Blue shadows stretch across the snow",
        "Powder sprays up around it",
        "The background fades into a white haze",
        "Tracks lead back toward the trees",
        "Wind lifts a fine spray of snow off the ground",
        "Every hair of its coat is crisp",
        "The snow squeaks, cold and dry",
    ),
    "forest": (
        "Shafts of light cut through the mist",
        "Fallen leaves cover the ground in copper and gold",
        "Moss grows thick on every trunk",
        "A few ferns frame the foreground",
        "The forest behind is soft and out of focus",
        "Dew beads on the spider webs",
        "A woodpecker drums somewhere out of frame",
        "Acorns and beech nuts litter the ground",
    ),
    "savanna": (
        "Dust hangs in the air",
        "Heat shimmer rises off the grass",
        "A flat-topped acacia stands on the horizon",
        "Storm clouds build in the distance",
        "Oxpeckers ride on its back",
        "The grass is bleached pale by the dry season",
        "Vultures circle high above",
        "Its shadow is short and sharp",
    ),
    "jungle": (
        "Humid haze fills the air",
        "Drops of rain hang from broad leaves",
        "Vines and orchids crowd the frame",
        "Sunlight breaks through in small patches",
        "The greens are deep and saturated",
        "Mist curls between the trunks",
        "A column of ants crosses a branch nearby",
        "Water drips steadily from the canopy",
    ),
    "ocean": (
        "Sunbeams ripple down through the water",
        "Small silver fish scatter around it",
        "Bubbles rise toward the surface",
        "The blue fades to black below",
        "Particles drift in the water like snow",
        "A shoal of fish forms a wall of silver behind it",
        "The surface glitters far above",
    ),
    "coast": (
        "Waves burst white against the rocks",
        "Spray hangs in the wind",
        "Gulls wheel overhead",
        "Sea pinks grow in the cracks",
        "Kelp lies in tangles on the stones",
        "A fishing boat rides the swell offshore",
        "The rocks are streaked white and orange",
    ),
    "river": (
        "Its reflection lies perfectly still below it",
        "Ripples spread in rings across the surface",
        "Reeds bend in the breeze",
        "A thin mist lies on the water",
        "Water drips from its chin",
        "Dragonflies skim the surface",
        "Willow branches trail into the water",
    ),
    "farm": (
        "A rusty tractor stands in the background",
        "Hay is scattered around its feet",
        "Rolling hills fade into the distance",
        "Swallows dart over the field",
        "Mud is splashed up its legs",
        "A farm dog watches from the gate",
        "Steam rises from a muck heap",
        "The fence posts are silvered with age",
    ),
    "home": (
        "Sunlight falls in stripes through the blinds",
        "A half-finished cup of tea sits nearby",
        "Houseplants fill the background",
        "Its fur glows at the edges",
        "A knitted blanket is bunched up beside it",
        "Dust motes float in the light",
        "A toy mouse lies forgotten on the floor",
    ),
    "city": (
        "Traffic blurs past behind it",
        "Puddles reflect the shop signs",
        "A bicycle leans against the wall",
        "Graffiti covers the brickwork",
        "People hurry by, out of focus",
        "A tram bell rings somewhere down the street",
        "Shop lights spill onto the pavement",
        "Litter swirls in the gutter",
    ),
    "desert": (
        "Ripples run across the sand",
        "The sky is a hard, cloudless blue",
        "Heat haze wobbles on the horizon",
        "Long shadows fall across the dunes",
        "Dry thorn bushes cling to the slope",
        "Sand blows off the ridge in a thin veil",
        "The ground is cracked and pale",
    ),
    "mountain": (
        "Clouds drift below it",
        "Prayer flags flutter in the distance",
        "Snow-capped peaks fill the background",
        "Thin air makes every edge crisp",
        "Lichen covers the boulders",
        "A glacier glints in the far distance",
        "Wind tears at the grass",
    ),
    "bamboo": (
        "Bamboo stalks rise in every direction",
        "Mist softens the green",
        "Leaves litter the ground",
        "A thin stream runs over pebbles",
        "The stalks creak in the wind",
        "Light comes through in narrow green stripes",
        "A stone path winds away",
    ),
    "garden": (
        "Pollen drifts in the sunlight",
        "Out-of-focus flowers glow behind it",
        "Dew drops sparkle on the petals",
        "A bee buzzes past in the background",
        "A spider web glints between two stems",
        "Seed heads nod in the breeze",
        "The flowers are a blur of purple and yellow",
    ),
}


ANIMAL_MORE = (
    "Its eyes are bright and alert",
    "It holds perfectly still",
    "It seems unaware of the camera",
    "Its outline is rimmed with light",
    "Its colours stand out sharply against the background",
    "Every hair or feather is crisp",
    "It is caught mid-movement",
    "It glances toward the lens",
)

SKY_MORE = (
    "High cirrus streaks the sky",
    "Low cloud drags across the tops of the hills",
    "The sky is clear and deep blue",
    "A few birds are specks against the clouds",
    "The clouds are lit pink from below",
    "Rain hangs in grey curtains in the distance",
    "The air is very clear and every ridge is sharp",
    "Haze softens everything far away",
)

HABITAT_CLIMATE = {
    "snow": "cold",
    "forest": "temperate",
    "savanna": "warm",
    "jungle": "wet",
    "ocean": "underwater",
    "coast": "temperate",
    "river": "temperate",
    "farm": "any",
    "home": "indoor",
    "city": "city",
    "desert": "warm",
    "mountain": "cold",
    "bamboo": "temperate",
    "garden": "temperate",
}


def animals(rng: random.Random) -> Draft:
    name, cores, habitat = pick(rng, ANIMALS)
    when, light = CLIMATES[HABITAT_CLIMATE[habitat]]
    t = tier(rng)
    text, n = scene(
        rng,
        t,
        short=f"{name} {pick(rng, HABITAT_TERSE[habitat])}",
        core=pick(rng, cores),
        place=pick(rng, HABITAT_PLACES[habitat]) if t != "short" or chance(rng, 0.7) else "",
        details=HABITAT_DETAILS[habitat],
        when=when,
        light=light,
        more=ANIMAL_MORE,
    )
    return Draft(text, n, ("animal", habitat))


# Nature -------------------------------------------------------------------------------------
# Close views of natural things and weather; the landscape leaf has the wide views.

NATURE = (
    ("waterfall", "a waterfall plunging into a turquoise pool", "forest"),
    ("mossy stream", "a small stream tumbling over mossy stones", "forest"),
    ("fly agaric", "a cluster of red-capped toadstools", "forest"),
    ("spider web", "a spider web strung with dew", "meadow"),
    ("dandelion clock", "a dandelion clock losing its seeds to the wind", "meadow"),
    ("lightning", "a fork of lightning striking a lone tree", "sky"),
    ("aurora", "green and violet aurora rippling across the sky", "sky", "night"),
    ("supercell", "a rotating supercell storm cloud", "sky"),
    ("rainbow", "a double rainbow over wet fields", "sky"),
    ("milky way", "the Milky Way arching over a dark horizon", "sky", "night"),
    ("lenticular cloud", "a lenticular cloud sitting over a peak", "sky"),
    ("tide pool", "a tide pool full of anemones and tiny crabs", "shore"),
    ("sea foam", "sea foam sliding back over black sand", "shore"),
    ("wave", "a curling wave about to break, lit from behind", "shore"),
    ("driftwood", "a bleached driftwood log on the tideline", "shore"),
    ("icicles", "a row of icicles dripping in the sun", "ice"),
    ("frost ferns", "frost ferns on a window pane", "ice"),
    ("frozen bubbles", "methane bubbles frozen in clear lake ice", "ice"),
    ("glacier cave", "the blue inside of a glacier cave", "ice"),
    ("lava flow", "a glowing lava flow meeting the sea", "volcano"),
    ("volcanic vent", "steam pouring from a volcanic vent", "volcano"),
    ("geyser", "a geyser erupting in a column of steam", "volcano"),
    ("sand ripples", "wind ripples in fine sand", "desert"),
    ("desert bloom", "wildflowers blooming in the desert after rain", "desert"),
    ("salt flat", "hexagonal cracks across a salt flat", "desert"),
    ("fog bank", "a fog bank rolling through a valley", "valley"),
    ("autumn leaves", "autumn leaves floating on dark water", "forest"),
    ("raindrops", "raindrops on a lupin leaf", "meadow"),
    ("fireflies", "fireflies rising out of tall grass", "meadow", "night"),
    ("hailstones", "hailstones bouncing on a wooden deck", "sky"),
    ("dust devil", "a dust devil spinning across a dry field", "desert"),
    ("bioluminescence", "bioluminescent waves glowing blue on a beach", "shore", "night"),
    ("coral", "brain coral and sea fans on a shallow reef", "shore"),
    ("mushroom gills", "the underside of a mushroom, its gills in fine lines", "forest"),
    ("pine cones", "pine cones and needles on the forest floor", "forest"),
    ("river delta", "the branching channels of a river delta", "valley"),
    ("hot spring", "a steaming hot spring ringed with orange minerals", "volcano"),
    ("snowflake", "a single snowflake on a dark mitten", "ice"),
    ("cracked mud", "cracked mud at the bottom of a dried-up pond", "desert"),
    ("ice on a river", "plates of ice jostling down a river", "ice"),
    ("lichen", "orange lichen spreading over granite", "shore"),
    ("cloud inversion", "a sea of clouds filling the valley below a ridge", "valley"),
    ("meteor shower", "a meteor shower streaking over a desert camp", "sky", "night"),
    ("tornado", "a tornado touching down over farmland", "sky"),
    ("sunbeam", "sunbeams slanting through a cathedral of redwoods", "forest"),
    ("fallen tree", "a fallen tree bridging a gorge, covered in moss", "forest"),
    ("reeds in frost", "frozen reeds at the edge of a lake", "ice"),
    ("wave-cut rock", "wave-carved sandstone in swirling bands", "shore"),
    ("pollen", "a cloud of pollen blowing off a pine tree", "forest"),
    ("seed pod", "a milkweed pod splitting open, silk spilling out", "meadow"),
)

NATURE_PLACES = {
    "forest": (
        "in an old-growth forest",
        "deep in the woods",
        "in a rain-soaked forest",
        "in a quiet glen",
    ),
    "meadow": ("in a summer meadow", "in a wild field", "at the edge of a hay meadow"),
    "sky": (
        "over the prairie",
        "above a dark ridge line",
        "over a sleeping village",
        "over open farmland",
    ),
    "shore": ("on a rocky coast in Cornwall", "on an Icelandic beach", "along a quiet shoreline"),
    "ice": ("in the Arctic", "in a frozen valley", "on a lake in Siberia", "in the high mountains"),
    "volcano": (
        "in Iceland",
        "on the slopes of a volcano",
        "in Yellowstone",
        "on Hawaii's Big Island",
    ),
    "desert": ("in the Atacama", "in Death Valley", "in the Gobi", "on a dry plateau"),
    "valley": ("in a deep valley", "seen from a high pass", "below a line of hills"),
}

NATURE_DETAILS = (
    "Every droplet catches the light",
    "The colours are rich and natural",
    "Fine detail is visible in every texture",
    "The air feels cold and clean",
    "Nothing man-made is in the frame",
    "A faint mist softens the background",
    "Small insects drift through the light",
    "The scale is hard to guess",
    "The scene is perfectly still",
    "Water beads on every surface",
)


NATURE_CLIMATE = {
    "forest": "temperate",
    "meadow": "temperate",
    "sky": "any",
    "shore": "temperate",
    "ice": "cold",
    "volcano": "temperate",
    "desert": "warm",
    "valley": "temperate",
}


def nature(rng: random.Random) -> Draft:
    short, core, group, *night = pick(rng, NATURE)
    when, light = CLIMATES[night[0] if night else NATURE_CLIMATE[group]]
    t = tier(rng)
    text, n = scene(
        rng,
        t,
        short=short if chance(rng, 0.5) else f"{short} {pick(rng, NATURE_PLACES[group])}",
        core=core,
        place=pick(rng, NATURE_PLACES[group]) if chance(rng, 0.7) else "",
        details=NATURE_DETAILS,
        when=when,
        light=light,
        more=() if night else SKY_MORE,
    )
    return Draft(text, n, ("nature", group))


# Landscape ----------------------------------------------------------------------------------

LANDSCAPES = (
    ("fjord", "a deep fjord walled by sheer cliffs", "in Norway", "temperate"),
    (
        "rice terraces",
        "rice terraces stepping down a hillside, flooded and shining",
        "in Yunnan",
        "temperate",
    ),
    ("lavender fields", "rows of lavender running to the horizon", "in Provence", "temperate"),
    ("sand dunes", "towering orange sand dunes", "in Namibia", "warm"),
    ("karst peaks", "limestone karst peaks rising out of a river", "in Guilin", "temperate"),
    ("tulip fields", "stripes of red and yellow tulips", "in the Netherlands", "temperate"),
    (
        "rolling hills",
        "rolling green hills patched with hedgerows",
        "in the Cotswolds",
        "temperate",
    ),
    (
        "volcanic plain",
        "a black volcanic plain crossed by a single road",
        "in Iceland",
        "temperate",
    ),
    ("salt flat", "a mirror-flat salt pan reflecting the sky", "in Bolivia", "warm"),
    ("canyon", "a winding red-rock canyon", "in Utah", "warm"),
    ("glacier", "a glacier tongue spilling down into a milky lake", "in Patagonia", "cold"),
    (
        "alpine meadow",
        "an alpine meadow full of wildflowers under jagged peaks",
        "in the Dolomites",
        "temperate",
    ),
    (
        "tea plantation",
        "neat rows of tea bushes wrapping around steep hills",
        "in Sri Lanka",
        "temperate",
    ),
    ("vineyard", "vineyards on terraced slopes above a river", "in the Douro Valley", "temperate"),
    (
        "birch forest",
        "a birch forest with white trunks and yellow leaves",
        "in Finland",
        "temperate",
    ),
    (
        "cliffs",
        "chalk cliffs dropping into a green sea",
        "on the south coast of England",
        "temperate",
    ),
    ("archipelago", "scattered islands in a calm blue sea", "in Croatia", "temperate"),
    (
        "highlands",
        "moorland and a dark loch under heavy cloud",
        "in the Scottish Highlands",
        "temperate",
    ),
    ("savanna", "open savanna dotted with acacias", "in Kenya", "warm"),
    ("steppe", "endless grassland with a few white yurts", "in Mongolia", "temperate"),
    ("bamboo hills", "hills covered in swaying bamboo", "in Anji", "temperate"),
    ("mesa", "flat-topped mesas in a red desert", "in Monument Valley", "warm"),
    ("waterfall valley", "a green valley threaded with waterfalls", "in Yosemite", "temperate"),
    ("pine coast", "pine-covered granite islands", "in the Finnish archipelago", "temperate"),
    (
        "mountain lake",
        "a turquoise lake at the foot of a glacier",
        "in the Canadian Rockies",
        "temperate",
    ),
    ("poppy field", "a field of red poppies with a single farmhouse", "in Tuscany", "temperate"),
    ("cherry orchard", "cherry orchards in full blossom on a hillside", "in Japan", "temperate"),
    ("badlands", "striped badlands eroded into ridges", "in South Dakota", "warm"),
    ("tundra", "autumn tundra in red and gold", "in Alaska", "cold"),
    ("coastline", "a rugged coastline with sea stacks", "along the Great Ocean Road", "temperate"),
    ("plateau", "a high plateau with snow peaks on the horizon", "in Tibet", "cold"),
    ("marsh", "a salt marsh with winding channels", "in Norfolk", "temperate"),
    (
        "cypress road",
        "a cypress-lined road winding between wheat fields",
        "in Val d'Orcia",
        "temperate",
    ),
    ("jungle river", "a brown river snaking through endless jungle", "in the Amazon", "temperate"),
    ("terraced fields", "terraced fields carved into a mountainside", "in Bali", "temperate"),
    ("crater lake", "a crater lake ringed by steep green walls", "in Oregon", "temperate"),
    ("lake district", "a lake between bracken-covered fells", "in the Lake District", "temperate"),
    ("sunflower fields", "a sea of sunflowers under a wide sky", "in Ukraine", "temperate"),
    ("rainforest ridge", "forested ridges fading into mist", "in Borneo", "temperate"),
    ("wheat fields", "golden wheat fields with a dirt track", "in Kansas", "temperate"),
    (
        "rapeseed fields",
        "bright yellow rapeseed fields around a village",
        "in Luoping",
        "temperate",
    ),
    ("desert highway", "a straight desert highway vanishing into heat haze", "in Arizona", "warm"),
    ("mountain pass", "switchback roads climbing a mountain pass", "in the Alps", "temperate"),
    ("moorland", "purple heather moorland", "in Yorkshire", "temperate"),
    ("river bend", "a horseshoe bend in a deep canyon river", "in Arizona", "warm"),
    ("olive grove", "silver olive groves on a dry hillside", "in Crete", "warm"),
    ("volcano", "a snow-capped volcano above a blue lake", "in Chile", "temperate"),
    ("atoll", "a ring-shaped atoll in shallow turquoise water", "in the Maldives", "warm"),
    (
        "yellow mountains",
        "granite peaks and twisted pines above a sea of cloud",
        "at Huangshan",
        "temperate",
    ),
    ("grasslands", "grassland rolling away under huge clouds", "in Inner Mongolia", "temperate"),
)

VANTAGE = (
    "seen from a high ridge",
    "from the air",
    "from a winding road",
    "seen across a still lake",
    "from a hilltop",
    "viewed through a gap in the trees",
    "from the deck of a boat",
    "seen from far above",
    "from a mountain hut window",
    "from the valley floor",
)

LANDSCAPE_DETAILS = (
    "A tiny hiker gives a sense of scale",
    "A winding path leads the eye into the distance",
    "Cloud shadows move across the ground",
    "A flock of birds crosses the sky",
    "A small red cabin sits in the middle distance",
    "Layers of hills fade into haze",
    "The foreground is sharp with grasses and stones",
    "A river catches the light",
    "The sky takes up two thirds of the frame",
    "Smoke rises from a distant chimney",
    "The horizon is perfectly level",
    "Patches of snow linger in the shadows",
)


def landscape(rng: random.Random) -> Draft:
    short, core, region, climate = pick(rng, LANDSCAPES)
    when, light = CLIMATES[climate]
    t = tier(rng)
    place = region if chance(rng, 0.7) else ""
    if chance(rng, 0.4):
        place = f"{place} {pick(rng, VANTAGE)}".strip()
    text, n = scene(
        rng,
        t,
        short=f"{short} {region}" if chance(rng, 0.6) else f"{short} {pick(rng, VANTAGE)}",
        core=core,
        place=place,
        details=LANDSCAPE_DETAILS,
        when=when,
        light=light,
        more=SKY_MORE,
    )
    return Draft(text, n, ("landscape",))


# Cityscape ----------------------------------------------------------------------------------

CITY_SCENES = (
    ("skyline", "the skyline reflected in the river"),
    ("alley", "a narrow alley strung with paper lanterns"),
    ("night market", "a crowded night market with steaming food stalls"),
    ("tram", "an old yellow tram climbing a steep street"),
    ("rooftops", "a sea of terracotta rooftops and chimneys"),
    ("crossing", "a busy pedestrian crossing seen from above"),
    ("canal", "a canal lined with narrow brick houses and moored bikes"),
    ("subway", "an empty subway platform with a train pulling in"),
    ("flower market", "a flower market spilling onto the pavement"),
    ("fire escapes", "brick tenements laced with black fire escapes"),
    ("harbour", "fishing boats in a harbour below painted houses"),
    ("bridge", "a suspension bridge disappearing into fog"),
    ("old town square", "an old town square with a clock tower"),
    ("neon street", "a street crowded with vertical neon signs"),
    ("stairway", "a stairway of painted steps between houses"),
    ("laundry lines", "laundry hanging between balconies across a lane"),
    ("rooftop garden", "a rooftop garden among office towers"),
    ("train station", "a grand train station hall with a glass roof"),
    ("bus stop", "a lone bus stop lit up on an empty road"),
    ("overpass", "stacked highway overpasses with streams of headlights"),
    ("boulevard", "a tree-lined boulevard with cafe terraces"),
    ("market street", "a market street piled with fruit and spices"),
    ("hutong", "a grey-brick hutong lane with a parked tricycle"),
    ("skyscrapers", "glass skyscrapers looking straight up from the street"),
    ("waterfront", "a waterfront promenade with joggers and cyclists"),
    ("ferris wheel", "a ferris wheel turning above the rooftops"),
    ("cathedral", "a gothic cathedral looming over small shops"),
    ("shopfronts", "a row of colourful shopfronts with hand-painted signs"),
    ("quiet street", "a quiet residential street lined with plane trees"),
    ("construction site", "a construction site with tower cranes against the sky"),
    ("container port", "a container port with stacked boxes and gantry cranes"),
    ("taxi queue", "a line of taxis in the rain outside a hotel"),
    ("rooftop bar", "a rooftop bar looking over the lights of the city"),
    ("courtyard", "a hidden courtyard with a fountain and orange trees"),
    ("billboards", "giant billboards over an intersection"),
    ("favelas", "houses stacked up a steep hillside"),
    ("riverside stalls", "book stalls along a river embankment"),
    ("elevated train", "an elevated train passing between apartment windows"),
    ("lantern festival", "a street hung with hundreds of red lanterns for a festival"),
    ("empty plaza", "an empty concrete plaza with long shadows"),
)

CITY_DETAILS = (
    "Reflections shimmer in the wet road",
    "Steam rises from a manhole",
    "A cyclist rides through the middle of the frame",
    "Pigeons scatter across the cobbles",
    "Window lights come on one by one",
    "A street musician plays on the corner",
    "Traffic leaves red and white light trails",
    "Shop shutters are half pulled down",
    "Umbrellas crowd the pavement",
    "Scaffolding wraps one of the buildings",
    "A delivery scooter waits at the kerb",
    "Cherry blossom petals drift across the street",
    "Power lines criss-cross the sky",
    "A dog waits outside a corner shop",
)

STREET_MORE = (
    "Cars are parked nose to tail along the kerb",
    "Wet leaves are plastered to the pavement",
    "A green pharmacy cross glows on a corner",
    "Shop signs are stacked up the building fronts",
    "Balconies are crowded with plants",
    "A scooter weaves between pedestrians",
    "Tram wires criss-cross overhead",
    "A cafe has put its chairs out on the pavement",
)

CITY_CAMERA = (
    "wide-angle",
    "telephoto compression",
    "long exposure",
    "street photography",
    "shot from a rooftop",
    "drone shot",
    "35mm film",
    "tilt-shift",
    "symmetrical composition",
    "eye-level shot",
    "night photography",
    "cinematic still",
    "high-angle shot",
)


def cityscape(rng: random.Random) -> Draft:
    short, core = pick(rng, CITY_SCENES)
    city = pick(rng, CITIES)
    t = tier(rng)
    text, n = scene(
        rng,
        t,
        short=f"{city} {short}" if chance(rng, 0.5) else f"{short} in {city}",
        core=core,
        place=f"in {city}",
        details=CITY_DETAILS,
        camera=CITY_CAMERA,
        when=CLIMATES["city"][0],
        light=CLIMATES["city"][1],
        more=STREET_MORE,
    )
    return Draft(text, n, ("city",))


# Plants -------------------------------------------------------------------------------------

PLANTS = (
    ("sunflowers", "a row of sunflowers turning toward the sun"),
    ("fern", "a fern frond uncurling"),
    ("bonsai", "a gnarled juniper bonsai in a shallow blue pot"),
    ("cactus", "a flowering barrel cactus"),
    ("monstera", "a monstera with huge split leaves"),
    ("cherry blossom", "a branch of cherry blossom against a pale sky"),
    ("lotus", "a pink lotus rising from a muddy pond"),
    ("water lilies", "water lilies floating between round pads"),
    ("wisteria", "wisteria hanging in long purple clusters"),
    ("succulents", "a tray of succulents in soft greens and pinks"),
    ("oak", "an ancient oak with a hollow trunk"),
    ("orchid", "a white moth orchid in full bloom"),
    ("moss", "a cushion of moss with tiny spore stalks"),
    ("pumpkin vine", "a pumpkin vine sprawling over a fence"),
    ("lavender", "bees working a clump of lavender"),
    ("peony", "a heavy peony just opening"),
    ("venus flytrap", "a Venus flytrap with its traps open"),
    ("baobab", "a baobab tree with a swollen trunk"),
    ("bamboo shoots", "bamboo shoots pushing up through leaf litter"),
    ("ivy", "ivy climbing a crumbling brick wall"),
    ("poppies", "papery orange poppies swaying"),
    ("maple", "a Japanese maple with scarlet leaves"),
    ("tomato plant", "tomatoes ripening on the vine"),
    ("magnolia", "magnolia buds on a bare branch"),
    ("dandelions", "a lawn gone wild with dandelions"),
    ("willow", "a weeping willow trailing its branches in a river"),
    ("pitcher plant", "pitcher plants with speckled lids"),
    ("sequoia", "the base of a giant sequoia"),
    ("herb pots", "pots of basil, thyme and rosemary"),
    ("rose", "a climbing rose around a wooden door"),
    ("air plant", "an air plant in a glass sphere"),
    ("chrysanthemums", "bronze chrysanthemums in a clay pot"),
    ("wheat", "ripe wheat heads bending in the wind"),
    ("palm", "a coconut palm leaning over the water"),
    ("olive tree", "a twisted old olive tree"),
    ("plum blossom", "plum blossom on a snowy branch"),
    ("aloe", "an aloe plant with thick spiky leaves"),
    ("hydrangea", "blue hydrangea heads the size of a fist"),
    ("lichen and moss", "lichen and moss on a fallen branch"),
    ("seedlings", "seedlings sprouting in an egg carton"),
    ("fiddle-leaf fig", "a fiddle-leaf fig in a woven basket"),
    ("cotton plant", "cotton bolls bursting open"),
    ("ginkgo", "a ginkgo tree shedding yellow fan-shaped leaves"),
    ("morning glory", "morning glories climbing a string trellis"),
)

PLANT_PLACES_OUT = (
    "in a cottage garden",
    "on a balcony",
    "in a botanical garden",
    "in a temple courtyard",
    "in a wild meadow",
    "in a terracotta pot on a step",
    "in an overgrown backyard",
    "by a stone wall",
    "at the edge of a pond",
    "on a hillside",
)

PLANT_PLACES_IN = (
    "on a sunny windowsill",
    "in a Victorian greenhouse",
    "on a kitchen table",
    "in a glass terrarium",
    "in a plant shop",
    "on a bookshelf",
    "in a bright bathroom",
)

PLANT_DETAILS = (
    "Dew drops cling to the leaves",
    "The veins of each leaf are visible against the light",
    "A bee hovers nearby",
    "A few dead leaves lie on the ground below",
    "The background is a soft green blur",
    "A snail trail glistens on one leaf",
    "Every leaf is sharply detailed",
    "Sunlight shines through the leaves",
    "Soil is scattered on the surface",
    "Aphids crawl along one stem",
)


PLANT_MORE = (
    "The petals are slightly translucent",
    "One leaf has a ragged hole from a caterpillar",
    "The stems are covered with fine hairs",
    "New buds are just opening",
    "The colour deepens from the centre to the tips",
    "Pollen dusts the centre of each flower",
    "The leaves are glossy and dark",
    "A few leaves have turned yellow at the edges",
)


# Too big, or growing in the ground: never on a windowsill.
OUTDOOR_PLANTS = (
    "sunflowers",
    "oak",
    "wisteria",
    "cherry blossom",
    "lotus",
    "water lilies",
    "pumpkin vine",
    "baobab",
    "ivy",
    "maple",
    "dandelions",
    "willow",
    "sequoia",
    "rose",
    "wheat",
    "palm",
    "olive tree",
    "plum blossom",
    "ginkgo",
    "cotton plant",
    "bamboo shoots",
    "poppies",
    "lavender",
    "magnolia",
    "hydrangea",
    "morning glory",
    "lichen and moss",
    "tomato plant",
)


def plants(rng: random.Random) -> Draft:
    short, core = pick(rng, PLANTS)
    inside = short not in OUTDOOR_PLANTS and chance(rng, 0.5)
    places = PLANT_PLACES_IN if inside else PLANT_PLACES_OUT
    when, light = CLIMATES["indoor" if inside else "temperate"]
    t = tier(rng)
    text, n = scene(
        rng,
        t,
        short=short if chance(rng, 0.4) else f"{short} {pick(rng, places)}",
        core=core,
        place=pick(rng, places),
        details=PLANT_DETAILS,
        when=when,
        light=light,
        more=PLANT_MORE,
    )
    return Draft(text, n, ("plant",))


# Food ---------------------------------------------------------------------------------------

FOODS = (
    ("ramen", "a bowl of tonkotsu ramen with a soft-boiled egg and chashu"),
    ("dumplings", "a bamboo steamer of pork soup dumplings"),
    ("sourdough", "a sourdough loaf with a crackled crust, one slice cut"),
    ("pizza", "a wood-fired margherita pizza with blistered crust"),
    ("croissants", "a basket of flaky croissants"),
    ("sushi", "a wooden board of nigiri and maki rolls"),
    ("tacos", "three al pastor tacos with pineapple and coriander"),
    ("pancakes", "a stack of pancakes with melting butter and maple syrup"),
    ("hot pot", "a bubbling Sichuan hot pot split into red and clear broth"),
    ("paella", "a wide pan of seafood paella"),
    ("fruit tart", "a glossy fruit tart with berries and kiwi"),
    ("pho", "a steaming bowl of pho with herbs on the side"),
    ("burger", "a double cheeseburger with the cheese dripping"),
    ("bibimbap", "bibimbap in a hot stone bowl with a raw egg yolk"),
    ("macarons", "a row of pastel macarons"),
    ("curry", "a bowl of chicken curry with rice and naan"),
    ("salad", "a summer salad of tomatoes, peaches and burrata"),
    ("dim sum", "a table crowded with dim sum baskets"),
    ("ice cream", "a melting double scoop of pistachio ice cream"),
    ("breakfast", "a full English breakfast on a blue plate"),
    ("mooncakes", "mooncakes with a lotus pattern pressed into the crust"),
    ("cheese board", "a cheese board with figs, grapes and crackers"),
    ("lasagne", "a slice of lasagne lifted from the dish, stretching cheese"),
    ("jianbing", "a street-side jianbing being folded on a griddle"),
    ("pastel de nata", "custard tarts with scorched tops"),
    ("fried chicken", "a basket of crispy fried chicken"),
    ("chocolate cake", "a three-layer chocolate cake with a slice missing"),
    ("coffee", "a flat white with rosetta latte art"),
    ("matcha", "a bowl of whisked matcha with a bamboo whisk beside it"),
    ("bubble tea", "a tall glass of brown-sugar bubble tea"),
    ("roast chicken", "a golden roast chicken surrounded by potatoes"),
    ("mezze", "a mezze spread of hummus, falafel and flatbread"),
    ("oysters", "a tray of oysters on crushed ice with lemon"),
    ("noodles", "hand-pulled noodles being stretched over a counter"),
    ("baozi", "fluffy steamed baozi stacked in a steamer"),
    ("fruit bowl", "a bowl of cut mango, dragon fruit and lychees"),
    ("smoothie bowl", "a smoothie bowl topped with banana and granola"),
    ("spaghetti", "spaghetti carbonara twirled on a fork"),
    ("donuts", "a box of glazed donuts with sprinkles"),
    ("soup", "a bowl of tomato soup with a grilled cheese sandwich"),
    ("peking duck", "Peking duck being sliced at the table"),
    ("churros", "churros with a cup of thick chocolate"),
    ("kimchi stew", "kimchi stew bubbling in an earthenware pot"),
    ("watermelon", "slices of watermelon on a hot day"),
    ("bento", "a bento box with rice, salmon and pickles"),
    ("tiramisu", "a slice of tiramisu dusted with cocoa"),
    ("street skewers", "lamb skewers sizzling over charcoal"),
    ("baguettes", "baguettes in a bakery window"),
)

FOOD_PLACES = (
    "on a worn wooden table",
    "on a marble countertop",
    "on a checked tablecloth",
    "in a sunny cafe window",
    "on a slate board",
    "on a linen napkin",
    "on a balcony table",
    "in a diner booth",
    "on a restaurant pass, ready to go out",
)
STREET_PLACES = (
    "at a night-market stall",
    "at a street food cart",
    "on a plastic stool by the road",
)
# Food that belongs on the street; a roast chicken does not sit on a night-market stall.
STREET_FOODS = ("tacos", "jianbing", "churros", "street skewers", "fried chicken", "donuts", "pho")

FOOD_CAMERA = (
    "overhead flat lay",
    "45-degree angle",
    "shallow depth of field",
    "macro",
    "food photography",
    "soft window light",
    "dark moody food photography",
    "bright and airy styling",
    "shot from eye level",
    "close-up",
)

FOOD_LIGHT = (*LIGHT_INDOOR[:9], "warm golden-hour light", "soft morning light", "neon light")

FOOD_DETAILS = (
    "Steam curls up into the light",
    "Crumbs are scattered across the surface",
    "A hand reaches in from the edge of the frame",
    "Chopsticks rest across the bowl",
    "A glass of iced tea sweats beside it",
    "Herbs are sprinkled on top",
    "The sauce glistens",
    "A napkin is crumpled nearby",
    "The background is dark and out of focus",
    "Sesame seeds dot the surface",
)


FOOD_MORE = (
    "The edges are crisp and golden",
    "Everything looks freshly made",
    "The colours are rich and appetising",
    "A small dish of sauce sits to one side",
    "The plate is handmade, slightly uneven",
    "It looks like someone is about to take the first bite",
    "The portion is generous",
)


def food(rng: random.Random) -> Draft:
    short, core = pick(rng, FOODS)
    t = tier(rng)
    text, n = scene(
        rng,
        t,
        short=short if chance(rng, 0.4) else f"{short} {pick(rng, FOOD_PLACES)}",
        core=core,
        place=pick(rng, STREET_PLACES if short in STREET_FOODS else FOOD_PLACES)
        if chance(rng, 0.7)
        else "",
        details=FOOD_DETAILS,
        camera=FOOD_CAMERA,
        when=WHEN_INDOOR,
        light=FOOD_LIGHT,
        more=FOOD_MORE,
    )
    return Draft(text, n, ("food",))


# Indoor -------------------------------------------------------------------------------------

ROOMS = (
    ("artist's studio", "a cluttered artist's studio with canvases stacked against the walls"),
    ("library", "a two-storey library with rolling ladders"),
    ("kitchen", "a farmhouse kitchen with copper pans hanging over the stove"),
    ("bedroom", "a small attic bedroom under sloping beams"),
    ("reading nook", "a reading nook built into a bay window"),
    ("bathroom", "a bathroom with green tiles and a clawfoot tub"),
    ("cafe", "a tiny cafe with six stools along the counter"),
    ("greenhouse office", "a home office crowded with houseplants"),
    ("workshop", "a woodworking workshop with tools on a pegboard"),
    ("living room", "a mid-century living room with a sunken sofa"),
    ("tea house", "a traditional tea room with tatami mats and a low table"),
    ("classroom", "an empty classroom with chairs on the desks"),
    ("laundromat", "a laundromat with rows of round windows"),
    ("record shop", "a record shop with crates of vinyl"),
    ("museum hall", "a museum hall with a whale skeleton hanging from the ceiling"),
    ("server room", "a server room with blinking blue lights"),
    ("barbershop", "an old barbershop with leather chairs"),
    ("train carriage", "a sleeper train compartment with folded bunks"),
    ("bakery", "a bakery at dawn with trays of bread on racks"),
    ("hotel lobby", "an art deco hotel lobby"),
    ("dorm room", "a student dorm room with fairy lights and posters"),
    ("church", "a whitewashed church interior with wooden pews"),
    ("gym", "an old boxing gym with worn heavy bags"),
    ("cabin", "a log cabin interior with a wood stove"),
    ("nursery", "a calm nursery with a wooden cot"),
    ("pantry", "a pantry lined with jars of preserves"),
    ("staircase", "a spiral staircase seen from the bottom"),
    ("lab", "a chemistry lab with glassware on every bench"),
    ("music room", "a music room with a grand piano"),
    ("attic", "a dusty attic full of trunks and old furniture"),
    ("loft", "an industrial loft with brick walls and steel windows"),
    ("noodle shop", "a narrow noodle shop with steam on the windows"),
    ("courtyard house", "the main hall of a courtyard house with carved wooden screens"),
    ("dressing room", "a theatre dressing room with a bulb-lined mirror"),
    ("waiting room", "a hospital waiting room at night"),
    ("bookshop", "a bookshop with books piled on the floor"),
)

ROOM_DETAILS = (
    "A cat sleeps on the armchair",
    "Dust motes drift in the sunlight",
    "A radio plays on the shelf",
    "Rain streaks the windows",
    "A half-drunk cup of coffee sits on the table",
    "Plants trail from every shelf",
    "The floorboards are scuffed and warm",
    "A coat is thrown over a chair",
    "Nobody is there",
    "Light spills in from a doorway",
    "A clock on the wall reads ten past four",
    "Papers are spread everywhere",
)


ROOM_MORE = (
    "Books are stacked on every flat surface",
    "The wallpaper is faded and peeling at one corner",
    "A worn patterned rug covers the floor",
    "Mismatched chairs stand around the table",
    "A window looks out onto a wet street",
    "Framed photos hang slightly crooked",
    "The ceiling is low and beamed",
    "Everything looks used and lived-in",
)


def indoor(rng: random.Random) -> Draft:
    short, core = pick(rng, ROOMS)
    t = tier(rng)
    text, n = scene(
        rng,
        t,
        short=f"{short} interior" if chance(rng, 0.5) else f"cosy {short}",
        core=core,
        details=ROOM_DETAILS,
        when=WHEN_INDOOR,
        light=LIGHT_INDOOR,
        more=ROOM_MORE,
    )
    return Draft(text, n, ("interior",))


# Objects ------------------------------------------------------------------------------------

OBJECTS = (
    ("pocket watch", "a brass pocket watch with its lid open"),
    ("typewriter", "a vintage typewriter with a sheet of paper in it"),
    ("film camera", "an old rangefinder film camera"),
    ("compass", "a worn brass compass on a folded map"),
    ("teapot", "a cast-iron teapot"),
    ("sneakers", "a pair of white sneakers with muddy soles"),
    ("headphones", "over-ear headphones in matte black"),
    ("perfume bottle", "a faceted perfume bottle catching the light"),
    ("globe", "an antique globe on a wooden stand"),
    ("fountain pen", "a fountain pen resting on a notebook"),
    ("ceramic vase", "a hand-thrown ceramic vase with a drippy glaze"),
    ("rubik's cube", "a half-solved Rubik's cube"),
    ("vinyl record", "a vinyl record sliding out of its sleeve"),
    ("lantern", "a paper lantern glowing"),
    ("wristwatch", "a diver's wristwatch on a steel bracelet"),
    ("skateboard", "a scuffed skateboard"),
    ("chess set", "a wooden chess set mid-game"),
    ("hourglass", "an hourglass with the sand running"),
    ("telescope", "a brass telescope on a tripod"),
    ("game controller", "a game controller with worn thumbsticks"),
    ("leather bag", "a leather satchel with brass buckles"),
    ("glass marbles", "a handful of glass marbles"),
    ("umbrella", "a red umbrella dripping on a doormat"),
    ("candle", "a half-burned beeswax candle"),
    ("sewing machine", "an old black sewing machine with gold lettering"),
    ("mechanical keyboard", "a mechanical keyboard with colourful keycaps"),
    ("radio", "a wooden valve radio"),
    ("bicycle", "a vintage bicycle with a wicker basket"),
    ("snow globe", "a snow globe with a tiny village inside"),
    ("matchbox", "an open matchbox with one match burning"),
    ("sunglasses", "tortoiseshell sunglasses"),
    ("lipstick", "a red lipstick in a gold case"),
    ("teacup", "a chipped porcelain teacup"),
    ("key", "an old iron key on a ribbon"),
    ("robot toy", "a wind-up tin robot toy"),
    ("drone", "a small quadcopter drone"),
    ("backpack", "a faded canvas hiking backpack"),
    ("abacus", "a wooden abacus"),
    ("paper crane", "a folded paper crane"),
    ("kettle", "a copper kettle"),
    ("espresso machine", "a chrome espresso machine"),
    ("smartphone", "a smartphone with a cracked screen"),
    ("jade bracelet", "a green jade bangle"),
    ("music box", "an open music box with a tiny dancer"),
    ("lamp", "an anglepoise desk lamp"),
    ("seashells", "a row of seashells sorted by size"),
)

SURFACES = (
    "on a slate tile",
    "against a seamless beige backdrop",
    "on a weathered wooden bench",
    "on a white marble slab",
    "on a velvet cloth",
    "on a concrete floor",
    "on a linen tablecloth",
    "on a mirror",
    "on a desk by a window",
    "on a shelf among books",
    "floating against a pastel background",
    "on wet black stone",
    "on a sandy beach",
    "in a shop window",
)

OBJECT_CAMERA = (
    "product photography",
    "studio lighting",
    "macro",
    "soft shadows",
    "top-down view",
    "hard light and crisp shadows",
    "shallow depth of field",
    "catalogue style",
    "three-quarter view",
    "centred composition",
)

OBJECT_SHOTS = (
    "Product photo",
    "Studio shot",
    "Close-up",
    "Still life photo",
    "Catalogue photo",
    "Macro photo",
    "Photo",
)

OBJECT_DETAILS = (
    "Scratches and wear show its age",
    "Its reflection is faint in the surface below",
    "A single shadow falls to the left",
    "Nothing else is in the frame",
    "The edges are crisp and clean",
    "Light glints off its edges",
    "Dust sits on the top edge",
    "A small price tag hangs from it",
)


OBJECT_MORE = (
    "Tiny details such as screws and seams are visible",
    "Faint fingerprints show on the surface",
    "Its colours have faded a little",
    "It looks well used and well loved",
    "The proportions are exactly right",
    "The materials look real, not plastic",
)


def objects(rng: random.Random) -> Draft:
    short, core = pick(rng, OBJECTS)
    t = tier(rng)
    text, n = scene(
        rng,
        t,
        short=short if chance(rng, 0.4) else f"{short} {pick(rng, SURFACES)}",
        core=core,
        place=pick(rng, SURFACES) if chance(rng, 0.8) else "",
        details=OBJECT_DETAILS,
        camera=OBJECT_CAMERA,
        light=LIGHT_STUDIO if chance(rng, 0.6) else LIGHT_INDOOR,
        shots=OBJECT_SHOTS,
        more=OBJECT_MORE,
        when=() if chance(rng, 0.7) else ("at night", "in the morning", "at dusk"),
    )
    return Draft(text, n, ("object",))


GENERATORS = {
    ("general/nature", "en"): nature,
    ("general/landscape", "en"): landscape,
    ("general/cityscape", "en"): cityscape,
    ("general/animals", "en"): animals,
    ("general/plants", "en"): plants,
    ("general/food", "en"): food,
    ("general/indoor", "en"): indoor,
    ("general/objects", "en"): objects,
}
