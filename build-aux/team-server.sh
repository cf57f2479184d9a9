#!/bin/sh
# A PostgreSQL 15 server for a Gloss team, in a folder of its own.
#
#   team-server.sh start DIR    creates DIR (initdb) if needed and starts the server
#   team-server.sh stop DIR     stops it (fast shutdown)
#   team-server.sh restart DIR
#   team-server.sh status DIR
#
# The server listens only on a Unix socket in DIR (no TCP port). Its
# superuser is "postgres" with the password in $GLOSS_PG_PASSWORD (default
# "gloss"); every connection must give a password (scram-sha-256). Connect
# with: psql "host=DIR user=postgres dbname=postgres". PostgreSQL refuses to
# run as root: as root, the server runs as the system user "postgres", who
# then owns DIR.
set -eu

bindir=${GLOSS_PG_BINDIR:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop|restart|status DIR" >&2
  exit 2
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

init() {
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    # Root's temporary folders are closed to others: let the server reach its own.
    parent=$(dirname "$dir")
    while [ "$parent" != / ]; do
      chmod o+x "$parent" 2>/dev/null || true
      parent=$(dirname "$parent")
    done
  fi
  chmod 700 "$dir"
  pwfile="$dir/.pw"
  as_owner sh -c "umask 077; printf '%s\n' \"\$1\" > \"\$2\"" sh "${GLOSS_PG_PASSWORD:-gloss}" "$pwfile"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=reject -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
  rm -f "$pwfile"
  as_owner sh -c "cat >> \"\$1\"" sh "$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
max_connections = 100
shared_buffers = 64MB
CONF
}

case "$cmd" in
  start)
    [ -f "$dir/data/PG_VERSION" ] || init
    dir=$(cd "$dir" && pwd)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    ;;
  restart)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
    ;;
  status)
    as_owner "$bindir/pg_ctl" -D "$dir/data" status
    ;;
  *)
    echo "usage: $0 start|stop|restart|status DIR" >&2
    exit 2
    ;;
esac
