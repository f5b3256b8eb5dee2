#!/bin/bash
# Run the whole suite (tests/run.sh, as `make test` does after building) RUNS times in a row on a
# loaded machine: HOGS busy loops run beside it the whole time (default: one per core). Stops at
# the first failing run and keeps its logs in tests/out/repeat/run-N/. Prints one line per run and
# a last line "N passed, N failed" over the runs.
#   tests/repeat-loaded.sh [RUNS [HOGS]]      (make test first, so everything is built)
set -u
cd "$(dirname "$0")/.." || exit 2
runs=${1:-10}
hogs=${2:-$(nproc)}
pids=()
stop_hogs() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; }
trap stop_hogs EXIT
for _ in $(seq "$hogs"); do
	(while :; do :; done) &
	pids+=($!)
done
mkdir -p tests/out/repeat
ok=0
bad=0
for i in $(seq "$runs"); do
	start=$(date +%s)
	if tests/run.sh >"tests/out/repeat/run-$i.log" 2>&1; then
		ok=$((ok + 1))
		verdict=passed
	else
		bad=$((bad + 1))
		verdict=FAILED
	fi
	echo "run $i of $runs with $hogs CPU hogs: $verdict ($(tail -n 1 "tests/out/repeat/run-$i.log" | tr -d '\n'); $(( $(date +%s) - start )) s)"
	if [ "$verdict" = FAILED ]; then
		rm -rf "tests/out/repeat/run-$i" && cp -r tests/out/logs "tests/out/repeat/run-$i"
		break
	fi
done
echo "$ok passed, $bad failed"
[ "$bad" -eq 0 ]
