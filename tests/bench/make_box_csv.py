#!/usr/bin/env python3
"""Writes a realistic suggestion-box CSV of N rows (UTF-8, Chinese text), for
the import benchmark. Deterministic: the same N gives the same file.

    python3 tests/bench/make_box_csv.py N > box.csv
"""
import random
import sys

n = int(sys.argv[1])
rng = random.Random(20261121)
channels = ["意见箱", "接待日", "议事本", "微信群", "问卷", "走访", "12345热线"]
categories = ["停车", "养老", "环境卫生", "垃圾分类", "设施维修", "儿童", "安全", "邻里纠纷", "物业管理", "下水道"]
surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
issues = [
    "楼顶漏水，雨天家里墙面渗水，希望尽快维修。",
    "晚上小区停车位不够，消防通道经常被占用。",
    "电动车在楼道里充电，担心引发火灾，建议增设充电桩。",
    "垃圾分类投放点离得太远，老人扔垃圾不方便。",
    "希望社区儿童活动室周末也能开放，方便双职工家庭。",
    "楼道灯坏了一周没人修，晚上上下楼很不安全。",
    "广场舞音乐声音太大，影响附近居民休息。",
    "绿化带长期无人修剪，蚊虫很多。",
    "建议在小区门口设置老人助餐点。",
    "单元门禁损坏，外来人员随意进出。",
]
out = sys.stdout
out.write("提交日期,渠道,姓名,楼栋,联系电话,问题类型,反映内容,备注\n")
for i in range(n):
    y, m, d = 2025, rng.randint(1, 12), rng.randint(1, 28)
    name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.randint(1, 2)))
    phone = "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))
    content = f"第{i + 1}条：{rng.choice(issues)}"
    if rng.random() < 0.05:  # some cells quoted, with quotes and line breaks inside
        content = '"' + content.replace("，", "，“补充”说明：\n", 1).replace('"', '""') + '"'
    note = "已回访" if rng.random() < 0.2 else ""
    out.write(f"{y}/{m}/{d},{rng.choice(channels)},{name},{rng.randint(1, 40)}号楼{rng.randint(1, 6)}单元,"
              f"{phone},{rng.choice(categories)},{content},{note}\n")
