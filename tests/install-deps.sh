#!/bin/sh
# Installs the Debian packages named in $DEBS that are missing.
set -eu
missing=""
for p in $DEBS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
echo "consult: installing Debian packages:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
  echo "consult: error: packages missing and not root; run: sudo apt-get install$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing >/dev/null
