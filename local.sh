#!/usr/bin/env bash
# Runs the whole HappServe system on this machine, in the foreground: moto (AWS), the resources of
# template.yaml, the sample municipality and demo staff, the API on http://127.0.0.1:${HAPPSERVE_PORT:-3000}.
# Builds first when the runnable jar is missing or older than the sources. Ctrl-C stops everything.
#   HAPPSERVE_PORT        port of the API (default 3000)
#   HAPPSERVE_TIME_SCALE  divides every SLA and the reopen window (default 1; 3600 makes an hour a second)
#   HAPPSERVE_CONFIG      municipality file (default config/gmc.json)
set -euo pipefail
cd "$(dirname "$0")"
jar=local/target/happserve-local.jar
command -v python3 >/dev/null && python3 -c 'import moto' 2>/dev/null || {
  echo "local.sh needs moto's server: pip install 'moto[server]'" >&2; exit 1; }
if [[ ! -f $jar ]] || [[ -n $(find pom.xml shared functions local config template.yaml -newer "$jar" \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.properties' -o -name '*.xml' \) -print -quit 2>/dev/null) ]]; then
  echo "Building HappServe (mvn package, tests skipped)..."
  mvn -q -B install -Dmaven.test.skip=true
fi
export HAPPSERVE_ROOT="$PWD"
exec java -XX:TieredStopAtLevel=1 -jar "$jar"
