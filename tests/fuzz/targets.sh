# Sourced by tests/fuzz/fuzz.sh and tests/run.sh: each fuzz target's longest input, and where
# its seeds (tests/fuzz/corpus-NAME) and regression inputs (tests/fuzz/regress-NAME) live.
fuzz_max_len() {   # target
	case $1 in
	proto) echo 9000 ;;         # one WebSocket message, well past the longest valid one
	session) echo 65536 ;;      # the seeds are up to 30 kB
	journal) echo 32768 ;;
	template) echo 16384 ;;
	http) echo 1024 ;;          # path, Origin and Host; the headers stop at 255 bytes
	wsframe) echo 80000 ;;      # a few frames, one past 64 KiB (a 64-bit length)
	photo) echo 4096 ;;         # the seeds, a small PNG and JPEGs and their base64, are under 1 kB
	*) echo 4096 ;;
	esac
}
