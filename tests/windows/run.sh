#!/bin/bash
# tests/windows/run.sh: medskapa.exe under wine (make test-windows; make test runs it too).
# Unzips build/medskapa-windows-x64.zip into a folder named "Åsa Öberg" (a user folder with
# å, ä and ö), then runs against it, through tests/windows/medskapa-wine:
#   - tests/windows/*.test.js: the reports byte for byte as the Debian build's, the board in
#     Swedish and Arabic beside the Debian build's, a meeting kept in a folder named with å, ä
#     and ö, the demo meeting on a bare start;
#   - the integration tests the Debian build passes, as they are (the whole meeting, hostile
#     input and RFC 6455 framing, the durability test with its hard kills, limits, HTTP);
#     left out: links.test.js and full-disk.test.js (symbolic links and a full tmpfs are
#     Linux's, not what a Windows laptop meets), host-words.test.js and codes.test.js (they read
#     the sources, not the program).
# Ends with "N passed, N failed"; logs in tests/out/logs/. Wine's prefix is kept with the
# dependency cache (MEDSKAPA_WIN_CACHE), so only the first run pays for wineboot.
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$PWD
ZIP=build/medskapa-windows-x64.zip
CACHE=${MEDSKAPA_WIN_CACHE:-$HOME/.cache/medskapa-win64}
export WINEPREFIX=${WINEPREFIX:-$CACHE/wine-tests}
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p tests/out/logs
if [ ! -f "$ZIP" ]; then
	echo "  no $ZIP (make windows)"
	echo "0 passed, 1 failed"
	exit 1
fi
if [ ! -f "$WINEPREFIX/system.reg" ]; then
	mkdir -p "$WINEPREFIX"
	wine wineboot -i >/dev/null 2>&1
	wineserver -w
fi
top=$(mktemp -d "${TMPDIR:-/tmp}/medskapa-windows-XXXXXX")
trap 'wineserver -k >/dev/null 2>&1; rm -rf "$top"' EXIT
mkdir -p "$top/Åsa Öberg"
unzip -q "$ZIP" -d "$top/Åsa Öberg"
export MEDSKAPA_EXE="$top/Åsa Öberg/Medskapa/medskapa.exe"
export MEDSKAPA_BIN="$ROOT/tests/windows/medskapa-wine"
export LINUX_BIN="$ROOT/build/medskapa"
# One wine server for the whole run, with its services (winedevice.exe...) started here: a
# service started by the first program of a test would inherit that test's output pipes and
# keep the test's process waiting for their end.
wineserver -p 60 >/dev/null 2>&1
wine wineboot </dev/null >/dev/null 2>&1

# The durability test last: wine 8's server keeps the sockets of a program killed by a signal
# open (and polls them, busy) for the rest of the run; a killed Windows program's close.
suites=(tests/windows/*.test.js)
for f in tests/integration/*.test.js; do
	case "$(basename "$f")" in
	links.test.js | full-disk.test.js | host-words.test.js | codes.test.js | durability.test.js) ;;
	*) suites+=("$f") ;;
	esac
done
suites+=(tests/integration/durability.test.js)
log=tests/out/logs/windows_wine.log
node --test --test-reporter=tap --test-concurrency=1 "${suites[@]}" >"$log" 2>&1
rc=$?
p=$(grep -E '^# pass [0-9]+' "$log" | tail -n 1 | grep -Eo '[0-9]+')
f=$(grep -E '^# fail [0-9]+' "$log" | tail -n 1 | grep -Eo '[0-9]+')
p=${p:-0}
f=${f:-1}
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
printf '  %-40s %4d passed, %d failed\n' "medskapa.exe under wine" "$p" "$f"
if [ "$f" -gt 0 ]; then
	awk '/^ *not ok [0-9]+ - /{n=30} n>0{print; n--}' "$log" | head -n 120 | sed 's/^/  | /'
fi
echo "$p passed, $f failed"
[ "$f" -eq 0 ]
