#!/usr/bin/env bash
# The digest alone: fill the inbox (which measures ingest alone on the way) with the digest paused (the benchmark's own load generator sends
# the events), restart the server unpaused and time the drain, overall and in steady state.
#   bash tests/Bugsink.Benchmarks/digest-alone.sh [EVENTS] [small|large]
# Needs a Release build: dotnet build -c Release tests/Bugsink.Benchmarks
set -euo pipefail
N=${1:-120000}; SIZE=${2:-small}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$ROOT/tests/Bugsink.Benchmarks/bin/Release/net10.0
D=$(mktemp -d /tmp/bugsink-digest-alone.XXXXXX); PORT=$((41000 + RANDOM % 1000)); URL=http://127.0.0.1:$PORT
SERVER=0
trap '[ "$SERVER" != 0 ] && kill $SERVER 2>/dev/null; rm -rf "$D"' EXIT
count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$@"; }

DSN=$(dotnet "$BIN/bugsink.dll" create-project DigestAlone --Bugsink:DataDir="$D" --Bugsink:BaseUrl=$URL 2>/dev/null | tail -1)
# Retention would start evicting at the default cap while this measures the digest.
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE Projects SET RetentionMaxEvents=100000000'); c.commit()" "$D/bugsink.db"

dotnet "$BIN/bugsink.dll" serve --urls $URL --Bugsink:DataDir="$D" --Bugsink:BaseUrl=$URL --Bugsink:Digest:Paused=true > "$D/fill.log" 2>&1 &
SERVER=$!; sleep 4
dotnet "$BIN/Bugsink.Benchmarks.dll" --url $URL --dsn "$DSN" --count "$N" --size "$SIZE" --skip-baseline > "$D/load.log" 2>&1 &
LOAD=$!
until grep -q "Load finished" "$D/load.log" 2>/dev/null; do sleep 1; done
# The load tool would now wait for a digest that is paused.
kill $LOAD 2>/dev/null || true; kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=0
QUEUED=$(count "$D/inbox.db" "SELECT count(*) FROM inbox_events")
echo "queued $QUEUED events ($SIZE, 1,000 groups); while filling, ingest alone:"
grep -E "^Bugsink:|latency ms" "$D/load.log" | sed 's/^/  /' 

dotnet "$BIN/bugsink.dll" serve --urls $URL --Bugsink:DataDir="$D" --Bugsink:BaseUrl=$URL > "$D/drain.log" 2>&1 &
SERVER=$!; START=$(date +%s.%N); CPU0=$(awk '{print $14+$15}' /proc/$SERVER/stat)
while true; do
  LEFT=$(count "$D/inbox.db" "SELECT count(*) FROM inbox_events" 2>/dev/null || echo busy)
  echo "$(date +%s.%N) $LEFT" >> "$D/drain.txt"
  [ "$LEFT" = "0" ] && break
  sleep 0.25
done
END=$(date +%s.%N); CPU1=$(awk '{print $14+$15}' /proc/$SERVER/stat); PEAK=$(awk '/VmHWM/ {print $2}' /proc/$SERVER/status)
python3 - "$D/drain.txt" "$QUEUED" "$START" "$END" "$CPU0" "$CPU1" "$PEAK" <<'PY'
import sys
path, queued, start, end, cpu0, cpu1, peak = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:])
rows = [(float(t), int(n)) for t, n in (l.split() for l in open(path)) if n.isdigit()]
hi = next(r for r in rows if r[1] <= 0.9 * queued); lo = next(r for r in rows if r[1] <= 0.1 * queued)
took, cpu = end - start, (cpu1 - cpu0) / 100
print(f"drained in {took:.1f} s including start-up: {queued / took:,.0f} events/s")
print(f"steady state (90% -> 10% of the queue): {(hi[1] - lo[1]) / (lo[0] - hi[0]):,.0f} events/s")
print(f"server CPU {cpu:.1f} s = {cpu / took:.2f} cores, {cpu / queued * 1e6:.0f} µs per event; peak RSS {peak / 1024:.0f} MB")
PY
