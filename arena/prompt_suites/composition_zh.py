"""中文 composition/* 提示词：数量、属性绑定、空间关系、多物体场景。"""

from __future__ import annotations

import random

from arena.prompt_suites.compose_zh import LIGHT_NOTES, elaborate
from arena.prompt_suites.core import ZH_NUMBERS, Draft, chance, pick, sample, tier, zh_end, zh_join
from arena.prompt_suites.lexicon_zh import COLOURS, MATERIALS
from arena.prompt_suites.lexicon_zh import FRAMING_CLOSE as FRAMING

CHECK_NOTES = (
    "每样东西都要一眼能认出来",
    "不要有东西被挡住",
    "各个物体彼此分开",
    "像绘本里的一页那样清楚",
    "简单到一眼就能核对",
)

# (名词, 量词, 场景)
COUNTABLES = (
    ("苹果", "个", "table"),
    ("橘子", "个", "table"),
    ("鸡蛋", "个", "table"),
    ("茶杯", "只", "table"),
    ("蜡烛", "根", "table"),
    ("小笼包", "个", "table"),
    ("饺子", "个", "table"),
    ("柿子", "个", "table"),
    ("月饼", "块", "table"),
    ("红包", "个", "table"),
    ("柠檬", "个", "table"),
    ("草莓", "颗", "table"),
    ("铅笔", "支", "desk"),
    ("书", "本", "desk"),
    ("回形针", "枚", "desk"),
    ("骰子", "颗", "desk"),
    ("硬币", "枚", "desk"),
    ("纸飞机", "只", "desk"),
    ("橡皮", "块", "desk"),
    ("小黄鸭", "只", "floor"),
    ("泰迪熊", "只", "floor"),
    ("玩具车", "辆", "floor"),
    ("积木", "块", "floor"),
    ("气球", "个", "room"),
    ("猫", "只", "room"),
    ("抱枕", "个", "room"),
    ("花盆", "个", "room"),
    ("椅子", "把", "room"),
    ("相框", "个", "room"),
    ("羊", "只", "farm"),
    ("牛", "头", "farm"),
    ("鸭子", "只", "farm"),
    ("小鸡", "只", "farm"),
    ("马", "匹", "farm"),
    ("狗", "条", "farm"),
    ("帆船", "艘", "water"),
    ("天鹅", "只", "water"),
    ("锦鲤", "条", "water"),
    ("荷花", "朵", "water"),
    ("风筝", "只", "sky"),
    ("热气球", "个", "sky"),
    ("灯笼", "盏", "sky"),
    ("鸽子", "只", "sky"),
    ("向日葵", "朵", "wild"),
    ("蘑菇", "个", "wild"),
    ("蝴蝶", "只", "wild"),
    ("松树", "棵", "wild"),
    ("自行车", "辆", "street"),
    ("雨伞", "把", "street"),
    ("路灯", "盏", "street"),
    ("出租车", "辆", "street"),
    ("企鹅", "只", "snow"),
    ("雪人", "个", "snow"),
    ("贝壳", "个", "beach"),
    ("海星", "只", "beach"),
)

PLACES = {
    "table": ("木桌上", "长餐桌上", "厨房台面上", "格子桌布上", "石板台面上"),
    "desk": ("书桌上", "一张白纸上", "打开的抽屉里"),
    "floor": ("儿童房的地毯上", "木地板上", "床上"),
    "room": ("明亮的客厅里", "一面浅色墙前", "空房间里", "窗台上"),
    "farm": ("绿色的草地上", "农家院子里", "山坡上", "木栅栏后面"),
    "water": ("平静的湖面上", "池塘里", "港湾里"),
    "sky": ("蓝天上", "傍晚的天空中", "城市上空"),
    "wild": ("草地上", "林间空地上", "花园里"),
    "street": ("街边", "地铁站出口", "停车场里"),
    "snow": ("雪地上", "冰面上"),
    "beach": ("沙滩上", "海边的湿沙上"),
}

COUNT_NOTES = (
    "数量要准确",
    "不多也不少",
    "每一个都清楚分开",
    "全部完整出现在画面里",
    "画面里没有别的东西",
)
ARRANGE = ("排成一排", "围成一圈", "堆成一堆", "随意散落", "从大到小排好", "分成两排")


def _num(k: int, digits: bool) -> str:
    return str(k) if digits else ZH_NUMBERS[k]


def counting(rng: random.Random) -> Draft:
    t = tier(rng, (0.15, 0.35, 0.3, 0.15, 0.05))
    groups = {
        "terse": 1,
        "short": rng.choice((1, 2)),
        "medium": 2,
        "long": rng.choice((2, 3)),
        "epic": 3,
    }[t]
    first = pick(rng, COUNTABLES)
    pool = [c for c in COUNTABLES if c[2] == first[2] and c != first]
    chosen = [first, *sample(rng, pool, min(groups - 1, len(pool)))]
    digits = chance(rng, 0.15)
    counts = [rng.randint(2, 12) if i == 0 else rng.randint(1, 6) for i in range(len(chosen))]
    phrases = [
        f"{_num(k, digits)}{unit}{noun}" for (noun, unit, _), k in zip(chosen, counts, strict=True)
    ]
    place = pick(rng, PLACES[first[2]])
    n = 2 * len(chosen) + 1
    if t == "terse":
        text = f"{place}{phrases[0]}"
    else:
        body = zh_join(phrases)
        if len(chosen) == 1 and chance(rng, 0.5):
            body += f"，{pick(rng, ARRANGE)}"
            n += 1
        text = pick(rng, (f"{place}有{body}", f"{place}放着{body}", f"{body}，在{place}"))
        if t in ("long", "epic"):
            text += f"，{pick(rng, COUNT_NOTES)}"
        if t == "epic":
            text += f"，{pick(rng, ('俯拍，光线柔和', '影棚拍摄，纯色背景', '像绘本插画一样清楚'))}"
            n += 1
    if t == "epic":
        text += "。" + elaborate(rng, LIGHT_NOTES, FRAMING, CHECK_NOTES)
    return Draft(zh_end(text, rng), n, ("counting", f"objects:{sum(counts)}"))


# (名词, 量词)
THINGS = (
    ("杯子", "个"),
    ("碗", "只"),
    ("椅子", "把"),
    ("花瓶", "个"),
    ("自行车", "辆"),
    ("雨伞", "把"),
    ("茶壶", "把"),
    ("书包", "个"),
    ("气球", "个"),
    ("帽子", "顶"),
    ("台灯", "盏"),
    ("行李箱", "个"),
    ("吉他", "把"),
    ("沙发", "张"),
    ("靴子", "双"),
    ("围巾", "条"),
    ("闹钟", "个"),
    ("小船", "条"),
    ("风筝", "只"),
    ("水桶", "个"),
    ("电话", "部"),
    ("钢琴", "架"),
    ("帐篷", "顶"),
    ("蜡烛", "根"),
)
SHAPES = ("立方体", "球体", "圆锥", "圆柱", "金字塔", "圆环")
CREATURES = (
    ("长颈鹿", "大象"),
    ("猫", "狗"),
    ("猫头鹰", "鹦鹉"),
    ("兔子", "狐狸"),
    ("熊猫", "老虎"),
    ("金鱼", "乌龟"),
)
WEARERS = ("小女孩", "老爷爷", "小男孩", "年轻女人", "雪人", "机器人")
# (衣物, 动词)
CLOTHES = (
    ("雨衣", "穿着"),
    ("雨伞", "打着"),
    ("围巾", "围着"),
    ("帽子", "戴着"),
    ("靴子", "穿着"),
    ("背包", "背着"),
    ("毛衣", "穿着"),
    ("手套", "戴着"),
)
ATTR_BACKGROUNDS = ("纯白背景上", "灰色影棚地面上", "木桌上", "空房间里", "草地上", "粉色背景前")
ATTR_NOTES = (
    "每种颜色只属于对应的物体",
    "颜色不要弄混",
    "构图简洁清楚",
    "柔和的影棚光",
    "全部清晰对焦",
)


def _colour(c: str) -> str:
    return c if c.endswith("色") else c + "色"


def attributes(rng: random.Random) -> Draft:
    t = tier(rng, (0.12, 0.35, 0.33, 0.15, 0.05))
    kind = pick(rng, ("colour", "colour", "shapes", "material", "creature", "wear"))
    k = {"terse": 2, "short": 2, "medium": rng.choice((2, 3)), "long": 3, "epic": 4}[t]
    colours = [_colour(c) for c in sample(rng, COLOURS, k)]
    if kind == "shapes":
        phrases = [f"一个{c}的{s}" for c, s in zip(colours, sample(rng, SHAPES, k), strict=True)]
    elif kind == "colour":
        phrases = [
            f"一{u}{c}的{o}" for c, (o, u) in zip(colours, sample(rng, THINGS, k), strict=True)
        ]
    elif kind == "material":
        phrases = [
            f"一{u}{m}做的{o}"
            for m, (o, u) in zip(sample(rng, MATERIALS, k), sample(rng, THINGS, k), strict=True)
        ]
    elif kind == "creature":
        a, b = pick(rng, CREATURES)
        phrases = [f"一只{colours[0]}的{a}", f"一只{colours[1]}的{b}"]
    else:
        who = pick(rng, WEARERS)
        worn = [
            f"{verb}{c}的{item}"
            for c, (item, verb) in zip(colours, sample(rng, CLOTHES, k), strict=True)
        ]
        phrases = [f"一个{who}，" + "、".join(worn)]
    text = zh_join(phrases) if kind != "wear" else phrases[0]
    n = 2 * k + 1
    if t == "terse":
        return Draft(text, n, ("attributes", kind))
    text = pick(
        rng,
        (f"{pick(rng, ATTR_BACKGROUNDS)}，{text}", f"{text}，放在{pick(rng, ATTR_BACKGROUNDS)}"),
    )
    if kind == "wear":
        text = text.replace("，放在", "，在")
    if t in ("medium", "long", "epic") and chance(rng, 0.5):
        text += f"，{pick(rng, ATTR_NOTES)}"
    if t == "epic":
        text += f"，{pick(rng, ('平视拍摄', '干净的三维渲染', '明亮均匀的光线'))}"
    if t == "epic":
        text += "。" + elaborate(rng, LIGHT_NOTES, FRAMING, CHECK_NOTES)
    return Draft(zh_end(text, rng), n, ("attributes", kind))


PROPS = (
    "一个红色的球",
    "一个蓝色的盒子",
    "一个绿色的瓶子",
    "一个黄色的杯子",
    "一摞书",
    "一盆仙人掌",
    "一只睡着的猫",
    "一只小狗",
    "一把木椅子",
    "一盏台灯",
    "一只泰迪熊",
    "一个苹果",
    "一瓶郁金香",
    "一双运动鞋",
    "一个藤编篮子",
    "一把吉他",
    "一个地球仪",
    "一个闹钟",
    "一根蜡烛",
    "一台笔记本电脑",
    "一只纸船",
    "一个南瓜",
    "一只小黄鸭",
    "一盏灯笼",
    "一个书包",
    "一个鱼缸",
)
RELATIONS = ("上面", "下面", "左边", "右边", "后面", "前面", "旁边")
CONTAINERS = ("纸箱", "竹篮", "抽屉", "纸袋", "浴缸", "行李箱", "木箱")
TINY_CONTAINERS = ("玻璃罐", "茶杯", "鸟窝")
SMALL = ("一只小猫", "一只刺猬", "一只小狗", "一只小兔子")
TINY = ("一个柠檬", "一把金钥匙", "一团毛线", "一封信", "一颗鸡蛋")
SPATIAL_NOTES = (
    "位置必须和描述一致",
    "平视角度",
    "画面里没有别的东西",
    "物体之间分开摆放",
    "左右以观看者为准",
)
SPATIAL_PLACES = ("白色桌面上", "空房间里", "木地板上", "草坪上", "纯色墙前", "厨房台面上")


def _relations(anchor: str) -> tuple[str, ...]:
    """动物不适合当"上面/下面"的参照物。"""
    animal = any(w in anchor for w in ("猫", "狗", "熊"))
    return tuple(r for r in RELATIONS if not (animal and r in ("上面", "下面")))


def _bare(phrase: str) -> str:
    """去掉"一个/一只/一盏…"，给第二次提到时用：一只睡着的猫 → 那只睡着的猫。"""
    return "那" + phrase[1:] if phrase.startswith("一") else phrase


def spatial(rng: random.Random) -> Draft:
    t = tier(rng, (0.12, 0.35, 0.33, 0.15, 0.05))
    form = pick(rng, ("pair", "pair", "inside", "between", "chain", "sides"))
    if t == "terse":
        form = pick(rng, ("pair", "inside"))
    if form == "pair":
        a, b = sample(rng, PROPS, 2)
        rel = pick(rng, _relations(b))
        text = pick(rng, (f"{a}在{b}的{rel}", f"{b}的{rel}有{a}"))
        n = 4
    elif form == "inside":
        tiny = chance(rng, 0.4)
        thing = pick(rng, TINY if tiny else SMALL)
        box = pick(rng, CONTAINERS + (TINY_CONTAINERS if tiny else ()))
        verb = pick(rng, ("放在", "装在") if tiny else ("躲在", "待在", "从"))
        text = f"{thing}{verb}{box}里" + ("探出头" if verb == "从" else "")
        n = 3
    elif form == "between":
        a, b, c = sample(rng, PROPS, 3)
        text, n = f"{a}放在{b}和{c}中间", 5
    elif form == "chain":
        a, b, c = sample(rng, PROPS, 3)
        r1, r2 = sample(rng, _relations(b), 2)
        text, n = f"{a}在{b}的{r1}，{c}在{_bare(b)}的{r2}", 7
    else:
        a, b = sample(rng, PROPS, 2)
        left, right = pick(rng, (("左边", "右边"), ("前景", "背景"), ("画面上方", "画面下方")))
        text, n = f"{left}是{a}，{right}是{b}", 4
    if t == "terse":
        return Draft(text, n, ("spatial", form))
    if chance(rng, 0.7):
        text = f"{pick(rng, SPATIAL_PLACES)}，{text}"
        n += 1
    if t in ("long", "epic"):
        text += f"，{pick(rng, SPATIAL_NOTES)}"
        n += 1
    if t == "epic":
        text += f"，{pick(rng, ('写实摄影，自然光', '干净的三维渲染', '扁平插画，粗轮廓线'))}"
        n += 1
    if t == "epic":
        text += "。" + elaborate(rng, LIGHT_NOTES, FRAMING, CHECK_NOTES)
    return Draft(zh_end(text, rng), n, ("spatial", form))


SCENES = {
    "书桌上": (
        "一台笔记本电脑",
        "一盆仙人掌",
        "三本叠起来的书",
        "一杯咖啡",
        "一盏台灯",
        "一副耳机",
        "一个笔筒",
        "一个小地球仪",
        "一张全家福",
        "一本摊开的笔记本",
        "一把直尺",
        "一个魔方",
    ),
    "野餐垫上": (
        "一个藤编野餐篮",
        "一瓶柠檬水",
        "一碗草莓",
        "两个三明治",
        "一顶草帽",
        "一个飞盘",
        "一本书",
        "一块切开的西瓜",
        "一个保温壶",
        "一副太阳镜",
        "一束野花",
    ),
    "厨房台面上": (
        "一块切着胡萝卜的砧板",
        "一口铁锅",
        "一碗鸡蛋",
        "一瓶酱油",
        "一把葱",
        "一把菜刀",
        "一个电饭煲",
        "半个柠檬",
        "一袋面粉",
        "一把木铲",
        "一头大蒜",
    ),
    "茶桌上": (
        "一把紫砂壶",
        "三只品茗杯",
        "一个茶宠",
        "一罐茶叶",
        "一块茶巾",
        "一个公道杯",
        "一盆小菖蒲",
        "一把茶夹",
        "一碟茶点",
        "一个烧水壶",
    ),
    "儿童房的地板上": (
        "一列玩具火车",
        "一只毛绒兔子",
        "一盒蜡笔",
        "一本绘本",
        "一个陀螺",
        "一堆积木",
        "一只玩具恐龙",
        "一面小鼓",
        "一个皮球",
        "一顶纸皇冠",
    ),
    "年夜饭的餐桌上": (
        "一盘饺子",
        "一条红烧鱼",
        "一盘四喜丸子",
        "一瓶红酒",
        "一碗汤圆",
        "一盘凉菜",
        "几双筷子",
        "一锅鸡汤",
        "一盘年糕",
        "一碟花生瓜子",
    ),
    "床头柜上": (
        "一个闹钟",
        "一杯水",
        "一副老花镜",
        "一盏小夜灯",
        "一部正在充电的手机",
        "一本小说",
        "一个香薰蜡烛",
        "一盒纸巾",
        "一个小相框",
    ),
    "水果摊上": (
        "一筐橘子",
        "一堆西瓜",
        "一把香蕉",
        "一袋荔枝",
        "一块手写价格牌",
        "一杆老秤",
        "一箱苹果",
        "一串葡萄",
        "几个菠萝",
    ),
    "工作台上": (
        "一把锤子",
        "一卷卷尺",
        "一盒螺丝",
        "一把手锯",
        "一副护目镜",
        "一个做了一半的鸟窝",
        "一罐油漆",
        "一把水平尺",
        "一卷麻绳",
    ),
    "梳妆台上": (
        "一面圆镜",
        "一支口红",
        "一把木梳",
        "一瓶香水",
        "一个首饰盒",
        "一盒粉饼",
        "一条珍珠项链",
        "一束干花",
    ),
    "露营地里": (
        "一顶绿色帐篷",
        "一堆篝火",
        "一个小炉子上的水壶",
        "两把折叠椅",
        "一盏营地灯",
        "一双登山靴",
        "一张地图",
        "一个背包",
    ),
}


SCENE_NOTES = ("每样东西都清楚可见", "东西不要重叠太多", "窗边自然光", "俯拍，光线均匀")


def multi_object(rng: random.Random) -> Draft:
    place = pick(rng, tuple(SCENES))
    t = tier(rng, (0.0, 0.25, 0.4, 0.25, 0.1))
    k = {"short": 3, "medium": rng.choice((4, 5)), "long": rng.choice((5, 6)), "epic": 7}[t]
    items = sample(rng, SCENES[place], min(k, len(SCENES[place])))
    listed = zh_join(items)
    forms = [f"{place}有{listed}", f"{place}摆着{listed}", f"{listed}，都放在{place}"]
    if place.endswith("上"):
        forms.append(f"俯拍{place[:-1]}：{listed}")
    if place == "露营地里":
        forms = [f"露营地里有{listed}", f"露营地里能看到{listed}"]
    text = pick(rng, forms)
    n = 1 + len(items)
    if t in ("long", "epic"):
        text += f"，{pick(rng, SCENE_NOTES)}"
        n += 1
    if t == "epic":
        text += f"，{pick(rng, ('质感真实，阴影柔和', '色调温暖有生活气', '像产品目录一样清晰'))}"
        n += 1
    if t == "epic":
        text += "。" + elaborate(rng, LIGHT_NOTES, FRAMING, CHECK_NOTES)
    return Draft(zh_end(text, rng), n, ("multi_object", f"objects:{len(items)}"))


GENERATORS = {
    ("composition/counting", "zh"): counting,
    ("composition/attributes", "zh"): attributes,
    ("composition/spatial", "zh"): spatial,
    ("composition/multi_object", "zh"): multi_object,
}
