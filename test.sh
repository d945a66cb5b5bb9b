#!/usr/bin/env bash
# Runs every test of weaklint: the README's test command.
set -euo pipefail
cd "$(dirname "$0")"
go test -race ./...
