# Thin wrappers over scripts/ and CMake. See README.md.
BUILD ?= build
JOBS ?= $(shell nproc)
DEMO_STORE ?= $(BUILD)/demo/england.sqlite

.PHONY: all bootstrap build test fuzz demo bench bench-api bench-forecast check-format format clean

all: build

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja

build: bootstrap $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	@scripts/build-web

test: build
	@scripts/test $(BUILD) $(JOBS)

fuzz: bootstrap
	@scripts/fuzz 600

demo: build
	@scripts/demo $(BUILD) $(DEMO_STORE)

bench: build
	@scripts/bench $(BUILD)

bench-api: build
	@bench/api_bench.py $(BUILD)

bench-forecast: build
	@bench/forecast_bench.py $(BUILD)

check-format: bootstrap
	@scripts/check-format

format: bootstrap
	@scripts/check-format --fix

clean:
	rm -rf $(BUILD) build-fuzz
