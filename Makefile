# The README's two commands: `make demo` and `make test`. Both install any
# missing Debian package first, then configure and build with CMake through
# the presets in CMakePresets.json (release, dev, asan, static, clang); each
# build folder can be moved with its variable (BUILD=..., STATIC_BUILD=...).
BUILD ?= build
STATIC_BUILD ?= build-static
CLANG_BUILD ?= build-clang
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# Build and runtime dependencies (Debian packages only).
DEPS := cmake g++ make pkg-config libyaml-dev libyaml-cpp-dev nlohmann-json3-dev libre2-dev \
        libcli11-dev doctest-dev zlib1g-dev
# Test-only: go-yaml's real emitters for the differential tests (skipped without them).
# man-db: the tarball test renders each man page with man -l.
# golang-github-dnaeon-go-vcr-dev: real go-vcr 1.2.0's matcher for `match`'s
# differential test; git and pre-commit: `cassette init` and the hooks tested
# in a real repository (each test says it skipped when its package is absent).
TEST_DEPS := golang-go golang-gopkg-yaml.v2-dev golang-gopkg-yaml.v3-dev golang-github-dnaeon-go-vcr-dev \
             git pre-commit zsh fish man-db
# make static / make dist: Ninja (its dependency log names the headers whose
# licences the tarball ships) and dpkg (which package shipped each file).
STATIC_DEPS := ninja-build binutils
CLANG_DEPS := clang

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps configure build demo test test-clang static dist check-portable package sanitize fuzz-build fuzz fuzz-smoke bench clean completions docs

all: build

# Install only what is missing; apt-get update only when something is.
deps:
	@missing=$$(for p in $(DEPS) $(EXTRA_DEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

test-deps:
	@$(MAKE) --no-print-directory deps EXTRA_DEPS="$(TEST_DEPS)"

# Warnings are errors in the test builds (make test with gcc, make test-clang:
# what CI runs; not make sanitize, where gcc's -O1 instrumented build warns
# falsely, -Wmaybe-uninitialized inside std::regex). A fresh `make`/`make demo` leaves them warnings (a newer compiler's
# new warning must not stop a user's build); configure keeps whatever the
# build folder has, so switching targets does not rebuild everything.
configure: deps
	cmake --preset release -B $(BUILD)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# Only the tool: the test binaries are built by `make test`.
demo: configure
	cmake --build $(BUILD) -j $(JOBS) --target cassette
	./scripts/demo.sh $(BUILD)/cassette

test: test-deps
	cmake --preset release -B $(BUILD) -DCASSETTE_WERROR=ON -DCASSETTE_STATIC_DIR=$(abspath $(STATIC_BUILD))
	cmake --build $(BUILD) -j $(JOBS)
	@# har-validator for the HAR export test: a few seconds when npm is online; skipped otherwise.
	@if command -v npm >/dev/null 2>&1 && [ ! -f $(BUILD)/npm/node_modules/har-validator/package.json ]; then \
	  timeout 30 npm install --prefix $(BUILD)/npm har-validator --no-audit --no-fund --loglevel=error >/dev/null 2>&1 \
	    || echo "note: npm install har-validator failed; the HAR validation test will be skipped"; \
	fi
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# completions/ rewritten from the binary's own command table
# (`cassette completions SHELL`); a test compares them.
completions: build
	$(BUILD)/cassette completions bash > completions/cassette.bash
	$(BUILD)/cassette completions zsh > completions/_cassette
	$(BUILD)/cassette completions fish > completions/cassette.fish

# Everything generated from the binary's tables: completions/, and the rule
# tables of README.md, docs/lint.md and man/cassette-lint.1 (the "generated
# docs" tests rewrite them, as UPDATE_GOLDEN does for golden files).
docs: completions
	UPDATE_GOLDEN=1 $(BUILD)/tests/unit_tests --test-suite='generated docs' >/dev/null

# The whole suite built with clang++ (libstdc++, warnings are errors), in
# $(CLANG_BUILD); CI runs it after `make test` (gcc).
test-clang: test-deps
	@$(MAKE) --no-print-directory deps EXTRA_DEPS="$(CLANG_DEPS)"
	cmake --preset clang -B $(CLANG_BUILD)
	cmake --build $(CLANG_BUILD) -j $(JOBS)
	cd $(CLANG_BUILD) && ctest --output-on-failure -j $(JOBS)

# A fully static x86_64 Linux executable, $(STATIC_BUILD)/cassette (glibc,
# libstdc++, libyaml, yaml-cpp, RE2 and zlib from their Debian archives).
# `make test` runs it in an empty root when it exists.
static:
	@$(MAKE) --no-print-directory deps EXTRA_DEPS="$(STATIC_DEPS)"
	cmake --preset static -B $(STATIC_BUILD)
	cmake --build $(STATIC_BUILD) -j $(JOBS) --target cassette

# $(STATIC_BUILD)/cassette-VERSION-ARCH-linux.tar.gz for `tar -C /usr/local -xzf`:
# the static binary, man pages, completions, README and the licence texts of
# everything linked in (copied from /usr/share/doc/*/copyright).
dist: static
	./scripts/dist.sh $(STATIC_BUILD)

# The system-dependent code (src/util: file mapping, huge-page advice, file
# times, SIGBUS, umask) compiled as on a system that is not Linux: with the
# Linux macros undefined, and with __APPLE__ (st_mtimespec spelled as glibc's
# st_mtim). A syntax check, not a macOS build; it keeps the fallbacks compiling.
PORTABLE_FLAGS := -std=c++20 -fsyntax-only -Wall -Wextra -Werror -Isrc -I$(BUILD)/generated -U__linux__ -U__linux -Ulinux -U__gnu_linux__
check-portable: configure
	@for f in src/util/*.cpp; do \
	  $(CXX) $(PORTABLE_FLAGS) $$f || exit 1; \
	  $(CXX) $(PORTABLE_FLAGS) -D__APPLE__ -Dst_mtimespec=st_mtim -Dst_ctimespec=st_ctim $$f || exit 1; \
	done; echo "check-portable: src/util/*.cpp compile without the Linux macros and with __APPLE__"

# A .deb in build/ (needs dpkg-dev for the dependency scan).
package: build
	@dpkg-query -W -f='$${Status}' dpkg-dev 2>/dev/null | grep -q 'ok installed' || $(MAKE) --no-print-directory deps EXTRA_DEPS=dpkg-dev
	cd $(BUILD) && cpack -G DEB

# The whole test suite built with AddressSanitizer + UndefinedBehaviorSanitizer
# (-fno-sanitize-recover: the first finding fails the test). -O1 -g1 (what
# the ASan documentation suggests): reports with file:line, and the build
# takes half the time of -O2 -g (it runs in CI after make test).
SANITIZE_BUILD ?= build-asan
sanitize: test-deps
	cmake --preset asan -B $(SANITIZE_BUILD) -DCASSETTE_WERROR=OFF
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer harnesses (fuzz/, clang + ASan + UBSan), each run FUZZ_SECONDS
# one after the other; new inputs go to fuzz/corpus-run/<name>/ (not
# committed), crashes to fuzz/artifacts/. fuzz-smoke is the CI-sized run.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZERS ?= reader writer json emit redact diff har patterns
fuzz-build:
	@$(MAKE) --no-print-directory deps EXTRA_DEPS="clang libclang-rt-dev"
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCASSETTE_FUZZ=ON -DBUILD_TESTING=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) $(addprefix --target fuzz_,$(FUZZERS))

fuzz: fuzz-build
	@for f in $(FUZZERS); do fuzz/run.sh $(FUZZ_BUILD)/fuzz/fuzz_$$f $$f $(FUZZ_SECONDS) || exit 1; done

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=30
# Timings against go-vcr's loader and PyYAML (bench/README.md); minutes, not
# part of `make test`. Writes bench/RESULTS.md.
bench: test-deps
	./bench/run.sh

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(FUZZ_BUILD) $(STATIC_BUILD) $(CLANG_BUILD)
