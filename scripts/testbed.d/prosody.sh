# shellcheck shell=bash
# Test-bed module: two real Prosody 0.12 servers (Debian package `prosody`) on loopback, XMPP domain
# localhost, each with its own config, data, pid and log dirs under $TESTBED_DIR/prosody/<variant>/:
#   hardened  c2s 127.0.0.1:15222 (STARTTLS required), direct TLS c2s 15223, s2s 15269 (encryption
#             required, s2s_secure_auth), http 15280 serving mod_http_file_share (7-day expiry),
#             mod_mam with a one-week expiry, opt-in archiving, info logs, closed registration
#   weak      c2s 127.0.0.1:25222 (no encryption required, allow_unencrypted_plain_auth,
#             authentication = "internal_plain"), s2s 25269 (not required), debug log, open
#             registration without throttling, tls_profile "old", archives never expire
# Each main config Includes "conf.d/*.cfg.lua" (a glob relative to the config's directory) and the
# hardened one reads an ENV_ variable, so those code paths are exercised by the real daemon
# (FileContents/FileLine only exist from Prosody 13).
# Prosody refuses to run as root: it runs as the prosody user (`setsid runuser -u prosody -- prosody
# --config FILE -F`). Never uses systemd or the packaged service.

PROSODY_BIN=/usr/bin/prosody

_prosody_dir() {
    echo "${TESTBED_DIR:?TESTBED_DIR not set}/prosody"
}

# The ports it listens on (checked by the dispatcher before a start: in use by something else is an error).
prosody_ports() {
    echo 15222 15223 15269 15280 25222 25269
}

prosody_install() {
    if [ -x "$PROSODY_BIN" ]; then
        return 0
    fi
    testbed_install_packages prosody
}

# Writes the config of one variant (deterministic, so rewriting it while Prosody runs changes nothing).
_prosody_configs() {
    local base d
    base="$(_prosody_dir)"
    for variant in hardened weak; do
        d="$base/$variant"
        mkdir -p "$d/conf.d" "$d/data" "$d/logs" "$d/certs"
        cp "$TESTBED_DIR/tls/cert.pem" "$d/certs/localhost.crt"
        cp "$TESTBED_DIR/tls/key.pem" "$d/certs/localhost.key"
        chmod 0640 "$d/certs/localhost.key"
    done

    d="$base/hardened"
    cat >"$d/prosody.cfg.lua" <<CFG
-- tomaudit test bed: hardened Prosody (c2s 127.0.0.1:15222, direct TLS 15223, s2s 15269, http 15280)
pidfile = "$d/prosody.pid"
data_path = "$d/data"
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { 15222 }
c2s_direct_tls_ports = { 15223 }
s2s_ports = { 15269 }
http_ports = { 15280 }
https_ports = { }
admin_socket = "$d/data/prosody.sock"

modules_enabled = {
	"roster"; "saslauth"; "tls"; "dialback"; "disco"; "carbons"; "pep"; "private"; "blocklist";
	"vcard4"; "vcard_legacy"; "limits"; "version"; "uptime"; "time"; "ping"; "mam";
	"server_contact_info"; "admin_shell"; "posix";
}

c2s_require_encryption = true
s2s_require_encryption = true
s2s_secure_auth = true
authentication = "internal_hashed"
allow_registration = false
archive_expires_after = "1w"
default_archive_policy = false
tls_profile = "intermediate"
contact_info = {
	abuse = { "mailto:abuse@localhost" };
	security = { "mailto:security@localhost" };
	admin = { "xmpp:admin@localhost" };
}

ssl = {
	certificate = "$d/certs/localhost.crt";
	key = "$d/certs/localhost.key";
}
certificates = "certs"

log = {
	info = "$d/logs/prosody.log";
	error = "$d/logs/prosody.err";
}

Include "conf.d/*.cfg.lua"
CFG
    cat >"$d/conf.d/10-localhost.cfg.lua" <<CFG
-- tomaudit test bed: the hardened instance's hosts, included by a glob
VirtualHost "localhost"

Component "upload.localhost" "http_file_share"
	http_file_share_expires_after = 7 * 24 * 3600
	http_host = "localhost"
	-- ENV_ reads Prosody's environment (unset here: the module then makes a random secret)
	http_file_share_secret = ENV_TESTBED_UPLOAD_SECRET
CFG

    d="$base/weak"
    cat >"$d/prosody.cfg.lua" <<CFG
-- tomaudit test bed: deliberately weak Prosody (c2s 127.0.0.1:25222, s2s 25269)
pidfile = "$d/prosody.pid"
data_path = "$d/data"
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_ports = { 25222 }
s2s_ports = { 25269 }
http_ports = { }
https_ports = { }
admin_socket = "$d/data/prosody.sock"

modules_enabled = {
	"roster"; "saslauth"; "tls"; "dialback"; "disco"; "private"; "version"; "ping"; "mam";
	"register"; "admin_shell"; "posix";
}

c2s_require_encryption = false
s2s_require_encryption = false
s2s_secure_auth = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
allow_registration = true
archive_expires_after = "never"
tls_profile = "old"

ssl = {
	certificate = "$d/certs/localhost.crt";
	key = "$d/certs/localhost.key";
}
certificates = "certs"

log = {
	debug = "$d/logs/debug.log";
}

Include "conf.d/*.cfg.lua"
CFG
    cat >"$d/conf.d/10-localhost.cfg.lua" <<CFG
-- tomaudit test bed: the weak instance's host, included by a glob
VirtualHost "localhost"
CFG
    chown -R prosody:prosody "$base/hardened" "$base/weak"
}

_prosody_pid() {
    testbed_pid_alive "$(_prosody_dir)/$1/prosody.pid"
}


_prosody_start_one() {
    local variant=$1 d port
    shift
    d="$(_prosody_dir)/$variant"
    if _prosody_pid "$variant" >/dev/null; then
        return 0
    fi
    rm -f "$d/prosody.pid"
    if ! runuser -u prosody -- prosodyctl --config "$d/prosody.cfg.lua" check config >"$d/logs/check.log" 2>&1; then
        echo "prosody $variant: prosodyctl check config failed (see $d/logs/check.log)" >&2
        grep -v "lua-unbound" "$d/logs/check.log" | tail -n 20 >&2
        return 1
    fi
    setsid runuser -u prosody -- "$PROSODY_BIN" --config "$d/prosody.cfg.lua" -F \
        </dev/null >>"$d/logs/console.log" 2>&1 &
    for _ in $(seq 1 100); do
        local all=true
        for port in "$@"; do
            testbed_port_open "$port" || all=false
        done
        if $all && _prosody_pid "$variant" >/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "prosody $variant: no pid file or ports $* not answering within 10 s (see $d/logs/)" >&2
    tail -n 20 "$d/logs/console.log" >&2 || true
    return 1
}

prosody_start() {
    _prosody_configs
    _prosody_start_one hardened 15222 15223 15269 15280 && _prosody_start_one weak 25222 25269
}

prosody_stop() {
    local variant pid
    for variant in hardened weak; do
        if pid="$(_prosody_pid "$variant")"; then
            kill "$pid"
            for _ in $(seq 1 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
        fi
        rm -f "$(_prosody_dir)/$variant/prosody.pid"
    done
}

prosody_status() {
    local up=() down=() entry variant ports port ok
    for entry in hardened:15222,15223,15269,15280 weak:25222,25269; do
        variant=${entry%%:*}
        ports=${entry#*:}
        ok=true
        _prosody_pid "$variant" >/dev/null || ok=false
        for port in ${ports//,/ }; do
            testbed_port_open "$port" || ok=false
        done
        if $ok; then up+=("$variant:$ports"); else down+=("$variant:$ports"); fi
    done
    if [ ${#down[@]} -eq 0 ]; then
        echo "prosody: up (${up[*]})"
        return 0
    fi
    echo "prosody: down (${down[*]})${up:+, up (${up[*]})}"
    return 1
}
