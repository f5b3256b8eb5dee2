#!/bin/sh
# Install the npm packages the tests use (tests/package.json), only when missing or changed.
set -eu
cd "$(dirname "$0")"
stamp=node_modules/.medskapa-stamp
if [ -f "$stamp" ] && [ "$stamp" -nt package.json ]; then exit 0; fi
echo "setup: installing npm test packages"
npm install --no-audit --no-fund --loglevel=error >/dev/null
touch "$stamp"
