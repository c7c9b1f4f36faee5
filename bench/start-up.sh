#!/usr/bin/env bash
# The deploy's start: process start → its first log line, for one or more bundles in the same run
# (alternated), plus what each loads: the bundle's bytes and whether gRPC (BuildKit's session) is
# among them. A deploy must not load the build path's gRPC and protobuf code (issue 11).
# The deploy is a real `aviary deploy` whose one host refuses connections (127.0.0.1:9): it loads
# and starts as any deploy does, then fails before it changes anything.
# Usage: bench/start-up.sh [runs] [dist-dir ...]   (default: 15 runs of dist/)
# To compare with an older bundle: git archive <commit> dist | tar -x -C /tmp/old; then
#   bench/start-up.sh 15 /tmp/old/dist dist
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-15}
shift || true
DISTS=("$@")
[ ${#DISTS[@]} -gt 0 ] || DISTS=(dist)
REGISTRY=registry.example:5000

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/aviary.yml" <<EOF
service: bench-start
image: $REGISTRY/bench/start
groups:
  web:
    hosts: ["tcp://127.0.0.1:9"]
EOF

# timings <dist>: seconds from spawning `cli.js deploy` to its first line on stdout, and to its exit
timings() {
  node -e '
    const { spawn } = require("node:child_process");
    const t0 = process.hrtime.bigint();
    const s = () => Number(process.hrtime.bigint() - t0) / 1e9;
    let first;
    const child = spawn(process.execPath, [process.argv[1] + "/cli.js", "deploy", "--config", process.argv[2], "--image", process.argv[3]], { stdio: ["ignore", "pipe", "ignore"] });
    child.stdout.once("data", () => { first = s(); });
    child.stdout.resume();
    child.on("close", () => console.log(first ?? 0, s()));
  ' "$1" "$WORK/aviary.yml" "$REGISTRY/bench/start:v1"
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

for i in $(seq "$RUNS"); do
  for d in "${DISTS[@]}"; do timings "$d" >>"$WORK/$(echo "$d" | tr / _)"; done
  [ "$i" -eq 1 ] && echo "… $RUNS runs of each, alternated"
done

printf '\n| bundle | start → first log line, s | start → exit, s | bytes loaded | gRPC loaded |\n|---|--:|--:|--:|---|\n'
for d in "${DISTS[@]}"; do
  # What the whole run loads (node -r bench/lib/loaded.cjs writes the files at exit).
  BENCH_LOADED_FILE="$WORK/loaded" node -r ./bench/lib/loaded.cjs "$d/cli.js" deploy --config "$WORK/aviary.yml" \
    --image "$REGISTRY/bench/start:v1" >/dev/null 2>&1 || true
  bytes=$(xargs -r cat <"$WORK/loaded" | wc -c)
  grpc=$(xargs -r grep -l 'grpc.keepalive' <"$WORK/loaded" >/dev/null 2>&1 && echo yes || echo no)
  times="$WORK/$(echo "$d" | tr / _)"
  printf '| %s | %.3f | %.3f | %s | %s |\n' "$d" "$(cut -d' ' -f1 <"$times" | median)" "$(cut -d' ' -f2 <"$times" | median)" "$bytes" "$grpc"
done
echo "(medians of $RUNS runs; the run fails at its host's refused connection, having changed nothing)"
