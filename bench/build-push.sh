#!/usr/bin/env bash
# Build and push with aviary against the docker CLI on the same builder engine: median of N runs
# after a warm-up. The aviary command comes from the bundle (dist/cli.js, or AVIARY_CLI=/path/cli.js).
# Usage: bench/build-push.sh [runs]   (needs the fleet: scripts/fleet up)
# "-engine" rows are aviary's own time for the work (build: metadata durationMs; push: the time it
# logs per tag), without node's start and the loading of the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-5}
CLI=${AVIARY_CLI:-dist/cli.js}
[ -f "$CLI" ] || { echo "no aviary bundle at $CLI: run npm run bundle, or set AVIARY_CLI" >&2; exit 2; }
FLEET=${AVIARY_FLEET_DIR:-/tmp/aviary-fleet}/fleet.json
[ -f "$FLEET" ] || { echo "no fleet ($FLEET): run scripts/fleet up" >&2; exit 2; }
REGISTRY=$(node -e "console.log(require('$FLEET').registry.plain)")
BASE=$(node -e "console.log(require('$FLEET').baseImage)")
REPO="$REGISTRY/bench/app"
CONTEXT=examples/app
NONCE=$(date +%s)
export DOCKER_BUILDKIT=0   # the same legacy builder aviary uses

aviary() { node "$CLI" "$@"; }
now() { date +%s.%N; }
# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# time_it <label> <command…>: runs it quietly, appends the seconds to $TIMES/<label>
TIMES=$(mktemp -d)
trap 'rm -rf "$TIMES"' EXIT
time_it() {
  local label=$1; shift
  local t0 t1
  t0=$(now)
  "$@" >"$TIMES/last.log" 2>&1 || { cat "$TIMES/last.log" >&2; exit 1; }
  t1=$(now)
  echo "$t1 - $t0" | bc -l >>"$TIMES/$label"
  # aviary's own measure of the build, without the process start: metadata's durationMs
  if grep -q '^metadata=' "$TIMES/last.log"; then
    sed -n 's/^metadata=.*"durationMs":\([0-9]*\).*/\1/p' "$TIMES/last.log" | awk '{ print $1 / 1000 }' >>"$TIMES/$label-engine"
  fi
  # … and of a push: the "<tag>: sha256:… (255ms)" line
  sed -n 's/^[^ ]*: sha256:[0-9a-f]* (\([0-9.]*\)\(m\{0,1\}s\))$/\1 \2/p' "$TIMES/last.log" |
    awk '{ print ($2 == "ms") ? $1 / 1000 : $1 }' >>"$TIMES/$label-engine"
}

# Images this run leaves untagged are removed at the end; others' are left alone.
docker images -q --no-trunc --filter dangling=true | sort -u >"$TIMES/dangling-before"

echo "warm-up…"
aviary build --build-arg BASE="$BASE" --tag "$REPO:warm" "$CONTEXT" >/dev/null
docker build -q --build-arg BASE="$BASE" -t "$REPO:warm" "$CONTEXT" >/dev/null

for i in $(seq "$RUNS"); do
  time_it aviary-build-cached   aviary build --build-arg BASE="$BASE" --tag "$REPO:cached" "$CONTEXT"
  time_it docker-build-cached   docker build --build-arg BASE="$BASE" -t "$REPO:cached" "$CONTEXT"
  # The same work as aviary outside GitHub: it adds the label org.opencontainers.image.created.
  time_it docker-build-cached-label docker build --build-arg BASE="$BASE" --label "org.opencontainers.image.created=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" -t "$REPO:cached" "$CONTEXT"
  time_it aviary-build-nocache  aviary build --no-cache --build-arg BASE="$BASE" --tag "$REPO:nocache" "$CONTEXT"
  time_it docker-build-nocache  docker build --no-cache --build-arg BASE="$BASE" -t "$REPO:nocache" "$CONTEXT"

  # A new tag of a freshly built image (one new layer), pushed by each tool in turn.
  docker build -q --build-arg BASE="$BASE" --build-arg VERSION="a-$NONCE-$i" -t "$REPO:a-$NONCE-$i" "$CONTEXT" >/dev/null
  docker build -q --build-arg BASE="$BASE" --build-arg VERSION="d-$NONCE-$i" -t "$REPO:d-$NONCE-$i" "$CONTEXT" >/dev/null
  time_it aviary-push aviary push "$REPO:a-$NONCE-$i"
  time_it docker-push docker push "$REPO:d-$NONCE-$i"
done

printf '\n%-26s %10s   (median of %d runs, seconds, wall clock incl. process start)\n' "what" "median" "$RUNS"
for label in aviary-build-cached aviary-build-cached-engine docker-build-cached docker-build-cached-label \
             aviary-build-nocache aviary-build-nocache-engine docker-build-nocache aviary-push aviary-push-engine docker-push; do
  printf '%-26s %10.3f\n' "$label" "$(median <"$TIMES/$label")"
done
printf '%-26s %10.3f\n' "node start (bare)" "$( { for i in $(seq "$RUNS"); do t0=$(now); node -e 0; t1=$(now); echo "$t1 - $t0" | bc -l; done; } | median)"
printf '%-26s %10.3f\n' "aviary --help" "$( { for i in $(seq "$RUNS"); do t0=$(now); node "$CLI" build --help >/dev/null; t1=$(now); echo "$t1 - $t0" | bc -l; done; } | median)"

# Leave the builder as it was: remove the bench tags and the images they left untagged.
docker images --format '{{.Repository}}:{{.Tag}}' | grep -F "$REPO:" | xargs -r docker rmi -f >/dev/null 2>&1 || true
docker images -q --no-trunc --filter dangling=true | sort -u | comm -13 "$TIMES/dangling-before" - | xargs -r docker rmi >/dev/null 2>&1 || true
