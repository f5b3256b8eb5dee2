#!/bin/sh
# Idle CPU of the windowed board: the host under Xvfb (x11 driver) on a 100-idea session,
# nothing happening, CPU time from /proc/PID/stat over 10 s. Prints one line; never fails
# on a slow machine (it reports, the reader judges). Run from the top folder:
#   sh tests/board/idle_cpu.sh   (MEDSKAPA_BIN, SECS to change)
set -u
BIN=${MEDSKAPA_BIN:-build/medskapa}
SECS=${SECS:-10}
D=:$((90 + $$ % 100))
Xvfb $D -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
sleep 1
W=$(mktemp -d)
cp tests/board/fixtures/radrum-100.json "$W/s.json"
DISPLAY=$D SDL_VIDEODRIVER=x11 "$BIN" --session "$W/s.json" --port 0 >/dev/null 2>&1 &
HPID=$!
sleep 3   # start-up and first frames
ticks() { awk '{ print $14 + $15 }' /proc/$HPID/stat; }
a=$(ticks); sleep "$SECS"; b=$(ticks)
hz=$(getconf CLK_TCK)
echo "idle board CPU over ${SECS}s: $((b - a)) ticks of 1/${hz}s = $(awk -v t=$((b - a)) -v h=$hz -v s=$SECS 'BEGIN { printf "%.2f%%", 100 * t / h / s }')"
kill $HPID 2>/dev/null; wait $HPID 2>/dev/null
kill $XPID 2>/dev/null; wait $XPID 2>/dev/null
rm -rf "$W"
