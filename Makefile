# The Makefile only wraps CMake. `make demo` and `make test` do all the set-up
# on a fresh Debian 12 machine (as root): missing packages are installed first.

BUILD      ?= build
ASAN_BUILD ?= build-asan
TYPE       ?= RelWithDebInfo
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

# Debian packages consult needs to build and test (see README.md).
DEBS := cmake make g++ pkg-config \
        libcli11-dev libsqlitecpp-dev libsqlite3-dev sqlite3 libfmt-dev \
        libtomlplusplus-dev doctest-dev nlohmann-json3-dev libssl-dev \
        libutf8proc-dev libminizip-dev libexpat1-dev libxlsxwriter-dev libhowardhinnant-date-dev \
        gettext tzdata python3 python3-openpyxl \
        python3-icalendar jq python3-markdown cmark-gfm \
        libreoffice-writer-nogui poppler-utils chromium fonts-noto-cjk unzip \
        dpkg-dev file zsh fish libedit-dev less
BENCH_DEBS := hyperfine time bc
FUZZ_DEBS := clang libclang-rt-14-dev llvm
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60

.PHONY: all deps build test demo asan fuzz bench install package clean

all: build

deps:
	@DEBS="$(DEBS)" sh tests/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(TYPE) -DCONSULT_WERROR=ON

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

demo: build
	sh examples/demo.sh $(BUILD)/cmd/consult

asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCONSULT_SANITIZE=ON -DCONSULT_WERROR=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# Each fuzz target for FUZZ_SECONDS under ASan and UBSan, then the lines its
# corpus reaches (llvm-cov); figures in $(FUZZ_BUILD)/fuzz-summary.txt.
fuzz: deps
	@DEBS="$(FUZZ_DEBS)" sh tests/install-deps.sh
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCONSULT_TESTS=OFF -DCONSULT_FUZZ=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD)-cov -DCMAKE_BUILD_TYPE=Debug \
	  -DCONSULT_TESTS=OFF -DCONSULT_COVERAGE=ON
	cmake --build $(FUZZ_BUILD)-cov -j $(JOBS) --target consult_fuzz_replay
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_BUILD)-cov

bench: build
	@DEBS="$(BENCH_DEBS)" sh tests/install-deps.sh
	sh tests/bench/issues.sh $(BUILD)
	sh tests/bench/import.sh $(BUILD)
	sh tests/bench/agenda.sh $(BUILD)
	sh tests/bench/report.sh $(BUILD)

install: build
	cmake --install $(BUILD)

# Debian packages consult and libconsult-dev in $(BUILD)/packages.
package: build
	cpack --config $(BUILD)/CPackConfig.cmake -B $(abspath $(BUILD))/packages
	@ls $(BUILD)/packages/*.deb

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(FUZZ_BUILD)-cov
