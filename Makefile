# modeltop: `make demo` and `make test` do all set-up on a fresh Debian machine with Swift.
SWIFT ?= swift
RELEASE_BIN = .build/release/modeltop
DEBUG_BIN = .build/debug/modeltop

PREFIX ?= /usr/local

.PHONY: all deps build debug install test e2e fuzz soak idle demo demo-data bench compare bench-all fixtures clean

all: build

## deps: install missing Debian packages (ncurses, simdjson, tmux, logrotate) with apt-get
deps:
	@scripts/install-deps.sh

## build: release build of the modeltop binary
# The Swift runtime and Foundation are linked in (--static-swift-stdlib): the binary runs where
# Swift is not installed (a serving node reached over SSH), and starts ~6 ms sooner (no dynamic
# symbol binding of the Swift libraries). It is larger: ~125 MB with its debug information.
build: deps
	$(SWIFT) build -c release --static-swift-stdlib --product modeltop

debug: deps
	$(SWIFT) build --product modeltop

## install: the binary to $(PREFIX)/bin, demo data and themes to $(PREFIX)/share/modeltop
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/modeltop/demo-data/reference $(DESTDIR)$(PREFIX)/share/modeltop/themes
	install -m 755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/modeltop
	install -m 644 demo-data/*.jsonl $(DESTDIR)$(PREFIX)/share/modeltop/demo-data/
	install -m 644 demo-data/reference/*.jsonl $(DESTDIR)$(PREFIX)/share/modeltop/demo-data/reference/
	install -m 644 themes/*.toml $(DESTDIR)$(PREFIX)/share/modeltop/themes/

## test: unit tests (swift test), the end-to-end scripts, and each fuzz target briefly
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory e2e
	scripts/fuzz.sh 30

## fuzz: each libFuzzer target (Fuzz/) for FUZZ_SECONDS on its seed corpus; crashes in Fuzz/crashes/
FUZZ_SECONDS ?= 300
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

e2e: debug
	scripts/e2e-logrotate.sh $(DEBUG_BIN) create
	scripts/e2e-logrotate.sh $(DEBUG_BIN) copytruncate
	scripts/e2e-logrotate.sh $(DEBUG_BIN) copytruncate-path
	scripts/e2e-cli.sh $(DEBUG_BIN)
	scripts/e2e-check.sh $(DEBUG_BIN)
	scripts/e2e-panes.sh $(DEBUG_BIN)
	scripts/e2e-synth.sh $(DEBUG_BIN)
	scripts/e2e-hostile.sh $(DEBUG_BIN)
	scripts/e2e-http.sh $(DEBUG_BIN)
	scripts/e2e-ssh.sh $(DEBUG_BIN)
	scripts/e2e-kafka.sh $(DEBUG_BIN)
	scripts/e2e-tui.sh $(DEBUG_BIN)
	scripts/e2e-demo.sh $(DEBUG_BIN)

## demo-data: write the demo traffic again from demo-data/scenario.toml (seeded: the same bytes every time)
demo-data: build
	$(RELEASE_BIN) synth --out demo-data --truth demo-data/truth.jsonl demo-data/scenario.toml

## demo: build and replay the demo traffic in the dashboard (60x, looping; q quits)
demo: build
	$(RELEASE_BIN) demo

## bench: decode, ingest, report and render benchmarks (release builds)
# The benchmark package plans its build again every time: with a cached plan SwiftPM misses
# source files added to or removed from this package (its path dependency) since the last
# benchmark build ("cannot find 'X' in scope", "missing inputs").
bench: build
	cd Benchmarks && $(SWIFT) build -c release --disable-build-manifest-caching && ./.build/release/modeltop-bench

## compare: modeltop vs json.loads, scipy and Evidently on the same data (Benchmarks/compare.sh),
## and report over a 1M-event fleet log vs json.loads (Benchmarks/fleet.sh)
compare: build
	Benchmarks/compare.sh
	Benchmarks/fleet.sh

## soak: synthetic traffic with rotations, bad lines and a name flood through watch --no-tui
SOAK_MINUTES ?= 10
soak: build
	Benchmarks/soak.sh $(SOAK_MINUTES)

## idle: CPU of watch following 5000 quiet files (inotify: it must not grow with the files)
idle: build
	Benchmarks/idle.sh

## bench-all: everything, including HTTP against file ingest, RSS over 10M events and startup with a 1 GB log
bench-all: bench compare
	Benchmarks/synth.sh
	Benchmarks/panes.sh
	Benchmarks/frames.sh
	Benchmarks/backlog.sh
	Benchmarks/http.sh
	Benchmarks/rss.sh
	Benchmarks/startup.sh

## fixtures: regenerate the statistics fixtures with numpy, scipy and scikit-learn (in .venv-fixtures)
fixtures:
	@scripts/install-deps.sh python3-venv
	@[ -x .venv-fixtures/bin/python ] || python3 -m venv .venv-fixtures
	.venv-fixtures/bin/pip install -q numpy==2.4.6 scipy==1.17.1 scikit-learn==1.9.1 nannyml==0.13.1 statsmodels==0.15.0
	.venv-fixtures/bin/python scripts/make-fixtures.py

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build
