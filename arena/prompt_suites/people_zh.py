"""中文 people/* 提示词：人像、运动、日常活动。"""

from __future__ import annotations

import random

from arena.prompt_suites.compose_zh import scene
from arena.prompt_suites.core import Draft, chance, pick, tier
from arena.prompt_suites.lexicon_zh import CLIMATES, LIGHT_STUDIO

SITTERS = (
    "一位满脸皱纹的老渔民",
    "一个满脸雀斑的红发女孩",
    "一位戴着苗族银饰的姑娘",
    "一位戴老花镜的老裁缝",
    "刚下夜班的护士",
    "画着全妆的京剧演员",
    "一位练太极的白发老人",
    "戴安全帽的建筑工人",
    "穿蓝白校服的初中女生",
    "抱着新生儿的年轻父亲",
    "一位藏族老阿妈",
    "一个缺了门牙、咧嘴笑的小男孩",
    "戴花帽的新疆大叔",
    "脸上沾着面粉的面包师",
    "头发花白的大提琴手",
    "满手油污的修车师傅",
    "穿汉服的少女",
    "手握毛笔的书法家",
    "一位皮肤黝黑的茶农",
    "穿白大褂的科研人员",
    "一位短发的女航天员",
    "穿婚纱的新娘",
    "一位坐在轮椅上的老兵",
    "一位蒙古族牧民",
    "街头卖唱的年轻歌手",
    "戴草帽的瓜农",
    "一位傣族姑娘",
    "一位剃着光头的小和尚",
    "穿皮夹克的摇滚乐手",
    "系着围裙的面馆老板娘",
    "一位戴眼镜的数学老师",
    "刚跑完马拉松的中年人",
    "一位捧着牡丹花的花店店主",
    "正在候场的芭蕾舞演员",
    "一个抱着母鸡的农村小女孩",
)

EXPRESSIONS = (
    "开怀大笑",
    "直视镜头",
    "若有所思",
    "嘴角带着浅笑",
    "眯着眼看太阳",
    "闭着眼睛",
    "回头看向镜头",
    "神情严肃",
    "望向画面外",
    "笑得眼睛弯成一条缝",
)

BACKDROPS = (
    ("灰色背景前", "studio"),
    ("纯黑背景前", "studio"),
    ("暖黄色背景前", "studio"),
    ("书架前", "indoor"),
    ("下着雨的窗边", "indoor"),
    ("老屋的门框里", "indoor"),
    ("昏暗的厨房里", "indoor"),
    ("热闹的菜市场里", "outdoor"),
    ("油菜花田里", "outdoor"),
    ("老街的门洞下", "outdoor"),
    ("海边", "outdoor"),
    ("雪地里", "outdoor"),
    ("开满樱花的树下", "outdoor"),
    ("渔船上", "outdoor"),
)

PORTRAIT_CAMERA = (
    "85mm人像镜头",
    "浅景深",
    "黑白人像",
    "中画幅胶片",
    "环境人像",
    "伦勃朗光",
    "皮肤质感真实",
    "眼神里有光",
    "面部特写",
    "胶片颗粒感",
)
PORTRAIT_DETAILS = (
    "能看清眼角的细纹",
    "皮肤有真实的毛孔和雀斑",
    "一缕头发垂在脸侧",
    "背景虚化成柔和的色块",
    "双手放在胸前",
    "色调温暖而略微褪色",
    "光只从一侧打过来",
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
    core = f"{who}，{pick(rng, EXPRESSIONS)}" if chance(rng, 0.7) else who
    text, n = scene(
        rng,
        t,
        short=f"{who}的肖像" if chance(rng, 0.5) else who,
        core=core,
        place=backdrop,
        details=PORTRAIT_DETAILS,
        when=when if chance(rng, 0.5) else (),
        light=light,
        camera=PORTRAIT_CAMERA,
        shots=("一张人像照片", "一张特写肖像", "一张黑白人像", "一张环境人像", "一张抓拍"),
        more=(
            "眼睛清亮有神",
            "逆光里细小的发丝在发光",
            "嘴角有笑纹",
            "耳环闪了一下光",
            "衣服有自然的褶皱",
            "一双手粗糙有力",
            "表情温和但有点拘谨",
        ),
    )
    return Draft(text, n, ("person", "portrait"))


SPORTS = (
    ("短跑运动员从起跑器上冲出", "红色塑胶跑道上", "temperate"),
    ("冲浪者在巨浪上滑行", "海上", "warm"),
    ("篮球运动员腾空扣篮", "露天球场上", "temperate"),
    ("攀岩者伸手去够下一个岩点", "陡峭的岩壁上", "temperate"),
    ("滑板少年在台阶扶手上滑行", "城市广场上", "temperate"),
    ("守门员飞身扑救", "泥泞的球门前", "wet"),
    ("体操运动员在平衡木上做动作", "体育馆里", "indoor"),
    ("滑雪者急转弯扬起雪雾", "雪道上", "cold"),
    ("龙舟队整齐地划桨", "江面上", "warm"),
    ("乒乓球运动员侧身正手抽球", "比赛大厅里", "indoor"),
    ("羽毛球运动员跃起扣杀", "体育馆里", "indoor"),
    ("排球运动员跳起扣球", "沙滩上", "warm"),
    ("举重运动员把杠铃举过头顶", "比赛台上", "indoor"),
    ("跳水运动员在空中转体", "十米跳台上方", "indoor"),
    ("马拉松选手成群跑过大桥", "城市中心", "temperate"),
    ("自行车手冲过终点线", "山路上", "temperate"),
    ("拳击手打出一记右勾拳", "拳台上", "indoor"),
    ("击剑运动员弓步刺出", "剑道上", "indoor"),
    ("射箭运动员拉满弓", "草地射箭场上", "temperate"),
    ("花样滑冰运动员原地旋转", "冰场上", "cold"),
    ("舞狮队员跃上高桩", "广场上", "temperate"),
    ("几位老人围成一圈踢毽子", "公园里", "temperate"),
    ("武术少年腾空侧踢", "少林寺前的空地上", "temperate"),
    ("骑手策马扬鞭", "草原上", "temperate"),
    ("游泳运动员奋力蝶泳", "室外泳池里", "warm"),
    ("网球运动员高高抛球准备发球", "红土球场上", "warm"),
    ("滑翔伞从山顶起飞", "山谷上空", "temperate"),
    ("赛艇队员奋力划桨", "薄雾笼罩的湖面上", "temperate"),
    ("小学生在跳长绳", "操场上", "temperate"),
    ("摔跤手把对手摔倒在地", "那达慕大会上", "temperate"),
)

SPORT_CAMERA = (
    "高速快门定格",
    "追焦拍摄带运动模糊",
    "长焦镜头从看台拍摄",
    "低角度仰拍",
    "体育摄影",
    "广角近距离拍摄",
    "定格瞬间",
)
SPORT_DETAILS = (
    "汗珠飞溅",
    "背后观众虚化成彩色的光斑",
    "镁粉在空中飘散",
    "水花四溅",
    "肌肉绷得很紧",
    "表情专注",
    "裤腿上溅满了泥",
)


def sports(rng: random.Random) -> Draft:
    core, place, climate = pick(rng, SPORTS)
    when, light = CLIMATES[climate]
    text, n = scene(
        rng,
        tier(rng),
        short=core,
        core=core,
        place=place,
        details=SPORT_DETAILS,
        when=when,
        light=light,
        camera=SPORT_CAMERA,
        shots=("一张运动抓拍", "一张体育照片", "一张长焦照片"),
        more=(
            "背景被拉出运动模糊",
            "衣服随着动作飘起来",
            "能看清队服上的缝线",
            "脸上全是用力的表情",
            "脚下的地面被踩得乱七八糟",
            "裁判在画面边上看着",
        ),
    )
    return Draft(text, n, ("person", "sport", "motion"))


ACTIVITIES = (
    ("一家人围在桌边包饺子", "indoor"),
    ("奶奶在院子里晒柿饼", "temperate"),
    ("爷爷教孙女骑自行车", "temperate"),
    ("阿姨们在广场上跳广场舞", "city"),
    ("两位老人在树荫下下象棋", "temperate"),
    ("咖啡师在拉花", "indoor"),
    ("面馆师傅在案板上拉面", "indoor"),
    ("街头画家在墙上画壁画", "city"),
    ("孩子们在河堤上放风筝", "temperate"),
    ("农民在梯田里插秧", "wet"),
    ("渔民在船头收网", "temperate"),
    ("学生趴在图书馆的书堆上睡着了", "indoor"),
    ("陶艺师在拉坯", "indoor"),
    ("铁匠在打铁，火星四溅", "indoor"),
    ("一对老夫妻在厨房里跳舞", "indoor"),
    ("外卖骑手在雨里送餐", "city"),
    ("茶农在山坡上采茶", "wet"),
    ("书法家在红纸上写春联", "indoor"),
    ("年轻人围着篝火唱歌", "temperate"),
    ("小朋友在草地上吹泡泡", "temperate"),
    ("程序员深夜还在加班", "indoor"),
    ("理发师在路边给老人剪头发", "city"),
    ("早点摊老板在炸油条", "city"),
    ("妈妈在给女儿扎辫子", "indoor"),
    ("街头艺人在拉二胡", "city"),
    ("菜市场里的大姐在称菜", "city"),
    ("志愿者在山坡上种树", "temperate"),
    ("学生们在操场上做广播操", "temperate"),
    ("一群人在江边钓鱼", "temperate"),
    ("剪纸艺人在剪窗花", "indoor"),
)

ACTIVITY_DETAILS = (
    "没有人看镜头",
    "神情放松自然",
    "背景里有很多生活细节",
    "像是随手抓拍的瞬间",
    "手部动作清晰",
    "一只狗从画面边上走过",
    "背景里有人在笑",
)
ACTIVITY_CAMERA = ("抓拍", "街头摄影", "35mm胶片", "纪实摄影", "广角", "平视角度", "浅景深")


def activities(rng: random.Random) -> Draft:
    core, climate = pick(rng, ACTIVITIES)
    when, light = CLIMATES[climate]
    text, n = scene(
        rng,
        tier(rng),
        short=core,
        core=core,
        details=ACTIVITY_DETAILS,
        when=when,
        light=light,
        camera=ACTIVITY_CAMERA,
        more=(
            "画面边缘是日常的杂物",
            "衣服和头发都很自然，不像造型过",
            "背景能看出这是哪里",
            "旁边有人在看",
            "光线不太均匀，就像真实生活里那样",
            "手上的动作正做到一半",
        ),
    )
    return Draft(text, n, ("person", "activity"))


GENERATORS = {
    ("people/portrait", "zh"): portrait,
    ("people/sports", "zh"): sports,
    ("people/activities", "zh"): activities,
}
