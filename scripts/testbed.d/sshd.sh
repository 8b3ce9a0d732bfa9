# shellcheck shell=bash
# Test-bed module: three real OpenSSH daemons on loopback (see docs of scripts/testbed).
#   hardened  127.0.0.1:2222  $TESTBED_DIR/sshd/hardened/sshd_config
#   weak      127.0.0.1:2223  $TESTBED_DIR/sshd/weak/sshd_config
#   nosftp    127.0.0.1:2225  $TESTBED_DIR/sshd/nosftp/sshd_config: the hardened config without its
#             Subsystem line (no SFTP, as hardened hosts often run), same host keys and users
# Each config starts with an Include of its sshd_config.d/*.conf and has a Match block, so the
# Include and Match handling is exercised by the real daemon. Never uses systemd or the
# packaged service; everything lives under $TESTBED_DIR/sshd/.
#
# For the SSH target's tests it also sets up, idempotently, on this machine:
#   users      tomaudit-sudo (login shell bash; sudo -n, NOPASSWD, for the agent's root-only
#              commands and for cat/stat/ls, via /etc/sudoers.d/tomaudit-testbed) and
#              tomaudit-nosudo (login shell sh; no sudo), both unlocked for key login (UsePAM no)
#   client     $TESTBED_DIR/sshd/client/: id_ed25519, id_ecdsa, id_rsa (authorised for both users),
#              id_ed25519_passphrase with its passphrase in ./passphrase (authorised too),
#              id_ed25519_unauthorized (authorised for nobody), known_hosts with the bed's host keys
# The ports can be moved for a second bed on the same machine (TESTBED_SSHD_PORT_HARDENED,
# TESTBED_SSHD_PORT_WEAK, TESTBED_SSHD_PORT_NOSFTP); the tests read the ports from the configs.

SSHD_BIN=/usr/sbin/sshd
SSHD_PORT_HARDENED=${TESTBED_SSHD_PORT_HARDENED:-2222}
SSHD_PORT_WEAK=${TESTBED_SSHD_PORT_WEAK:-2223}
SSHD_PORT_NOSFTP=${TESTBED_SSHD_PORT_NOSFTP:-2225}
SSHD_VARIANTS=("hardened:$SSHD_PORT_HARDENED" "weak:$SSHD_PORT_WEAK" "nosftp:$SSHD_PORT_NOSFTP")
SSHD_USERS=(tomaudit-sudo tomaudit-nosudo)
SSHD_SUDOERS=/etc/sudoers.d/tomaudit-testbed
# The root-only commands of the agent's allow-list (target/CommandCatalog.java, needsRoot), as
# `sudo -n --` runs them; `*` stands for the one argument. SshTargetIT checks that sudo allows
# every needsRoot command of the catalog, so a command added there without a line here fails.
SSHD_SUDO_COMMANDS=(
    "sshd -T"
    "sshd -T -C *"
    "nginx -T"
    "ss -H -tulpn"
    "nft list ruleset"
    "iptables-save"
    "ip6tables-save"
    "ufw status verbose"
    "fail2ban-client status"
    "fail2ban-client status *"
)

_sshd_dir() {
    echo "${TESTBED_DIR:?TESTBED_DIR not set}/sshd"
}

# The ports it listens on (checked by the dispatcher before a start: in use by something else is an error).
sshd_ports() {
    echo "$SSHD_PORT_HARDENED $SSHD_PORT_WEAK"
}

sshd_install() {
    if [ -x "$SSHD_BIN" ] && command -v ssh-keygen >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
        return 0
    fi
    testbed_install_packages openssh-server openssh-client sudo
}

_sshd_keys() {
    local keys
    keys="$(_sshd_dir)/keys"
    mkdir -p "$(_sshd_dir)"
    [ -d "$keys" ] || mkdir -m 0700 "$keys"
    [ -f "$keys/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C testbed-ed25519 -f "$keys/ssh_host_ed25519_key"
    [ -f "$keys/ssh_host_ecdsa_key" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C testbed-ecdsa -f "$keys/ssh_host_ecdsa_key"
    [ -f "$keys/ssh_host_rsa_key" ] || ssh-keygen -q -t rsa -b 3072 -N '' -C testbed-rsa -f "$keys/ssh_host_rsa_key"
}

# Writes both configs (deterministic, so rewriting them while the daemons run changes nothing).
_sshd_configs() {
    local d keys
    d="$(_sshd_dir)"
    keys="$d/keys"
    mkdir -p "$d/hardened/sshd_config.d" "$d/weak/sshd_config.d"

    cat >"$d/hardened/sshd_config" <<CFG
# tomaudit test bed: hardened sshd (127.0.0.1:$SSHD_PORT_HARDENED)
Include $d/hardened/sshd_config.d/*.conf

Port $SSHD_PORT_HARDENED
ListenAddress 127.0.0.1
HostKey $keys/ssh_host_ed25519_key
HostKey $keys/ssh_host_ecdsa_key
HostKey $keys/ssh_host_rsa_key
PidFile $d/hardened/sshd.pid

# overridden by sshd_config.d/10-auth.conf: the first value sshd reads wins
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitRootLogin no
PubkeyAuthentication yes
UsePAM no
MaxAuthTries 3
KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org
Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com
MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com
HostKeyAlgorithms ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server

Match User deploy Address 127.0.0.0/8
    AllowTcpForwarding no
    X11Forwarding no
    PermitTTY no
CFG
    cat >"$d/hardened/sshd_config.d/10-auth.conf" <<CFG
PasswordAuthentication no
CFG
    # the client keys this bed made, from the bed's own directory: two checkouts' beds on one machine
    # (each with its own keys) never overwrite each other's keys in the test users' homes
    echo "AuthorizedKeysFile $d/authorized_keys/%u" >"$d/hardened/sshd_config.d/20-keys.conf"

    # the hardened daemon without SFTP: its config with the Subsystem line dropped, its own port and pid
    mkdir -p "$d/nosftp"
    sed -e '/^Subsystem /d' -e "s/^Port .*/Port $SSHD_PORT_NOSFTP/" -e "s|^PidFile .*|PidFile $d/nosftp/sshd.pid|" \
        -e "s|^# tomaudit test bed: hardened sshd .*|# tomaudit test bed: hardened sshd without SFTP (127.0.0.1:$SSHD_PORT_NOSFTP)|" \
        "$d/hardened/sshd_config" >"$d/nosftp/sshd_config"

    cat >"$d/weak/sshd_config" <<CFG
# tomaudit test bed: deliberately weak sshd (127.0.0.1:$SSHD_PORT_WEAK)
Include $d/weak/sshd_config.d/*.conf

Port $SSHD_PORT_WEAK
ListenAddress 127.0.0.1
HostKey $keys/ssh_host_rsa_key
HostKey $keys/ssh_host_ecdsa_key
HostKey $keys/ssh_host_ed25519_key
PidFile $d/weak/sshd.pid

# overridden by sshd_config.d/10-auth.conf: the first value sshd reads wins
PasswordAuthentication no
PermitRootLogin yes
ChallengeResponseAuthentication no
UsePAM no
KexAlgorithms +diffie-hellman-group14-sha1,diffie-hellman-group1-sha1,diffie-hellman-group-exchange-sha1
Ciphers +aes128-cbc,3des-cbc
MACs +hmac-md5,hmac-sha1-96
HostKeyAlgorithms +ssh-rsa
Subsystem sftp /usr/lib/openssh/sftp-server

Match User alice Address 127.0.0.0/8,!127.0.0.2
    KbdInteractiveAuthentication yes
    PermitRootLogin without-password
CFG
    cat >"$d/weak/sshd_config.d/10-auth.conf" <<CFG
PasswordAuthentication yes
CFG
    echo "AuthorizedKeysFile $d/authorized_keys/%u" >"$d/weak/sshd_config.d/20-keys.conf"
}

_sshd_pid() {
    testbed_pid_alive "$(_sshd_dir)/$1/sshd.pid"
}


_sshd_start_one() {
    local variant=$1 port=$2 d
    d="$(_sshd_dir)"
    if _sshd_pid "$variant" >/dev/null; then
        return 0
    fi
    "$SSHD_BIN" -t -f "$d/$variant/sshd_config" || { echo "sshd $variant: config test failed" >&2; return 1; }
    "$SSHD_BIN" -f "$d/$variant/sshd_config" -E "$d/$variant/sshd.log" || return 1
    for _ in $(seq 1 100); do
        _sshd_pid "$variant" >/dev/null && testbed_port_open "$port" && return 0
        sleep 0.1
    done
    echo "sshd $variant: no pid file or port $port did not answer within 10 s (port taken?) (see $d/$variant/sshd.log)" >&2
    return 1
}

# Client keys, known_hosts and the passphrase file (made once; the known_hosts is rewritten).
_sshd_client_files() {
    local d client port k
    d="$(_sshd_dir)"
    client="$d/client"
    [ -d "$client" ] || mkdir -m 0700 "$client"
    [ -f "$client/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C tomaudit-testbed-ed25519 -f "$client/id_ed25519"
    [ -f "$client/id_ecdsa" ] || ssh-keygen -q -t ecdsa -b 256 -N '' -C tomaudit-testbed-ecdsa -f "$client/id_ecdsa"
    [ -f "$client/id_rsa" ] || ssh-keygen -q -t rsa -b 3072 -N '' -C tomaudit-testbed-rsa -f "$client/id_rsa"
    [ -f "$client/id_ed25519_unauthorized" ] ||
        ssh-keygen -q -t ed25519 -N '' -C tomaudit-testbed-unauthorized -f "$client/id_ed25519_unauthorized"
    if [ ! -s "$client/passphrase" ]; then
        (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$client/passphrase")
        rm -f "$client/id_ed25519_passphrase" "$client/id_ed25519_passphrase.pub"
    fi
    [ -f "$client/id_ed25519_passphrase" ] ||
        ssh-keygen -q -t ed25519 -N "$(cat "$client/passphrase")" -C tomaudit-testbed-passphrase -f "$client/id_ed25519_passphrase"
    {
        for port in "$SSHD_PORT_HARDENED" "$SSHD_PORT_WEAK" "$SSHD_PORT_NOSFTP"; do
            for k in "$d"/keys/ssh_host_*_key.pub; do
                printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$k")"
            done
        done
    } >"$client/known_hosts.tmp"
    mv -f "$client/known_hosts.tmp" "$client/known_hosts"
}

# The test users, unlocked for key login, with the client keys authorised in the bed's own
# directory (AuthorizedKeysFile $TESTBED_DIR/sshd/authorized_keys/%u, root-owned as sshd's
# StrictModes wants), not in the users' homes that every bed on the machine shares.
_sshd_users() {
    local d client u shell
    d="$(_sshd_dir)"
    client="$d/client"
    install -d -m 0755 "$d/authorized_keys"
    for u in "${SSHD_USERS[@]}"; do
        shell=/bin/sh
        [ "$u" = tomaudit-sudo ] && shell=/bin/bash
        id -u "$u" >/dev/null 2>&1 || useradd --create-home --shell "$shell" "$u"
        [ "$(getent shadow "$u" | cut -d: -f2)" = '*' ] || usermod -p '*' "$u"
        cat "$client/id_ed25519.pub" "$client/id_ecdsa.pub" "$client/id_rsa.pub" "$client/id_ed25519_passphrase.pub" \
            >"$d/authorized_keys/$u.tmp"
        chmod 0644 "$d/authorized_keys/$u.tmp"
        mv -f "$d/authorized_keys/$u.tmp" "$d/authorized_keys/$u"
    done
}

# sudo -n rights for tomaudit-sudo: the agent's root-only commands with their exact arguments, and
# cat/stat/ls for files and directories SFTP may not read. Checked with visudo before it is installed.
_sshd_sudoers() {
    local tmp cmd exe path rules=()
    for cmd in "${SSHD_SUDO_COMMANDS[@]}"; do
        exe=${cmd%% *}
        path="$(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin command -v "$exe" || echo "/usr/sbin/$exe")"
        rules+=("$path${cmd#"$exe"}")
    done
    rules+=("$(command -v cat)" "$(command -v stat)" "$(command -v ls)")
    tmp="$(mktemp)"
    {
        echo "# tomaudit test bed (scripts/testbed.d/sshd.sh): what tomaudit --sudo needs, without a password"
        printf 'tomaudit-sudo ALL=(root) NOPASSWD: %s' "${rules[0]}"
        printf ', %s' "${rules[@]:1}"
        printf '\n'
    } >"$tmp"
    if ! visudo -cqf "$tmp"; then
        echo "sshd: the sudoers drop-in is not valid:" >&2
        cat "$tmp" >&2
        rm -f "$tmp"
        return 1
    fi
    if ! cmp -s "$tmp" "$SSHD_SUDOERS"; then
        install -m 0440 -o root -g root "$tmp" "$SSHD_SUDOERS"
    fi
    rm -f "$tmp"
}

sshd_start() {
    [ -d /run/sshd ] || mkdir -m 0755 /run/sshd
    _sshd_keys
    _sshd_configs
    _sshd_client_files
    _sshd_users
    _sshd_sudoers
    _sshd_start_one hardened "$SSHD_PORT_HARDENED" && _sshd_start_one weak "$SSHD_PORT_WEAK" &&
        _sshd_start_one nosftp "$SSHD_PORT_NOSFTP"
}

sshd_stop() {
    local variant pid
    for variant in hardened weak nosftp; do
        if pid="$(_sshd_pid "$variant")"; then
            kill "$pid"
            for _ in $(seq 1 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
        fi
        rm -f "$(_sshd_dir)/$variant/sshd.pid"
    done
}

sshd_status() {
    local up=() down=() variant port
    for variant in "${SSHD_VARIANTS[@]}"; do
        port=${variant#*:}
        variant=${variant%%:*}
        if _sshd_pid "$variant" >/dev/null && testbed_port_open "$port"; then
            up+=("$variant:$port")
        else
            down+=("$variant:$port")
        fi
    done
    if [ ${#down[@]} -eq 0 ]; then
        echo "sshd: up (${up[*]})"
        return 0
    fi
    echo "sshd: down (${down[*]})${up:+, up (${up[*]})}"
    return 1
}
