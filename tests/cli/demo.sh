#!/bin/sh
# Runs `atip demo` and the main subcommands on the demo network and checks
# their output: the demo's four sections, JSON that parses, and an export
# that imports into a fresh database and exports to the same bytes.
#
# Usage: demo.sh PATH/TO/atip PATH/TO/demo.json
set -u

ATIP=${1:?usage: demo.sh PATH/TO/atip PATH/TO/demo.json}
DATA=${2:?usage: demo.sh PATH/TO/atip PATH/TO/demo.json}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/atip-cli-demo.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILURES=0

fail() {
    echo "FAIL: $*" >&2
    FAILURES=$((FAILURES + 1))
}

# run NAME ARGS...: runs atip, fails the test on a non-zero exit.
run() {
    name=$1
    shift
    "$ATIP" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
    status=$?
    [ "$status" -eq 0 ] || fail "$name: exit code $status ($(cat "$WORK/$name.err"))"
}

expect_text() {
    grep -q -- "$2" "$WORK/$1.out" || fail "$1: output lacks \"$2\""
}

expect_json() {
    /usr/bin/python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$WORK/$1.out" 2>/dev/null ||
        fail "$1: output is not JSON"
}

DB="$WORK/demo.db"
ATIP_DEMO_DATA="$DATA" run demo demo --db "$DB"
expect_text demo "Three matters ranked, with reasons"
expect_text demo "A matter nobody in the network can take"
expect_text demo "Binding constraint"
expect_text demo "Batch assignment of every open matter"
expect_text demo "Total score"
expect_text demo "Coverage gaps"
expect_text demo "CTDC"

run demo_json demo --db "$WORK/demo2.db" --json
expect_json demo_json

run search search Wong --db "$DB"
expect_text search "lawyer-hk-"
run search_json search "Bangkok Lawyer" --db "$DB" --json
expect_json search_json
expect_text search_json "firm-th-bangkok-lawyer"

run show show firm-th-bangkok-lawyer --db "$DB"
expect_text show "merged_from"
run rank rank matter-001 --explain --as-of 2026-06-30 --db "$DB"
expect_text rank "Eligibility"
run rank_json rank matter-001 --exclusions --as-of 2026-06-30 --db "$DB" --json
expect_json rank_json
expect_text rank_json '"exclusions"'
run gaps gaps --as-of 2026-06-30 --db "$DB"
expect_text gaps "open matters have no eligible lawyer"
run dry_run assign --dry-run --as-of 2026-06-30 --db "$DB"
expect_text dry_run "Dry run: nothing was written"

if "$ATIP" --help | grep -q '^  report'; then
    run report_hours report hours --by jurisdiction --rates TH=45,KH=30 --db "$DB"
    expect_text report_hours "Donated hours by jurisdiction"
    run report_csv report workshops --csv --db "$DB"
    expect_text report_csv "event-01"
    run report_json report coverage --as-of 2026-06-30 --db "$DB" --json
    expect_json report_json
fi

# Assigning for real requests conflict checks; nothing is offered before one clears.
run assign assign --as-of 2026-06-30 --db "$DB"
expect_text assign "conflict_check_requested"

# Export, import into a fresh database, export again: the same bytes.
run export export "$WORK/first.json" --include-confidential --db "$DB"
run import import "$WORK/first.json" --db "$WORK/copy.db"
run export_copy export "$WORK/second.json" --include-confidential --db "$WORK/copy.db"
cmp -s "$WORK/first.json" "$WORK/second.json" || fail "export of a re-imported database differs"

[ "$FAILURES" -eq 0 ] && echo "demo and round trip: ok"
[ "$FAILURES" -eq 0 ]
