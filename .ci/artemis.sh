#!/usr/bin/env bash
# Starts an external ActiveMQ Artemis primary/backup pair (replication) on loopback for the broker tests, and prints
# the Maven properties that point the tests at it, one per line:
#
#   mapfile -t props < <(.ci/artemis.sh $$)      # $$: stop the pair when this process is gone
#
# Usage: .ci/artemis.sh [PID]. With a PID, a watcher kills both brokers once that process has ended. The pair lives
# in a fresh temporary folder; its logs stay there (the folder is printed on stderr). On any problem it says what
# went wrong on stderr and prints nothing, so the broker tests are skipped and say why.
set -uo pipefail
owner=${1:-}
version=2.44.0
cd "$(dirname "$0")/.."

work=
fail() {
  echo "artemis.sh: $*" >&2
  for pidfile in "$work/primary/broker.pid" "$work/backup/broker.pid"; do
    [ -n "$work" ] && [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null
  done
  exit 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

command -v java >/dev/null || fail "no java on the PATH"
work=$(mktemp -d -t gateway-artemis-XXXXXX) || fail "cannot make a temporary folder"
echo "artemis.sh: the broker pair lives in $work" >&2

# The distribution from Maven Central (the local repository when it is there already).
mvn -q -B -ntp dependency:copy -Dartifact="org.apache.activemq:apache-artemis:$version:tar.gz:bin" \
    -DoutputDirectory="$work" >&2 || fail "cannot fetch org.apache.activemq:apache-artemis:$version:tar.gz:bin"
tar xzf "$work/apache-artemis-$version-bin.tar.gz" -C "$work" || fail "cannot unpack the Artemis distribution"
home="$work/apache-artemis-$version"

user=gateway
password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
cluster_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
primary_port=$(free_port); backup_port=$(free_port)
while [ "$backup_port" = "$primary_port" ]; do backup_port=$(free_port); done

# Each node names the other as its static cluster partner; replication needs the cluster connection.
create() { # name port partner-port extra-options...
  local name=$1 port=$2 partner=$3; shift 3
  "$home/bin/artemis" create "$work/$name" --silent --force --name "$name" --user "$user" --password "$password" \
      --role gateway --require-login --host 127.0.0.1 --default-port "$port" --no-web --no-amqp-acceptor \
      --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor --no-autotune --nio --java-memory 512M \
      --replicated --cluster-user cluster --cluster-password "$cluster_password" \
      --staticCluster "tcp://127.0.0.1:$partner" "$@" >"$work/create-$name.log" 2>&1 \
      || fail "artemis create $name failed; see $work/create-$name.log"
}
create primary "$primary_port" "$backup_port"
create backup "$backup_port" "$primary_port" --backup
# A primary started again after a failover must not become a second active broker: it checks for the active backup,
# copies the journal from it, and then takes over again (the backup allows failback by default).
sed -i 's|<vote-on-replication-failure>true</vote-on-replication-failure>|&\n               <check-for-active-server>true</check-for-active-server>|' \
    "$work/primary/etc/broker.xml"
grep -q '<check-for-active-server>true' "$work/primary/etc/broker.xml" \
  || fail "could not set check-for-active-server in $work/primary/etc/broker.xml"

start() { # name: runs the broker in the background, its output in <instance>/log/console.log
  local instance="$work/$1"
  mkdir -p "$instance/log"
  nohup "$instance/bin/artemis" run >"$instance/log/console.log" 2>&1 </dev/null &
  echo $! >"$instance/broker.pid"
}
start primary
start backup

if [ -n "$owner" ]; then
  # stops the pair (and a primary the tests restarted, which writes the same pid file) once the owner is gone
  nohup bash -c "while kill -0 $owner 2>/dev/null; do sleep 5; done
    for pidfile in '$work/primary/broker.pid' '$work/backup/broker.pid'; do
      [ -f \"\$pidfile\" ] && kill -9 \"\$(cat \"\$pidfile\")\" 2>/dev/null
    done" >/dev/null 2>&1 </dev/null &
fi

# Ready when the primary is active and the backup has the whole journal (AMQ221024: backup synchronized).
deadline=$((SECONDS + 180))
until grep -q AMQ221024 "$work/backup/log/console.log" 2>/dev/null; do
  for name in primary backup; do
    kill -0 "$(cat "$work/$name/broker.pid")" 2>/dev/null \
      || fail "the $name broker stopped; see $work/$name/log/console.log"
  done
  [ "$SECONDS" -lt "$deadline" ] || fail "the backup did not synchronise with the primary within 180 s; see $work/backup/log/console.log"
  sleep 1
done
echo "artemis.sh: primary on $primary_port (pid $(cat "$work/primary/broker.pid")), backup on $backup_port, synchronised" >&2

echo "-Dgateway.test.artemis.url=(tcp://127.0.0.1:$primary_port,tcp://127.0.0.1:$backup_port)?ha=true&reconnectAttempts=-1"
echo "-Dgateway.test.artemis.user=$user"
echo "-Dgateway.test.artemis.password=$password"
echo "-Dgateway.test.artemis.primary=$work/primary"
echo "-Dgateway.test.artemis.backup=$work/backup"
