# Medskapa. `make run` and `make test` work on a fresh Debian 12 machine: the setup step
# installs missing Debian packages (apt-get, with sudo when not root) and the npm test packages.

VERSION   := 0.1.0
CC        ?= cc
PKGS      := sdl2 SDL2_ttf SDL2_image libwebsockets libcjson libqrencode fribidi
WARN      := -Wall -Wextra -Wformat=2 -Wmissing-prototypes -Wstrict-prototypes \
             -Wwrite-strings -Wshadow -Wundef -Wpointer-arith -Wcast-align \
             -Wno-unused-parameter
CSTD      := -std=c11 -D_GNU_SOURCE
OPT       ?= -O2 -g

# make SANITIZE=1: AddressSanitizer + UndefinedBehaviorSanitizer, built apart in build/san
ifeq ($(SANITIZE),1)
BUILD     := build/san
OPT       := -O1 -g -fno-omit-frame-pointer
SANFLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=undefined
else
BUILD     := build
SANFLAGS  :=
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null)

CFLAGS    += $(CSTD) $(WARN) $(OPT) $(SANFLAGS) -DMEDSKAPA_VERSION='"$(VERSION)"' -pthread
LDFLAGS   += $(SANFLAGS) -pthread

HOST_SRC  := $(wildcard host/*.c)
HOST_OBJ  := $(patsubst host/%.c,$(BUILD)/obj/%.o,$(HOST_SRC))

# Debian packages: to build and run, and in addition to test.
DEB_RUN   := pkg-config gcc make libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev \
             libwebsockets-dev libwebsockets-evlib-ev libev-dev libcjson-dev libqrencode-dev \
             libfribidi-dev fonts-noto-core fonts-dejavu-core fonts-noto-color-emoji
DEB_TEST  := check chromium nodejs npm clang libclang-rt-14-dev xvfb xdotool valgrind poppler-utils \
             dpkg-dev binutils desktop-file-utils
DEB_BENCH := libwebsockets-test-server nodejs npm

.PHONY: all setup setup-test run test check clean screenshots help unit fuzz fuzz_targets bench

all: $(BUILD)/medskapa

help:
	@echo "make run      install what is missing, build, start the host on the demo session"
	@echo "make test     install what is missing, build, run every test (also under ASan/UBSan)"
	@echo "make          build build/medskapa"
	@echo "make SANITIZE=1  build with AddressSanitizer + UBSan in build/san"
	@echo "make fuzz     run each fuzz target for FUZZ_SECONDS (default 600) and print its figures"
	@echo "make deb      build/medskapa_VERSION_amd64.deb (make test-deb: install it in a temporary root and start it)"
	@echo "make windows  cross-build build/medskapa-windows-x64.zip (make test-windows: run it under wine)"

# ---- setup: install only what is missing ------------------------------------------------
setup:
	@tests/setup.sh $(DEB_RUN)

setup-test:
	@tests/setup.sh $(DEB_RUN) $(DEB_TEST)
	@tests/setup-npm.sh

# ---- build --------------------------------------------------------------------------------
$(BUILD)/obj/%.o: host/%.c $(wildcard host/*.h) | $(BUILD)/obj
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Ihost -c $< -o $@

$(BUILD)/medskapa: $(HOST_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lev -lm

$(BUILD)/obj $(BUILD)/tests:
	@mkdir -p $@

# ---- unit tests: each binary links only the modules and libraries it tests ---------------
# UNIT_x: modules (objects under $(BUILD)/obj); ULIBS_x: pkg-config names of libraries.
# test_session links libc alone: that is the proof that the model does no I/O.
# the model: libc and util only
# the wire: decoding (proto) and encoding (proto-encode)
WIRE         := proto proto-encode
MODEL        := session session-cmd session-people session-agenda session-ideas session-votes \
                session-voices session-tables session-screen session-consent session-actions session-paper session-restore name photo util
# the files on disk: the session files and the platform's durable write under them
STORE        := store store-read plat-posix
UNIT_session := $(MODEL)
ULIBS_session :=
UNIT_tables  := $(MODEL)
ULIBS_tables :=
UNIT_screen  := $(MODEL)
ULIBS_screen :=
UNIT_consent := $(MODEL)
ULIBS_consent :=
UNIT_actions := $(MODEL)
ULIBS_actions :=
# paper counts: the model, and their place in the session file
UNIT_paper   := $(STORE) $(WIRE) $(MODEL)
ULIBS_paper  := libcjson
UNIT_proto   := $(WIRE) $(MODEL)
ULIBS_proto  := libcjson
UNIT_store   := $(STORE) $(WIRE) $(MODEL)
ULIBS_store  := libcjson
UNIT_journal := journal $(STORE) $(WIRE) $(MODEL)
ULIBS_journal := libcjson
UNIT_cmd     := journal $(STORE) $(WIRE) $(MODEL)
ULIBS_cmd    := libcjson
UNIT_plat    := plat-posix util
ULIBS_plat   :=
UNIT_util    := util
ULIBS_util   :=
# the catalogue of words: reads participant-web/i18n and assets/i18n
UNIT_words := words util
ULIBS_words := libcjson
UNIT_layout  := layout util
ULIBS_layout :=
UNIT_theme   := theme
ULIBS_theme  :=
REPORT       := report report-buf report-labels report-html report-html-page report-html-log report-md report-csv report-overview report-main \
                report-consent report-paper report-lang
UNIT_report := $(REPORT) words journal $(STORE) $(WIRE) $(MODEL)
ULIBS_report := libcjson
# the board's text: a family (text-int.h) of fonts, layout, and the cache and pixels
TEXT         := text text-layout text-render
UNIT_text    := $(TEXT) bidi util
ULIBS_text   := SDL2_ttf sdl2 fribidi
# the board's cached drawings against fresh ones: the board and all it draws from
UNIT_board   := board board-words board-draw board-view board-notes board-chart board-overlay board-input \
                board-json board-layout layout theme $(TEXT) bidi qr words $(STORE) $(WIRE) $(MODEL)
ULIBS_board  := sdl2 SDL2_ttf SDL2_image libcjson libqrencode fribidi
# what the room sees, without a window: no SDL library (the fixtures load with store)
UNIT_board_view := board-view words $(STORE) $(WIRE) $(MODEL)
ULIBS_board_view := libcjson
# the RFC 6455 rules on a client's byte stream: pure, libc only
UNIT_wsframe := wsframe
ULIBS_wsframe :=
# the HTTP request checks (path, Origin, Host): libc alone, like the model
UNIT_httpcheck := httpcheck util
ULIBS_httpcheck :=
# an uploaded photo's checks (base64, JPEG/PNG structure, SHA-256, stored name): libc and util
UNIT_photo   := photo util
ULIBS_photo  :=
UNIT_TESTS   := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))

define unit_rule
$(BUILD)/tests/test_$(1): tests/unit/test_$(1).c $$(addprefix $(BUILD)/obj/,$$(addsuffix .o,$$(UNIT_$(1)))) | $(BUILD)/tests
	$$(CC) $$(CFLAGS) $$(PKG_CFLAGS) $$(CHECK_CFLAGS) -Ihost -o $$@ $$^ \
		$$(if $$(ULIBS_$(1)),$$(shell pkg-config --libs $$(ULIBS_$(1)))) $$(LDFLAGS) $$(CHECK_LIBS) -lm
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_rule,$(t))))

unit: $(addprefix $(BUILD)/tests/test_,$(UNIT_TESTS))

# ---- fuzzing what reads bytes from outside (clang + libFuzzer, with ASan + UBSan) --------
# proto: the protocol decoder and the model; session: session files (resume, reports);
# journal: journal replay; template: agenda templates; http: request path, Origin and Host;
# wsframe: the RFC 6455 rules on a client's raw byte stream; photo: an uploaded photo's base64,
# JPEG and PNG checks.
# make test runs a short bounded pass of each (tests/run.sh); `make fuzz` runs each for
# FUZZ_SECONDS, one after another, and prints each one's executions per second and total.
FUZZ_TARGETS   := proto session journal template http wsframe photo
FUZZ_SRC_proto    := $(WIRE) $(STORE) $(MODEL)
FUZZ_SRC_session  := $(STORE) $(REPORT) words journal $(WIRE) $(MODEL)
FUZZ_SRC_journal  := journal $(STORE) $(WIRE) $(MODEL)
FUZZ_SRC_template := $(STORE) $(WIRE) $(MODEL)
FUZZ_SRC_http     := httpcheck
FUZZ_SRC_wsframe  := wsframe
FUZZ_SRC_photo    := photo util
FUZZ_LIBS      = $(if $(filter-out http wsframe photo,$(1)),libcjson)
FUZZ_SECONDS   ?= 600
FUZZ_FLAGS     := -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
                  -fno-sanitize-recover=undefined $(WARN) -pthread

define fuzz_rule
build/fuzz/fuzz_$(1): tests/fuzz/fuzz_$(1).c $$(addprefix host/,$$(addsuffix .c,$$(FUZZ_SRC_$(1)))) $(wildcard host/*.h)
	@mkdir -p build/fuzz
	clang $$(FUZZ_FLAGS) $$(if $$(call FUZZ_LIBS,$(1)),$$(shell pkg-config --cflags $$(call FUZZ_LIBS,$(1)))) -Ihost \
		-o $$@ tests/fuzz/fuzz_$(1).c $$(addprefix host/,$$(addsuffix .c,$$(FUZZ_SRC_$(1)))) \
		$$(if $$(call FUZZ_LIBS,$(1)),$$(shell pkg-config --libs $$(call FUZZ_LIBS,$(1)))) -lm
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rule,$(t))))

FUZZ_BINS := $(addprefix build/fuzz/fuzz_,$(FUZZ_TARGETS))
fuzz_targets: $(FUZZ_BINS)

fuzz: $(FUZZ_BINS)
	@tests/fuzz/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# ---- the two commands ---------------------------------------------------------------------
run: setup
	@$(MAKE) --no-print-directory all
	./build/medskapa --template sessions/templates/demo-radrum.json $(RUN_ARGS)

test: setup-test
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory SANITIZE=1 all unit
	@$(MAKE) --no-print-directory fuzz_targets
	@$(MAKE) --no-print-directory -f tests/bench/Makefile   # built, not run: they must not rot
	@$(MAKE) --no-print-directory deb
	@$(MAKE) --no-print-directory windows
	@tests/run.sh

check: test

screenshots: all
	@tests/board/screenshots.sh

# Benchmarks: print their figures and write tests/out/bench.md; never fail on a slow machine.
bench: setup-test
	@tests/setup.sh $(DEB_BENCH)
	@$(MAKE) --no-print-directory all
	@tests/bench/run.sh

clean:
	rm -rf build tests/out
include host/dist/deb.mk
include host/dist/windows.mk
