#!/usr/bin/env bash
# End-to-end SDK tests: builds the server (Release), the .NET e2e programs and the runner, then runs it;
# it starts the server on a free port with a fresh data folder, runs every SDK program against it,
# checks what was stored, and prints one line per SDK per scenario item and "E2E: N passed, N failed".
# Then the source-map scenario (tests/e2e/sourcemaps/run.mjs), whose counts join the final line.
# Needs: node_modules in tests/e2e/node, tests/e2e/browser and tests/e2e/sourcemaps (npm ci), /usr/bin/chromium and Debian's
# python3-sentry-sdk; .ci/run installs them. Extra arguments go to the runner (--only node,python,
# --source api|sqlite, --server PATH/bugsink.dll, --artifacts DIR). It also runs single-binary.sh (the
# published binary end to end) and adds its checks to the total line, and the SDK suite a second time with the
# server on a scratch PostgreSQL (postgres.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

build() {
  local out
  if ! out=$(dotnet build "$@" -c Release 2>&1); then
    printf '%s\n' "$out" | grep -E 'error|Error' | head -n 20
    echo "E2E: build of $1 failed"
    echo "E2E: 0 passed, 1 failed"
    exit 1
  fi
}

# The runner's project references the server and the .NET e2e programs: one build for all four.
build tests/e2e/runner/Bugsink.E2E.csproj
# The .NET programs once more on the previous SDK major (6.12.1), with their own obj/ and bin/ folders:
# the central versions are the newest major, and most users will send with either for a while.
for program in console/Bugsink.E2E.ConsoleApp.csproj web/Bugsink.E2E.WebApp.csproj; do
  build "tests/e2e/dotnet/$program" -p:E2ESentryVersion=6.12.1 -p:BaseIntermediateOutputPath=obj/sdk6/ -p:OutputPath=bin/sdk6/
done

counts() { grep -E "^$1: [0-9]+ passed, [0-9]+ failed$" "$2" | tail -n 1 | awk '{print $2+0, $4+0}'; }

# The published single binary end to end (single-binary.sh, one publish); BUGSINK_E2E_SINGLE_BINARY=0 skips it.
sb_passed=0
sb_failed=0
if [ "${BUGSINK_E2E_SINGLE_BINARY:-1}" != 0 ]; then
  sb_log=$(mktemp)
  bash tests/e2e/single-binary.sh 2>&1 | tee "$sb_log"
  read -r sb_passed sb_failed <<<"$(counts SINGLE-BINARY "$sb_log")"
  [ -n "${sb_passed:-}" ] || { sb_passed=0; sb_failed=1; }
  rm -f "$sb_log"
fi

# The SDK runner prints its own "E2E: N passed, N failed".
runner_log=$(mktemp)
dotnet tests/e2e/runner/bin/Release/net10.0/Bugsink.E2E.dll "$@" 2>&1 | tee "$runner_log"
runner_status=${PIPESTATUS[0]}
read -r sdk_passed sdk_failed <<<"$(counts E2E "$runner_log")"
rm -f "$runner_log"

# The same SDK suite once more with the server on PostgreSQL (issue 21): a scratch cluster from postgres.sh,
# which the server and its CLI commands reach through the Bugsink__Database__* variables it exports.
# BUGSINK_E2E_POSTGRES=0 skips it; without PostgreSQL installed it is one failure under .ci/run, else a skip.
pg_passed=0
pg_failed=0
if [ "${BUGSINK_E2E_POSTGRES:-1}" != 0 ]; then
  # shellcheck source=tests/e2e/postgres.sh
  source tests/e2e/postgres.sh
  if e2e_postgres_start; then
    pg_log=$(mktemp)
    echo "E2E on PostgreSQL (port $E2E_PG_PORT):"
    dotnet tests/e2e/runner/bin/Release/net10.0/Bugsink.E2E.dll "$@" 2>&1 | sed 's/^E2E: /E2E-POSTGRES: /' | tee "$pg_log"
    pg_status=${PIPESTATUS[0]}
    read -r pg_passed pg_failed <<<"$(counts E2E-POSTGRES "$pg_log")"
    [ -n "${pg_passed:-}" ] || { pg_passed=0; pg_failed=1; }
    [ "$pg_status" -ne 0 ] && [ "$pg_failed" -eq 0 ] && pg_failed=1
    rm -f "$pg_log"
    e2e_postgres_stop
  elif [ "${BUGSINK_REQUIRE_ALL_TESTS:-0}" = 1 ]; then
    echo "E2E on PostgreSQL: could not start a scratch cluster"
    pg_failed=1
  else
    echo "E2E on PostgreSQL: skipped (could not start a scratch cluster)"
  fi
fi

# Source maps (issue 22): its own server, sentry-cli uploads, Chromium and Node; see tests/e2e/sourcemaps.
sourcemaps_log=$(mktemp)
node tests/e2e/sourcemaps/run.mjs 2>&1 | tee "$sourcemaps_log"
sourcemaps_status=${PIPESTATUS[0]}
read -r maps_passed maps_failed <<<"$(counts SOURCEMAPS "$sourcemaps_log")"
rm -f "$sourcemaps_log"
[ "$runner_status" -ne 0 ] && [ "${sdk_failed:-0}" -eq 0 ] && sdk_failed=1
[ "$sourcemaps_status" -ne 0 ] && [ "${maps_failed:-0}" -eq 0 ] && maps_failed=1

passed=$(( sb_passed + ${sdk_passed:-0} + pg_passed + ${maps_passed:-0} ))
failed=$(( sb_failed + ${sdk_failed:-0} + pg_failed + ${maps_failed:-0} ))
echo "E2E: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
