# Exports verify forever: the Markdown minutes in tests/fixtures/exports/,
# each made by the writer version its name gives (with HTML, a javascript:
# link and Markdown in the resident's text), are still accepted by
# `verify --export` against the ledger that made them, and refused once
# altered (docs/reliability.md, "Exports verify forever").
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

F="$CONSULT_SOURCE_DIR/tests/fixtures/exports"
# Comparing full minutes records a reveal: the clock after the fixtures' events.
export CONSULT_NOW="2027-01-01 09:00"
cp -r "$F/config" fixture-config
export CONSULT_CONFIG="$T/fixture-config/consult.toml"
found=0
for db in "$F"/minutes-md*.db; do
  [ -f "$db" ] || continue
  found=$((found + 1))
  name=$(basename "$db" .db)
  cp "$db" "$T/$name.db"
  export CONSULT_LEDGER="$T/$name.db"
  # A ledger of an earlier schema is brought up to date first, as a user's
  # would be; the events its exports name stay as they were.
  ok init
  for md in "$F/$name.md" "$F/$name-public.md"; do
    cp "$md" "$T/"
    file=$(basename "$md")
    grep -qF '[a](javascript:x)' "$file" || grep -qF '\[a\](javascript:x)' "$file" ||
      fail "$file does not hold the resident's link"
    ok verify --export "$file"
    out_has "ok: '$file'"
    sed 's/先修/后修/' "$file" >"altered-$file"
    cmp -s "$file" "altered-$file" && fail "$file: nothing to alter"
    run verify --export "altered-$file"
    expect_status 65
    err_has "does not match the ledger"
  done
done
[ "$found" -ge 1 ] || fail "no export fixtures in $F"

# Documents of every format made by each earlier writer
# (tests/fixtures/exports/make-documents.sh): each still verifies against its
# ledger, migrated, and is refused once altered — even where a later writer
# names or masks people differently.
docs=0
for db in "$F"/documents-w*.db; do
  [ -f "$db" ] || continue
  name=$(basename "$db" .db)
  cp "$db" "$T/$name.db"
  export CONSULT_LEDGER="$T/$name.db"
  ok init
  for file in "$F/$name"-*; do
    docs=$((docs + 1))
    base=$(basename "$file")
    cp "$file" "$T/$base"
    ok verify --export "$base"
    out_has "ok: '$base'"
    case "$base" in
    *.docx)
      python3 - "$base" "altered-$base" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[len(data) // 2] ^= 0x20
open(sys.argv[2], "wb").write(bytes(data))
PY
      ;;
    *) sed 's/和平里社区/和平里小区/' "$base" >"altered-$base" ;;
    esac
    cmp -s "$base" "altered-$base" && fail "$base: nothing to alter"
    run verify --export "altered-$base"
    [ "$status" -ne 0 ] || fail "altered $base was accepted"
  done
  # Made again today, the same public minutes mask whom the first writer
  # guessed to be a body (李方, whose name ends in 方).
  if [ "$name" = documents-w1 ]; then
    grep -qF "李方" "$name-minutes-public.md" || fail "writer 1's public minutes are not as posted"
    ok minutes export 1 --format md --public --out today.md
    ! grep -qF "李方" today.md || fail "today's public minutes name the resident 李方"
    # The old writer's guess cannot be had for a newer document by taking
    # the writer's version out of its stamp: the ledger was brought to
    # schema 9 (writer 2) after the fixtures' events.
    # Something happens after the upgrade: today's minutes are of a later event.
    ok issue add --community heping --title "新议题" \
      --raised-on 2026-11-30
    ok minutes export 1 --format md --public --out today.md
    grep -qF '"renderer":5' today.md || fail "today's minutes name no writer: $(tail -1 today.md)"
    sed 's/,"renderer":5//' today.md >downgraded.md
    run verify --export downgraded.md
    expect_status 65
    err_has "its stamp was altered"
  fi
done
[ "$docs" -ge 1 ] || fail "no document fixtures in $F"

# A ledger made with writer 2 never had writer 1: no stamp may name it, even
# one whose document writer 1 would make byte for byte the same.
export CONSULT_LEDGER="$T/new.db"
export CONSULT_NOW="2026-11-21 10:00"
ok init
ok issue add --community heping --title "楼道灯不亮" --raised-by 李方 --place "5号楼2单元502室" \
  --raised-on 2026-11-20
ok issue accept 1
ok meeting plan --community heping --kind council --at "2026-11-26 19:30" --venue 议事厅 --issue 1
for format in md html json; do
  ok minutes export 1 --public --format "$format" --out "new.$format"
  ok verify --export "new.$format"
  python3 - "new.$format" "old.$format" <<'PY'
import re, sys
data = open(sys.argv[1], encoding="utf-8").read()
data, n = re.subn(r',\s*"renderer":\s*5', "", data)
assert n >= 1, "no writer in the stamp"
open(sys.argv[2], "w", encoding="utf-8").write(data)
PY
  run verify --export "old.$format"
  expect_status 65
  err_has "its stamp was altered"
done
echo ok
