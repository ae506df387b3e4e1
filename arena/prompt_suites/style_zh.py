"""中文 style/* 提示词：同一类主体，用指定的画风来画。"""

from __future__ import annotations

import random

from arena.prompt_suites.compose_zh import LIGHT_NOTES, elaborate
from arena.prompt_suites.core import Draft, chance, pick, sample, tier, zh_end
from arena.prompt_suites.lexicon_zh import FRAMING

SUBJECTS = (
    "海岛上的灯塔",
    "蘑菇下睡着的小狐狸",
    "补渔网的老渔夫",
    "爬坡的老电车",
    "雨中撑红伞的女孩",
    "趴在书堆上的猫",
    "清晨的山村",
    "一碗热腾腾的拉面",
    "盘在宝塔上的龙",
    "暴风雨中的帆船",
    "向日葵田",
    "树下休息的骑士",
    "深夜亮灯的小书店",
    "荷塘里的锦鲤",
    "荡秋千的宇航员",
    "热闹的夜市",
    "在厨房揉面的奶奶",
    "围着围巾的企鹅",
    "靠在墙边的自行车",
    "穿过高架桥的火车",
    "雾中的竹林",
    "给花浇水的机器人",
    "悬崖上的城堡",
    "爵士酒吧里的乐队",
    "月光下树枝上的猫头鹰",
    "路边的小吃摊",
    "浅水里的白鹭",
    "钻进被窝看书的小孩",
    "啃苹果的小熊猫",
    "盛开的樱花树",
    "雨中的武士",
    "开满花的温室",
    "漂浮在空中的小房子",
    "拉大提琴的人",
    "荷叶上的青蛙",
    "下雨的东京小巷",
    "灯火通明的老街",
    "在河里洗澡的大象",
    "坐在礁石上的美人鱼",
    "火车站台",
    "咖啡馆里看书的女人",
    "雪地里冒着炊烟的小木屋",
)

INK_SUBJECTS = (
    "云雾缭绕的群山",
    "江上独钓的渔翁",
    "雪中红梅",
    "一对飞过的仙鹤",
    "风中的竹子",
    "松下抚琴的高士",
    "山间瀑布",
    "雪后的村落",
    "奔马",
    "雨后的荷叶",
    "过溪的老虎",
    "湖上的亭子",
    "石边的兰草",
    "几只虾",
    "水草间的金鱼",
)

STYLES = {
    "photorealistic": (
        ("写实摄影", "超写实", "照片级真实感", "真实照片"),
        (
            "皮肤和材质纹理真实",
            "自然光",
            "全画幅相机拍摄",
            "色彩真实",
            "细节锐利",
            "反射和阴影准确",
            "轻微胶片颗粒",
            "35mm镜头",
        ),
    ),
    "anime": (
        ("日系动漫风格", "二次元插画", "动画电影截图", "动漫插画"),
        (
            "赛璐璐上色",
            "线稿干净",
            "大眼睛",
            "手绘背景",
            "柔和的光晕",
            "九十年代动画质感",
            "天空是淡淡的粉紫色",
            "色彩明快",
        ),
    ),
    "watercolor": (
        ("水彩画", "淡彩水彩", "水彩插画"),
        (
            "湿画法晕染",
            "大量留白",
            "水彩纸纹理",
            "颜料自然沉淀",
            "能看到铅笔底稿",
            "笔触松散",
            "边缘柔和地渗开",
        ),
    ),
    "oil_painting": (
        ("油画", "厚涂油画", "古典油画"),
        (
            "厚重的笔触",
            "画布纹理清晰",
            "印象派笔法",
            "明暗对比强烈",
            "画刀肌理",
            "色彩浓郁",
            "暖色底色透出来",
        ),
    ),
    "pixel_art": (
        ("像素画", "16位像素风", "8-bit像素风"),
        (
            "有限的调色板",
            "像素清晰不模糊",
            "复古游戏画面",
            "抖动阴影",
            "横版过关视角",
            "右上角有小小的血条",
        ),
    ),
    "3d_render": (
        ("3D渲染", "C4D风格", "盲盒手办风格", "三维卡通渲染"),
        (
            "柔和的全局光照",
            "次表面散射",
            "光滑的材质",
            "等距视角小场景",
            "粘土质感",
            "可爱的Q版比例",
            "马卡龙配色",
        ),
    ),
    "line_art": (
        ("线稿", "黑白线描", "一笔画", "涂色书线稿"),
        ("干净的黑色线条", "纯白背景", "线条粗细均匀", "不上色", "细密的排线", "极简"),
    ),
    "ink_wash": (
        ("水墨画", "国画写意", "泼墨山水", "中国水墨风格"),
        (
            "宣纸质感",
            "大面积留白",
            "墨色浓淡变化",
            "右下角有落款和红色印章",
            "飞白笔触",
            "雾气用留白表现",
            "淡淡的设色",
            "竖幅立轴",
        ),
    ),
    "claymation": (
        ("黏土动画", "定格动画", "橡皮泥风格", "黏土微缩场景"),
        (
            "能看见手指印",
            "手工微缩场景",
            "毛毡和纸板做的道具",
            "形状有点歪歪扭扭",
            "柔和的影棚灯",
            "哑光的明亮颜色",
        ),
    ),
}

NOTES = (
    "整体色调温暖",
    "背景简洁",
    "傍晚时分",
    "主体居中",
    "画面开阔，留出大片天空",
    "近景特写",
    "光从左边照过来",
    "冬天的早晨",
    "夏末的午后",
    "略微俯视",
    "安静悠闲的一刻",
)


def _style(name: str):
    nouns, details = STYLES[name]

    def generate(rng: random.Random) -> Draft:
        pool = INK_SUBJECTS + SUBJECTS[:20] if name == "ink_wash" else SUBJECTS
        subject = pick(rng, pool)
        t = tier(rng)
        k = {"terse": 0, "short": 1, "medium": 2, "long": 3, "epic": 4}[t]
        extras = sample(rng, details, min(k, len(details)))
        noun = pick(rng, nouns)
        forms = [f"{subject}，{noun}", f"{noun}：{subject}"]
        if name in ("watercolor", "oil_painting", "ink_wash"):
            forms.append(f"一幅{noun}，画的是{subject}")
        head = pick(rng, forms)
        if t == "terse":
            head = f"{subject}，{noun}"
        parts = [head, *extras]
        if t in ("long", "epic") and chance(rng, 0.7):
            parts.extend(sample(rng, NOTES, 1 if t == "long" else 2))
        text = "，".join(parts)
        if t == "epic":
            text += "。" + pick(rng, ("整幅画风格统一", "氛围安静", "色彩克制", "细节耐看"))
            text += "。" + elaborate(rng, FRAMING, LIGHT_NOTES, NOTES)
        return Draft(zh_end(text, rng), 2 + len(parts) - 1 + (t == "epic"), ("style", name))

    generate.__name__ = f"{name}_zh"
    return generate


GENERATORS = {(f"style/{name}", "zh"): _style(name) for name in STYLES}
