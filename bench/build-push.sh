#!/usr/bin/env bash
# Build and push with aviary against the docker CLI, both with BuildKit, on the same builder engine,
# in the same run: median of N runs after a warm-up, cold and cached, with the ratios.
# The aviary command comes from the bundle (dist/cli.js, or AVIARY_CLI=/path/cli.js).
# Usage: bench/build-push.sh [runs]   (needs the fleet: scripts/fleet up)
#   build cold:   --no-cache, every step runs      build cached: the same context again
#   push cold:    a new image (one new layer)      push cached:  the same tag again (every blob there)
# "-engine" rows are aviary's own time for the work (build: metadata durationMs; push: the time it
# logs per tag), without node's start and the loading of the bundle.
# Writes bench/results/build-push.md (BENCH_WRITE=0: print only).
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
export DOCKER_BUILDKIT=1 DOCKER_HOST=unix:///var/run/docker.sock

aviary() { node "$CLI" "$@"; }
now() { date +%s.%N; }
# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# A docker CLI whose `docker build` runs BuildKit: a CLI 23+ needs the buildx plugin for that (and
# without it falls back to the legacy builder, or refuses); Debian's 20.10 CLI has it built in.
DOCKER=${DOCKER_CLI:-}
if [ -z "$DOCKER" ]; then
  for c in docker /usr/bin/docker; do
    command -v "$c" >/dev/null || continue
    if printf 'FROM %s\nRUN --mount=type=cache,target=/c true\n' "$BASE" | "$c" build -q - >/dev/null 2>&1; then
      DOCKER=$c
      break
    fi
  done
fi
[ -n "$DOCKER" ] || { echo "no docker CLI here builds with BuildKit (set DOCKER_CLI)" >&2; exit 2; }
docker() { "$DOCKER" "$@"; }

# time_it <label> <command…>: runs it quietly, appends the seconds to $TIMES/<label>
TIMES=$(mktemp -d)
trap 'rm -rf "$TIMES"' EXIT
time_it() {
  local label=$1
  shift
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
"$DOCKER" images -q --no-trunc --filter dangling=true | sort -u >"$TIMES/dangling-before"

echo "docker CLI: $DOCKER ($("$DOCKER" version --format '{{.Client.Version}}')), BuildKit; engine $("$DOCKER" version --format '{{.Server.Version}}'); $RUNS runs"
echo "warm-up…"
aviary build --build-arg BASE="$BASE" --tag "$REPO:warm" "$CONTEXT" >/dev/null
docker build -q --build-arg BASE="$BASE" -t "$REPO:warm" "$CONTEXT" >/dev/null

for i in $(seq "$RUNS"); do
  echo "run $i of $RUNS"
  time_it aviary-build-cold   aviary build --no-cache --build-arg BASE="$BASE" --tag "$REPO:cold" "$CONTEXT"
  time_it docker-build-cold   docker build --no-cache --build-arg BASE="$BASE" -t "$REPO:cold" "$CONTEXT"
  time_it aviary-build-cached aviary build --build-arg BASE="$BASE" --tag "$REPO:cached" "$CONTEXT"
  time_it docker-build-cached docker build --build-arg BASE="$BASE" -t "$REPO:cached" "$CONTEXT"

  # A new tag of a freshly built image (one new layer), pushed by each tool in turn; then again.
  docker build -q --build-arg BASE="$BASE" --build-arg VERSION="a-$NONCE-$i" -t "$REPO:a-$NONCE-$i" "$CONTEXT" >/dev/null
  docker build -q --build-arg BASE="$BASE" --build-arg VERSION="d-$NONCE-$i" -t "$REPO:d-$NONCE-$i" "$CONTEXT" >/dev/null
  time_it aviary-push-cold   aviary push "$REPO:a-$NONCE-$i"
  time_it docker-push-cold   docker push "$REPO:d-$NONCE-$i"
  time_it aviary-push-cached aviary push "$REPO:a-$NONCE-$i"
  time_it docker-push-cached docker push "$REPO:d-$NONCE-$i"
done

m() { median <"$TIMES/$1"; }
OUT=$(mktemp)
{
  echo "# Build and push: aviary against the docker CLI, both with BuildKit (bench/build-push.sh)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ); docker CLI $("$DOCKER" version --format '{{.Client.Version}}') with DOCKER_BUILDKIT=1,"
  echo "engine $("$DOCKER" version --format '{{.Server.Version}}'), the example app (examples/app), median of $RUNS runs, seconds,"
  echo "wall clock including each process's start. aviary's own time (without node's start and the"
  echo "bundle's loading) is in the last column."
  echo
  echo "| what | aviary | docker | aviary/docker | aviary's own time |"
  echo "|---|--:|--:|--:|--:|"
  for what in build-cold build-cached push-cold push-cached; do
    a=$(m "aviary-$what")
    d=$(m "docker-$what")
    e=$( [ -s "$TIMES/aviary-$what-engine" ] && m "aviary-$what-engine" || echo "")
    printf '| %s | %.3f | %.3f | %.2f | %s |\n' "${what/-/ }" "$a" "$d" "$(echo "$a / $d" | bc -l)" "${e:+$(printf '%.3f' "$e")}"
  done
  echo
  printf 'node start (bare): %.3f s; `aviary build --help`: %.3f s.\n' \
    "$( { for _ in $(seq "$RUNS"); do t0=$(now); node -e 0; t1=$(now); echo "$t1 - $t0" | bc -l; done; } | median)" \
    "$( { for _ in $(seq "$RUNS"); do t0=$(now); node "$CLI" build --help >/dev/null; t1=$(now); echo "$t1 - $t0" | bc -l; done; } | median)"
} >"$OUT"
cat "$OUT"
if [ "${BENCH_WRITE:-1}" != 0 ]; then cp "$OUT" bench/results/build-push.md; fi
rm -f "$OUT"

# Leave the builder as it was: remove the bench tags and the images they left untagged.
"$DOCKER" images --format '{{.Repository}}:{{.Tag}}' | grep -F "$REPO:" | xargs -r "$DOCKER" rmi -f >/dev/null 2>&1 || true
"$DOCKER" images -q --no-trunc --filter dangling=true | sort -u | comm -13 "$TIMES/dangling-before" - | xargs -r "$DOCKER" rmi >/dev/null 2>&1 || true
