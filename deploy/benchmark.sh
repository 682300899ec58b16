#!/usr/bin/env bash
# The load benchmark: packages the service, starts it as its own process (the production image's JVM settings) on
# PostgreSQL and Redis servers of its own and the local OpenAI-compatible stub, drives it with wrk and a Java client,
# and prints one table of figures with their targets. Everything runs on 127.0.0.1 and stops by itself.
#
#   deploy/benchmark.sh                              # defaults: 15 s per wrk run, 64 and 256 connections, 500 streams
#   deploy/benchmark.sh -Dbench.duration=30 -Dbench.connections=64 -Dbench.streams=200 \
#       -Dbench.first-token-ms=1000 -Dbench.tokens-per-second=50 \
#       -Dbench.db-url=postgresql://user:pass@127.0.0.1:5432/db -Dbench.redis-url=redis://127.0.0.1:6379
#   deploy/benchmark.sh -Dbench.only=streams            # some parts only: startup,reads,questionnaire,streams,scale
#   deploy/benchmark.sh -Dbench.stream-warmups=1       # unrecorded bursts of streamed turns first (3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq wrk >/dev/null
    else
        echo "wrk is missing: install it (Debian/Ubuntu: sudo apt-get install wrk; macOS: brew install wrk)" >&2
        exit 1
    fi
fi
# The class-data sharing archive (AppCDS) makes the start faster; the production image builds one too.
./mvnw -B -q -ntp package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
./mvnw -B -q -ntp surefire:test -Dtest=LoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false "$@"
