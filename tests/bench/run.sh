#!/bin/sh
# tests/bench/run.sh: the benchmarks (make bench). Builds the bench programs, runs every
# measurement on loopback with bounded waits, prints the figures and writes a Markdown table
# to tests/out/bench.md (raw results: tests/out/bench.jsonl). Slow figures never fail the run;
# it exits non-zero only when something is broken (a server died, phones could not connect,
# acks never came, a tool failed).
#
#   tests/bench/run.sh            everything (about a minute on 2 cores)
#   BENCH_PHONES="100 1000" tests/bench/run.sh    fewer phone scenarios
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
HOST=build/medskapa
BIN=build/bench
OUT=tests/out
PHONES=${BENCH_PHONES:-"100 1000 3000"}
VOTES=3000          # the vote burst: this many votes spread evenly over VOTE_MS: 1000 votes a
VOTE_MS=3000        # second, three seconds long, so that the p99 rests on 30 votes, not 10
ROUNDS=10           # fan-out rounds per scenario
BURST=50            # then this many ideas from as many phones within one second
IDEAS=20            # ideas in the meeting the phones join (each welcome carries them)
FSYNC_SAMPLES=500
FRAMES=200
STARTS=7            # start-ups timed per case

mkdir -p "$OUT"
# Work files on the same file system as the sessions (the fdatasync floor must be measured
# where the journal lives).
WORK=$(mktemp -d "$ROOT/$OUT/bench-work.XXXXXX") || exit 1
RES=$OUT/bench.jsonl
: > "$RES"
PIDS=""
BROKEN=""

cleanup() {
	for p in $PIDS; do
		kill -9 "$p" 2>/dev/null
	done
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "bench: interrupted"; exit 130' INT TERM

broken() {
	echo "bench: BROKEN: $*" >&2
	BROKEN="$BROKEN
- $*"
}

# The load client holds one descriptor per phone: raise the soft limit to the hard one
# (capped; the host raises its own in the same way).
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ] || [ "$hard" -gt 65536 ]; then hard=65536; fi
ulimit -n "$hard" 2>/dev/null || echo "bench: cannot raise the open file limit to $hard" >&2
fits=""
for n in $PHONES; do
	if [ "$(ulimit -n)" -ge $((n + 64)) ]; then fits="$fits $n"
	else echo "bench: skipping $n phones: the open file limit is $(ulimit -n)" >&2; fi
done
PHONES=$fits

[ -x "$HOST" ] || { echo "bench: $HOST is missing (make all)" >&2; exit 1; }
command -v libwebsockets-test-server >/dev/null || { echo "bench: libwebsockets-test-server is missing" >&2; exit 1; }
make --no-print-directory -s -f tests/bench/Makefile || exit 1

# ---- the machine -----------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
cores=$(nproc)
kernel=$(uname -sr)
now=$(date -u +%Y-%m-%dT%H:%MZ)
load=$(cut -d' ' -f1-3 /proc/loadavg)
fs=$(df --output=fstype "$WORK" 2>/dev/null | tail -n 1)
lws=$(pkg-config --modversion libwebsockets 2>/dev/null | sed 's/-$//')
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
printf '{"label":"machine","cpu":"%s","cores":%s,"kernel":"%s","date":"%s","loadavg":"%s","fs":"%s","lws":"%s","mem":"%s","commit":"%s"}\n' \
	"$cpu" "$cores" "$kernel" "$now" "$load" "$fs" "$lws" "$mem" "$(git rev-parse --short HEAD 2>/dev/null)" >> "$RES"
echo "bench: $cpu, $cores cores, $kernel, load $load, work in $WORK ($fs)"

# Every process started here is in PIDS until it has been reaped, so that the trap can end
# exactly those (and never a later process that got a reused id).
forget() {
	rest=""
	for p in $PIDS; do [ "$p" = "$1" ] || rest="$rest $p"; done
	PIDS=$rest
}

# Run a command to its end (in the background, so that the trap can stop it too).
run() {
	"$@" &
	rpid=$!
	PIDS="$PIDS $rpid"
	wait "$rpid"
	rc=$?
	forget "$rpid"
	return $rc
}

# Start a server in the background; its log in $WORK/$1.log. Sets SPID.
start_bg() {
	name=$1
	shift
	"$@" > "$WORK/$name.log" 2>&1 &
	SPID=$!
	PIDS="$PIDS $SPID"
}

# Stop a server we started: SIGTERM, up to 10 s for it to save and go, then SIGKILL.
stop_bg() {
	kill "$1" 2>/dev/null
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	forget "$1"
}

# Wait (up to 10 s) for the host to print its port; sets PORT.
wait_port() {
	PORT=""
	i=0
	while [ -z "$PORT" ] && [ $i -lt 200 ]; do
		PORT=$(sed -n 's/^Listening on port \([0-9][0-9]*\).*/\1/p' "$WORK/$1.log")
		[ -n "$PORT" ] || sleep 0.05
		i=$((i + 1))
	done
	[ -n "$PORT" ]
}

# Wait (up to 5 s) until something listens on 127.0.0.1:$1.
wait_listen() {
	command -v ss >/dev/null || { sleep 1; return 0; }
	i=0
	while [ $i -lt 100 ]; do
		ss -ltn 2>/dev/null | grep -q ":$1 " && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# ---- the disk: bare fdatasync of an append, where the journal lives ------------------------
echo "bench: fdatasync floor ($FSYNC_SAMPLES appends, 2 ms apart)"
for mode in append prealloc; do
	if run $BIN/tools fsync "$WORK" $FSYNC_SAMPLES $mode > "$WORK/fsync.json"; then
		sed "s/^{/{\"label\":\"fdatasync-$mode\",/" "$WORK/fsync.json" >> "$RES"
	else
		broken "fdatasync probe ($mode) failed"
	fi
done

# ---- the pipeline's own latency: one phone, 10 votes a second, on an idle host ----------------
echo "bench: acks on an idle host"
$BIN/fixture "$WORK/meeting.json" $IDEAS || broken "fixture failed"
cp "$WORK/meeting.json" "$WORK/idle.json"
start_bg idle "$HOST" --headless --lang en --port 0 --session "$WORK/idle.json"
hpid=$SPID
if wait_port idle; then
	run $BIN/loadclient --port "$PORT" --pid "$hpid" --phones 1 --rounds 0 --votes 30 --vote-ms 3000 \
		--items $IDEAS --label idle-ack >> "$RES" || broken "acks on an idle host: $(tail -n 1 "$RES")"
else
	broken "the host did not start: $(tail -n 3 "$WORK/idle.log")"
fi
stop_bg "$hpid"

# ---- phones: the host and the libwebsockets test server, side by side -----------------------
for n in $PHONES; do
	echo "bench: $n phones, medskapa"
	cp "$WORK/meeting.json" "$WORK/m$n.json"
	start_bg "host$n" "$HOST" --headless --lang en --port 0 --session "$WORK/m$n.json" \
		--max-phones $((n + 100)) --max-per-address $((n + 100))
	hpid=$SPID
	if wait_port "host$n"; then
		run $BIN/loadclient --port "$PORT" --pid "$hpid" --phones "$n" --rounds $ROUNDS --ideas $BURST --votes $VOTES \
			--vote-ms $VOTE_MS --items $IDEAS --label "medskapa-$n" >> "$RES" ||
			broken "medskapa, $n phones: $(tail -n 1 "$RES" | sed -n 's/.*"why":"\([^"]*\)".*/\1/p')"
		kill -0 "$hpid" 2>/dev/null || broken "medskapa, $n phones: the host died: $(tail -n 3 "$WORK/host$n.log")"
	else
		broken "medskapa, $n phones: the host did not start: $(tail -n 3 "$WORK/host$n.log")"
	fi
	stop_bg "$hpid"

	echo "bench: $n phones, libwebsockets-test-server (lws-mirror-protocol)"
	port=$($BIN/tools port)
	start_bg "lws$n" libwebsockets-test-server --port "$port" --interface lo -d 1
	lpid=$SPID
	if wait_listen "$port"; then
		run $BIN/loadclient --port "$port" --pid "$lpid" --phones "$n" --rounds $ROUNDS --ideas $BURST --mirror \
			--label "lws-$n" >> "$RES" ||
			broken "lws test server, $n phones: $(tail -n 1 "$RES" | sed -n 's/.*"why":"\([^"]*\)".*/\1/p')"
	else
		broken "lws test server did not listen on $port: $(tail -n 3 "$WORK/lws$n.log")"
	fi
	stop_bg "$lpid"
done

# ---- the board: frame times at 1920x1080, offscreen -------------------------------------------
echo "bench: board frames"
export SDL_VIDEODRIVER=dummy
for k in 0 100 500; do $BIN/fixture "$WORK/board$k.json" $k || broken "fixture failed"; done
if run $BIN/boardbench assets 1920x1080 $FRAMES "$WORK/board0.json" "$WORK/board100.json" "$WORK/board500.json" \
	> "$WORK/board.json" 2> "$WORK/boardbench.log"; then
	sed 's/^{/{"label":"board",/' "$WORK/board.json" >> "$RES"
else
	broken "boardbench failed: $(tail -n 2 "$WORK/boardbench.log")"
fi

# Start-up to the first frame: exec until --screenshot says the PNG is written (--lang en: the
# host says it in the board's language, and this waits for the English line).
echo "bench: start-up to the first frame"
for case in template board500; do
	if [ $case = template ]; then src="--template sessions/templates/demo-radrum.json"
	else src="--session $WORK/board500.json"; fi
	# shellcheck disable=SC2086
	if run $BIN/tools startup $STARTS 30000 "Board written to" --keep -- \
		"$HOST" --screenshot "$WORK/shot.png" --size 1920x1080 --lang en $src > "$WORK/start.json" 2>> "$WORK/start.log"; then
		sed "s/^{/{\"label\":\"first-frame-$case\",/" "$WORK/start.json" >> "$RES"
	else
		broken "start-up to the first frame ($case) failed: $(tail -n 2 "$WORK/start.log")"
	fi
done
unset SDL_VIDEODRIVER

# ---- the board at rest: CPU of the windowed host under Xvfb with nothing happening --------------
echo "bench: the board at rest (10 s)"
if run env MEDSKAPA_BIN="$HOST" sh tests/bench/idle_cpu.sh > "$WORK/idle.json" 2> "$WORK/idle.log"; then
	sed 's/^{/{"label":"idle-board",/' "$WORK/idle.json" >> "$RES"
else
	broken "the idle board could not be measured: $(tail -n 2 "$WORK/idle.log")"
fi

# ---- resume: 10,000 ideas, and 10,000 more in the journal after the snapshot; an empty
# meeting for the fixed cost of starting ---------------------------------------------------------
echo "bench: resume"
$BIN/fixture "$WORK/r0.json" 0 || broken "fixture failed"
$BIN/fixture "$WORK/r10k.json" 10000 || broken "fixture failed"
$BIN/fixture "$WORK/r10kj.json" 10000 10000 || broken "fixture failed"
for case in r0 r10k r10kj; do
	cp "$WORK/$case.json" "$WORK/$case.orig"
	[ -f "$WORK/$case.json.journal" ] && cp "$WORK/$case.json.journal" "$WORK/$case.jorig"
	# The host is killed (SIGKILL) once it listens: it has written nothing, so every run
	# resumes the same files (checked below).
	if run $BIN/tools startup $STARTS 30000 "Listening on port" -- \
		"$HOST" --headless --lang en --port 0 --session "$WORK/$case.json" > "$WORK/resume.json" 2>> "$WORK/resume.log"; then
		sed "s/^{/{\"label\":\"resume-$case\",/" "$WORK/resume.json" >> "$RES"
	else
		broken "resume of $case failed: $(tail -n 2 "$WORK/resume.log")"
	fi
	cmp -s "$WORK/$case.json" "$WORK/$case.orig" || broken "resume of $case changed the session file"
	if [ -f "$WORK/$case.jorig" ]; then
		cmp -s "$WORK/$case.json.journal" "$WORK/$case.jorig" || broken "resume of $case changed the journal"
	fi
done

# ---- the table ----------------------------------------------------------------------------------
node tests/bench/report.js "$RES" "$OUT/bench.md" || broken "the report could not be written"
if [ -n "$BROKEN" ]; then
	printf 'bench: something is broken:%s\n' "$BROKEN" >&2
	exit 1
fi
exit 0
