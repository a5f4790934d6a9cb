# Two entry points for a fresh Debian 12 machine (as root): `make run` and `make test`.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
LISTEN ?= 127.0.0.1:8080
DATA_DIR ?= ./opgv-data

.PHONY: all deps assets configure build run test test-unit clean

all: build

deps:
	bash scripts/install-deps.sh

assets: deps
	bash scripts/build-assets.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

configure: deps $(BUILD_DIR)/build.ninja

build: configure assets
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/opgv serve --listen $(LISTEN) --data-dir $(DATA_DIR)

# Unit, integration (SQLite and PostgreSQL), fuzz smoke run, OpenAPI lint and browser tests,
# all registered with ctest; the throw-away PostgreSQL cluster lives only for this run.
test: build
	bash scripts/with-postgres.sh ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR)

# Use-case library benchmark (docs/performance.md): 10,000 and 100,000 synthetic use cases on
# SQLite and on a throw-away PostgreSQL cluster. Takes a while (the 100,000 runs dominate).
.PHONY: bench-library
bench-library: $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS) --target opgv_bench_library
	BUILD_DIR=$(BUILD_DIR) bash bench/library.sh
