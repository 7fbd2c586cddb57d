#!/bin/sh
# Runs every atip subcommand on bad input and checks that each prints
# exactly one line on stderr, exits with a non-zero code (the documented one
# where the cause is unambiguous), and leaves the database file byte for
# byte unchanged.
#
# Usage: bad_input.sh PATH/TO/atip
set -u

ATIP=${1:?usage: bad_input.sh PATH/TO/atip}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/atip-cli-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILURES=0
CASES=0

fail() {
    echo "FAIL: $*" >&2
    FAILURES=$((FAILURES + 1))
}

checksum() {
    if [ -e "$1" ]; then sha256sum "$1" | cut -d' ' -f1; else echo absent; fi
}

set_user_version() {
    if command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 "$1" "PRAGMA user_version = $2;"
    else
        /usr/bin/python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("PRAGMA user_version = %d" % int(sys.argv[2])); db.commit()' "$1" "$2"
    fi
}

# expect_failure NAME CODE DB ARGS...: CODE is the expected exit code or
# "any" for any non-zero one; DB is the database whose bytes must not change
# ("-" when the case involves none).
expect_failure() {
    name=$1 code=$2 db=$3
    shift 3
    CASES=$((CASES + 1))
    before=$(checksum "$db")
    "$ATIP" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
    status=$?
    after=$(checksum "$db")
    lines=$(wc -l <"$WORK/stderr")
    if [ "$status" -eq 0 ]; then
        fail "$name: exit code 0, expected a failure"
    elif [ "$code" != any ] && [ "$status" -ne "$code" ]; then
        fail "$name: exit code $status, expected $code ($(cat "$WORK/stderr"))"
    fi
    if [ "$lines" -ne 1 ]; then
        fail "$name: $lines lines on stderr, expected 1:"
        sed 's/^/    /' "$WORK/stderr" >&2
    elif ! grep -q '^atip[ a-z]*: ' "$WORK/stderr"; then
        fail "$name: stderr does not start with 'atip COMMAND: ': $(cat "$WORK/stderr")"
    fi
    if [ "$db" != - ] && [ "$before" != "$after" ]; then
        fail "$name: the database $db changed"
    fi
    echo "ok   $name: $(cat "$WORK/stderr")"
}

# --- Fixtures --------------------------------------------------------------------

GOOD="$WORK/good.db"
NEWER="$WORK/newer.db"
MISSING="$WORK/missing.db"

cat >"$WORK/small.json" <<'JSON'
{"format": "atip-dataset", "version": 1,
 "organizations": [{"id": "ngo-1", "kind": "ngo", "names": ["Mekong Migrant Help"], "jurisdictions": ["TH"]}],
 "lawyers": [{"id": "lawyer-1", "names": ["Somchai Jaidee"], "vetted": true,
              "admissions": [{"jurisdiction": "TH"}], "languages": [{"tag": "th", "proficiency": "native"}],
              "practice_areas": [{"code": "labour.wage_claims", "years": 5}]}],
 "matters": [{"id": "matter-1", "ngo": "ngo-1", "title": "Wage claim", "practice_area": "labour.wage_claims",
              "forum": "TH", "languages": ["th"], "activities": ["appear_in_court"], "status": "circulated"}]}
JSON
printf '{"format": "atip-dataset", "lawyers": [' >"$WORK/malformed.json"
cat >"$WORK/invalid.json" <<'JSON'
{"format": "atip-dataset", "version": 1,
 "lawyers": [{"id": "lawyer-2", "names": ["Kyaw Win"], "languages": [{"tag": "xx-?", "proficiency": "native"}]}]}
JSON
cat >"$WORK/dangling.json" <<'JSON'
{"format": "atip-dataset", "version": 1,
 "matters": [{"id": "matter-2", "ngo": "ngo-404", "title": "Claim", "practice_area": "labour.wage_claims",
              "forum": "TH", "activities": ["advise_local_law"]}]}
JSON
cat >"$WORK/duplicate.json" <<'JSON'
{"format": "atip-dataset", "version": 1,
 "organizations": [{"id": "ngo-1", "kind": "ngo", "names": ["Second NGO with the same id"]}]}
JSON
echo '{"weights": {"language": -1}}' >"$WORK/bad-policy.json"
echo '{"weights": ' >"$WORK/malformed-policy.json"
{ head -c 200000 /dev/zero | tr '\0' '['; head -c 200000 /dev/zero | tr '\0' ']'; } >"$WORK/deep.json"
echo '{"format": "atip-dataset", "version": 1e400}' >"$WORK/huge-number.json"

"$ATIP" init --db "$GOOD" >/dev/null || { echo "setup: atip init failed" >&2; exit 1; }
"$ATIP" import "$WORK/small.json" --db "$GOOD" >/dev/null || { echo "setup: atip import failed" >&2; exit 1; }
cp "$GOOD" "$NEWER"
set_user_version "$NEWER" 9999
TEXT_FILE="$WORK/notes.db"
echo "not a database" >"$TEXT_FILE"
FOREIGN="$WORK/foreign.db"
if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 "$FOREIGN" "CREATE TABLE contacts (name TEXT);"
else
    /usr/bin/python3 -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("CREATE TABLE contacts (name TEXT)"); db.commit()' "$FOREIGN"
fi

# --- Cases -----------------------------------------------------------------------

expect_failure "no command" 2 - 
expect_failure "unknown command" 2 - frobnicate
expect_failure "unknown option" 2 "$GOOD" search --colour --db "$GOOD"
expect_failure "option without value" 2 "$GOOD" rank matter-1 --db "$GOOD" --top

expect_failure "init: existing database" 5 "$GOOD" init --db "$GOOD"
expect_failure "init: newer database" 5 "$NEWER" init --db "$NEWER"

expect_failure "import: missing file" 4 "$GOOD" import "$WORK/nothing-here.json" --db "$GOOD"
expect_failure "import: malformed JSON" 3 "$GOOD" import "$WORK/malformed.json" --db "$GOOD"
expect_failure "import: 200,000 nested brackets" 3 "$GOOD" import "$WORK/deep.json" --db "$GOOD"
expect_failure "import: number too large" 3 "$GOOD" import "$WORK/huge-number.json" --db "$GOOD"
expect_failure "import: invalid language tag" 3 "$GOOD" import "$WORK/invalid.json" --db "$GOOD"
expect_failure "import: dangling reference" 5 "$GOOD" import "$WORK/dangling.json" --db "$GOOD"
expect_failure "import: duplicate id" 5 "$GOOD" import "$WORK/duplicate.json" --db "$GOOD"
expect_failure "import: newer database" 6 "$NEWER" import "$WORK/small.json" --db "$NEWER"
expect_failure "import: malformed JSON, new database" 3 "$MISSING" import "$WORK/malformed.json" --db "$MISSING"
expect_failure "import: invalid record, new database" 3 "$MISSING" import "$WORK/invalid.json" --db "$MISSING"
[ -e "$MISSING" ] && fail "import: a failed first import left $MISSING behind"

expect_failure "export: missing database" 4 "$MISSING" export --db "$MISSING"
expect_failure "export: newer database" 6 "$NEWER" export --db "$NEWER"
expect_failure "export: unwritable target" 3 "$GOOD" export "$WORK/no/such/folder/out.json" --db "$GOOD"

expect_failure "show: unknown id" 4 "$GOOD" show lawyer-404 --db "$GOOD"
expect_failure "show: unknown id of a type" 4 "$GOOD" show matter lawyer-1 --db "$GOOD"
expect_failure "show: unknown type" 2 "$GOOD" show barrister lawyer-1 --db "$GOOD"
expect_failure "show: missing database" 4 "$MISSING" show lawyer-1 --db "$MISSING"
expect_failure "show: newer database" 6 "$NEWER" show lawyer-1 --db "$NEWER"

expect_failure "search: bad limit" 2 "$GOOD" search wage --limit 0 --db "$GOOD"
expect_failure "search: unknown type" 2 "$GOOD" search wage --type barrister --db "$GOOD"
expect_failure "search: invalid language filter" 3 "$GOOD" search wage --language "xx-?" --db "$GOOD"
expect_failure "search: newer database" 6 "$NEWER" search wage --db "$NEWER"

expect_failure "rank: unknown matter" 4 "$GOOD" rank matter-404 --db "$GOOD"
expect_failure "rank: missing policy file" 4 "$GOOD" rank matter-1 --policy "$WORK/none.json" --db "$GOOD"
expect_failure "rank: malformed policy" 3 "$GOOD" rank matter-1 --policy "$WORK/malformed-policy.json" --db "$GOOD"
expect_failure "rank: invalid policy value" 3 "$GOOD" rank matter-1 --policy "$WORK/bad-policy.json" --db "$GOOD"
expect_failure "rank: bad date" 2 "$GOOD" rank matter-1 --as-of 2026-13-40 --db "$GOOD"
expect_failure "rank: bad --top" 2 "$GOOD" rank matter-1 --top many --db "$GOOD"
expect_failure "rank: newer database" 6 "$NEWER" rank matter-1 --db "$NEWER"
expect_failure "rank: missing database" 4 "$MISSING" rank matter-1 --db "$MISSING"

expect_failure "assign: unknown matter" any "$GOOD" assign --matters matter-404 --db "$GOOD"
expect_failure "assign: unknown matter, dry run" any "$GOOD" assign --dry-run --matters matter-404 --db "$GOOD"
expect_failure "assign: malformed policy" 3 "$GOOD" assign --policy "$WORK/malformed-policy.json" --db "$GOOD"
expect_failure "assign: newer database" 6 "$NEWER" assign --db "$NEWER"
expect_failure "assign: empty matter list" 2 "$GOOD" assign --matters , --db "$GOOD"

expect_failure "show: not a database" 6 "$TEXT_FILE" show lawyer-1 --db "$TEXT_FILE"
expect_failure "export: another program's database" 6 "$FOREIGN" export --db "$FOREIGN"
expect_failure "rank: another program's database" 6 "$FOREIGN" rank matter-1 --db "$FOREIGN"
expect_failure "import: not a database" 6 "$TEXT_FILE" import "$WORK/small.json" --db "$TEXT_FILE"

expect_failure "gaps: invalid policy value" 3 "$GOOD" gaps --policy "$WORK/bad-policy.json" --db "$GOOD"
expect_failure "gaps: newer database" 6 "$NEWER" gaps --db "$NEWER"
expect_failure "gaps: missing database" 4 "$MISSING" gaps --db "$MISSING"

expect_failure "demo: existing database" 5 "$GOOD" demo --db "$GOOD"
ATIP_DEMO_DATA="$WORK/malformed.json" expect_failure "demo: malformed data set" 3 "$MISSING" demo --db "$MISSING"
ATIP_DEMO_DATA="$WORK/invalid.json" expect_failure "demo: invalid data set" 3 "$MISSING" demo --db "$MISSING"
[ -e "$MISSING" ] && fail "demo: a failed demo left $MISSING behind"

if "$ATIP" --help | grep -q '^  report'; then
    expect_failure "report: newer database" 6 "$NEWER" report hours --db "$NEWER"
    expect_failure "report: missing database" 4 "$MISSING" report hours --db "$MISSING"
    expect_failure "report: unknown kind" 2 "$GOOD" report bogus --db "$GOOD"
    expect_failure "report: bad period" 2 "$GOOD" report lifecycle --period fortnight --db "$GOOD"
    expect_failure "report: bad rates" 2 "$GOOD" report hours --rates TH --db "$GOOD"
    expect_failure "report: invalid policy value" 3 "$GOOD" report coverage --policy "$WORK/bad-policy.json" --db "$GOOD"
fi

echo "$CASES cases, $FAILURES failures"
[ "$FAILURES" -eq 0 ]
