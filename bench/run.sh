#!/usr/bin/env bash
# Runs the benchmarks (never part of mvn verify). Usage:
#   bench/run.sh coldstart [runs]        fresh-JVM cold start: ours vs the naive baseline (default 10 runs)
#   bench/run.sh sizes                   deployment artifact size per function
#   bench/run.sh load [n] [conc] [lookups]  the local runtime (second process) under a bounded Java load client
#   bench/run.sh cost [complaints]       cost per 1,000 complaints from counted operations of a lifecycle mix
#   bench/run.sh jmh [jmh options]       JMH warm path of the register/lookup handlers, ports in memory (LOG_LEVEL=WARN unless set)
#   bench/run.sh reports [sizes] [calls] [warmup] [threads]  report latency as the table grows (default 1000,100000 30 5 4)
# Set BENCH_BUILD=0 to skip the (offline, tests skipped) build step.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
what=${1:-coldstart}; shift || true
if [[ "${BENCH_BUILD:-1}" == 1 ]]; then
  mvn -q -o install -Dmaven.test.skip=true
  [[ "$what" == coldstart ]] && mvn -q -o -f bench/baseline/pom.xml package -Dmaven.test.skip=true
fi
CP_FILE=bench/target/classpath.txt
# Rebuilt when any module's pom changed (a dependency added to shared reaches the bench too).
if [[ ! -s $CP_FILE || -n "$(find . -name pom.xml -not -path '*/target/*' -newer "$CP_FILE")" ]]; then
  mvn -q -o -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
fi
CP="bench/target/classes:$(cat $CP_FILE)"
export HAPPSERVE_ROOT=$ROOT
case "$what" in
  coldstart) # the child class alone, in a folder of its own (a rebuild during the run cannot touch it)
             rm -rf bench/target/child && mkdir -p bench/target/child/org/happserve/bench
             cp bench/target/classes/org/happserve/bench/ColdStartChild.class bench/target/child/org/happserve/bench/
             exec java -cp "$CP" org.happserve.bench.ColdStart "${1:-10}" bench/target/child bench/baseline/target/baseline.jar ;;
  sizes)     for j in functions/*/target/function.jar bench/baseline/target/baseline.jar; do
               [[ -f $j ]] && printf '%-45s %6.1f MB %6d entries\n' "$j" "$(echo "$(stat -c %s "$j")/1048576" | bc -l)" "$(unzip -l "$j" | tail -1 | awk '{print $2}')"
             done ;;
  load)      exec java -cp "$CP" org.happserve.bench.LoadTest "${1:-400}" "${2:-8}" ${3:-} ;;
  cost)      exec java -cp "bench/src/cost-resources:$CP" org.happserve.bench.CostModel "${1:-200}" ;;
  jmh)       LOG_LEVEL=${LOG_LEVEL:-WARN} java -cp "$CP" org.openjdk.jmh.Main "${@:-HandlerBenchmark}" 2>&1 | tee bench/target/jmh.txt ;;
  reports)   # moto's Query reads the whole table; bench/moto/sitecustomize.py makes it read the partition, as
             # DynamoDB does (BENCH_MOTO_QUERY=scan: moto as it is)
             [[ "${BENCH_MOTO_QUERY:-partition}" == partition ]] && export HAPPSERVE_MOTO_PARTITION_QUERY=1
             export PYTHONPATH="$ROOT/bench/moto${PYTHONPATH:+:$PYTHONPATH}"
             exec java -Xmx4g -cp "$CP" org.happserve.bench.ReportsBench "${1:-1000,100000}" "${2:-30}" "${3:-5}" "${4:-4}" ;;
  *) echo "unknown benchmark $what" >&2; exit 2 ;;
esac
