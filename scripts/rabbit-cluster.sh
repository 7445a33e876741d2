#!/usr/bin/env bash
# A three-node RabbitMQ cluster beside the machine's default broker (which stays untouched), for
# the cluster tests. Nodes amqpra1..3@localhost, AMQP ports 5681-5683, distribution ports
# 25681-25683, everything (data, logs, config, Erlang cookie) under BASE.
#
#   rabbit-cluster.sh start BASE      start the three nodes and join them (stops leftovers first)
#   rabbit-cluster.sh stop BASE       stop every node (also the ones half started)
#   rabbit-cluster.sh ctl BASE ARGS   rabbitmqctl with the cluster's cookie, e.g. ctl BASE -n amqpra2@localhost stop_app
#
# Debian's wrappers in /usr/sbin switch user and reset HOME: the real scripts are called instead.
set -euo pipefail
cmd=${1:?start, stop or ctl}
base=${2:?base directory}
bin=/usr/lib/rabbitmq/bin
mkdir -p "$base/home"
base=$(cd "$base" && pwd)
cookie=$base/home/.erlang.cookie
if [ ! -f "$cookie" ]; then
  printf %s "AMQPRACLUSTERCOOKIE" > "$cookie"
  chmod 400 "$cookie"
fi
ctl() { HOME=$base/home "$bin/rabbitmqctl" "$@"; }

stop_all() {
  for i in 3 2 1; do
    if epmd -names 2>/dev/null | grep -q "name amqpra$i "; then
      ctl -n "amqpra$i@localhost" stop >/dev/null 2>&1 || true
    fi
  done
}

case "$cmd" in
  start)
    stop_all
    for i in 1 2 3; do
      d=$base/n$i
      rm -rf "$d"
      mkdir -p "$d"
      echo "[]." > "$d/enabled_plugins"
      printf 'listeners.tcp.1 = 127.0.0.1:%s\nloopback_users = none\n' $((5680 + i)) > "$d/rabbitmq.conf"
      HOME=$base/home RABBITMQ_NODENAME=amqpra$i@localhost RABBITMQ_NODE_PORT=$((5680 + i)) \
        RABBITMQ_DIST_PORT=$((25680 + i)) RABBITMQ_MNESIA_BASE=$d/mnesia RABBITMQ_LOG_BASE=$d/log \
        RABBITMQ_CONFIG_FILE=$d/rabbitmq RABBITMQ_ENABLED_PLUGINS_FILE=$d/enabled_plugins \
        RABBITMQ_PID_FILE=$d/pid "$bin/rabbitmq-server" -detached
    done
    # -detached returns before the node exists: wait until epmd knows it, then for the app
    for i in 1 2 3; do
      for _ in $(seq 120); do
        epmd -names 2>/dev/null | grep -q "name amqpra$i " && break
        sleep 0.5
      done
      ctl -n "amqpra$i@localhost" await_startup --timeout 120 >/dev/null
    done
    for i in 2 3; do
      ctl -n "amqpra$i@localhost" stop_app >/dev/null
      ctl -n "amqpra$i@localhost" join_cluster amqpra1@localhost >/dev/null
      ctl -n "amqpra$i@localhost" start_app >/dev/null
    done
    ctl -n amqpra1@localhost cluster_status --formatter json | grep -q amqpra3@localhost
    echo "cluster up: amqpra1..3@localhost on 127.0.0.1:5681-5683"
    ;;
  stop)
    stop_all
    ;;
  ctl)
    shift 2
    ctl "$@"
    ;;
  *)
    echo "unknown command $cmd" >&2
    exit 2
    ;;
esac
