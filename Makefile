# The README's two commands: `make demo` and `make test`. Both install any
# missing Debian package first, then configure and build with CMake.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# Build and runtime dependencies (Debian packages only).
DEPS := cmake g++ make pkg-config libyaml-dev libyaml-cpp-dev nlohmann-json3-dev libre2-dev \
        libcli11-dev doctest-dev zlib1g-dev
# Test-only: go-yaml's real emitters for the differential tests (skipped without them).
TEST_DEPS := golang-go golang-gopkg-yaml.v2-dev golang-gopkg-yaml.v3-dev

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps test-deps configure build demo test bench clean

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

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./scripts/demo.sh $(BUILD)/cassette

test: test-deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Timings against go-vcr's loader and PyYAML (bench/README.md); minutes, not
# part of `make test`. Writes bench/RESULTS.md.
bench: test-deps
	./bench/run.sh

clean:
	rm -rf $(BUILD)
