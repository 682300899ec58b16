#!/usr/bin/env bash
# A class-data sharing archive of a whole start and a first use of the service, for a faster start.
#
# Quarkus' own AppCDS archive (quarkus.package.jar.appcds.enabled) comes from a run that stops after static
# initialisation, so about half of the classes a start loads (Hibernate's, the HTTP layer's, the routes') still come
# from the jars. This script starts the packaged service for real, against the PostgreSQL and Redis it is given, runs
# one of each main request in offline mode (a session, a JSON and a streamed turn, resume, results, the questionnaire,
# a sign-up and its session), stops it with SIGTERM and keeps the archive the JVM writes at exit
# (-XX:ArchiveClassesAtExit) as app-cds.jsa in place of Quarkus'.
#
#   DATABASE_URL=postgresql://… REDIS_URL=redis://… deploy/cds-training.sh target/quarkus-app
#   deploy/cds-training.sh target/quarkus-app      # throwaway servers from Debian/Ubuntu's postgresql and redis-server
#
# The service listens on TRAINING_PORT (18380) and its management interface on TRAINING_MANAGEMENT_PORT (the next
# port); the throwaway PostgreSQL and Redis take the two ports after TRAINING_PORT + 1.
#
# The database must be a throwaway one: the run migrates it and stores one session. Without DATABASE_URL the script
# starts a PostgreSQL (as the postgres user when run as root) and a Redis of its own in a temporary directory, and
# removes them afterwards; the image build does this (deploy/Dockerfile). The archive is only valid for the same JVM
# and the same jars (their sizes and modification times), so it is made where the image is built, after `package`, and
# copied with the jars. On any failure the directory is left as it was and the script exits non-zero.
set -euo pipefail
app=$(cd "${1:?usage: cds-training.sh <quarkus-app directory>}" && pwd)
port=${TRAINING_PORT:-18380}
management_port=${TRAINING_MANAGEMENT_PORT:-$((port + 1))}
servers=""
stop_servers() {
    [ -n "$servers" ] || return 0
    as_postgres "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D "$servers/pg" -m fast stop >/dev/null || true
    redis-cli -p $((port + 3)) shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$servers"
}
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ -z "${DATABASE_URL:-}" ]; then
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$pg_bin" ] && command -v redis-server >/dev/null || {
        echo "no DATABASE_URL and no local postgresql/redis-server to start a throwaway pair" >&2; exit 1; }
    servers=$(mktemp -d)
    trap stop_servers EXIT
    chmod 755 "$servers"
    mkdir "$servers/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$servers/pg"; }
    as_postgres "$pg_bin/initdb" -D "$servers/pg" -U postgres --auth=trust >/dev/null
    as_postgres "$pg_bin/pg_ctl" -D "$servers/pg" -o "-p $((port + 2)) -k $servers/pg -c listen_addresses=127.0.0.1" \
        -l "$servers/pg/log" -w start >/dev/null
    redis-server --port $((port + 3)) --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null
    export DATABASE_URL="postgresql://postgres@127.0.0.1:$((port + 2))/postgres" REDIS_URL="redis://127.0.0.1:$((port + 3))"
fi
log=$(mktemp)
trained="$app/app-cds.trained.jsa"
rm -f "$trained"

cd "$app" # the dump is taken over the JDK's own base archive, not over Quarkus' archive it replaces
BIGOCEAN_EMBEDDED=false LLM_MODE=offline PORT=$port MANAGEMENT_PORT=$management_port \
    java -XX:ArchiveClassesAtExit="$trained" -jar quarkus-run.jar >"$log" 2>&1 &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
failed="" # the request that failed the training, said last (after the service's log)
trap 'stop; cat "$log" >&2; [ -z "$failed" ] || echo "$failed" >&2; rm -f "$log" "$log.body" "$log.cookies" "$trained"' ERR

base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "$base/health"; then break; fi
    kill -0 "$pid" 2>/dev/null || { echo "the service stopped during the training start" >&2; false; }
    sleep 0.1
done
request() { # what, then curl's arguments: fails the training unless the answer is 2xx; the body is in $log.body
    local what=$1 status
    shift
    status=$(curl -s -o "$log.body" -w '%{http_code}' "$@") || status="no answer"
    case $status in
        2??) ;;
        *) failed="cds-training: $what answered $status $(head -c 300 "$log.body" 2>/dev/null)"; return 1 ;;
    esac
}
call() { # method path [body]
    request "$1 $2" -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "$base$2"
}
call POST /api/assessment/start '{}'
session=$(sed -n 's/.*"sessionId":"\([0-9a-f-]*\)".*/\1/p' "$log.body")
[ -n "$session" ] || { failed="cds-training: POST /api/assessment/start answered no sessionId"; false; }
call POST /api/assessment/message "{\"sessionId\":\"$session\",\"message\":\"I plan my week carefully and I enjoy meeting new people.\"}"
request "a streamed turn" -N -X POST -H 'Content-Type: application/json' -H 'Accept: text/event-stream' \
    --data "{\"sessionId\":\"$session\",\"message\":\"Quiet evenings with a book suit me better than crowds.\"}" \
    "$base/api/assessment/message"
call GET "/api/assessment/$session/resume"
call GET "/api/assessment/$session/results"
call GET "/api/questionnaire?lang=en"
item=$(sed -n 's/.*"items":\[{"id":"\([0-9a-f-]*\)".*/\1/p' "$log.body")
call PUT "/api/assessment/$session/questionnaire" "{\"answers\":{\"$item\":4}}"
call GET "/api/assessment/$session/results"
cookies="$log.cookies" # an account: sign-up, then the session it opened (Hibernate Reactive's paths);
email="training-$(date +%s%N)-$$@example.invalid" # new on every run, so that a kept database can train again
request "the sign-up" -c "$cookies" -X POST -H 'Content-Type: application/json' \
    --data "{\"email\":\"$email\",\"password\":\"tidal-Quartz-47-meadow-Lantern\",\"name\":\"Training\"}" \
    "$base/api/auth/sign-up/email"
request "GET /api/auth/get-session" -b "$cookies" "$base/api/auth/get-session"
rm -f "$cookies"
request "the management interface's /q/health" "http://127.0.0.1:$management_port/q/health"
rm -f "$log.body"
stop
trap - ERR
[ -s "$trained" ] || { cat "$log" >&2; echo "the JVM wrote no archive at exit" >&2; rm -f "$log"; exit 1; }
mv -f "$trained" app-cds.jsa
rm -f "$log"
echo "cds-training: app-cds.jsa now holds the classes of a whole start ($(du -h app-cds.jsa | cut -f1))"
