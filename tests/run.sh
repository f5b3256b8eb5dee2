#!/bin/bash
# Runs every test suite (unit tests of the normal and the sanitizer build, then the
# integration, board and browser tests against the real host) and ends with one line over
# all of them: "N passed, N failed". Exits non-zero if anything failed.
# Logs of each suite: tests/out/logs/.
set -u
cd "$(dirname "$0")/.." || exit 2
mkdir -p tests/out/logs
passed=0
failed=0

# Sanitizer runs: leaks fail the run; SDL's dummy driver is the one that is clean under ASan.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=23"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

failures=()    # "suite: test" for each failure, repeated just above the last line

report() {   # name passed failed log
	printf '  %-40s %4d passed, %d failed\n' "$1" "$2" "$3"
	passed=$((passed + $2))
	failed=$((failed + $3))
	if [ "$3" -gt 0 ]; then
		local names
		# node's TAP: each failing test's block (its name, the assertion, where); else the tail.
		names=$(grep -E '^ *not ok [0-9]+ - ' "$4" 2>/dev/null | sed -E 's/^ *not ok [0-9]+ - //')
		if [ -n "$names" ]; then
			echo "  ---- failing tests in $4 ----"
			awk '/^ *not ok [0-9]+ - /{n=30} n>0{print; n--}' "$4" | head -n 120 | sed 's/^/  | /'
			while IFS= read -r t; do failures+=("$1: $t"); done <<<"$names"
		else
			echo "  ---- last lines of $4 ----"
			tail -n 40 "$4" | sed 's/^/  | /'
			failures+=("$1 (see $4)")
		fi
	fi
}

run_unit() {   # binary label
	local bin=$1 label=$2 log out p f
	log="tests/out/logs/$(echo "$label" | tr '/ ' '__').log"
	"$bin" >"$log" 2>&1
	local rc=$?
	out=$(grep -Eo 'Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$log" | tail -n 1)
	if [ -n "$out" ]; then
		local n fa er
		read -r n fa er <<<"$(echo "$out" | grep -Eo '[0-9]+' | tr '\n' ' ')"
		p=$((n - fa - er))
		f=$((fa + er))
	else
		p=0
		f=1
	fi
	# A clean count but a bad exit (sanitizer report at exit) is a failure too.
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	report "$label" "$p" "$f" "$log"
}

run_node() {   # label host-binary files...
	local label=$1 bin=$2 log p f
	shift 2
	[ "$#" -gt 0 ] || return 0
	log="tests/out/logs/$(echo "$label" | tr '/ ' '__').log"
	MEDSKAPA_BIN="$bin" node --test --test-reporter=tap --test-concurrency=1 "$@" >"$log" 2>&1
	local rc=$?
	p=$(grep -E '^# pass [0-9]+' "$log" | tail -n 1 | grep -Eo '[0-9]+')
	f=$(grep -E '^# fail [0-9]+' "$log" | tail -n 1 | grep -Eo '[0-9]+')
	p=${p:-0}
	f=${f:-1}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	report "$label" "$p" "$f" "$log"
}

echo "Unit tests"
for b in build build/san; do
	for t in "$b"/tests/test_*; do
		[ -x "$t" ] || continue
		run_unit "$t" "unit $(basename "$t") ($b)"
	done
done

echo "Fuzzing what reads bytes from outside (libFuzzer, ASan + UBSan, bounded; make fuzz runs longer)"
# Each target: its regression inputs (every crash found so far) once each, then a short pass
# from its seeds, bounded in inputs and in time (25 s at most) so a slow machine does not
# stall the suite; the seed is fixed. Targets and their input sizes: tests/fuzz/targets.sh.
. tests/fuzz/targets.sh
fuzz_pass() {   # target inputs label
	local t=$1 runs=$2 label=$3 bin=build/fuzz/fuzz_$1 log=tests/out/logs/fuzz_$1.log
	local corpus=tests/out/fuzz-corpus-$1 regress=() n
	if [ ! -x "$bin" ]; then
		report "fuzz $label (not built)" 0 1 /dev/null
		return
	fi
	rm -rf "$corpus" && mkdir -p "$corpus"
	cp tests/fuzz/corpus-"$t"/* "$corpus"/
	[ -d tests/fuzz/regress-"$t" ] && regress=(tests/fuzz/regress-"$t"/*)
	: >"$log"
	if [ "${#regress[@]}" -gt 0 ] && ! "$bin" "${regress[@]}" >>"$log" 2>&1; then
		report "fuzz $label (regression inputs)" 0 1 "$log"
		return
	fi
	if "$bin" -runs="$runs" -max_total_time=25 -max_len="$(fuzz_max_len "$t")" -seed=1 \
		-artifact_prefix=tests/out/fuzz-"$t"- "$corpus" >>"$log" 2>&1; then
		n=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+')
		report "fuzz $label (${n:-?} inputs, ${#regress[@]} regress)" 1 0 "$log"
	else
		report "fuzz $label" 0 1 "$log"
	fi
}
fuzz_pass proto 200000 "proto_decode + model"
fuzz_pass session 40000 "session file loader"
fuzz_pass journal 40000 "journal replay"
fuzz_pass template 100000 "template loader"
fuzz_pass http 1000000 "HTTP path/Origin/Host"
fuzz_pass wsframe 200000 "RFC 6455 frame rules"
fuzz_pass photo 300000 "photo base64/JPEG/PNG"

shopt -s nullglob
echo "Integration tests (real host, real WebSocket clients)"
run_node "integration (build)" build/medskapa tests/integration/*.test.js
run_node "integration (build/san)" build/san/medskapa tests/integration/*.test.js
MEDSKAPA_VALGRIND=1 run_node "integration under valgrind" build/medskapa \
	tests/integration/session.test.js tests/integration/meeting.test.js
echo "Board tests (real SDL2 board rendered offscreen)"
SDL_VIDEODRIVER=dummy run_node "board (build)" build/medskapa tests/board/*.test.js
SDL_VIDEODRIVER=dummy run_node "board (build/san)" build/san/medskapa tests/board/*.test.js
echo "Browser tests (real phone page in headless Chromium)"
run_node "browser (build)" build/medskapa tests/browser/*.test.js
echo "Report tests (staff reports from saved sessions; HTML printed to PDF in Chromium)"
run_node "report (build)" build/medskapa tests/report/*.test.js
run_node "report (build/san)" build/san/medskapa tests/report/*.test.js

echo "Debian package (make deb; installed with dpkg into a temporary root and started)"
run_node "deb package" build/medskapa tests/deb/*.test.js

echo "Windows build (medskapa.exe from the zip, under wine)"
tests/windows/run.sh >tests/out/logs/windows_run.log 2>&1
wl=$(tail -n 1 tests/out/logs/windows_run.log)
wp=$(echo "$wl" | grep -Eo '^[0-9]+ passed' | grep -Eo '[0-9]+')
wf=$(echo "$wl" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+')
report "windows (wine)" "${wp:-0}" "${wf:-1}" tests/out/logs/windows_wine.log

echo
for f in "${failures[@]}"; do echo "FAILED $f"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
