#!/bin/bash
# The layers, checked mechanically (tests/e2e/check_layers.py): no SQL under
# cmd/; nothing under lib/ prints or changes process-wide state (environment,
# time zone, locale); no include cycle among lib/ modules. Each violation is
# printed as file:line and the rule it breaks.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

check="$CONSULT_SOURCE_DIR/tests/e2e/check_layers.py"

# The check itself: a planted tree breaking each rule once is caught, line by
# line; prose, comments and look-alikes are not.
mkdir -p planted/cmd/consult planted/lib/include/consult
cat > planted/cmd/consult/list.cpp <<'CPP'
// SELECT * FROM issue: a comment is no SQL.
const char* kHelp = "SELECTION of issues; update the issue later";
const char* kSql = "SELECT id FROM issue";
auto& db = c.ledger().db();
CPP
cat > planted/lib/include/consult/a.hpp <<'CPP'
#include "consult/b.hpp"
CPP
cat > planted/lib/include/consult/b.hpp <<'CPP'
CPP
cat > planted/lib/a.cpp <<'CPP'
#include "consult/a.hpp"
// std::cout in a comment is not printing; "printf(" in a string neither.
const char* kText = "printf(";
int n = std::snprintf(buf, 4, "%d", 1);
void f() { std::cerr << "x"; ::setenv("TZ", "UTC", 1); }
CPP
cat > planted/lib/b.cpp <<'CPP'
#include "consult/b.hpp"
#include "consult/a.hpp"
CPP
set +e
python3 "$check" planted > "$T/planted.out" 2>&1
status=$?
set -e
[ "$status" = 1 ] || fail "the check passed a planted tree (status $status): $(cat "$T/planted.out")"
for want in "cmd/consult/list.cpp:3: no SQL in cmd/" "cmd/consult/list.cpp:4: no SQL in cmd/: a call" \
  "lib/a.cpp:5: lib/ never prints: 'std::cerr'" \
  "lib/a.cpp:5: lib/ never changes process-wide state: 'setenv'" \
  "no include cycle among lib/ modules: a -> b -> a" "lib/b.cpp:2: b includes consult/a.hpp"; do
  grep -qF "$want" "$T/planted.out" || fail "the check missed '$want': $(cat "$T/planted.out")"
done
[ "$(wc -l < "$T/planted.out")" = 7 ] || fail "the check flagged more than was planted: $(cat "$T/planted.out")"

# The source tree.
python3 "$check" "$CONSULT_SOURCE_DIR" > "$T/layers" 2>&1 ||
  fail "the layering rules are broken:
$(cat "$T/layers")"
echo "ok: cmd/ holds no SQL; lib/ neither prints nor changes process-wide state; no include cycle"
