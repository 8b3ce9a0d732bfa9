# shellcheck shell=bash
# Test-bed module: one PostgreSQL cluster (Debian's `postgresql-15`, initdb + pg_ctl, never the
# packaged cluster or systemd) on 127.0.0.1 at a free port, scram-sha-256 for every connection.
# Generic on purpose, so other tests can share it: each creates its own database and roles.
#   $TESTBED_DIR/postgres/env         PGHOST, PGPORT, PGUSER (the superuser "postgres"),
#                                     PG_SUPERUSER_PASSWORD_FILE, PG_BIN, PG_SOCKET_DIR (source it)
#   $TESTBED_DIR/postgres/superuser.pw the superuser's password (mode 0600)
#   $TESTBED_DIR/postgres/data         the cluster (owner postgres), log in postgres/postgres.log
# The port is the first free one from 55432 upwards, chosen when the cluster is first started and
# kept in env for later starts (if it is taken by then, a new free one is chosen).

PG_VERSION_DIR=/usr/lib/postgresql/15/bin

_pg_dir() {
    echo "${TESTBED_DIR:?TESTBED_DIR not set}/postgres"
}

postgres_install() {
    [ -x "$PG_VERSION_DIR/pg_ctl" ] && return 0
    if declare -F testbed_install_packages >/dev/null; then
        testbed_install_packages postgresql-15
    else
        apt-get install -y -o DPkg::Lock::Timeout=600 --no-install-recommends postgresql-15
    fi
}

_pg_free_port() {
    local p=${1:-55432}
    while [ "$p" -lt 55532 ]; do
        if ! testbed_port_open "$p"; then
            echo "$p"
            return 0
        fi
        p=$((p + 1))
    done
    return 1
}

postgres_start() {
    local dir port
    dir=$(_pg_dir)
    if postgres_status >/dev/null 2>&1; then
        postgres_status
        return 0
    fi
    mkdir -p "$dir"
    chmod 0755 "$dir"
    if [ ! -s "$dir/data/PG_VERSION" ]; then
        rm -rf "$dir/data"
        mkdir -p "$dir/data" "$dir/socket"
        (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$dir/superuser.pw")
        cp "$dir/superuser.pw" "$dir/initdb.pw"
        chown postgres:postgres "$dir/data" "$dir/socket" "$dir/initdb.pw"
        runuser -u postgres -- "$PG_VERSION_DIR/initdb" -D "$dir/data" -U postgres -A scram-sha-256 \
            --pwfile="$dir/initdb.pw" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
        rm -f "$dir/initdb.pw"
    fi
    chown postgres:postgres "$dir/socket"
    port=""
    [ -s "$dir/env" ] && port=$(sed -n 's/^PGPORT=//p' "$dir/env")
    if [ -z "$port" ] || testbed_port_open "$port"; then
        port=$(_pg_free_port 55432)
    fi
    cat >"$dir/env" <<ENV
PGHOST=127.0.0.1
PGPORT=$port
PGUSER=postgres
PG_SUPERUSER_PASSWORD_FILE=$dir/superuser.pw
PG_BIN=$PG_VERSION_DIR
PG_SOCKET_DIR=$dir/socket
ENV
    : >"$dir/postgres.log"
    chown postgres:postgres "$dir/postgres.log"
    runuser -u postgres -- "$PG_VERSION_DIR/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 20 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/socket -c fsync=off" start
    local i=0
    while [ $i -lt 50 ]; do
        testbed_port_open "$port" && { postgres_status; return 0; }
        sleep 0.2
        i=$((i + 1))
    done
    echo "postgres did not answer on 127.0.0.1:$port" >&2
    tail -5 "$dir/postgres.log" >&2
    return 1
}

postgres_stop() {
    local dir
    dir=$(_pg_dir)
    [ -s "$dir/data/postmaster.pid" ] || return 0
    runuser -u postgres -- "$PG_VERSION_DIR/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop || true
}

postgres_status() {
    local dir pid port
    dir=$(_pg_dir)
    [ -s "$dir/data/postmaster.pid" ] || { echo "postgres: down"; return 1; }
    pid=$(head -1 "$dir/data/postmaster.pid")
    port=$(sed -n 's/^PGPORT=//p' "$dir/env" 2>/dev/null)
    if kill -0 "$pid" 2>/dev/null && [ -n "$port" ] && testbed_port_open "$port"; then
        echo "postgres: up (pid $pid on 127.0.0.1:$port)"
        return 0
    fi
    echo "postgres: down"
    return 1
}
