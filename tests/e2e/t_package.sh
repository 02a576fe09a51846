#!/bin/bash
# The Debian packages (`make package`): built by CPack from this build, with
# their dependencies declared, the manual pages and the shell completion;
# consult installed from its package into a scratch root runs there; a program built against the libconsult-dev
# package, found both as a CMake package and through pkg-config, runs.
. "$CONSULT_SOURCE_DIR/tests/e2e/lib.sh"

build=$(cd "$(dirname "$CONSULT")/.." && pwd)
[ -f "$build/CPackConfig.cmake" ] || fail "no CPackConfig.cmake in $build"
version=$(sed -n 's/^project(consult *$//; s/^  VERSION \([0-9.]*\)$/\1/p' "$CONSULT_SOURCE_DIR/CMakeLists.txt")
[ -n "$version" ] || fail "no version in CMakeLists.txt"

cpack --config "$build/CPackConfig.cmake" -B "$T/pkg" > "$T/cpack.log" 2>&1 ||
  { cat "$T/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$T"/pkg/consult_"$version"_*.deb)
dev=$(ls "$T"/pkg/libconsult-dev_"$version"_*.deb)

# What the packages declare.
[ "$(dpkg-deb -f "$deb" Package)" = consult ] || fail "package name"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version"
depends=$(dpkg-deb -f "$deb" Depends)
for d in libsqlite3-0 libssl3 libexpat1 libminizip1 libxlsxwriter libutf8proc tzdata; do
  case "$depends" in *"$d"*) ;; *) fail "consult does not depend on $d: $depends" ;; esac
done
case "$(dpkg-deb -f "$dev" Depends)" in
  *libsqlitecpp-dev*nlohmann-json3-dev*) ;;
  *) fail "libconsult-dev dependencies: $(dpkg-deb -f "$dev" Depends)" ;;
esac
dpkg-deb -c "$deb" > "$T/files"
for f in usr/bin/consult usr/share/man/man1/consult.1 usr/share/man/man1/consult-issue.1 \
  usr/share/man/man5/consult.toml.5 usr/share/bash-completion/completions/consult \
  usr/share/zsh/vendor-completions/_consult usr/share/fish/vendor_completions.d/consult.fish; do
  grep -q " \./$f\$" "$T/files" || fail "no /$f in the package"
done
dpkg-deb -c "$dev" > "$T/dev-files"
grep -q 'include/consult/rules.hpp$' "$T/dev-files" || fail "no headers in libconsult-dev"

# Installed into a scratch root, consult runs from there, and man reads its pages.
root="$T/root"
dpkg-deb -x "$deb" "$root"
dpkg-deb -x "$dev" "$root"
"$root/usr/bin/consult" --version > "$T/version" || fail "consult --version from the package"
grep -q "consult $version" "$T/version" || fail "version printed: $(cat "$T/version")"
MANWIDTH=80 man -l "$root/usr/share/man/man1/consult-import.1" 2> /dev/null | grep -q -- "--skip-bad" ||
  fail "man consult-import from the package"

# A program built against the installed library: CMake package ...
cmake -S "$CONSULT_SOURCE_DIR/tests/package/consumer" -B "$T/consumer" \
  -DCMAKE_PREFIX_PATH="$root/usr" -DCMAKE_BUILD_TYPE=Release > "$T/cmake.log" 2>&1 ||
  { cat "$T/cmake.log" >&2; fail "find_package(consult) on the installed package"; }
cmake --build "$T/consumer" > "$T/build.log" 2>&1 ||
  { cat "$T/build.log" >&2; fail "building against the installed package"; }
"$T/consumer/consumer" > "$T/consumer.out" || fail "the consumer program"
grep -qx "libconsult $version: approved" "$T/consumer.out" || fail "consumer: $(cat "$T/consumer.out")"

# ... and pkg-config, the .pc file finding its prefix from where it lies.
pc=$(find "$root" -name consult.pc)
[ -n "$pc" ] || fail "no consult.pc"
export PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(dirname "$pc")
[ "$(pkg-config --modversion consult)" = "$version" ] || fail "pkg-config --modversion"
# shellcheck disable=SC2046
c++ -o "$T/pc-consumer" "$CONSULT_SOURCE_DIR/tests/package/consumer/main.cpp" \
  $(pkg-config --cflags --libs consult) 2> "$T/pc.log" ||
  { cat "$T/pc.log" >&2; fail "building with pkg-config --cflags --libs consult"; }
"$T/pc-consumer" | grep -qx "libconsult $version: approved" || fail "the pkg-config consumer"
echo "ok: packages $(basename "$deb") $(basename "$dev")"
