#!/usr/bin/env bash
# End-to-end SDK tests: builds the server (Release), the .NET e2e programs and the runner, then runs it;
# it starts the server on a free port with a fresh data folder, runs every SDK program against it,
# checks what was stored, and prints one line per SDK per scenario item and "E2E: N passed, N failed".
# Needs: node_modules in tests/e2e/node and tests/e2e/browser (npm ci), /usr/bin/chromium and Debian's
# python3-sentry-sdk; .ci/run installs them. Extra arguments go to the runner (--only node,python,
# --source api|sqlite, --server PATH/bugsink.dll, --artifacts DIR). It also runs single-binary.sh (the
# published binary end to end) and adds its checks to the total line.
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

# The published single binary end to end (single-binary.sh, one publish); BUGSINK_E2E_SINGLE_BINARY=0 skips it.
sb_passed=0
sb_failed=0
if [ "${BUGSINK_E2E_SINGLE_BINARY:-1}" != 0 ]; then
  sb_log=$(mktemp)
  bash tests/e2e/single-binary.sh 2>&1 | tee "$sb_log"
  sb_line=$(grep -E '^SINGLE-BINARY: [0-9]+ passed, [0-9]+ failed$' "$sb_log" | tail -n 1)
  sb_passed=$(echo "$sb_line" | awk '{print $2+0}')
  sb_failed=$(echo "$sb_line" | awk '{print $4+0}')
  [ -n "$sb_line" ] || sb_failed=1
  rm -f "$sb_log"
fi

# The runner prints its own "E2E: N passed, N failed"; the last such line, with the single binary's added, is the total.
runner_log=$(mktemp)
dotnet tests/e2e/runner/bin/Release/net10.0/Bugsink.E2E.dll "$@" 2>&1 | tee "$runner_log"
runner_status=${PIPESTATUS[0]}
runner_line=$(grep -E '^E2E: [0-9]+ passed, [0-9]+ failed$' "$runner_log" | tail -n 1)
rm -f "$runner_log"
r_passed=$(echo "$runner_line" | awk '{print $2+0}')
r_failed=$(echo "$runner_line" | awk '{print $4+0}')
if [ "$runner_status" -ne 0 ] && [ "$r_failed" -eq 0 ]; then
  r_failed=1
fi
echo "E2E: $((r_passed + sb_passed)) passed, $((r_failed + sb_failed)) failed"
[ $((r_failed + sb_failed)) -eq 0 ]
