#!/usr/bin/env bash
# The README's "PII scan" table: CPU time (user, best of five, start-up subtracted) and,
# with --instructions, instructions inside `Scanner::scan` under callgrind, for each
# input of `examples/pii_findings`.
#
#   benches/pii_scan.sh [--instructions] [PII_FINDINGS_BINARY]
#
# Without a binary, builds and uses target/release/examples/pii_findings.
set -euo pipefail
cd "$(dirname "$0")/.."
instructions=0
if [[ "${1:-}" == "--instructions" ]]; then
    instructions=1
    shift
fi
bin=${1:-}
if [[ -z "$bin" ]]; then
    cargo build --release --quiet --example pii_findings
    bin=target/release/examples/pii_findings
fi

user_seconds() {
    local best=""
    for _ in 1 2 3 4 5; do
        local t
        t=$({ /usr/bin/time -f %U "$bin" "$@" >/dev/null; } 2>&1 | tail -n1)
        if [[ -z "$best" ]] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$t
        fi
    done
    echo "$best"
}

scan_instructions() {
    local out
    out=$(mktemp)
    valgrind --tool=callgrind --toggle-collect='*Scanner*scan*' --callgrind-out-file="$out" \
        "$bin" "$@" >/dev/null 2>&1
    awk '/^(summary|totals):/ { print $2; exit }' "$out"
    rm -f "$out"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(user_seconds --repeat 0 prompt)
echo "start-up: ${start} s user"
while read -r input repeat unit; do
    t=$(user_seconds --repeat "$repeat" "$input")
    awk -v t="$t" -v s="$start" -v n="$repeat" -v name="$input" -v unit="$unit" 'BEGIN {
        per = (t - s) / n
        if (unit == "us") printf "%-9s %8.1f us per scan\n", name, per * 1e6
        else printf "%-9s %8.1f MiB/s\n", name, 1 / per
    }'
done <<'INPUTS'
prompt 2000 us
dense 10 mib
clean 40 mib
mixed 40 mib
INPUTS
first=$(user_seconds --repeat 1 heldout)
both=$(user_seconds --repeat 1 heldout heldout2)
awk -v f="$first" -v b="$both" -v s="$start" 'BEGIN {
    printf "unseen    %8.1f MiB/s first MB, %.1f MiB/s second MB\n", 1 / (f - s), 1 / (b - f)
}'

if [[ "$instructions" == 1 ]]; then
    echo "instructions inside Scanner::scan, per scan:"
    p1=$(scan_instructions --repeat 1 prompt)
    p400=$(scan_instructions --repeat 400 prompt)
    awk -v a="$p1" -v b="$p400" 'BEGIN { printf "prompt    %8.3f M (steady state)\n", (b - a) / 399 / 1e6 }'
    for input in dense clean mixed; do
        n=$(scan_instructions --repeat 3 "$input")
        awk -v n="$n" -v name="$input" 'BEGIN { printf "%-9s %8.0f M\n", name, n / 3 / 1e6 }'
    done
    f=$(scan_instructions --repeat 1 heldout)
    b=$(scan_instructions --repeat 1 heldout heldout2)
    awk -v f="$f" -v b="$b" 'BEGIN { printf "unseen    %8.0f M first MB, %.0f M second MB\n", f / 1e6, (b - f) / 1e6 }'
fi
