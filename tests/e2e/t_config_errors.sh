# Configuration errors point into the file (path:line:column), name the key,
# and exit 78; nothing is written.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ok init
before=$(snapshot)
C=communities/heping.toml
cp $C heping.orig

expect_config_error() { # WHERE MESSAGE
  run issue add --community heping --title x
  expect_status 78
  err_has "$1"
  err_has "$2"
  [ "$(snapshot)" = "$before" ] || fail "the ledger changed"
  cp heping.orig $C
}

# Syntax error.
sed -i 's/^name = "和平里社区"$/name = "和平里社区/' $C
expect_config_error "$C:6:" "TOML syntax error"

# Wrong type.
sed -i 's/^population = 4120$/population = "4120"/' $C
expect_config_error "$C:10:14" "key 'population': expected an integer, found a string"

# Unknown key (a typo must not pass silently).
sed -i 's/^notice_days = 7 /notice_dayz = 7 /' $C
expect_config_error "$C:" "key 'rules.notice_dayz': unknown key"

# Impossible counts.
sed -i '0,/^min = 2$/s//min = 5/' $C
expect_config_error "$C:" "min (5) is greater than max (4)"
sed -i '0,/^count = 2$/s//count = -2/' $C
expect_config_error "$C:" "must not be negative"

# Fractions outside 0..1.
sed -i 's/^quorum = "2\/3"$/quorum = 1.5/' $C
expect_config_error "$C:" "must be a fraction between 0 and 1"

# Missing required key.
sed -i 's/^name = "和平里社区"$//' $C
expect_config_error "$C:" "key 'name': required key is missing"

# Duplicate ids: the same community listed twice.
cp consult.toml consult.orig
sed -i 's|^communities = .*|communities = ["communities/heping.toml", "communities/heping.toml"]|' consult.toml
run issue add --community heping --title x
expect_status 78
err_has "consult.toml:"
err_has "duplicate community id 'heping'"
cp consult.orig consult.toml

# Duplicate seat category.
sed -i 's/^key = "women"$/key = "committee"/' $C
expect_config_error "$C:" "duplicate seat category 'committee'"

# A missing configuration file.
run --config nowhere.toml issue add --title x
expect_status 78
err_has "configuration file 'nowhere.toml' does not exist"
err_has "hint:"
