# shellcheck shell=bash
# Test-bed module: real OpenSSH (Debian's openssh-server) for fleets, listening on 127.0.0.2 ...
# 127.0.0.101, port 2224, so an inventory of 100 distinct targets reaches a real sshd on loopback
# (Linux routes all of 127.0.0.0/8 to lo: no aliases need adding). One sshd listens on at most 16
# addresses (MAX_LISTEN_SOCKS), so this is a group of daemons, 16 addresses each, sharing one
# host key and one configuration apart from the addresses. Used by the fleet integration tests
# and scripts/bench/fleet.
#
#   TESTBED_SSHFLEET_PORT   the port (default 2224)
#   TESTBED_SSHFLEET_HOSTS  how many addresses from 127.0.0.2 on (default 100, at most 250)
#
# Logins: the users tomaudit-nosudo and tomaudit-sudo of the sshd module (made here the same way
# when missing) with the sshd module's client key $TESTBED_DIR/sshd/client/id_ed25519 (made here
# the same way when missing). The keys are authorised through this daemon's own
# AuthorizedKeysFile ($TESTBED_DIR/sshfleet/authorized_keys/%u), so starting it never rewrites the
# users' ~/.ssh, which a bed of another worktree may be using.
# Those users see this machine. A third user, tomaudit-fleet (made here), is kept in a chroot
# ($TESTBED_DIR/sshfleet/root): a minimal host with busybox's sh and env only, copies of this
# machine's sshd, nginx, logrotate and journald configuration and host public keys, and no other
# programs, so the commands an audit runs there are "not installed". A fleet of those measures
# the agent (connections, channels, SFTP, collectors, rules) rather than what 100 copies of
# apt-get's simulation cost on the machine that plays all the hosts.
# Files for clients: $TESTBED_DIR/sshfleet/known_hosts (every [127.0.0.N]:PORT with this daemon's
# ed25519 host key), inventory.yaml (all addresses as tomaudit-nosudo: this machine) and
# inventory-light.yaml (all addresses as tomaudit-fleet: the minimal host).

SSHFLEET_BIN=/usr/sbin/sshd
SSHFLEET_PORT=${TESTBED_SSHFLEET_PORT:-2224}
SSHFLEET_HOSTS=${TESTBED_SSHFLEET_HOSTS:-100}
SSHFLEET_USERS=(tomaudit-nosudo tomaudit-sudo)
SSHFLEET_CHROOT_USER=tomaudit-fleet
SSHFLEET_PER_DAEMON=16

_sshfleet_dir() {
    echo "${TESTBED_DIR:?TESTBED_DIR not set}/sshfleet"
}

_sshfleet_last() {
    echo "127.0.0.$((SSHFLEET_HOSTS + 1))"
}

# The addresses and port it listens on (checked by the dispatcher before a start).
sshfleet_ports() {
    local i
    for ((i = 2; i <= SSHFLEET_HOSTS + 1; i++)); do
        echo "127.0.0.$i:$SSHFLEET_PORT"
    done
}

sshfleet_install() {
    # busybox is the chroot host's shell (copied from this machine's package)
    if [ -x "$SSHFLEET_BIN" ] && command -v ssh-keygen >/dev/null 2>&1 && command -v busybox >/dev/null 2>&1; then
        return 0
    fi
    testbed_install_packages openssh-server openssh-client busybox
}

_sshfleet_check() {
    if ! [[ $SSHFLEET_HOSTS =~ ^[0-9]+$ ]] || ((SSHFLEET_HOSTS < 1 || SSHFLEET_HOSTS > 250)); then
        echo "sshfleet: TESTBED_SSHFLEET_HOSTS must be 1..250, not '$SSHFLEET_HOSTS'" >&2
        return 1
    fi
    if ! [[ $SSHFLEET_PORT =~ ^[0-9]+$ ]]; then
        echo "sshfleet: TESTBED_SSHFLEET_PORT must be a port number, not '$SSHFLEET_PORT'" >&2
        return 1
    fi
}

# The users as sshd.sh makes them (only when missing or locked); their ~/.ssh is left alone. The
# chroot user has / (inside the chroot) as its home.
_sshfleet_users() {
    local u shell
    for u in "${SSHFLEET_USERS[@]}"; do
        shell=/bin/sh
        [ "$u" = tomaudit-sudo ] && shell=/bin/bash
        id -u "$u" >/dev/null 2>&1 || useradd --create-home --shell "$shell" "$u"
        [ "$(getent shadow "$u" | cut -d: -f2)" = '*' ] || usermod -p '*' "$u"
    done
    u=$SSHFLEET_CHROOT_USER
    id -u "$u" >/dev/null 2>&1 || useradd --no-create-home --home-dir / --shell /bin/sh "$u"
    [ "$(getent shadow "$u" | cut -d: -f2)" = '*' ] || usermod -p '*' "$u"
}

# The minimal host of the chroot user: root-owned, nothing writable by the user.
_sshfleet_root() {
    local d r lib f u busybox
    busybox="$(command -v busybox)" || { echo "sshfleet: busybox is not installed (sshfleet_install installs it)" >&2; return 1; }
    d="$(_sshfleet_dir)"
    r="$d/root"
    rm -rf "$r"
    mkdir -p "$r/bin" "$r/dev" "$r/etc/ssh" "$r/etc/systemd" "$r/var/log/nginx" "$r/tmp"
    chmod 1777 "$r/tmp"
    cp -L "$busybox" "$r/bin/busybox"
    ln -s busybox "$r/bin/sh"
    ln -s busybox "$r/bin/env"
    for lib in $(ldd "$busybox" | grep -o '/[^ ]*'); do
        mkdir -p "$r$(dirname "$lib")"
        cp -L "$lib" "$r$lib"
    done
    mknod -m 0666 "$r/dev/null" c 1 3
    for f in /etc/ssh/sshd_config /etc/ssh/ssh_host_*_key.pub /etc/logrotate.conf /etc/systemd/journald.conf /etc/os-release; do
        [ -f "$f" ] && cp -L "$f" "$r$f"
    done
    for f in /etc/ssh/sshd_config.d /etc/nginx /etc/logrotate.d; do
        [ -d "$f" ] && cp -a "$f" "$r$f"
    done
    echo fleet-host >"$r/etc/hostname"
    {
        echo "root:x:0:0:root:/root:/bin/sh"
        u=$SSHFLEET_CHROOT_USER
        echo "$u:x:$(id -u "$u"):$(id -g "$u"):tomaudit fleet:/:/bin/sh"
    } >"$r/etc/passwd"
    {
        echo "root:x:0:"
        echo "$SSHFLEET_CHROOT_USER:x:$(id -g "$SSHFLEET_CHROOT_USER"):"
    } >"$r/etc/group"
    chown -R root:root "$r"
    chmod -R go-w "$r"
    chmod 1777 "$r/tmp"
}

_sshfleet_keys() {
    local d client
    d="$(_sshfleet_dir)"
    client="$TESTBED_DIR/sshd/client"
    mkdir -p "$d" "$TESTBED_DIR/sshd"
    [ -d "$d/keys" ] || mkdir -m 0700 "$d/keys"
    [ -f "$d/keys/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C testbed-sshfleet -f "$d/keys/ssh_host_ed25519_key"
    [ -d "$client" ] || mkdir -m 0700 "$client"
    [ -f "$client/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C tomaudit-testbed-ed25519 -f "$client/id_ed25519"
    mkdir -p "$d/authorized_keys"
    chmod 0755 "$d" "$d/authorized_keys"
    local u
    for u in "${SSHFLEET_USERS[@]}" "$SSHFLEET_CHROOT_USER"; do
        install -m 0644 "$client/id_ed25519.pub" "$d/authorized_keys/$u"
    done
}

# How many daemons: 16 addresses each.
_sshfleet_daemons() {
    echo $(((SSHFLEET_HOSTS + SSHFLEET_PER_DAEMON - 1) / SSHFLEET_PER_DAEMON))
}

# sshd_config.N for daemon N (0-based): its addresses, its pid file, the shared rest.
_sshfleet_config() {
    local d n i first last
    d="$(_sshfleet_dir)"
    rm -f "$d"/sshd_config.*
    for ((n = 0; n < $(_sshfleet_daemons); n++)); do
        first=$((2 + n * SSHFLEET_PER_DAEMON))
        last=$((first + SSHFLEET_PER_DAEMON - 1))
        ((last > SSHFLEET_HOSTS + 1)) && last=$((SSHFLEET_HOSTS + 1))
        {
            echo "# tomaudit test bed: sshfleet daemon $n of $(_sshfleet_daemons), 127.0.0.$first..127.0.0.$last port $SSHFLEET_PORT"
            for ((i = first; i <= last; i++)); do
                echo "ListenAddress 127.0.0.$i:$SSHFLEET_PORT"
            done
            cat <<CFG
HostKey $d/keys/ssh_host_ed25519_key
PidFile $d/sshd.$n.pid
AuthorizedKeysFile $d/authorized_keys/%u
AllowUsers ${SSHFLEET_USERS[*]} $SSHFLEET_CHROOT_USER
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UsePAM no
X11Forwarding no
AllowTcpForwarding no
# a fleet opens many connections at once: no early drops of unauthenticated ones
MaxStartups 400:30:800
MaxSessions 64
LogLevel ERROR
Subsystem sftp internal-sftp
Match User $SSHFLEET_CHROOT_USER
    ChrootDirectory $d/root
CFG
        } >"$d/sshd_config.$n.tmp"
        mv -f "$d/sshd_config.$n.tmp" "$d/sshd_config.$n"
    done
}

_sshfleet_client_files() {
    local d key i
    d="$(_sshfleet_dir)"
    key="$(cut -d' ' -f1,2 "$d/keys/ssh_host_ed25519_key.pub")"
    for ((i = 2; i <= SSHFLEET_HOSTS + 1; i++)); do
        printf '[127.0.0.%s]:%s %s\n' "$i" "$SSHFLEET_PORT" "$key"
    done >"$d/known_hosts.tmp"
    mv -f "$d/known_hosts.tmp" "$d/known_hosts"
    {
        echo "# tomaudit inventory: the sshfleet test bed ($SSHFLEET_HOSTS targets)"
        echo "targets:"
        for ((i = 2; i <= SSHFLEET_HOSTS + 1; i++)); do
            printf '  - {name: fleet%03d, address: "ssh://tomaudit-nosudo@127.0.0.%s:%s", kinds: [host]}\n' \
                "$((i - 1))" "$i" "$SSHFLEET_PORT"
        done
    } >"$d/inventory.yaml.tmp"
    mv -f "$d/inventory.yaml.tmp" "$d/inventory.yaml"
    {
        echo "# tomaudit inventory: the sshfleet test bed's minimal chroot host at $SSHFLEET_HOSTS addresses"
        echo "targets:"
        for ((i = 2; i <= SSHFLEET_HOSTS + 1; i++)); do
            printf '  - {name: light%03d, address: "ssh://%s@127.0.0.%s:%s", kinds: [host]}\n' \
                "$((i - 1))" "$SSHFLEET_CHROOT_USER" "$i" "$SSHFLEET_PORT"
        done
    } >"$d/inventory-light.yaml.tmp"
    mv -f "$d/inventory-light.yaml.tmp" "$d/inventory-light.yaml"
}

# The pid of daemon N when it runs.
_sshfleet_pid() {
    testbed_pid_alive "$(_sshfleet_dir)/sshd.$1.pid"
}

# The pids of the daemons that run, one per line.
_sshfleet_pids() {
    local f
    for f in "$(_sshfleet_dir)"/sshd.*.pid; do
        testbed_pid_alive "$f" || true
    done
    return 0
}

_sshfleet_answers() {
    testbed_port_open "$SSHFLEET_PORT" "$1"
}

_sshfleet_all_up() {
    local n
    for ((n = 0; n < $(_sshfleet_daemons); n++)); do
        _sshfleet_pid "$n" >/dev/null || return 1
    done
}

sshfleet_start() {
    _sshfleet_check
    if _sshfleet_all_up; then
        return 0
    fi
    sshfleet_stop
    [ -d /run/sshd ] || mkdir -m 0755 /run/sshd
    _sshfleet_users
    _sshfleet_root
    _sshfleet_keys
    _sshfleet_config
    _sshfleet_client_files
    local d n
    d="$(_sshfleet_dir)"
    for ((n = 0; n < $(_sshfleet_daemons); n++)); do
        "$SSHFLEET_BIN" -t -f "$d/sshd_config.$n" || { echo "sshfleet: config test of sshd_config.$n failed" >&2; return 1; }
        "$SSHFLEET_BIN" -f "$d/sshd_config.$n" -E "$d/sshd.$n.log" || return 1
    done
    for _ in $(seq 1 100); do
        if _sshfleet_all_up && _sshfleet_answers 127.0.0.2 && _sshfleet_answers "$(_sshfleet_last)"; then
            return 0
        fi
        sleep 0.1
    done
    echo "sshfleet: a daemon did not write its pid file, or 127.0.0.2/$(_sshfleet_last):$SSHFLEET_PORT did not answer" \
        "within 10 s (port taken?) (see $d/sshd.*.log)" >&2
    return 1
}

sshfleet_stop() {
    local pid pids
    pids="$(_sshfleet_pids)"
    for pid in $pids; do
        kill "$pid"
    done
    for pid in $pids; do
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$pid" 2>/dev/null && return 1
    done
    rm -f "$(_sshfleet_dir)"/sshd.*.pid
}

sshfleet_status() {
    local up
    up="$(_sshfleet_pids | wc -l)"
    if _sshfleet_all_up 2>/dev/null; then
        echo "sshfleet: up ($up daemons on 127.0.0.2-$(_sshfleet_last):$SSHFLEET_PORT)"
        return 0
    fi
    echo "sshfleet: down ($up of $(_sshfleet_daemons) daemons for 127.0.0.2-$(_sshfleet_last):$SSHFLEET_PORT)"
    return 1
}
