# An owners' written vote under Civil Code art. 278 on a roster of 500 units:
# the roster imported from a workbook (title row above the header, owners of
# two units), ballots over several days, an extension because too few came
# in, and the double majority by area and by head, checked against figures
# computed here independently with Python's exact decimals.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

PY=/usr/bin/python3
seed
ok issue accept 1

# The roster: 5 buildings × 2 entrances × 25 floors × 2 flats = 500 units;
# the owners of units n and n+250 (n < 20) are the same people: 480 owners.
"$PY" - "$T" <<'EOF'
import sys, openpyxl
from decimal import Decimal
d = sys.argv[1]
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "名册"
ws.append(["和平里社区业主名册（2026年11月）"])
ws.merge_cells("A1:D1")
ws.append(["序号", "房号", "业主姓名", "专有面积(㎡)"])
units = []
for b in range(1, 6):
    for e in range(1, 3):
        for f in range(1, 26):
            for r in range(1, 3):
                units.append(f"{b}-{e}-{f}{r:02d}")
surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
given = ["建国", "秀英", "德明", "桂兰", "志强", "丽华", "晓燕", "国平", "静怡", "海洋", "春梅",
         "文博", "玉兰", "长春", "淑芬", "振华", "美玲", "永刚", "小红", "建军", "桂芳", "光明",
         "红梅", "立新", "宏伟"]
areas = {}
owners = {}
for i, u in enumerate(units):
    k = (i - 250) if 250 <= i < 270 else i
    owner = surnames[k % 20] + given[k // 20]
    area = Decimal(6000 + (i * 3719) % 9000) / 100   # 60.00 .. 149.99 m²
    areas[u] = area
    owners[u] = owner
    # Areas typed as numbers, a few as text with the unit, as offices do.
    ws.append([i + 1, u, owner, f"{area} ㎡" if i % 50 == 7 else float(area)])
wb.save(f"{d}/roster.xlsx")
# Ballots: (unit, choice, day). 250 owners in the first week, 120 more after
# the extension; owners 0..19 vote once for their two units.
ballots = []
for i in range(250):
    ballots.append((units[i], "yes" if i % 10 < 8 else ("no" if i % 10 == 8 else "abstain"), 1 + i % 9))
for i in range(270, 390):
    ballots.append((units[i], "yes" if i % 12 else "no", 12 + i % 5))
ballots.sort(key=lambda b: b[2])  # recorded day by day, as they come in
with open(f"{d}/ballots", "w") as out:
    for u, c, day in ballots:
        out.write(f"{u} {c} 2026-12-{day:02d}\n")
def owners_of(us): return {owners[u] for u in us}
def area_of(us):
    total = Decimal(0)
    for o in owners_of(us):
        total += sum(areas[u] for u in units if owners[u] == o)
    return total
voted = [u for u, _, _ in ballots]
yes = [u for u, c, _ in ballots if c == "yes"]
first = [u for u, _, day in ballots if day <= 10]
def pct(a, b):
    from decimal import ROUND_HALF_UP
    return (Decimal(a) * 100 / Decimal(b)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
total = sum(areas.values())
with open(f"{d}/facts", "w") as out:
    o = owners[units[7]]
    out.write(f"name={o}\nmasked={o[0]}*{o[2]}\nunits={units[7]}, {units[257]}\n"
              f"other={units[257]}\n")
with open(f"{d}/figures", "w") as out:
    out.write(f"roster: 500 units, {len(set(owners.values()))} owners by head, {total:,.2f} m²\n")
    out.write(f"first week: owners {len(owners_of(first))} of 480 taking part ({pct(len(owners_of(first)), 480)}%) <\n")
    p, y = area_of(voted), area_of(yes)
    out.write(f"approved: area {p:,.2f} of {total:,.2f} m² taking part ({pct(p, total)}%) ≥ 2/3; "
              f"owners {len(owners_of(voted))} of 480 taking part ({pct(len(owners_of(voted)), 480)}%) ≥ 2/3; "
              f"area {y:,.2f} of {p:,.2f} m² agree ({pct(y, p)}%) meets ≥ 3/4; "
              f"owners {len(owners_of(yes))} of {len(owners_of(voted))} agree ({pct(len(owners_of(yes)), len(owners_of(voted)))}%) meets ≥ 3/4 "
              f"(matter 6 of art. 278)\n")
EOF
sed -n 1p "$T/figures" >"$T/roster_line"

# Importing it: title row skipped, text areas with ㎡ read exactly.
ok owners import "$T/roster.xlsx" --community heping
out_is "$(sed 's/^roster: //; s/ m²$/ m² of exclusive area/' "$T/roster_line")"
fact() { sed -n "s/^$1=//p" "$T/facts"; }
ok owners list
out_lacks "$(fact name)"
# The units are the owner's address: not shown unless revealed.
out_lacks "$(fact units)"
out_match "^$(fact masked | sed 's/\*/\\*/') +"
ok owners list --reveal
out_match "^$(fact name) +$(fact units) +"
ok owners list --units --reveal --format csv
[ "$(grep -c . "$T/out")" = 501 ] || fail "roster list is not 500 units"

# A bad roster is refused whole, every bad row named, nothing replaced.
printf '房号,业主,面积\n1-1-101,张三,89.505\n1-1-102,,70\n1-1-101,李四,70\n' >"$T/bad.csv"
before=$(snapshot)
run owners import "$T/bad.csv" --community heping
expect_status 65
err_has "bad.csv:2: column '面积': '89.505': not an area in m² with at most two decimals"
err_has "bad.csv:3: column '业主': the owner is empty"
err_has "bad.csv:4: column '房号': '1-1-101': unit listed twice (first on line 2)"
[ "$(snapshot)" = "$before" ] || fail "a refused roster changed the ledger"

# The vote: raising maintenance funds (matter 6 of art. 278: 3/4), written
# ballots until 12-10.
export CONSULT_NOW="2026-12-01 09:00"
run vote open --issue 1 --question "筹集专项维修资金（每平方米20元）用于3号楼屋面大修" --method written \
  --rule civil-code-278 --closes 2026-12-10
expect_status 64
err_has "a vote under civil-code-278 needs the matter"
run vote open --issue 1 --question "x" --method show-of-hands --rule civil-code-278 --matter 6
expect_status 64
err_has "cannot be taken by show-of-hands"
ok vote open --issue 1 --question "筹集专项维修资金（每平方米20元）用于3号楼屋面大修" --method written \
  --rule civil-code-278 --matter 6 --closes 2026-12-10
out_has "vote 1 open on issue 1"
out_has "owners' roster: 480 owners by head"

while read -r unit choice day; do
  [ "$day" \> 2026-12-10 ] && break
  CONSULT_NOW="$day 10:00" ok vote cast 1 --voter "$unit" --choice "$choice"
done <"$T/ballots"
out_match "ballot of .\*. \(units "

# An owner of two units votes once; a unit not on the roster cannot vote.
before=$(snapshot)
CONSULT_NOW="2026-12-09 11:00" run vote cast 1 --voter "$(fact other)" --choice no
expect_status 65
err_has "has already voted in vote 1"
CONSULT_NOW="2026-12-09 11:00" run vote cast 1 --voter 9-9-999 --choice yes
expect_status 65
err_has "neither a unit nor an owner on the roster"
[ "$(snapshot)" = "$before" ] || fail "a refused ballot changed the ledger"

# After the closing day too few had taken part: ballots refused, time extended.
export CONSULT_NOW="2026-12-11 09:00"
ok vote show 1
out_match "So far: +rejected: area .* owners 250 of 480 taking part \(52.1%\) < 2/3"
grep -qF "owners 250 of 480 taking part (52.1%) <" "$T/figures" || fail "python disagrees"
run vote cast 1 --voter 5-2-2502 --choice yes
expect_status 65
err_has "ballots for vote 1 closed at 2026-12-10T23:59:59+08:00"
run vote extend 1 --closes 2026-12-08 --reason "太早"
expect_status 64
ok vote extend 1 --closes 2026-12-17 --reason "参与表决的业主不足三分之二，延长征集一周"
out_has "vote 1: ballots now close at 2026-12-17 23:59"
while read -r unit choice day; do
  [ "$day" \> 2026-12-10 ] || continue
  CONSULT_NOW="$day 10:00" ok vote cast 1 --voter "$unit" --choice "$choice"
done <"$T/ballots"

export CONSULT_NOW="2026-12-18 09:00"
ok vote close 1
out_is "vote 1: $(sed -n 3p "$T/figures")
decision 1 recorded; issue 1 is decided"
ok vote show 1 --json
jq -e '.extensions | length == 1' "$T/out" >/dev/null || fail "extension not shown"
jq -e '.ballots | length == 370' "$T/out" >/dev/null || fail "not 370 ballots"
! grep -qF "$(fact name)" "$T/out" || fail "owners' names not masked"
ok log --entity vote:1 --json
grep -qF '"kind":"vote.extend"' "$T/out" || fail "extension not logged"
ok verify
