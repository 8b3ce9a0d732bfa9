# shellcheck shell=bash
# Test-bed module: two real nginx servers from Debian's `nginx` package, on loopback only.
#   hardened  127.0.0.1:8080 (301 to https), 127.0.0.1:8443 (TLS 1.2/1.3, HSTS, security headers,
#             server_tokens off, access log format without the client address)
#             $TESTBED_DIR/nginx/hardened/nginx.conf
#   weak      127.0.0.1:9080 (serves content, no redirect), 127.0.0.1:9443 (TLS 1.0-1.2,
#             ALL:@SECLEVEL=0, combined access log with full client IPs, no HSTS)
#             $TESTBED_DIR/nginx/weak/nginx.conf
# Each main config includes conf.d/*.conf (a glob), so the include handling is exercised by the
# real server. Started as `nginx -e ERRLOG -p PREFIX -c CONF`, never the packaged service; pid,
# logs and temp files live under $TESTBED_DIR/nginx/<variant>/.

NGINX_BIN=/usr/sbin/nginx

_nginx_dir() {
    echo "${TESTBED_DIR:?TESTBED_DIR not set}/nginx"
}

# The ports it listens on (checked by the dispatcher before a start: in use by something else is an error).
nginx_ports() {
    echo 8080 8443 9080 9443
}

nginx_install() {
    [ -x "$NGINX_BIN" ] && return 0
    if declare -F testbed_install_packages >/dev/null; then
        testbed_install_packages nginx
    else
        apt-get install -y --no-install-recommends nginx
    fi
}

# Writes a file from stdin, replacing @DIR@ with the variant's directory and @TLS@ with the
# shared certificate's directory (nginx variables stay untouched: the heredocs are quoted).
_nginx_write() {
    local file=$1 dir=$2
    sed -e "s|@DIR@|$dir|g" -e "s|@TLS@|${TESTBED_DIR}/tls|g" >"$file"
}

# Deterministic, so rewriting them while the servers run changes nothing.
_nginx_configs() {
    local d h w
    d="$(_nginx_dir)"
    h="$d/hardened"
    w="$d/weak"
    mkdir -p "$h/conf.d" "$h/logs" "$h/tmp" "$w/conf.d" "$w/logs" "$w/tmp"

    _nginx_write "$h/nginx.conf" "$h" <<'CFG'
# tomaudit test bed: hardened nginx (127.0.0.1:8080 redirects, 127.0.0.1:8443 TLS)
worker_processes 1;
pid @DIR@/nginx.pid;
error_log @DIR@/logs/error.log;

events {
    worker_connections 64;
}

http {
    default_type text/plain;
    server_tokens off;
    client_body_temp_path @DIR@/tmp/client_body;
    proxy_temp_path @DIR@/tmp/proxy;
    fastcgi_temp_path @DIR@/tmp/fastcgi;
    uwsgi_temp_path @DIR@/tmp/uwsgi;
    scgi_temp_path @DIR@/tmp/scgi;

    ssl_certificate @TLS@/cert.pem;
    ssl_certificate_key @TLS@/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers off;

    include @DIR@/conf.d/*.conf;
}
CFG
    _nginx_write "$h/conf.d/10-logging.conf" "$h" <<'CFG'
# Data minimisation: the last octet (IPv4) or all but the first two groups (IPv6) are dropped.
map $remote_addr $remote_addr_anon {
    ~(?P<ip>\d+\.\d+\.\d+)\.    $ip.0;
    ~(?P<ip>[^:]+:[^:]+):       $ip::;
    default                     0.0.0.0;
}

log_format privacy '$remote_addr_anon - [$time_local] "$request" $status $body_bytes_sent';
access_log @DIR@/logs/access.log privacy;
CFG
    _nginx_write "$h/conf.d/20-servers.conf" "$h" <<'CFG'
server {
    listen 127.0.0.1:8080;
    server_name localhost;
    return 301 https://$host:8443$request_uri;
}

server {
    listen 127.0.0.1:8443 ssl;
    server_name localhost;

    add_header Strict-Transport-Security "max-age=31536000" always;
    add_header X-Content-Type-Options "nosniff" always;
    add_header Referrer-Policy "no-referrer" always;
    add_header Content-Security-Policy "default-src 'none'" always;

    location / {
        return 200 "tomaudit test bed: hardened\n";
    }
}
CFG

    _nginx_write "$w/nginx.conf" "$w" <<'CFG'
# tomaudit test bed: deliberately weak nginx (127.0.0.1:9080 plain, 127.0.0.1:9443 legacy TLS)
worker_processes 1;
pid @DIR@/nginx.pid;
error_log @DIR@/logs/error.log;

events {
    worker_connections 64;
}

http {
    default_type text/plain;
    client_body_temp_path @DIR@/tmp/client_body;
    proxy_temp_path @DIR@/tmp/proxy;
    fastcgi_temp_path @DIR@/tmp/fastcgi;
    uwsgi_temp_path @DIR@/tmp/uwsgi;
    scgi_temp_path @DIR@/tmp/scgi;

    ssl_certificate @TLS@/cert.pem;
    ssl_certificate_key @TLS@/key.pem;

    include @DIR@/conf.d/*.conf;
}
CFG
    _nginx_write "$w/conf.d/10-logging.conf" "$w" <<'CFG'
# Full client addresses, kept as long as the file is.
access_log @DIR@/logs/access.log combined;
CFG
    _nginx_write "$w/conf.d/20-servers.conf" "$w" <<'CFG'
server {
    listen 127.0.0.1:9080;
    server_name localhost;

    location / {
        return 200 "tomaudit test bed: weak\n";
    }
}

server {
    listen 127.0.0.1:9443 ssl;
    server_name localhost;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
    ssl_ciphers "ALL:@SECLEVEL=0";

    location / {
        return 200 "tomaudit test bed: weak\n";
    }
}
CFG
}

_nginx_pid() {
    testbed_pid_alive "$(_nginx_dir)/$1/nginx.pid"
}


_nginx_ports() {
    case $1 in
        hardened) echo "8080 8443" ;;
        weak) echo "9080 9443" ;;
    esac
}

_nginx_start_one() {
    local variant=$1 v port _
    v="$(_nginx_dir)/$variant"
    if _nginx_pid "$variant" >/dev/null; then
        return 0
    fi
    "$NGINX_BIN" -t -q -e "$v/logs/error.log" -p "$v/" -c "$v/nginx.conf" ||
        { echo "nginx $variant: config test failed" >&2; return 1; }
    "$NGINX_BIN" -e "$v/logs/error.log" -p "$v/" -c "$v/nginx.conf" || return 1
    for port in $(_nginx_ports "$variant"); do
        for _ in $(seq 1 100); do
            testbed_port_open "$port" && break
            sleep 0.1
        done
        testbed_port_open "$port" ||
            { echo "nginx $variant: port $port did not answer within 10 s (see $v/logs/error.log)" >&2; return 1; }
    done
}

nginx_start() {
    if [ ! -s "$TESTBED_DIR/tls/cert.pem" ] || [ ! -s "$TESTBED_DIR/tls/key.pem" ]; then
        echo "nginx: $TESTBED_DIR/tls/cert.pem or key.pem missing (made by scripts/testbed)" >&2
        return 1
    fi
    _nginx_configs
    _nginx_start_one hardened && _nginx_start_one weak
}

nginx_stop() {
    local variant pid _
    for variant in hardened weak; do
        if pid="$(_nginx_pid "$variant")"; then
            kill -QUIT "$pid"
            for _ in $(seq 1 50); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            if kill -0 "$pid" 2>/dev/null; then
                kill -TERM "$pid"
                sleep 0.5
            fi
            kill -0 "$pid" 2>/dev/null && { echo "nginx $variant (pid $pid) would not stop" >&2; return 1; }
        fi
        rm -f "$(_nginx_dir)/$variant/nginx.pid"
    done
}

nginx_status() {
    local up=() down=() variant port pid ok
    for variant in hardened weak; do
        ok=1
        pid="$(_nginx_pid "$variant")" || ok=0
        for port in $(_nginx_ports "$variant"); do
            testbed_port_open "$port" || ok=0
        done
        if [ "$ok" = 1 ]; then
            up+=("$variant pid $pid on $(_nginx_ports "$variant" | tr ' ' ',')")
        else
            down+=("$variant on $(_nginx_ports "$variant" | tr ' ' ',')")
        fi
    done
    if [ ${#down[@]} -eq 0 ]; then
        echo "nginx: up (${up[0]}; ${up[1]})"
        return 0
    fi
    echo "nginx: down (${down[*]})${up:+, up (${up[*]})}"
    return 1
}
