# host/dist/windows.mk: `make windows` cross-builds build/win64/medskapa.exe on Debian with
# Debian's mingw-w64 and packs build/medskapa-windows-x64.zip (unzip anywhere, double-click
# medskapa.exe); `make test-windows` runs it under wine (tests/windows/run.sh). Included by the
# top Makefile (HOST_SRC, VERSION, WARN, CSTD).
#
# The dependencies are built from Debian's source packages by host/dist/win-deps.sh, at the
# versions pinned here, once, into a cache outside the tree that later builds reuse
# (MEDSKAPA_WIN_CACHE, default ~/.cache/medskapa-win64).

WIN_DEPS    := libsdl2=2.26.5+dfsg-1 freetype=2.12.1+dfsg-5+deb12u4 harfbuzz=6.0.0+dfsg-3 \
               libsdl2-ttf=2.20.1+dfsg-2 libsdl2-image=2.6.3+dfsg-1 libuv1=1.44.2-1+deb12u1 \
               libwebsockets=4.1.6-3 cjson=1.7.15-1+deb12u4 fribidi=1.0.8-2.1 qrencode=4.1.1-1
WIN_CACHE   ?= $(or $(MEDSKAPA_WIN_CACHE),$(HOME)/.cache/medskapa-win64)
WIN_PREFIX  := $(WIN_CACHE)/prefix
WIN_STAMP   := $(WIN_CACHE)/deps.stamp
WIN_TRIPLE  := x86_64-w64-mingw32
WIN_CC      := $(WIN_TRIPLE)-gcc-posix
WIN_WINDRES := $(WIN_TRIPLE)-windres
WIN_BUILD   := build/win64
WIN_ZIPDIR  := $(WIN_BUILD)/Medskapa
WIN_ZIP     := build/medskapa-windows-x64.zip
WIN_PKGS    := sdl2 SDL2_ttf SDL2_image libcjson libqrencode fribidi libuv
WIN_PC      = PKG_CONFIG_LIBDIR=$(WIN_PREFIX)/lib/pkgconfig PKG_CONFIG_PATH= pkg-config
# mingw's own printf (C99: %zu, and the same digits as glibc's in the reports), the POSIX
# *_r time functions, Windows 10 APIs.
WIN_CFLAGS  = $(CSTD) $(WARN) -O2 -g -D_WIN32_WINNT=0x0A00 -D__USE_MINGW_ANSI_STDIO=1 \
              -D_POSIX_THREAD_SAFE_FUNCTIONS -DMEDSKAPA_VERSION='"$(VERSION)"' \
              $(shell $(WIN_PC) --cflags $(WIN_PKGS) 2>/dev/null) -I$(WIN_PREFIX)/include -Ihost
# A console program (-mconsole after SDL's -mwindows): started from a command prompt it writes
# its lines there, and Ctrl-C, closing the console and log-off save the meeting (plat-win.c);
# on a double-click, plat_init hides the console window Windows opened for it. The C runtime's
# helpers are linked in; the libraries are DLLs.
WIN_LIBS    = $(shell $(WIN_PC) --libs $(WIN_PKGS) 2>/dev/null) \
              -L$(WIN_PREFIX)/lib -lwebsockets -lws2_32 -liphlpapi -lbcrypt -luserenv -lshell32 \
              -static-libgcc -Wl,-Bstatic -lwinpthread -Wl,-Bdynamic -mconsole
WIN_OBJ     := $(patsubst host/%.c,$(WIN_BUILD)/obj/%.o,$(HOST_SRC))
# What the zip holds besides the program: the same files the Debian package has, and the fonts
# (Windows has no fonts-noto-core): copied from Debian's font packages, named in fonts.txt.
WIN_FONTS   = $(shell awk '!/^\#/ && NF == 2 { print $$2 }' assets/fonts.txt | sort -u)
WIN_SETUP   := mingw-w64 meson ninja-build cmake pkg-config dpkg-dev xz-utils bzip2 zip unzip wine wine64 \
               fonts-noto-core fonts-dejavu-core fonts-noto-color-emoji

.PHONY: windows test-windows win-deps setup-windows

setup-windows:
	@tests/setup.sh $(WIN_SETUP)

windows: setup-windows
	@$(MAKE) --no-print-directory $(WIN_ZIP)

$(WIN_STAMP): host/dist/win-deps.sh host/dist/mingw64.cmake host/dist/mingw64.meson host/dist/windows.mk
	WIN_DEPS="$(WIN_DEPS)" MEDSKAPA_WIN_CACHE="$(WIN_CACHE)" host/dist/win-deps.sh
	@touch $@

win-deps: setup-windows $(WIN_STAMP)

$(WIN_BUILD)/obj/%.o: host/%.c $(wildcard host/*.h) $(WIN_STAMP) | $(WIN_BUILD)/obj
	$(WIN_CC) $(WIN_CFLAGS) -c $< -o $@

$(WIN_BUILD)/obj:
	@mkdir -p $@

$(WIN_BUILD)/obj/medskapa-res.o: host/dist/medskapa.rc host/dist/medskapa.manifest | $(WIN_BUILD)/obj
	$(WIN_WINDRES) -I host/dist -DMEDSKAPA_VERSION_STR='\"$(VERSION)\"' \
		-DMEDSKAPA_VERSION_RC=$(subst .,$(comma),$(VERSION)),0 $< -o $@

comma := ,

$(WIN_BUILD)/medskapa.exe: $(WIN_OBJ) $(WIN_BUILD)/obj/medskapa-res.o
	$(WIN_CC) -o $@ $^ $(WIN_LIBS) -lm

$(WIN_ZIP): $(WIN_BUILD)/medskapa.exe $(DEB_DATA) $(WIN_FONTS) host/dist/LÄSMIG.txt host/dist/README.txt
	rm -rf $(WIN_ZIPDIR) $@
	mkdir -p $(WIN_ZIPDIR)/sessions/templates $(WIN_ZIPDIR)/assets/fonts
	cp $(WIN_BUILD)/medskapa.exe $(WIN_ZIPDIR)/
	cp $(WIN_PREFIX)/bin/*.dll $(WIN_ZIPDIR)/
	rm -f $(WIN_ZIPDIR)/libharfbuzz-subset-0.dll
	cp -R participant-web $(WIN_ZIPDIR)/
	cp -R assets/i18n $(WIN_ZIPDIR)/assets/
	cp $(WIN_FONTS) $(WIN_ZIPDIR)/assets/fonts/
	sed -E 's#^(regular|bold|emoji)( +)/usr/share/fonts/truetype/[a-z]+/#\1\2fonts/#; s#^\# Debian:.*#\# Windows: the files in fonts/ beside this list (from Debian fonts-noto-core, fonts-dejavu-core, fonts-noto-color-emoji).#' \
		assets/fonts.txt > $(WIN_ZIPDIR)/assets/fonts.txt
	cp sessions/templates/*.json $(WIN_ZIPDIR)/sessions/templates/
	sed 's/$$/\r/' host/dist/LÄSMIG.txt > $(WIN_ZIPDIR)/LÄSMIG.txt
	sed 's/$$/\r/' host/dist/README.txt > $(WIN_ZIPDIR)/README.txt
	cd $(WIN_BUILD) && zip -qr -X ../$(notdir $@).tmp Medskapa
	mv $@.tmp $@
	@echo "$@: $$(du -k $@ | cut -f1) KiB, $$(unzip -l $@ | tail -1 | awk '{print $$2}') files"

test-windows: windows
	@tests/windows/run.sh
