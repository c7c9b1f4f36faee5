#!/usr/bin/env bash
# The plain docker-CLI rolling deploy aviary is compared with: per host pull, remove, run, poll the
# health URL; the hosts of a batch in parallel; batches [1, 25%, 100%]; no lock, no rollback.
#
# Usage: bench/deploy.sh HOSTS_FILE IMAGE SERVICE PORT
#   HOSTS_FILE: one host a line, "name endpoint address tls" (tls 1: --tlsverify with $DOCKER_CA,
#   $DOCKER_CERT, $DOCKER_KEY). Health: GET http://address:PORT/health every $INTERVAL s (0.2)
#   until 200, at most $DEADLINE s (60).
set -uo pipefail

HOSTS_FILE=$1 IMAGE=$2 SERVICE=$3 PORT=$4
INTERVAL=${INTERVAL:-0.2}
DEADLINE=${DEADLINE:-60}

mapfile -t HOSTS <"$HOSTS_FILE"
N=${#HOSTS[@]}

deploy_host() {
  local name=$1 endpoint=$2 address=$3 tls=$4
  local d=(docker -H "$endpoint")
  [[ $tls == 1 ]] && d+=(--tlsverify --tlscacert "$DOCKER_CA" --tlscert "$DOCKER_CERT" --tlskey "$DOCKER_KEY")
  "${d[@]}" pull -q "$IMAGE" >/dev/null || { echo "$name: pull failed" >&2; return 1; }
  "${d[@]}" rm -f "$SERVICE" >/dev/null 2>&1
  "${d[@]}" run -d --name "$SERVICE" -p "$PORT:8080" --restart unless-stopped "$IMAGE" >/dev/null || { echo "$name: run failed" >&2; return 1; }
  local until=$((SECONDS + DEADLINE))
  until curl -fsS -o /dev/null -m 1 "http://$address:$PORT/health" 2>/dev/null; do
    ((SECONDS < until)) || { echo "$name: not healthy within ${DEADLINE}s" >&2; return 1; }
    sleep "$INTERVAL"
  done
  echo "$name: healthy"
}

# Batch sizes as aviary and Ansible's serial compute them: 1, 25% rounded up, then the rest.
quarter=$(((N + 3) / 4))
sizes=(1 "$quarter" "$N")
start=0 batch=0
while ((start < N)); do
  size=${sizes[batch]:-$N}
  ((batch++))
  pids=()
  for ((i = start; i < start + size && i < N; i++)); do
    # shellcheck disable=SC2086
    deploy_host ${HOSTS[i]} &
    pids+=($!)
  done
  failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  echo "batch $batch: hosts $((start + 1))-$((i)) done"
  ((failed)) && { echo "batch $batch failed: stopping" >&2; exit 1; }
  start=$i
done
