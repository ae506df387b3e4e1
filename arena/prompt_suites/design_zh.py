"""中文 design/* 提示词：海报、界面、演示页、绘画、雕塑、手工艺、数字艺术。

海报、界面和演示页有时指定标题或按钮文字，这时把原文写进 expected_text。
"""

from __future__ import annotations

import random

from arena.prompt_suites.compose_zh import LIGHT_NOTES, SETTING_NOTES, elaborate
from arena.prompt_suites.core import Draft, chance, pick, sample, tier, zh_end
from arena.prompt_suites.lexicon_zh import CITIES, FRAMING, FRAMING_CLOSE, PALETTES

POSTERS = (
    (
        "{city}旅游海报",
        ("遇见{city}", "{city}的夏天", "慢游{city}"),
        ("骑楼和老街", "江边的夜景", "古城墙和灯笼", "海边的灯塔"),
    ),
    (
        "一张文艺电影海报",
        ("长夜将尽", "南方的河", "最后一班车"),
        ("雨夜里一个撑伞的背影", "空荡荡的站台", "麦田里的一辆旧自行车"),
    ),
    (
        "音乐节海报",
        ("夏日声浪", "草地音乐节", "今夜不眠"),
        ("霓虹色的同心圆", "一把燃烧的电吉他", "人群举起的手"),
    ),
    (
        "博物馆展览海报",
        ("纸上山水", "千年一瓷", "丝路遗珍"),
        ("一只青花瓷瓶", "一段山水长卷的局部", "一匹唐三彩骆驼"),
    ),
    (
        "公益海报",
        ("节约用水", "光盘行动", "保护野生动物"),
        ("一滴水里倒映着地球", "一只干干净净的空盘子", "一只雪豹的眼睛"),
    ),
    (
        "中秋节海报",
        ("花好月圆", "但愿人长久", "月满中秋"),
        ("一轮大大的圆月和玉兔", "桂花树下的一家人", "月饼和茶壶"),
    ),
    ("春节海报", ("新春快乐", "团圆", "福到万家"), ("舞龙舞狮", "红灯笼和烟花", "一桌年夜饭")),
    (
        "读书节海报",
        ("阅读点亮生活", "书香满城", "一起读书吧"),
        ("一本打开的书里长出一棵树", "坐在书堆上的小孩", "书页折成的纸船"),
    ),
    (
        "茶馆开业海报",
        ("一盏清茶", "开业大吉", "茶香满堂"),
        ("一把紫砂壶正在出汤", "竹林和茶席", "一片茶叶的特写"),
    ),
    (
        "马拉松赛事海报",
        ("奔跑吧城市", "全民马拉松", "向前跑"),
        ("跑者剪影组成的线条", "城市地图上的赛道", "一双跑鞋"),
    ),
    (
        "咖啡店新品海报",
        ("秋天的第一杯", "桂花拿铁", "新品上市"),
        ("一杯拉花咖啡和几朵桂花", "冒着热气的咖啡杯", "咖啡豆撒成的图案"),
    ),
)

POSTER_STYLES = (
    "国潮风",
    "极简主义",
    "复古港风",
    "扁平插画风",
    "剪纸风格",
    "水墨风",
    "赛博朋克风格",
    "包豪斯风格",
    "孟菲斯风格",
    "新中式",
    "日系小清新",
    "手绘插画",
    "丝网印刷质感",
)
POSTER_LAYOUTS = (
    "大标题居中",
    "大面积留白",
    "竖排标题",
    "对称构图",
    "文字压在图像上",
    "网格排版",
    "标题放在左上角",
    "底部一行小字写日期和地点",
)


def poster(rng: random.Random) -> Draft:
    kind, titles, visuals = pick(rng, POSTERS)
    city = pick(rng, CITIES[:16])
    kind = kind.format(city=city)
    title = pick(rng, titles).format(city=city) if chance(rng, 0.6) else None
    t = tier(rng)
    n = 2
    if t == "terse":
        title = None
        text = f"{kind}，{pick(rng, POSTER_STYLES)}"
    else:
        parts = [f"{kind}，画面是{pick(rng, visuals)}"]
        if title:
            parts[0] += pick(
                rng, (f"，标题“{title}”", f"，大字标题写着“{title}”", f"，主标题为“{title}”")
            )
            n += 1
        if t != "short":
            parts.append(f"{pick(rng, POSTER_STYLES)}，{pick(rng, PALETTES)}")
            n += 2
        if t in ("long", "epic"):
            parts.extend(sample(rng, POSTER_LAYOUTS, 1 if t == "long" else 2))
            n += 1 if t == "long" else 2
        text = "，".join(parts)
    tags = ("design", "poster") + (("text",) if title else ())
    return Draft(zh_end(text, rng), n, tags, title)


SCREENS = (
    (
        "外卖App首页",
        ("搜索栏", "分类图标", "附近商家卡片", "悬浮购物车按钮"),
        ("去结算", "立即下单"),
    ),
    (
        "天气App界面",
        ("大号温度数字", "逐小时预报", "未来七天列表", "空气质量卡片"),
        ("今天", "未来七天"),
    ),
    ("记账App首页", ("本月支出环形图", "最近账单列表", "记一笔按钮"), ("记一笔", "查看报表")),
    (
        "音乐播放器界面",
        ("专辑封面", "进度条", "播放暂停按钮", "滚动歌词"),
        ("正在播放", "单曲循环"),
    ),
    ("健身App训练页", ("运动圆环", "心率曲线", "本周训练柱状图"), ("开始训练", "训练记录")),
    (
        "电商商品详情页",
        ("商品大图", "颜色选择", "尺码选择", "用户评价"),
        ("加入购物车", "立即购买"),
    ),
    ("网约车App", ("地图", "上车点和目的地输入框", "车型选择卡片"), ("呼叫快车", "确认上车点")),
    ("读书App书架页", ("书封网格", "继续阅读卡片", "阅读时长统计"), ("继续阅读", "书城")),
    ("智能家居控制面板", ("房间卡片", "温度旋钮", "灯光开关"), ("全部关闭", "回家模式")),
    ("手机银行首页", ("余额卡片", "转账快捷入口", "最近交易"), ("转账", "扫一扫")),
    ("点餐小程序", ("菜品列表", "左侧分类栏", "底部结算栏"), ("去支付", "选好了")),
    ("智能手表表盘", ("大号时间", "步数圆环", "电量显示"), ("开始锻炼", "计时器")),
)
UI_STYLES = (
    "深色模式",
    "浅色模式",
    "毛玻璃效果",
    "新拟态风格",
    "扁平化设计",
    "圆角卡片和柔和阴影",
    "高对比度",
    "马卡龙配色",
    "iOS风格",
    "Material Design风格",
)


UI_EXTRAS = ("放在手机样机里展示", "平面截图", "8点栅格", "图标风格统一")


def ui(rng: random.Random) -> Draft:
    screen, parts, labels = pick(rng, SCREENS)
    t = tier(rng)
    label = pick(rng, labels) if chance(rng, 0.5) and t != "terse" else None
    k = {"terse": 0, "short": 1, "medium": 2, "long": 3, "epic": len(parts)}[t]
    shown = sample(rng, parts, min(k, len(parts)))
    n = 1 + len(shown)
    text = screen + ("，包含" + "、".join(shown) if shown else "")
    if label:
        text += pick(rng, (f"，按钮上写着“{label}”", f"，主按钮文字“{label}”"))
        n += 1
    if t != "short":
        text += f"，{pick(rng, UI_STYLES)}"
        n += 1
    if t in ("long", "epic"):
        text += f"，{pick(rng, PALETTES)}，{pick(rng, UI_EXTRAS)}"
        n += 2
    tags = ("design", "ui") + (("text",) if label else ())
    return Draft(zh_end(text, rng), n, tags, label)


SLIDES = (
    ("年终总结", ("2024年度总结", "这一年我们做了什么"), "一张柱状图"),
    ("新产品发布", ("全新登场", "产品亮点"), "产品渲染图"),
    ("小学科学课件", ("水的三态变化", "植物是怎样长大的"), "一张标注清楚的示意图"),
    ("项目进度汇报", ("项目进度", "下一步计划"), "一条横向时间线"),
    ("毕业答辩", ("研究背景", "实验结果"), "一张折线图"),
    ("团队介绍", ("我们的团队", "团队成员"), "一排圆形头像"),
    ("用户调研报告", ("用户怎么说", "调研结论"), "一张环形图"),
    ("旅行分享", ("云南十日", "我们的路线"), "一张画着虚线路线的地图"),
)
SLIDE_LAYOUTS = (
    "标题在上方，左边三条要点",
    "左右两栏布局",
    "中间一个醒目的大数字",
    "满版照片上压着标题",
    "一排四个图标",
    "一句引言大字居中",
)


def slide(rng: random.Random) -> Draft:
    topic, titles, visual = pick(rng, SLIDES)
    t = tier(rng)
    title = pick(rng, titles) if chance(rng, 0.6) and t != "terse" else None
    text = f"一页关于{topic}的PPT"
    n = 2
    if title:
        text += pick(rng, (f"，标题“{title}”", f"，页面标题写着“{title}”"))
        n += 1
    if t != "terse":
        text += f"，配{visual}"
        n += 1
    if t not in ("terse", "short"):
        text += f"，{pick(rng, SLIDE_LAYOUTS)}"
        n += 1
    if t in ("long", "epic"):
        text += f"，{pick(rng, ('商务蓝模板', '简约白底', '深色主题', '手绘风', '学术风格'))}，16:9"
        n += 2
    tags = ("design", "slide") + (("text",) if title else ())
    return Draft(zh_end(text, rng), n, tags, title)


PAINTINGS = (
    "一幅工笔花鸟画，一对翠鸟停在荷叶上",
    "一幅青绿山水长卷",
    "敦煌壁画风格的飞天",
    "杨柳青年画，胖娃娃抱着大鲤鱼",
    "一幅印象派油画，画的是塞纳河边的午后",
    "一幅唐卡，中间是坛城图案",
    "一幅农民画，画的是丰收的村庄",
    "一幅文人画，画的是梅兰竹菊",
    "一幅荷兰静物油画，银杯和剥了一半的柠檬",
    "宋画风格的团扇小品，一枝折枝桃花",
    "一幅浮世绘风格的海浪",
    "一幅大尺幅的抽象表现主义油画",
    "一幅黑白木刻版画，画的是码头工人",
    "一幅岩彩画，画的是雪山和经幡",
    "一幅没骨花卉",
    "一幅西洋古典风格的肖像油画",
    "一幅重彩人物画，画的是仕女游春",
)
GALLERY_NOTES = (
    "旁边隐约能看到一块展签",
    "参观者的影子落在地上",
    "后面的墙刷成深绿色",
    "画框一角有点磕损",
    "正面平拍，没有反光",
    "展厅里很安静",
)

PAINTING_DETAILS = (
    "能看到清晰的笔触",
    "装在金色画框里",
    "挂在美术馆的白墙上",
    "绢本设色",
    "纸面有岁月的黄斑",
    "色彩浓郁",
    "正面平拍，整幅画完整入镜",
    "局部特写",
    "落款和印章清晰",
)


def painting(rng: random.Random) -> Draft:
    subject = pick(rng, PAINTINGS)
    k = {"terse": 0, "short": 1, "medium": 2, "long": 3, "epic": 4}[tier(rng)]
    text = "，".join([subject, *sample(rng, PAINTING_DETAILS, k)])
    if k == 4:
        text += "。" + elaborate(rng, FRAMING_CLOSE, LIGHT_NOTES, GALLERY_NOTES)
    return Draft(zh_end(text, rng), 1 + k + 2 * (k == 4), ("art", "painting"))


MUSEUM = ("放在博物馆的展台上", "在白色展厅里", "陈列在玻璃展柜中")
OUTDOOR = ("立在园林里", "在城市广场中央", "在寺庙的院子里", "立在公园的草坪上")
SCULPTURES = (
    ("一对守门的石狮子", ("蹲在老宅大门两侧", "立在寺庙的院子里")),
    ("一尊青铜鼎", MUSEUM),
    ("一尊兵马俑", MUSEUM),
    ("一棵翠玉白菜", MUSEUM),
    ("一座冰雕城堡", ("在冰雪大世界里", "在夜色中亮着彩灯")),
    ("一条沙雕巨龙", ("在海边沙滩上", "在沙雕节的展区里")),
    ("一尊木雕罗汉", (*MUSEUM, "在寺庙的偏殿里")),
    ("一组彩塑泥人", (*MUSEUM, "摆在手艺人的工作台上")),
    ("一座不锈钢抽象雕塑", OUTDOOR),
    ("一件老树根雕成的根雕", (*MUSEUM, "摆在茶室里")),
    ("一块精细的砖雕门楣", ("嵌在徽派老宅的门上",)),
    ("一匹唐三彩马", MUSEUM),
    ("一尊石窟大佛", ("在山崖的石窟里",)),
    ("一座汉白玉观音像", OUTDOOR),
    ("一件青铜奔马", MUSEUM),
)
SCULPTURE_DETAILS = (
    "能看到刀刻的痕迹",
    "表面打磨得发亮",
    "低角度仰拍",
    "侧光勾勒出体积",
    "旁边有游客作比例",
    "局部特写",
    "布满风雨侵蚀的痕迹",
)


def sculpture(rng: random.Random) -> Draft:
    subject, places = pick(rng, SCULPTURES)
    t = tier(rng)
    if t == "terse":
        return Draft(subject, 1, ("art", "sculpture"))
    k = {"short": 0, "medium": 1, "long": 2, "epic": 3}[t]
    text = "，".join([f"{subject}{pick(rng, places)}", *sample(rng, SCULPTURE_DETAILS, k)])
    if t == "epic":
        text += "。" + elaborate(rng, FRAMING_CLOSE, LIGHT_NOTES, GALLERY_NOTES)
    return Draft(zh_end(text, rng), 2 + k + 2 * (t == "epic"), ("art", "sculpture"))


CRAFTS = (
    "一幅红色剪纸，剪的是喜鹊登梅",
    "一幅苏绣，绣的是一只回头的猫",
    "一块蓝染扎染布",
    "一只景泰蓝花瓶",
    "一把刻着山水的紫砂壶",
    "一个竹编提篮",
    "一只燕子风筝",
    "一幅糖画，画的是一条龙",
    "一组面塑小人",
    "一套皮影戏人物",
    "一个大红的中国结",
    "一只青花瓷碗",
    "一个描金漆盒",
    "一幅木版年画门神",
    "一只草编蚂蚱",
    "一盏手工走马灯",
    "一块织锦缎",
    "一只掐丝珐琅手镯",
    "一枚核雕小舟",
    "一座老街微缩模型",
)
CRAFT_PLACES = ("放在木工作台上", "捧在手里", "挂在白墙上", "摆在集市的摊位上", "放在亚麻布上")
CRAFT_VIEWS = (
    "纹理特写",
    "工具摆在旁边",
    "俯拍",
    "自然光下",
    "做到一半，材料散在四周",
    "产品摄影",
    "浅景深",
)


def craft(rng: random.Random) -> Draft:
    item = pick(rng, CRAFTS)
    k = {"terse": 0, "short": 1, "medium": 2, "long": 3, "epic": 4}[tier(rng)]
    views = [pick(rng, CRAFT_PLACES), *sample(rng, CRAFT_VIEWS, k - 1)] if k else []
    text = "，".join([item, *views])
    if k >= 3:
        text += "，" + pick(
            rng, ("能看出是手工做的", "每一处针脚都清楚", "材质真实", "手艺人的手在画面边上")
        )
    if k == 4:
        text += "。" + elaborate(rng, FRAMING_CLOSE, LIGHT_NOTES, SETTING_NOTES)
    return Draft(zh_end(text, rng), 2 + k + (k >= 3), ("craft", "handmade"))


DIGITAL_SUBJECTS = (
    "漂浮在云端的仙山宫殿",
    "赛博朋克风格的重庆夜景",
    "穿机甲的少女",
    "山海经里的九尾狐",
    "未来世界的敦煌飞天",
    "孙悟空站在霓虹城市的楼顶",
    "海底龙宫",
    "在云层里游动的巨鲸",
    "未来感的中式庭院",
    "废土上的一列绿皮火车",
    "悬浮在空中的茶馆",
    "骑着麒麟的少年侠客",
    "长满竹子的太空站",
    "一座建在巨龟背上的小镇",
)
DIGITAL_STYLES = (
    "概念设计图",
    "游戏原画",
    "等距视角插画",
    "扁平矢量插画",
    "国潮插画",
    "角色设定图",
    "专辑封面",
    "手机壁纸",
    "贴纸设计",
    "绘本插画",
    "科幻场景原画",
)
DIGITAL_EXTRAS = (
    "体积光",
    "色彩鲜明",
    "线条干净",
    "构图有张力",
    "渐变柔和",
    "细节丰富",
    "大远景",
    "轮廓光",
    "厚涂质感",
)


def digital_art(rng: random.Random) -> Draft:
    subject, style = pick(rng, DIGITAL_SUBJECTS), pick(rng, DIGITAL_STYLES)
    k = {"terse": 0, "short": 0, "medium": 1, "long": 2, "epic": 3}[tier(rng)]
    head = pick(rng, (f"{subject}，{style}", f"{style}：{subject}"))
    text = "，".join([head, *sample(rng, DIGITAL_EXTRAS, k)])
    if k >= 2:
        text += f"，{pick(rng, PALETTES)}"
    if k == 3:
        text += "。" + elaborate(
            rng,
            FRAMING,
            (
                "远处的小人显出尺度",
                "缩成缩略图也要一眼认出轮廓",
                "用层层雾气拉开纵深",
                "角落里藏着耐看的小故事",
                "像一部电影的开场镜头",
            ),
        )
    return Draft(zh_end(text, rng), 2 + k + (k >= 2), ("digital_art",))


GENERATORS = {
    ("design/poster", "zh"): poster,
    ("design/ui", "zh"): ui,
    ("design/slide", "zh"): slide,
    ("design/painting", "zh"): painting,
    ("design/sculpture", "zh"): sculpture,
    ("design/craft", "zh"): craft,
    ("design/digital_art", "zh"): digital_art,
}
