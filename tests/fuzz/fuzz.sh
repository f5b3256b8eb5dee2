#!/bin/bash
# make fuzz: run each fuzz target for SECONDS, one after another, single-process, growing its
# corpus in build/fuzz/corpus-NAME from the seeds in tests/fuzz/corpus-NAME, and print each
# one's executions per second and total (libFuzzer's final stats). Crashes are written to
# build/fuzz/crash-NAME-*; the run goes on to the next target and fails at the end.
# Usage: tests/fuzz/fuzz.sh SECONDS TARGET...
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/fuzz/targets.sh
secs=$1
shift
failed=0
summary=""
for t in "$@"; do
	bin=build/fuzz/fuzz_$t
	log=build/fuzz/fuzz_$t.log
	mkdir -p "build/fuzz/corpus-$t"
	echo "fuzz_$t: $secs s ($log)"
	"$bin" -max_total_time="$secs" -max_len="$(fuzz_max_len "$t")" -print_final_stats=1 \
		-artifact_prefix="build/fuzz/crash-$t-" "build/fuzz/corpus-$t" "tests/fuzz/corpus-$t" >"$log" 2>&1
	rc=$?
	runs=$(grep -Eo 'stat::number_of_executed_units:[[:space:]]+[0-9]+' "$log" | grep -Eo '[0-9]+$')
	rate=$(grep -Eo 'stat::average_exec_per_sec:[[:space:]]+[0-9]+' "$log" | grep -Eo '[0-9]+$')
	line=$(printf '  %-14s %8s exec/s %12s executions' "fuzz_$t" "${rate:-?}" "${runs:-?}")
	if [ "$rc" -ne 0 ]; then
		failed=1
		line="$line  FAILED (exit $rc): $(ls build/fuzz/crash-"$t"-* 2>/dev/null | tr '\n' ' ')"
		grep -E 'ERROR|runtime error|fuzz_[a-z]+:' "$log" | head -n 5 | sed 's/^/    /'
	fi
	echo "$line"
	summary="$summary$line"$'\n'
done
echo "Fuzzing, $secs s per target:"
printf '%s' "$summary"
exit $failed
