#!/usr/bin/env bash
# The local stack of real servers that logplat's integration tests talk to:
# Apache Kafka (single KRaft node), PostgreSQL and Redis, each listening on
# 127.0.0.1 only, with its data, logs and pid file under the stack folder.
#
#   compose/stack.sh up       start whatever is not running, wait until it answers
#   compose/stack.sh down     stop exactly the processes `up` started
#   compose/stack.sh status   say which servers run
#   compose/stack.sh env      print the variables that point logplat at the stack
#                             (`env --tests`: only the LOGPLAT_TEST_* ones)
#
# No Docker is needed: Kafka runs on the machine's Java 17 from its jars on
# Maven Central, PostgreSQL and Redis from the Debian packages (installed with
# apt-get when missing).
#
# Settings:
#   LOGPLAT_STACK_DIR    data, logs and pid files (default: .stack/ in the repository)
#   LOGPLAT_STACK_CACHE  downloaded Kafka jars, kept across clones
#                        (default: ${XDG_CACHE_HOME:-~/.cache}/logplat)
#   LOGPLAT_STACK_KAFKA_PORT, LOGPLAT_STACK_CONTROLLER_PORT,
#   LOGPLAT_STACK_POSTGRES_PORT, LOGPLAT_STACK_REDIS_PORT
#                        ports, for a second stack beside the first
#                        (defaults: 19092, 19093, 15432, 16379)
set -euo pipefail

# Kafka 4.4 is the newest release kafkajs 2.2.4 works with. Kafka 4.0 dropped
# the oldest versions of each request (KIP-896), but kafkajs asks the broker
# for its ApiVersions and picks the highest version both sides know; every
# version it settles on is still accepted through 4.4. Produce, fetch, consumer
# groups with committed offsets and the admin calls were checked against it.
KAFKA_VERSION=4.4.0
# Kafka logs through SLF4J 1.7; this binding sends that to the log4j-core
# release Kafka itself depends on.
LOG4J_VERSION=2.25.5

KAFKA_PORT=${LOGPLAT_STACK_KAFKA_PORT:-19092}
CONTROLLER_PORT=${LOGPLAT_STACK_CONTROLLER_PORT:-19093}
POSTGRES_PORT=${LOGPLAT_STACK_POSTGRES_PORT:-15432}
REDIS_PORT=${LOGPLAT_STACK_REDIS_PORT:-16379}
HOST=127.0.0.1

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK_DIR=${LOGPLAT_STACK_DIR:-$ROOT/.stack}
CACHE_DIR=${LOGPLAT_STACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/logplat}
KAFKA_LIBS=$CACHE_DIR/kafka-$KAFKA_VERSION/libs
PID_DIR=$STACK_DIR/pids

KAFKA_ADDRESS=$HOST:$KAFKA_PORT
POSTGRES_URL=postgres://logplat:logplat@$HOST:$POSTGRES_PORT/logplat
REDIS_URL=redis://$HOST:$REDIS_PORT

say() { printf 'stack: %s\n' "$*" >&2; }
fail() {
  say "$*"
  exit 1
}
now_ms() { date +%s%3N; }
seconds_since() { awk -v start="$1" -v end="$(now_ms)" 'BEGIN { printf "%.1f", (end - start) / 1000 }'; }

# --- processes -------------------------------------------------------------

# Prints the pid recorded for a server if that pid is still the process the
# stack started: its command line must carry the server's marker.
running_pid() {
  local name=$1 marker=$2 pid_file=$PID_DIR/$1.pid pid
  [[ -r $pid_file ]] || return 1
  pid=$(head -n 1 "$pid_file")
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *"$marker "* ]] || return 1
  printf '%s\n' "$pid"
}

# Signals a server the stack started and waits until it has exited; a server
# that ignores the signal for the grace period is killed.
stop_server() {
  local name=$1 marker=$2 signal=$3 grace_s=$4 pid waited=0
  if ! pid=$(running_pid "$name" "$marker"); then
    rm -f "$PID_DIR/$name.pid"
    say "$name is not running"
    return 0
  fi

  kill "-$signal" "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((waited < grace_s * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) did not stop within ${grace_s}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi

  rm -f "$PID_DIR/$name.pid"
  say "$name stopped (pid $pid)"
}

# Waits until a probe command succeeds; fails after timeout_s seconds, or as
# soon as the server's process (when a pid is given) has died.
wait_until() {
  local what=$1 pid=$2 timeout_s=$3 log=$4
  shift 4
  local deadline=$(($(date +%s) + timeout_s))
  until "$@" >/dev/null 2>&1; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      fail "$what exited while starting; see $log"
    fi
    if (($(date +%s) >= deadline)); then
      fail "$what did not answer within ${timeout_s}s; see $log"
    fi
    sleep 0.2
  done
}

is_port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# --- packages ---------------------------------------------------------------

apt_updated=false
install_packages() {
  [[ $(id -u) -eq 0 ]] || fail "missing $*; install them with: sudo apt-get install -y $*"
  if [[ $apt_updated == false ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=true
  fi
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The newest installed server's bin folder; a client-only install has psql
# there but no pg_ctl.
postgres_bin() {
  local pg_ctl
  pg_ctl=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/pg_ctl' 2>/dev/null | sort -V | tail -n 1)
  [[ -n $pg_ctl ]] && dirname "$pg_ctl"
}

ensure_packages() {
  if [[ -z $(postgres_bin) ]]; then install_packages postgresql; fi
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    install_packages redis-server redis-tools
  fi
  command -v java >/dev/null || install_packages openjdk-17-jre-headless
  command -v mvn >/dev/null || install_packages maven
}

# --- Kafka -------------------------------------------------------------------

KAFKA_DIR=$STACK_DIR/kafka
KAFKA_MARKER="-Dlogplat.stack=$STACK_DIR"

# Resolves the broker and its runtime dependencies from Maven Central into the
# cache, once per Kafka version.
fetch_kafka() {
  [[ -f $KAFKA_LIBS/.complete ]] && return 0
  local project=$CACHE_DIR/kafka-$KAFKA_VERSION
  say "downloading Kafka $KAFKA_VERSION from Maven Central into $project"
  mkdir -p "$project"
  cat >"$project/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>logplat.stack</groupId>
  <artifactId>kafka-libs</artifactId>
  <version>$KAFKA_VERSION</version>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-slf4j-impl</artifactId>
      <version>$LOG4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
  rm -rf "$KAFKA_LIBS.partial"
  mvn -B -f "$project/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS.partial" >"$project/mvn.log" 2>&1 ||
    fail "resolving Kafka $KAFKA_VERSION with Maven failed; see $project/mvn.log"
  rm -rf "$KAFKA_LIBS"
  mv "$KAFKA_LIBS.partial" "$KAFKA_LIBS"
  touch "$KAFKA_LIBS/.complete"
}

kafka_java() { java -cp "$KAFKA_LIBS/*" "$@"; }

write_kafka_config() {
  mkdir -p "$KAFKA_DIR/data"
  cat >"$KAFKA_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=1
# One node: the internal topics must live on it alone, or consumer groups and
# transactions never find a coordinator.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.num.partitions=5
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests join consumer groups often; waiting for more members only slows them.
group.initial.rebalance.delay.ms=0
EOF
  # Each start begins a new server.log.
  cat >"$KAFKA_DIR/log4j2.properties" <<EOF
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $KAFKA_DIR/server.log
appender.file.append = false
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
EOF
}

format_kafka() {
  [[ -f $KAFKA_DIR/data/meta.properties ]] && return 0
  local cluster_id
  cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  kafka_java "-Dlog4j2.configurationFile=$KAFKA_DIR/log4j2.properties" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
    >>"$KAFKA_DIR/format.log" 2>&1 || fail "formatting Kafka storage failed; see $KAFKA_DIR/format.log"
}

# A metadata request through kafkajs, the client logplat uses, then a group
# coordinator lookup: the first one creates the consumer offsets topic, which
# is better done here than inside a test's timeout.
kafka_answers() {
  (cd "$ROOT" && KAFKA_ADDRESS=$KAFKA_ADDRESS node --input-type=module -e "
    const { Kafka, logLevel } = await import('kafkajs')
    const kafka = new Kafka({
      brokers: [process.env.KAFKA_ADDRESS],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    })
    const admin = kafka.admin()
    await admin.connect()
    const cluster = await admin.describeCluster()
    await admin.describeGroups(['logplat-stack-probe'])
    await admin.disconnect()
    if (cluster.brokers.length === 0) process.exit(1)
  ")
}

# Starts the broker without waiting for it, so PostgreSQL and Redis start
# while the JVM boots; prints the broker's pid.
launch_kafka() {
  if running_pid kafka "$KAFKA_MARKER"; then
    say "kafka already running at $KAFKA_ADDRESS"
    return 0
  fi
  is_port_open "$HOST" "$KAFKA_PORT" && fail "port $KAFKA_PORT is taken by a process the stack did not start"

  fetch_kafka
  write_kafka_config
  format_kafka
  setsid java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    "$KAFKA_MARKER" \
    "-Dlog4j2.configurationFile=$KAFKA_DIR/log4j2.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties" \
    </dev/null >"$KAFKA_DIR/stdout.log" 2>&1 9>&- &
  echo $! >"$PID_DIR/kafka.pid"
  echo $!
}

await_kafka() {
  local pid=$1 started=$2
  wait_until kafka "$pid" 120 "$KAFKA_DIR/server.log" is_port_open "$HOST" "$KAFKA_PORT"
  if [[ -d $ROOT/node_modules/kafkajs ]]; then
    wait_until kafka "$pid" 60 "$KAFKA_DIR/server.log" kafka_answers
  else
    say "kafkajs is not installed (run npm ci); kafka was checked by its port only"
  fi
  say "kafka $KAFKA_VERSION ready at $KAFKA_ADDRESS in $(seconds_since "$started")s"
}

# --- PostgreSQL --------------------------------------------------------------

POSTGRES_DIR=$STACK_DIR/postgres
POSTGRES_DATA=$POSTGRES_DIR/data
POSTGRES_MARKER="-D $POSTGRES_DATA"

# PostgreSQL refuses to run as root, so as root it runs as the postgres user.
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

psql_admin() {
  as_postgres "$(postgres_bin)/psql" -h "$POSTGRES_DIR" -p "$POSTGRES_PORT" -U postgres \
    -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

init_postgres() {
  [[ -f $POSTGRES_DATA/PG_VERSION ]] && return 0
  mkdir -p "$POSTGRES_DIR"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$POSTGRES_DIR"
  as_postgres test -x "$POSTGRES_DIR" ||
    fail "the postgres user cannot enter $POSTGRES_DIR; make its parent folders world-searchable or set LOGPLAT_STACK_DIR"

  as_postgres "$(postgres_bin)/initdb" -D "$POSTGRES_DATA" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$POSTGRES_DIR/initdb.log" 2>&1 ||
    fail "initdb failed; see $POSTGRES_DIR/initdb.log"
  # A test stack: durability is traded for speed.
  cat >>"$POSTGRES_DATA/postgresql.conf" <<EOF
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
}

create_logplat_database() {
  if [[ -z $(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'logplat'") ]]; then
    psql_admin -c "CREATE ROLE logplat LOGIN CREATEDB PASSWORD 'logplat'"
  fi
  if [[ -z $(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'logplat'") ]]; then
    psql_admin -c "CREATE DATABASE logplat OWNER logplat"
  fi
}

start_postgres() {
  local started=$1
  if running_pid postgres "$POSTGRES_MARKER" >/dev/null; then
    say "postgres already running at $HOST:$POSTGRES_PORT"
  else
    is_port_open "$HOST" "$POSTGRES_PORT" && fail "port $POSTGRES_PORT is taken by a process the stack did not start"
    init_postgres
    as_postgres "$(postgres_bin)/pg_ctl" -D "$POSTGRES_DATA" -l "$POSTGRES_DIR/postgres.log" \
      -o "-p $POSTGRES_PORT -c listen_addresses=$HOST -c unix_socket_directories='$POSTGRES_DIR'" \
      -w -t 60 start >/dev/null 9>&- || fail "postgres did not start; see $POSTGRES_DIR/postgres.log"
    head -n 1 "$POSTGRES_DATA/postmaster.pid" >"$PID_DIR/postgres.pid"
  fi

  wait_until postgres "" 60 "$POSTGRES_DIR/postgres.log" \
    "$(postgres_bin)/pg_isready" -q -h "$HOST" -p "$POSTGRES_PORT"
  create_logplat_database
  say "postgres ready at $HOST:$POSTGRES_PORT in $(seconds_since "$started")s"
}

# --- Redis ---------------------------------------------------------------------

REDIS_DIR=$STACK_DIR/redis
REDIS_MARKER="redis-server $REDIS_DIR/redis.conf"

redis_answers() { [[ $(redis-cli -h "$HOST" -p "$REDIS_PORT" ping) == PONG ]]; }

start_redis() {
  local started=$1
  if running_pid redis "$REDIS_MARKER" >/dev/null; then
    say "redis already running at $HOST:$REDIS_PORT"
  else
    is_port_open "$HOST" "$REDIS_PORT" && fail "port $REDIS_PORT is taken by a process the stack did not start"
    write_redis_config
    redis-server "$REDIS_DIR/redis.conf" 9>&-
  fi

  wait_until redis "" 30 "$REDIS_DIR/redis.log" redis_answers
  say "redis ready at $HOST:$REDIS_PORT in $(seconds_since "$started")s"
}

write_redis_config() {
  mkdir -p "$REDIS_DIR"
  # The process keeps its command line (set-proc-title no) so `down` can tell
  # it is this stack's server; nothing is persisted.
  cat >"$REDIS_DIR/redis.conf" <<EOF
bind $HOST
port $REDIS_PORT
protected-mode yes
daemonize yes
pidfile $PID_DIR/redis.pid
logfile $REDIS_DIR/redis.log
dir $REDIS_DIR
save ""
appendonly no
set-proc-title no
EOF
}

# --- subcommands -----------------------------------------------------------------

# One `up` or `down` at a time per stack folder: two at once would both find a
# server stopped and both start it. The servers are started with the lock's
# descriptor closed, so they do not hold it.
lock_stack() {
  mkdir -p "$STACK_DIR" "$PID_DIR"
  exec 9>"$STACK_DIR/stack.lock"
  if ! flock -n 9; then
    say "waiting for another up or down on $STACK_DIR"
    flock -w 600 9 || fail "another up or down on $STACK_DIR held the lock for 10 minutes"
  fi
}

stack_up() {
  local started kafka_started kafka_pid
  started=$(now_ms)
  lock_stack
  ensure_packages

  kafka_started=$(now_ms)
  kafka_pid=$(launch_kafka)
  start_postgres "$(now_ms)"
  start_redis "$(now_ms)"
  await_kafka "$kafka_pid" "$kafka_started"
  say "stack up in $(seconds_since "$started")s (folder $STACK_DIR)"
}

stack_down() {
  lock_stack
  stop_server kafka "$KAFKA_MARKER" TERM 60
  # SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to leave.
  stop_server postgres "$POSTGRES_MARKER" INT 30
  stop_server redis "$REDIS_MARKER" TERM 30
}

stack_status() {
  local name marker pid all_running=0
  for name in kafka postgres redis; do
    case $name in
      kafka) marker=$KAFKA_MARKER ;;
      postgres) marker=$POSTGRES_MARKER ;;
      redis) marker=$REDIS_MARKER ;;
    esac
    if pid=$(running_pid "$name" "$marker"); then
      printf '%-9s running (pid %s)\n' "$name" "$pid"
    else
      printf '%-9s stopped\n' "$name"
      all_running=1
    fi
  done
  return "$all_running"
}

stack_env() {
  cat <<EOF
export LOGPLAT_TEST_KAFKA_BROKERS=$KAFKA_ADDRESS
export LOGPLAT_TEST_POSTGRES_URL=$POSTGRES_URL
export LOGPLAT_TEST_REDIS_URL=$REDIS_URL
EOF
  [[ ${1:-} == --tests ]] && return 0
  cat <<EOF
export LOGPLAT_KAFKA_BROKERS=$KAFKA_ADDRESS
export LOGPLAT_POSTGRES_URL=$POSTGRES_URL
export LOGPLAT_REDIS_URL=$REDIS_URL
EOF
}

case ${1:-} in
  up) stack_up ;;
  down) stack_down ;;
  status) stack_status ;;
  env) stack_env "${2:-}" ;;
  *)
    echo "usage: compose/stack.sh up|down|status|env [--tests]" >&2
    exit 2
    ;;
esac
