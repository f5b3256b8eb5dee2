#!/bin/bash
# win-smoke.sh: build host/dist/win-smoke.c for Windows against the prefix win-deps.sh made, and
# run it under wine without a display. Exits with the program's status (0: every check passed).
#
#   host/dist/win-smoke.sh [FONT.ttf]
#
# The program and copies of the prefix's DLLs go to $CACHE/smoke/, where it also writes
# win-smoke.png (the Arabic test line, shaped, above the same letters drawn one by one).
# Wine's prefix is $CACHE/wine (created on the first run, about 15 s).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${MEDSKAPA_WIN_CACHE:-$HOME/.cache/medskapa-win64}
PREFIX=$CACHE/prefix
OUT=$CACHE/smoke
FONT=${1:-/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf}
TRIPLE=x86_64-w64-mingw32
PKGS="sdl2 SDL2_ttf SDL2_image libwebsockets libcjson libqrencode fribidi libuv"

die() { printf 'win-smoke: %s\n' "$*" >&2; exit 1; }

[ -f "$PREFIX/lib/pkgconfig/sdl2.pc" ] || die "no prefix in $PREFIX: run host/dist/win-deps.sh first"
[ -f "$FONT" ] || die "no font $FONT (Debian package fonts-noto-core)"
command -v wine >/dev/null || die "no wine (Debian packages wine and wine64)"

if command -v $TRIPLE-gcc-posix >/dev/null; then CC=$TRIPLE-gcc-posix; else CC=$TRIPLE-gcc; fi

# ---- build: everything the compiler and linker need comes from the prefix's .pc files ----------
export PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
# shellcheck disable=SC2086
CFLAGS=$(pkg-config --cflags $PKGS)
# shellcheck disable=SC2086
LIBS=$(pkg-config --libs $PKGS)
mkdir -p "$OUT"
echo "win-smoke: $CC -O2 -Wall -Wextra win-smoke.c $CFLAGS $LIBS -mconsole"
# -mconsole after sdl2.pc's -mwindows: a console program, so that its output reaches us.
# shellcheck disable=SC2086
$CC -O2 -Wall -Wextra -o "$OUT/win-smoke.exe" "$HERE/win-smoke.c" $CFLAGS $LIBS -mconsole
cp "$PREFIX"/bin/*.dll "$OUT/"

# ---- run under wine, headless -----------------------------------------------------------------
export WINEPREFIX=$CACHE/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" SDL_VIDEODRIVER=dummy
unset DISPLAY WAYLAND_DISPLAY
if [ ! -f "$WINEPREFIX/system.reg" ]; then
	echo "win-smoke: creating the wine prefix $WINEPREFIX"
	wineboot -i >/dev/null 2>&1
	wineserver -w
fi
rm -f "$OUT/win-smoke.png"
cd "$OUT"
set +e
wine ./win-smoke.exe "Z:${FONT//\//\\}" win-smoke.png
rc=$?
set -e
[ -f "$OUT/win-smoke.png" ] && echo "win-smoke: picture $OUT/win-smoke.png"
[ $rc -eq 0 ] || die "FAILED (exit $rc)"
echo "win-smoke: passed"
