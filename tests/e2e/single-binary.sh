#!/usr/bin/env bash
# The published single binary, end to end (issue 20, "Show it"): publishes it once, then from a clean
# temporary folder, with nothing but `env -i PATH=/usr/bin:/bin HOME=…` (and BUGSINK_CONFIG): serves,
# creates a project, ingests events while `bugsink backup` runs, restores into a new folder, serves from
# the restored copy and finds every event acknowledged before the backup began. On the way it checks the
# single-binary forms: an appsettings.json beside the binary is read, BUGSINK_CONFIG is read, and the
# start hint names the binary (`./bugsink create-project NAME`), not `dotnet run`.
# Prints one line per check and "SINGLE-BINARY: N passed, N failed"; tests/e2e/run.sh adds them to its totals.
# BUGSINK_SINGLE_BINARY=PATH uses an already published binary instead of publishing one.
# Needs curl and /usr/bin/python3 (for reading the API's JSON), both on the CI image.
set -uo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

passed=0
failed=0
check() {
  local name=$1
  shift
  if "$@"; then
    echo "PASS single-binary: $name"
    passed=$((passed + 1))
  else
    echo "FAIL single-binary: $name"
    failed=$((failed + 1))
    return 1
  fi
}
finish() {
  echo "SINGLE-BINARY: ${passed} passed, ${failed} failed"
  exit $((failed > 0))
}

work=$(mktemp -d "${TMPDIR:-/tmp}/bugsink-single-XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# One publish, as the README's "Single binary" section gives it.
if [ -n "${BUGSINK_SINGLE_BINARY:-}" ]; then
  published=$BUGSINK_SINGLE_BINARY
else
  started=$SECONDS
  if ! out=$(dotnet publish src/Bugsink.Web -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -o "$work/publish" 2>&1); then
    printf '%s\n' "$out" | grep -E 'error' | head -n 20
    check "publish the single binary" false
    finish
  fi
  echo "single-binary: published in $((SECONDS - started)) s"
  published=$work/publish/bugsink
fi

app=$work/app
home=$work/home
mkdir -p "$app" "$home" "$work/conf"
cp "$published" "$app/bugsink"
port=$(free_port)
# Beside the binary: where to listen (nothing else says it, so the server only answers there if it read this file).
printf '{ "urls": "http://127.0.0.1:%s" }\n' "$port" >"$app/appsettings.json"
# At BUGSINK_CONFIG: the base URL the DSNs are made of (the default is port 8000).
printf '{ "Bugsink": { "BaseUrl": "http://127.0.0.1:%s" } }\n' "$port" >"$work/conf/bugsink.json"

# Everything the binary gets from its environment; it is run from its own folder, data in ./data.
# Servers are started as `(cd "$app" && exec "${clean_env[@]}" ./bugsink …) &`, so that $! is the
# binary's own pid and `kill` and the cleanup stop the server itself, not a subshell around it.
clean_env=(env -i PATH=/usr/bin:/bin HOME="$home" BUGSINK_CONFIG="$work/conf/bugsink.json")
in_app() { (cd "$app" && exec "${clean_env[@]}" "$@"); }
bugsink() { in_app ./bugsink "$@"; }

wait_ready() {
  local url=$1 log=$2
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "$url/health/ready" && return 0
    sleep 0.5
  done
  echo "single-binary: no answer at $url/health/ready; the server said:"
  tail -n 30 "$log"
  return 1
}

(cd "$app" && exec "${clean_env[@]}" ./bugsink) >"$work/serve.log" 2>&1 &
pids+=($!)
server=$!
base=http://127.0.0.1:$port
# The hint is printed once the server is up, wherever it listens; each check below stands on its own.
for _ in $(seq 1 120); do grep -q "get its DSN with" "$work/serve.log" && break; sleep 0.5; done
check "the start hint names the binary: ./bugsink create-project NAME" grep -qF "with: ./bugsink create-project NAME" "$work/serve.log" ||
  grep "get its DSN with" "$work/serve.log"
check "the start hint does not say dotnet run" bash -c "! grep -q 'dotnet run' '$work/serve.log'"
check "appsettings.json beside the binary is read (listens on the port it names)" wait_ready "$base" "$work/serve.log"
ready=$?

dsn=$(bugsink create-project single-binary | tail -n 1)
check "BUGSINK_CONFIG is read (the DSN carries its base URL)" bash -c "[[ '$dsn' == http://*@127.0.0.1:$port/* ]]" || echo "DSN: $dsn"
# Should the settings files not have been read, carry on against wherever the server does listen, so
# the backup and restore checks still say something.
if [ "$ready" -ne 0 ]; then
  base=$(grep -m 1 -oE 'Bugsink is listening on http://[^ ]+' "$work/serve.log" | awk '{print $5}')
  [ -n "$base" ] && curl -sf -o /dev/null "$base/health/ready" || finish
fi
[[ $dsn == http://*@*/* ]] || finish
token=$(bugsink create-token --name e2e | tail -n 1)
key=$(echo "$dsn" | sed -E 's#^https?://([^@]+)@.*#\1#')
project=${dsn##*/}

# A sender in the background, one envelope at a time like an SDK; each acknowledged event_id is appended.
acked=$work/acked.txt
: >"$acked"
sender() {
  local n=0 id
  while [ ! -e "$work/stop" ]; do
    n=$((n + 1))
    id=$(tr -d - </proc/sys/kernel/random/uuid)
    printf '{"event_id":"%s"}\n{"type":"event"}\n{"event_id":"%s","message":"single-binary event %s","level":"error","platform":"other"}\n' \
      "$id" "$id" "$n" >"$work/envelope"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/x-sentry-envelope' \
      --data-binary "@$work/envelope" "$base/api/$project/envelope/?sentry_key=$key")" = 200 ]; then
      echo "$id" >>"$acked"
    fi
  done
}
sender &
pids+=($!)
sender_pid=$!

for _ in $(seq 1 300); do [ "$(wc -l <"$acked")" -ge 50 ] && break; sleep 0.2; done
# Every line in the file now was acknowledged before the backup began.
cp "$acked" "$work/before.txt"
before=$(wc -l <"$work/before.txt")
check "events acknowledged before the backup ($before)" test "$before" -ge 20
# Bounded (as the restore below): a binary that does not know `backup` may start a server instead.
in_app timeout 120 ./bugsink backup "$work/backup.tar.gz" >"$work/backup.log" 2>&1
backup_status=$?
during=$(($(wc -l <"$acked") - before))
touch "$work/stop"
wait "$sender_pid"
check "bugsink backup exits 0 while events come in ($during acknowledged during it)" test "$backup_status" -eq 0 || tail -n 20 "$work/backup.log"
kill "$server" && wait "$server" 2>/dev/null

# Restore into a new folder and serve from it (another port, given on the command line).
restored=$work/restored
in_app timeout 120 ./bugsink restore "$work/backup.tar.gz" "--Bugsink:DataDir=$restored" >"$work/restore.log" 2>&1
restore_status=$?
check "bugsink restore into a new folder" bash -c "[ $restore_status -eq 0 ] && grep -q '^Restored the backup' '$work/restore.log'" ||
  tail -n 20 "$work/restore.log"
port2=$(free_port)
base2=http://127.0.0.1:$port2
(cd "$app" && exec "${clean_env[@]}" ./bugsink serve --urls "$base2" "--Bugsink:DataDir=$restored" "--Bugsink:BaseUrl=$base2") >"$work/serve2.log" 2>&1 &
pids+=($!)
check "serves from the restored copy" wait_ready "$base2" "$work/serve2.log" || finish

# Every event stored in the restored copy (the ones still in its inbox are digested at its start).
stored_ids() {
  python3 - "$base2/api/canonical/0/events/?project=$project&limit=250" "$token" <<'EOF'
import json, sys, urllib.request
url, token = sys.argv[1], sys.argv[2]
while url:
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    try:
        page = json.load(urllib.request.urlopen(request))
    except OSError as error:  # HTTPError too: one line, the caller retries
        sys.exit(f"single-binary: {url}: {error}")
    for event in page["results"]:
        print(event["event_id"].replace("-", ""))
    url = page.get("next")
EOF
}
missing=$before
for _ in $(seq 1 60); do
  stored_ids | sort >"$work/stored.txt"
  missing=$(sort "$work/before.txt" | comm -23 - "$work/stored.txt" | wc -l)
  [ "$missing" -eq 0 ] && break
  sleep 1
done
check "the restored copy holds every event acknowledged before the backup ($before; $(wc -l <"$work/stored.txt") stored, $missing missing)" test "$missing" -eq 0
unknown=$(sort "$acked" | comm -13 - "$work/stored.txt" | wc -l)
check "and no event that was never acknowledged ($unknown)" test "$unknown" -eq 0
finish
