#!/usr/bin/env bash
# The Go benchmarks behind docs/benchmarks.md (`make bench`). The load
# measurements with cmd/smdload (submissions, work queue) need a seeded
# server and are run by hand with the commands docs/benchmarks.md gives.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
go test -run '^$' -bench . -benchtime "${BENCHTIME:-2s}" ./rules ./mrz ./doccheck ./web
