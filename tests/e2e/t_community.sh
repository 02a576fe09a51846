# consult community list|show: the council's composition by seat category.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

ok community list
out_has "heping  和平里社区"
ok community list --json
out_has '"id":"heping"'
out_has '"members":10'
ok community show heping
out_match "committee +居委会代表 +2 +2 +王建国"
out_match "key-residents +骨干居民代表 +2–4 +3"
out_has "利益相关方"
out_has "6 seat categories + X: 10 members seated"
out_has "2024-01-01–2026-12-31"
ok community show heping --json
out_has '"seats":[{"key":"committee"'
run community show nowhere
expect_status 64
err_has "unknown community 'nowhere'"
err_has "heping"
# Without any configuration: a clear configuration error.
mkdir empty && cd empty
CONSULT_CONFIG= run community list
cd "$T"
expect_status 78
err_has "no configuration found"
