#!/usr/bin/env bash
# `make run`: the development server and one background worker beside it, stopped together (Ctrl+C).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
$BIN/danvan worker --worker-id "dev-$$" &
worker=$!
trap 'kill -TERM "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
echo "danvan: http://$HOST:$PORT/  (Ctrl+C để dừng; tiến trình nền $worker chạy kèm)"
$BIN/danvan runserver "$HOST:$PORT"
