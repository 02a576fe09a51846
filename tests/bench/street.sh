# Sourced by the street benchmarks: writes $CONF/consult.toml, a street of
# 100 communities (the example community under 100 ids). Needs ROOT and CONF.
mkdir -p "$CONF/communities"
{
  echo 'ledger = "street.db"'
  echo 'timezone = "Asia/Shanghai"'
  printf 'communities = ['
  for i in $(seq -w 1 100); do
    sed -e "s/^id = \"heping\"/id = \"c$i\"/" -e "s/^name = \"和平里社区\"/name = \"第${i}社区\"/" \
      "$ROOT/examples/communities/heping.toml" >"$CONF/communities/c$i.toml"
    printf '"communities/c%s.toml", ' "$i"
  done
  echo ']'
} >"$CONF/consult.toml"
