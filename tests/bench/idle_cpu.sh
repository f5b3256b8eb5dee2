#!/bin/sh
# Idle CPU of the windowed board (make bench runs it): the host with its board in a real X11
# window under Xvfb, on a 100-idea meeting, nothing happening; its CPU time from
# /proc/PID/stat over SECS seconds. Prints one JSON object; never fails on a slow machine (it
# reports, the reader judges); exits 1 only when it could not measure. Run from the top folder:
#   sh tests/bench/idle_cpu.sh   (MEDSKAPA_BIN, SECS to change)
set -u
BIN=${MEDSKAPA_BIN:-build/medskapa}
SECS=${SECS:-10}
command -v Xvfb >/dev/null || { echo "idle_cpu: no Xvfb" >&2; exit 1; }
D=:$((90 + $$ % 100))
Xvfb $D -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
W=$(mktemp -d)
HPID=""
cleanup() {
	[ -n "$HPID" ] && kill "$HPID" 2>/dev/null && wait "$HPID" 2>/dev/null
	kill "$XPID" 2>/dev/null
	wait "$XPID" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
i=0
while [ ! -e "/tmp/.X11-unix/X${D#:}" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
cp tests/board/fixtures/radrum-100.json "$W/s.json"
# --lang en: the host speaks the board's language, and the line waited for below is English
DISPLAY=$D SDL_VIDEODRIVER=x11 "$BIN" --session "$W/s.json" --lang en --port 0 --size 1920x1080 >"$W/host.log" 2>&1 &
HPID=$!
i=0
until grep -q "^Listening on port" "$W/host.log" 2>/dev/null || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done
grep -q "^Listening on port" "$W/host.log" || { echo "idle_cpu: the host did not start: $(tail -n 2 "$W/host.log")" >&2; exit 1; }
sleep 2   # the first frames and the arrival animation
ticks() { awk '{ print $14 + $15 }' "/proc/$HPID/stat"; }
a=$(ticks)
sleep "$SECS"
b=$(ticks)
kill -0 "$HPID" 2>/dev/null || { echo "idle_cpu: the host died" >&2; exit 1; }
hz=$(getconf CLK_TCK)
awk -v t=$((b - a)) -v h="$hz" -v s="$SECS" \
	'BEGIN { printf "{\"secs\":%d,\"ticks\":%d,\"hz\":%d,\"cpu_pct\":%.3f}\n", s, t, h, 100 * t / h / s }'
