# shellcheck shell=bash
# Test-bed module: two real OpenSSH daemons on loopback (see docs of scripts/testbed).
#   hardened  127.0.0.1:2222  $TESTBED_DIR/sshd/hardened/sshd_config
#   weak      127.0.0.1:2223  $TESTBED_DIR/sshd/weak/sshd_config
# Each config starts with an Include of its sshd_config.d/*.conf and has a Match block, so the
# Include and Match handling is exercised by the real daemon. Never uses systemd or the
# packaged service; everything lives under $TESTBED_DIR/sshd/.

SSHD_BIN=/usr/sbin/sshd

_sshd_dir() {
    echo "${TESTBED_DIR:?TESTBED_DIR not set}/sshd"
}

sshd_install() {
    if [ -x "$SSHD_BIN" ] && command -v ssh-keygen >/dev/null 2>&1; then
        return 0
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssh-server
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
# tomaudit test bed: hardened sshd (127.0.0.1:2222)
Include $d/hardened/sshd_config.d/*.conf

Port 2222
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

    cat >"$d/weak/sshd_config" <<CFG
# tomaudit test bed: deliberately weak sshd (127.0.0.1:2223)
Include $d/weak/sshd_config.d/*.conf

Port 2223
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
}

_sshd_pid() {
    local pidfile
    pidfile="$(_sshd_dir)/$1/sshd.pid"
    [ -f "$pidfile" ] || return 1
    local pid
    pid="$(cat "$pidfile")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

_sshd_port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
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
        _sshd_pid "$variant" >/dev/null && _sshd_port_open "$port" && return 0
        sleep 0.1
    done
    echo "sshd $variant: no pid file or port $port did not answer within 10 s (port taken?) (see $d/$variant/sshd.log)" >&2
    return 1
}

sshd_start() {
    [ -d /run/sshd ] || mkdir -m 0755 /run/sshd
    _sshd_keys
    _sshd_configs
    _sshd_start_one hardened 2222 && _sshd_start_one weak 2223
}

sshd_stop() {
    local variant pid
    for variant in hardened weak; do
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
    for variant in hardened:2222 weak:2223; do
        port=${variant#*:}
        variant=${variant%%:*}
        if _sshd_pid "$variant" >/dev/null && _sshd_port_open "$port"; then
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
