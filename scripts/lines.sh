#!/bin/bash
# Lines of TypeScript per folder of src/ (a file at the top counts as "src/"): run before and after a restructuring.
cd "$(dirname "$0")/.." || exit 1
find src -name '*.ts' | while read -r f; do d=$(dirname "$f"); echo "$(wc -l < "$f") ${d#src/}"; done |
  awk '{ if ($2 == "src") $2 = "(top)"; n[$2] += $1; f[$2]++; t += $1; files++ } END { for (d in n) printf "%-14s %3d files %6d lines\n", d, f[d], n[d]; printf "%-14s %3d files %6d lines\n", "total", files, t }' | sort
