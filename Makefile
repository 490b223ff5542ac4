# SMD — the two commands are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
KERN := node_modules/@kern-ux/native/dist
VENDOR := web/static/vendor
export SMD_DEV_DEFAULTS ?=

.PHONY: run build deps assets test test-short bench eval clean

## deps: Go modules and npm packages, from the lock files.
deps: node_modules/.package-lock.json
	$(GO) mod download

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## assets: copy the few third-party files the binary embeds (never committed).
assets: deps
	@mkdir -p $(VENDOR)/kern/fonts/fira-sans
	cp $(KERN)/kern.min.css $(VENDOR)/kern/
	cp $(KERN)/fonts/fira-sans/FiraSans-{Regular,Italic,Medium,SemiBold,Bold}.woff2 $(VENDOR)/kern/fonts/fira-sans/
	cp node_modules/@kern-ux/native/LICENSE.md $(VENDOR)/kern/LICENSE.md
	@touch $(VENDOR)/.stamp

## build: the binary at bin/smd.
build: assets
	$(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o bin/smd ./cmd/smd

## run: migrate, seed the demo data and serve on 127.0.0.1:8080 (dev mode, SQLite, ./var).
run: build
	SMD_DEV=true ./bin/smd seed --demo
	SMD_DEV=true ./bin/smd serve

## test: the whole suite on SQLite and PostgreSQL, browser tests included.
test: assets
	./scripts/test.sh

## bench: the Go benchmarks of docs/benchmarks.md (the load runs of cmd/smdload are described there).
bench: build
	./scripts/bench.sh

## eval: generate the labelled evaluation corpus (EVAL_COUNT documents, seed EVAL_SEED) into
## var/corpus and measure `smd docs check` on it; writes docs/document-checks.md. A measurement,
## so not part of `make test`. Tune the checks on another seed (smdcorpus generate -seed 1).
EVAL_SEED ?= 2026
EVAL_COUNT ?= 1000
eval:
	$(GO) run ./cmd/smdcorpus generate -seed $(EVAL_SEED) -n $(EVAL_COUNT) -out var/corpus
	$(GO) run ./cmd/smdcorpus eval -corpus var/corpus -out docs/document-checks.md -json var/corpus/metrics.json -command "make eval" \
		-person-args '--person={surname}|{given_names}|{birth_date}|{nationality}'

clean:
	rm -rf bin $(VENDOR) var
