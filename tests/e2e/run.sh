#!/usr/bin/env bash
# End-to-end SDK tests: builds the server (Release), the .NET e2e programs and the runner, then runs it;
# it starts the server on a free port with a fresh data folder, runs every SDK program against it,
# checks what was stored, and prints one line per SDK per scenario item and "E2E: N passed, N failed".
# Needs: node_modules in tests/e2e/node and tests/e2e/browser (npm ci), /usr/bin/chromium and Debian's
# python3-sentry-sdk; .ci/run installs them. Extra arguments go to the runner (--only node,python,
# --source api|sqlite, --server PATH/bugsink.dll, --artifacts DIR).
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

exec dotnet tests/e2e/runner/bin/Release/net10.0/Bugsink.E2E.dll "$@"
