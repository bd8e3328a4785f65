# Makefile: convenience wrapper around CMake. See README.md.
BUILD ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CORPUS ?=
META ?=
DEMO_OUT ?= demo-out
CTEST_ARGS ?=
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
FUZZ_RUNS ?=

.PHONY: all deps test-deps configure build test demo install bench clean asan fuzz test-valgrind

all: build

deps:
	./scripts/install-deps

test-deps:
	./scripts/install-deps --test

configure:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: test-deps
	$(MAKE) build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

demo: deps
	$(MAKE) build
	./scripts/demo "$(BUILD)/rhetor" "$(DEMO_OUT)" "$(CORPUS)" "$(META)"

install: deps
	$(MAKE) build
	cmake --install $(BUILD)

bench: test-deps
	$(MAKE) build BUILD=build-release BUILD_TYPE=Release
	./bench/run build-release/rhetor

asan: test-deps
	$(MAKE) build BUILD=build-asan BUILD_TYPE=Debug CMAKE_ARGS="-DRH_SANITIZE=ON -DRH_DEBUG_POOL=ON"
	cd build-asan && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# libFuzzer targets (clang, with ASan and UBSan), each run FUZZ_SECONDS in turn
# (or FUZZ_RUNS executions: make fuzz FUZZ_RUNS=10000000 FUZZ_SECONDS=0).
fuzz: test-deps
	$(MAKE) build BUILD=build-fuzz BUILD_TYPE=RelWithDebInfo \
		CMAKE_ARGS="-DCMAKE_C_COMPILER=clang -DRH_FUZZ=ON -DRH_DEBUG_POOL=ON -DBUILD_TESTING=OFF"
	FUZZ_RUNS=$(FUZZ_RUNS) ./tests/fuzz/run build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# CLI tests with every rhetor run under valgrind's memcheck: those that
# exercise the commands, the bad inputs and the counting pass on small
# corpora (valgrind runs some 30 times slower: the chart, report and
# full-corpus tests would take hours; the sanitizer build covers them).
VALGRIND_TESTS ?= test_bad_input|test_freq|test_synth_counts|test_kwic_bytes|test_cooc_cli|test_keyness_cli|test_trends
test-valgrind: test-deps
	$(MAKE) build
	cd $(BUILD) && RH_VALGRIND=1 ctest --output-on-failure -j $(JOBS) -R '^cli\.($(VALGRIND_TESTS))$$' $(CTEST_ARGS)

clean:
	rm -rf $(BUILD) build-release build-asan build-shared build-fuzz
