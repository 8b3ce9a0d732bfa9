# shellcheck shell=bash
# Test-bed module: two real ejabberd 23.01 servers (Debian package `ejabberd`) on loopback.
#   hardened  c2s 127.0.0.1:35222 (starttls_required), s2s 35269 (s2s_use_starttls: required),
#             http 35443 with TLS for /admin, /api, /bosh, /ws, /upload; node port 35210
#   weak      c2s 127.0.0.1:45222 (no starttls_required), s2s 45269 (optional),
#             http 45280 without TLS for /admin, /api, /upload; node port 45210
# Each instance has its own ejabberd.yml, ejabberdctl.cfg (ERL_DIST_PORT, so no EPMD is started, and the
# distribution bound to 127.0.0.1), cookie, spool, logs and pid file under $TESTBED_DIR/ejabberd/<variant>/.
# The hardened ejabberd.yml uses define_macro and a relative include_config_file with allow_only (relative
# to the spool directory, ejabberd's working directory), the weak one a YAML alias (which ejabberd does not
# expand), so those code paths are exercised by the real daemon. acme is off. Never uses systemd.

EJABBERD_CTL=/usr/sbin/ejabberdctl

_ejabberd_dir() {
    echo "${TESTBED_DIR:?TESTBED_DIR not set}/ejabberd"
}

# The ports it listens on, Erlang distribution included (checked by the dispatcher before a start).
ejabberd_ports() {
    echo 35222 35269 35443 35210 45222 45269 45280 45210
}

ejabberd_install() {
    if [ -x "$EJABBERD_CTL" ] && command -v openssl >/dev/null 2>&1; then
        return 0
    fi
    testbed_install_packages ejabberd openssl
}

# Writes ejabberdctl.cfg for one variant: $1 variant, $2 node port, $3 how the distribution is bound.
_ejabberd_ctl_cfg() {
    local variant=$1 port=$2 bind=$3 d cookie
    d="$(_ejabberd_dir)/$variant"
    if [ ! -s "$d/cookie" ]; then
        (umask 077 && openssl rand -hex 16 >"$d/cookie")
    fi
    cookie="$(cat "$d/cookie")"
    {
        echo "# tomaudit test bed: ejabberdctl settings of the $variant instance"
        echo "ERLANG_NODE=ejabberd-$variant@localhost"
        echo "ERL_DIST_PORT=$port"
        if [ "$bind" = interface ]; then
            echo "INET_DIST_INTERFACE=127.0.0.1"
            echo "ERL_OPTIONS=\"-env ERL_CRASH_DUMP_BYTES 0 -setcookie $cookie\""
        else
            echo "ERL_OPTIONS=\"-env ERL_CRASH_DUMP_BYTES 0 -kernel inet_dist_use_interface {127,0,0,1} -setcookie $cookie\""
        fi
        echo "SPOOL_DIR=$d/spool"
        echo "LOGS_DIR=$d/logs"
        echo "EJABBERD_CONFIG_PATH=$d/conf/ejabberd.yml"
        echo "EJABBERD_PID_PATH=$d/run/ejabberd.pid"
        echo "CONTRIB_MODULES_PATH=$d/contrib"
        echo "CONTRIB_MODULES_CONF_DIR=$d/conf/modules.d"
    } >"$d/conf/ejabberdctl.cfg"
}

_ejabberd_configs() {
    local base d
    base="$(_ejabberd_dir)"
    for variant in hardened weak; do
        d="$base/$variant"
        mkdir -p "$d/conf/modules.d" "$d/spool/upload" "$d/logs" "$d/run" "$d/certs" "$d/contrib"
        cat "$TESTBED_DIR/tls/cert.pem" "$TESTBED_DIR/tls/key.pem" >"$d/certs/server.pem"
        cp /etc/ejabberd/inetrc "$d/conf/inetrc" 2>/dev/null || echo '{lookup,["file","native"]}.' >"$d/conf/inetrc"
    done

    d="$base/hardened"
    _ejabberd_ctl_cfg hardened 35210 interface
    cat >"$d/conf/ejabberd.yml" <<CFG
# tomaudit test bed: hardened ejabberd (127.0.0.1: c2s 35222, s2s 35269, https 35443)
hosts:
  - localhost
loglevel: info
hide_sensitive_log_data: true
certfiles:
  - "$d/certs/server.pem"
acme:
  auto: false
define_macro:
  C2S_PORT: 35222
  REQUIRED: true
# relative: ejabberd resolves it from its working directory, the spool directory
include_config_file:
  tls.yml:
    allow_only:
      - define_macro
      - c2s_protocol_options
      - s2s_protocol_options
      - c2s_ciphers
      - s2s_ciphers
listen:
  -
    port: C2S_PORT
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls_required: REQUIRED
    access: c2s
  -
    port: 35269
    ip: "127.0.0.1"
    module: ejabberd_s2s_in
  -
    port: 35443
    ip: "127.0.0.1"
    module: ejabberd_http
    tls: true
    protocol_options: TLS_OPTIONS
    request_handlers:
      /admin: ejabberd_web_admin
      /api: mod_http_api
      /bosh: mod_bosh
      /ws: ejabberd_http_ws
      /upload: mod_http_upload
s2s_use_starttls: required
auth_password_format: scram
auth_scram_hash: sha256
acl:
  loopback:
    ip:
      - 127.0.0.0/8
      - ::1/128
access_rules:
  c2s:
    allow: all
  trusted_network:
    allow: loopback
api_permissions:
  "admin only":
    from: mod_http_api
    who: admin
    what: "*"
modules:
  mod_disco: {}
  mod_http_api: {}
  mod_bosh: {}
  mod_ping: {}
  mod_register:
    ip_access: trusted_network
  mod_http_upload:
    put_url: "https://localhost:35443/upload"
    docroot: "$d/spool/upload"
  mod_http_upload_quota:
    max_days: 7
CFG
    cat >"$d/spool/tls.yml" <<CFG
# included from ejabberd.yml with allow_only; the other options here are dropped by ejabberd
define_macro:
  TLS_OPTIONS:
    - no_sslv3
    - no_tlsv1
    - no_tlsv1_1
    - cipher_server_preference
    - no_compression
c2s_protocol_options: TLS_OPTIONS
s2s_protocol_options: TLS_OPTIONS
c2s_ciphers: "HIGH:!aNULL:!eNULL:!3DES:@STRENGTH"
s2s_ciphers: "HIGH:!aNULL:!eNULL:!3DES:@STRENGTH"
loglevel: debug
CFG

    d="$base/weak"
    _ejabberd_ctl_cfg weak 45210 erl_options
    cat >"$d/conf/ejabberd.yml" <<CFG
# tomaudit test bed: deliberately weak ejabberd (127.0.0.1: c2s 45222, s2s 45269, http 45280)
hosts:
  - localhost
loglevel: debug
certfiles:
  - "$d/certs/server.pem"
acme:
  auto: false
listen:
  -
    port: 45222
    ip: "127.0.0.1"
    module: ejabberd_c2s
    access: c2s
  -
    port: 45269
    ip: "127.0.0.1"
    module: ejabberd_s2s_in
  -
    port: 45280
    ip: "127.0.0.1"
    module: ejabberd_http
    request_handlers:
      /admin: ejabberd_web_admin
      /api: mod_http_api
      /upload: mod_http_upload
s2s_use_starttls: optional
access_rules:
  c2s:
    allow: all
api_permissions:
  "anyone who reaches the port":
    from: mod_http_api
    who: all
    what: "*"
modules:
  mod_disco: {}
  mod_http_api: {}
  mod_mam:
    default: always
  mod_register: {}
  mod_http_upload:
    name: &upload_name "Uploads"
    put_url: "http://localhost:45280/upload"
    docroot: "$d/spool/upload"
  mod_vcard:
    # ejabberd's YAML reader does not expand aliases: this is the text "upload_name"
    name: *upload_name
CFG
    chown -R ejabberd:ejabberd "$base/hardened" "$base/weak"
    chmod 0750 "$base/hardened/certs" "$base/weak/certs"
    chmod 0640 "$base/hardened/certs/server.pem" "$base/weak/certs/server.pem"
}

_ejabberd_ctl() {
    local variant=$1 d
    shift
    d="$(_ejabberd_dir)/$variant"
    "$EJABBERD_CTL" --config-dir "$d/conf" --ctl-config "$d/conf/ejabberdctl.cfg" --spool "$d/spool" \
        --logs "$d/logs" "$@"
}

_ejabberd_pid() {
    testbed_pid_alive "$(_ejabberd_dir)/$1/run/ejabberd.pid"
}


_ejabberd_start_one() {
    local variant=$1 port=$2 d
    d="$(_ejabberd_dir)/$variant"
    if _ejabberd_pid "$variant" >/dev/null && testbed_port_open "$port"; then
        return 0
    fi
    _ejabberd_ctl "$variant" start || return 1
}

_ejabberd_wait() {
    local variant=$1 port=$2
    for _ in $(seq 1 150); do
        _ejabberd_pid "$variant" >/dev/null && testbed_port_open "$port" && return 0
        sleep 0.1
    done
    echo "ejabberd $variant: port $port did not answer within 15 s (see $(_ejabberd_dir)/$variant/logs/)" >&2
    tail -n 20 "$(_ejabberd_dir)/$variant/logs/error.log" >&2 2>/dev/null || true
    return 1
}

ejabberd_start() {
    _ejabberd_configs
    # both nodes boot in parallel (each takes over a second), then wait for both
    _ejabberd_start_one hardened 35222 && _ejabberd_start_one weak 45222 &&
        _ejabberd_wait hardened 35222 && _ejabberd_wait weak 45222
}

ejabberd_stop() {
    local variant pid
    for variant in hardened weak; do
        if pid="$(_ejabberd_pid "$variant")"; then
            _ejabberd_ctl "$variant" stop >/dev/null 2>&1 || kill "$pid"
            for _ in $(seq 1 100); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
        fi
        rm -f "$(_ejabberd_dir)/$variant/run/ejabberd.pid"
    done
}

ejabberd_status() {
    local up=() down=() variant port
    for variant in hardened:35222 weak:45222; do
        port=${variant#*:}
        variant=${variant%%:*}
        if _ejabberd_pid "$variant" >/dev/null && testbed_port_open "$port"; then
            up+=("$variant:$port")
        else
            down+=("$variant:$port")
        fi
    done
    if [ ${#down[@]} -eq 0 ]; then
        echo "ejabberd: up (${up[*]})"
        return 0
    fi
    echo "ejabberd: down (${down[*]})${up:+, up (${up[*]})}"
    return 1
}
