#!/usr/bin/env bash
# Calculations per second of the methodology's pure calculation (JMH), with a same-run baseline.
# Usage: perf/calculation-benchmark.sh [extra JMH options, e.g. -f 1 -wi 2 -i 3]
# Results: perf/results/calculation-<date>.json and a summary line appended to perf/results/calculation.csv.
set -euo pipefail
cd "$(dirname "$0")/.."

find_java() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/java" ]] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [[ "${version%%.*}" -ge 21 ]]; then echo "$candidate/bin/java"; return; fi
  done
  echo "No JDK 21+ found (set JAVA_HOME)" >&2; exit 1
}
JAVA=$(find_java)

# The platform module and the methodology library it needs; each module writes its classpath to its own target/
./mvnw -q -B -Pjmh -pl platform -am test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
mkdir -p perf/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="perf/results/calculation-$stamp.json"
"$JAVA" -cp "platform/target/test-classes:platform/target/classes:$(cat platform/target/jmh.classpath)" org.openjdk.jmh.Main \
  CalculationBenchmark -rf json -rff "$out" "$@"

python3 - "$out" "$stamp" <<'PY'
import json, sys, os
results = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
base = results["baselineMultiplyAndRound"]["score"]
csv = "perf/results/calculation.csv"
new = not os.path.exists(csv)
with open(csv, "a") as f:
    if new:
        f.write("run,benchmark,ops_per_s,error,ratio_to_baseline\n")
    for name, m in results.items():
        f.write(f"{sys.argv[2]},{name},{m['score']:.0f},{m['scoreError']:.0f},{m['score']/base:.4f}\n")
        print(f"{name:32s} {m['score']:>14,.0f} ops/s ± {m['scoreError']:,.0f}   ({m['score']/base:.4f} × baseline)")
PY
