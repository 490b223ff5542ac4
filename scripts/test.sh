#!/usr/bin/env bash
# The whole suite, as `make test` runs it: vet, every package on SQLite and
# PostgreSQL (internal/pgtest starts a throw-away cluster unless
# SMD_TEST_POSTGRES_URL names a server), the browser tests where Chromium is
# installed, and a short run of every fuzz target.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== go vet"
go vet ./...

echo "== go test (both databases)"
set +e
go test -json -count=1 -timeout 20m ./... | go run ./internal/testreport
status=${PIPESTATUS[1]}
set -e
[ "$status" -eq 0 ] || exit "$status"

echo "== fuzz (${FUZZTIME:=10s} per target)"
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    echo "-- $pkg $target"
    # The Go fuzzing engine sometimes ends a run with "context deadline
    # exceeded" when a worker is slow to stop on a loaded machine; that is
    # no finding. A real finding prints "Failing input" and is never retried.
    ok=0
    for attempt in 1 2 3; do
      if go test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" -parallel=1 "$pkg" > /tmp/smd-fuzz.log 2>&1; then
        ok=1; break
      fi
      if grep -q "Failing input" /tmp/smd-fuzz.log || ! grep -q "context deadline exceeded" /tmp/smd-fuzz.log; then
        break
      fi
      echo "   (fuzzing engine timeout, attempt $attempt; retrying)"
    done
    [ "$ok" = 1 ] || { cat /tmp/smd-fuzz.log; exit 1; }
  done
done
echo "fuzz: no failures"
