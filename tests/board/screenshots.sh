#!/bin/sh
# Regenerate the README images of the board (docs/img/board*.png) from the test fixtures,
# rendered offscreen by the real binary. Run from anywhere: `make screenshots`.
set -eu
cd "$(dirname "$0")/../.."
BIN=${MEDSKAPA_BIN:-build/medskapa}
FIX=tests/board/fixtures
# A typical venue address, so the images do not show this machine's.
JOIN=${JOIN_URL:-http://192.168.1.23:8080/}
export SDL_VIDEODRIVER="${SDL_VIDEODRIVER:-dummy}"
mkdir -p docs/img

shot() {   # fixture size output [theme [lang]]
	MEDSKAPA_BOARD_THEME="${4:-default}" "$BIN" --session "$FIX/$1" --size "$2" --join-url "$JOIN" --screenshot "docs/img/$3" \
		${5:+--lang "$5"} >/dev/null
	chmod 644 "docs/img/$3"   # the host's umask keeps session files private; these are public
	echo "docs/img/$3  ($1 at $2)"
}

shot radrum-12.json 1280x720 board.png              # an open brainstorm
shot empty.json 1280x720 board-empty.png            # people joining
shot radrum-40.json 1920x1080 board-full.png        # more ideas than fit: small join card, pages
shot meeting-grouped.json 1280x720 board-grouped.png   # grouped, with categories
shot meeting-silent.json 1280x720 board-silent.png     # a silent round, the timer paused
shot meeting-vote-open.json 1280x720 board-vote.png    # a vote in progress, results hidden
shot meeting-vote-revealed.json 1920x1080 board-results.png  # the ranking, with ties
shot meeting-poll.json 1280x720 board-poll.png         # a scale poll revealed
shot radrum-100.json 1920x1080 board-pages.png      # more ideas than fit: pages
# The board in the meeting's language: Arabic (--lang ar)
shot meeting-vote-revealed.json 1280x720 board-ar.png default ar
# The high-contrast theme (key v, --theme high-contrast)
shot radrum-12.json 1280x720 board-hc.png high-contrast
shot meeting-grouped.json 1280x720 board-hc-grouped.png high-contrast
shot meeting-vote-revealed.json 1920x1080 board-hc-results.png high-contrast
shot radrum-100.json 3840x2160 board-hc-pages-4k.png high-contrast
# Every voice in the room (issue 18): renderings under the originals, photo notes, pictograms
shot voices-renderings.json 1280x720 board-renderings.png   # Tigrinya, Arabic, Somali above Swedish
shot voices-photos.json 1280x720 board-photos.png           # photo notes in groups, a missing one
shot voices-pictos.json 1280x720 board-pictos.png           # categories with pictograms
