#!/usr/bin/env bash
# Starts a single-node Kafka broker (KRaft: broker and controller in one JVM) on free 127.0.0.1
# ports, with its data in a temporary directory, and prints its bootstrap address.
#
#   scripts/kafka/start.sh [DIR] [--secure]
#       DIR (default: a new temporary directory) holds the broker's config, data, log, pid and
#       `bootstrap` files. Given a DIR from an earlier run, the broker restarts on the same ports
#       with its data.
#       --secure also opens the listeners of a production cluster, for the security tests:
#       SASL_PLAINTEXT and SASL_SSL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512; user `alice`, password
#       `alice-secret`), SSL (server certificate only) and SSL with client certificates required.
#       Certificates (a test CA, the broker's, a client's) are made with openssl into DIR/tls, with
#       the CA also as JKS and PKCS12 truststores (keytool, password `changeit`); DIR/secure.json
#       lists the listeners and files (scripts/kafka/secure.sh makes them).
#   scripts/kafka/stop.sh DIR       stops it and removes DIR.
#
# The Kafka jars come from Maven Central (scripts/kafka/pom.xml) into .tmp/kafka-libs the first
# time; SLUICE_KAFKA_LIBS overrides that directory.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
libs="${SLUICE_KAFKA_LIBS:-$root/.tmp/kafka-libs}"
# How long to wait for the broker to accept connections, in seconds.
startTimeoutSeconds="${SLUICE_KAFKA_START_TIMEOUT:-90}"

if [[ ! -f "$libs/.complete" ]]; then
  echo "fetching the Kafka jars into $libs (once)" >&2
  mkdir -p "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$libs" -DincludeScope=runtime >&2
  touch "$libs/.complete"
fi

dir="${1:-}"
secure="${2:-}"
if [[ "$dir" == "--secure" ]]; then dir=""; secure="--secure"; fi
if [[ -z "$dir" ]]; then dir="$(mktemp -d "${TMPDIR:-/tmp}/sluice-kafka-XXXXXX")"; fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

freePort() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

java_cp="$libs/*"
if [[ ! -f "$dir/server.properties" ]]; then
  port="$(freePort)"
  controller="$(freePort)"
  while [[ "$controller" == "$port" ]]; do controller="$(freePort)"; done
  listeners="PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller"
  advertised="PLAINTEXT://127.0.0.1:$port"
  protocols="PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
  scram=()
  if [[ "$secure" == "--secure" ]]; then
    # Prints the extra listeners, the protocol map entries and the security settings.
    source "$here/secure.sh"
    secureSetup "$dir" "$port" "$controller"
    scram=(--add-scram "SCRAM-SHA-256=[name=alice,password=alice-secret]" --add-scram "SCRAM-SHA-512=[name=alice,password=alice-secret]")
  fi
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=$listeners
advertised.listeners=$advertised
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=$protocols
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Test data carries old timestamps (2024): keep it whatever its age.
log.retention.ms=-1
log.retention.check.interval.ms=1000
log.segment.delete.delay.ms=100
PROPS
  if [[ -f "$dir/security.properties" ]]; then cat "$dir/security.properties" >> "$dir/server.properties"; fi
  echo "127.0.0.1:$port" > "$dir/bootstrap"
  clusterId="$(head -c 16 /dev/urandom | base64 | tr "+/" "-_" | tr -d "=")"
  java -cp "$java_cp" kafka.tools.StorageTool format -t "$clusterId" -c "$dir/server.properties" "${scram[@]}" > "$dir/format.log" 2>&1 \
    || { cat "$dir/format.log" >&2; exit 1; }
fi
bootstrap="$(cat "$dir/bootstrap")"
port="${bootstrap##*:}"

# The broker outlives this script: it must not keep file descriptors this script inherited open
# (under `flock LOCK scripts/kafka/start.sh` it would hold the lock for as long as it runs).
closeInheritedFds() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd="${fd##*/}"
    if [[ "$fd" -gt 2 ]]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}
# A small heap and the serial collector: the machine has two cores and the tests are light.
(closeInheritedFds; exec nohup java -Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlog4j2.level=warn \
  -cp "$java_cp" kafka.Kafka "$dir/server.properties" >> "$dir/broker.log" 2>&1 < /dev/null) &
echo $! > "$dir/pid"

deadline=$((SECONDS + startTimeoutSeconds))
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "the Kafka broker exited during start-up; its log:" >&2
    tail -40 "$dir/broker.log" >&2
    exit 1
  fi
  if (( SECONDS > deadline )); then
    echo "the Kafka broker did not listen on $bootstrap within ${startTimeoutSeconds}s" >&2
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    exit 1
  fi
  sleep 0.2
done
echo "$dir" > "$dir/dir"
echo "$bootstrap"
