# shellcheck shell=bash
# Test-bed module: one real nginx (Debian's `nginx`) with five TLS vhosts on loopback, for the
# network probes (tls.* and http.* rules) and their agreement with testssl.sh and sslscan.
#   127.0.0.1:10443  modern:      TLS 1.2/1.3, ECDHE-ECDSA AES-GCM/ChaCha20, server order, EC P-256
#                                 leaf + intermediate (complete chain), HSTS, security headers
#   127.0.0.1:10444  legacy:      TLS 1.0/1.1 only, "ALL:eNULL:@SECLEVEL=0" (CBC, NULL, anonymous),
#                                 1024-bit DHE prime, RSA 2048 leaf sent without its intermediate
#   127.0.0.1:10445  expired:     leaf valid 2024-01-01 to 2025-01-01
#   127.0.0.1:10446  self-signed: the shared $TESTBED_DIR/tls/cert.pem
#   127.0.0.1:10447  wrong name:  leaf for wrong.example only
#   127.0.0.1:10080  plain HTTP:  301 to https://localhost:10443/
# Certificates are made here with openssl: a test root CA and an intermediate under
# $TESTBED_DIR/tls/pki/ (ca.pem is the anchor tests may trust explicitly; it is never installed
# into any system store). nginx runs as `nginx -e ERRLOG -p PREFIX -c CONF` with everything under
# $TESTBED_DIR/tls/nginx/; never the packaged service. Also installs testssl.sh and sslscan, the
# peer tools the agreement test and scripts/bench/tls compare with.
# 3DES is not in Debian 12's OpenSSL 3.0 cipher list even at @SECLEVEL=0, so the legacy vhost
# cannot offer it (NULL and anonymous suites stand in as the weak ones).

TLS_NGINX_BIN=/usr/sbin/nginx
TLS_PORTS="10443 10444 10445 10446 10447 10080"

_tls_dir() {
    echo "${TESTBED_DIR:?TESTBED_DIR not set}/tls"
}

# The ports it listens on (checked by the dispatcher before a start: in use by something else is an error).
tls_ports() {
    echo "$TLS_PORTS"
}

tls_install() {
    local need=()
    [ -x "$TLS_NGINX_BIN" ] || need+=(nginx)
    command -v openssl >/dev/null 2>&1 || need+=(openssl)
    command -v testssl >/dev/null 2>&1 || need+=(testssl.sh)
    command -v sslscan >/dev/null 2>&1 || need+=(sslscan)
    [ ${#need[@]} -eq 0 ] && return 0
    if declare -F testbed_install_packages >/dev/null; then
        testbed_install_packages "${need[@]}"
    else
        apt-get install -y --no-install-recommends "${need[@]}"
    fi
}

# A leaf key and certificate signed by the intermediate: _tls_leaf NAME KEYSPEC SAN [START END]
_tls_leaf() {
    local name=$1 keyspec=$2 san=$3 start=${4:-} end=${5:-} pki cn
    pki="$(_tls_dir)/pki"
    cn=${san%%,*}
    cn=${cn#DNS:}
    [ -s "$pki/$name.pem" ] && return 0
    # shellcheck disable=SC2086 # keyspec holds several openssl options
    openssl genpkey $keyspec -out "$pki/$name.key" 2>/dev/null
    openssl req -new -key "$pki/$name.key" -subj "/CN=$cn" -out "$pki/$name.csr" 2>/dev/null
    cat >"$pki/$name.ext" <<EXT
[leaf]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $san
EXT
    if [ -n "$start" ]; then
        openssl ca -batch -notext -config "$pki/int.cnf" -in "$pki/$name.csr" -out "$pki/$name.pem" \
            -startdate "$start" -enddate "$end" -extfile "$pki/$name.ext" -extensions leaf 2>/dev/null
    else
        openssl ca -batch -notext -config "$pki/int.cnf" -in "$pki/$name.csr" -out "$pki/$name.pem" \
            -days 400 -extfile "$pki/$name.ext" -extensions leaf 2>/dev/null
    fi
    cat "$pki/$name.pem" "$pki/int.pem" >"$pki/$name.chain.pem"
    chmod 0644 "$pki/$name.pem" "$pki/$name.chain.pem"
}

_tls_pki() {
    local pki
    pki="$(_tls_dir)/pki"
    if [ -s "$pki/.complete" ] && openssl x509 -in "$pki/modern.pem" -noout -checkend $((30 * 86400)) >/dev/null 2>&1; then
        return 0
    fi
    rm -rf "$pki"
    mkdir -p "$pki/issued"
    : >"$pki/index.txt"
    echo 1000 >"$pki/serial"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes -sha384 -days 3650 \
        -subj "/CN=tomaudit test-bed root CA" -addext "basicConstraints=critical,CA:true" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" -keyout "$pki/ca.key" -out "$pki/ca.pem" 2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=tomaudit test-bed intermediate" \
        -keyout "$pki/int.key" -out "$pki/int.csr" 2>/dev/null
    printf '[int]\nbasicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' >"$pki/int.ext"
    openssl x509 -req -in "$pki/int.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -sha384 -days 3000 \
        -extfile "$pki/int.ext" -extensions int -out "$pki/int.pem" 2>/dev/null
    cat >"$pki/int.cnf" <<CNF
[ca]
default_ca = int
[int]
dir = $pki
database = \$dir/index.txt
new_certs_dir = \$dir/issued
certificate = \$dir/int.pem
private_key = \$dir/int.key
serial = \$dir/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
CNF
    _tls_leaf modern "-algorithm EC -pkeyopt ec_paramgen_curve:P-256" "DNS:localhost,IP:127.0.0.1"
    _tls_leaf legacy "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" "DNS:localhost,IP:127.0.0.1"
    _tls_leaf expired "-algorithm EC -pkeyopt ec_paramgen_curve:P-256" "DNS:localhost,IP:127.0.0.1" \
        20240101000000Z 20250101000000Z
    _tls_leaf wrongname "-algorithm EC -pkeyopt ec_paramgen_curve:P-256" "DNS:wrong.example"
    # a 1024-bit DH prime for the legacy vhost (Logjam-sized); -dsaparam makes it in well under a second
    openssl dhparam -dsaparam -out "$pki/dh1024.pem" 1024 2>/dev/null
    chmod 0644 "$pki"/*.pem
    chmod 0600 "$pki"/*.key
    date -u +%FT%TZ >"$pki/.complete"
}

_tls_config() {
    local d pki n
    d="$(_tls_dir)"
    pki="$d/pki"
    n="$d/nginx"
    mkdir -p "$n/logs" "$n/tmp"
    sed -e "s|@N@|$n|g" -e "s|@PKI@|$pki|g" -e "s|@TLS@|$d|g" >"$n/nginx.conf" <<'CFG'
# tomaudit test bed: TLS vhosts for the network probes (127.0.0.1:10443-10447, 10080)
worker_processes 1;
pid @N@/nginx.pid;
error_log @N@/logs/error.log;

events {
    worker_connections 128;
}

http {
    default_type text/plain;
    server_tokens off;
    access_log off;
    client_body_temp_path @N@/tmp/client_body;
    proxy_temp_path @N@/tmp/proxy;
    fastcgi_temp_path @N@/tmp/fastcgi;
    uwsgi_temp_path @N@/tmp/uwsgi;
    scgi_temp_path @N@/tmp/scgi;

    ssl_protocols TLSv1.2 TLSv1.3;

    server {
        listen 127.0.0.1:10080;
        server_name localhost;
        return 301 https://localhost:10443$request_uri;
    }

    server {
        listen 127.0.0.1:10443 ssl;
        server_name localhost;
        ssl_certificate @PKI@/modern.chain.pem;
        ssl_certificate_key @PKI@/modern.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305;
        ssl_prefer_server_ciphers on;
        ssl_ecdh_curve X25519:prime256v1:secp384r1;
        add_header Strict-Transport-Security "max-age=31536000" always;
        add_header X-Content-Type-Options "nosniff" always;
        add_header Referrer-Policy "no-referrer" always;
        add_header Content-Security-Policy "default-src 'none'" always;
        location / {
            return 200 "tomaudit test bed: modern\n";
        }
    }

    server {
        listen 127.0.0.1:10444 ssl;
        server_name localhost;
        server_tokens on;
        ssl_certificate @PKI@/legacy.pem;
        ssl_certificate_key @PKI@/legacy.key;
        ssl_protocols TLSv1 TLSv1.1;
        ssl_ciphers "ALL:eNULL:@SECLEVEL=0";
        ssl_dhparam @PKI@/dh1024.pem;
        location / {
            return 200 "tomaudit test bed: legacy\n";
        }
    }

    server {
        listen 127.0.0.1:10445 ssl;
        server_name localhost;
        ssl_certificate @PKI@/expired.chain.pem;
        ssl_certificate_key @PKI@/expired.key;
        location / {
            return 200 "tomaudit test bed: expired certificate\n";
        }
    }

    server {
        listen 127.0.0.1:10446 ssl;
        server_name localhost;
        ssl_certificate @TLS@/cert.pem;
        ssl_certificate_key @TLS@/key.pem;
        location / {
            return 200 "tomaudit test bed: self-signed certificate\n";
        }
    }

    server {
        listen 127.0.0.1:10447 ssl;
        server_name localhost;
        ssl_certificate @PKI@/wrongname.chain.pem;
        ssl_certificate_key @PKI@/wrongname.key;
        location / {
            return 200 "tomaudit test bed: certificate for another name\n";
        }
    }
}
CFG
}

_tls_pid() {
    testbed_pid_alive "$(_tls_dir)/nginx/nginx.pid"
}


tls_start() {
    local n port _
    if [ ! -s "$TESTBED_DIR/tls/cert.pem" ] || [ ! -s "$TESTBED_DIR/tls/key.pem" ]; then
        echo "tls: $TESTBED_DIR/tls/cert.pem or key.pem missing (made by scripts/testbed)" >&2
        return 1
    fi
    n="$(_tls_dir)/nginx"
    if _tls_pid >/dev/null; then
        return 0
    fi
    _tls_pki
    _tls_config
    "$TLS_NGINX_BIN" -t -q -e "$n/logs/error.log" -p "$n/" -c "$n/nginx.conf" ||
        { echo "tls: nginx config test failed (see $n/logs/error.log)" >&2; return 1; }
    "$TLS_NGINX_BIN" -e "$n/logs/error.log" -p "$n/" -c "$n/nginx.conf" || return 1
    for port in $TLS_PORTS; do
        for _ in $(seq 1 100); do
            testbed_port_open "$port" && break
            sleep 0.1
        done
        testbed_port_open "$port" || { echo "tls: port $port did not answer within 10 s (see $n/logs/error.log)" >&2; return 1; }
    done
}

tls_stop() {
    local pid _
    if pid="$(_tls_pid)"; then
        kill -QUIT "$pid"
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid"
            sleep 0.5
        fi
        kill -0 "$pid" 2>/dev/null && { echo "tls: nginx (pid $pid) would not stop" >&2; return 1; }
    fi
    rm -f "$(_tls_dir)/nginx/nginx.pid"
}

tls_status() {
    local pid port down=()
    pid="$(_tls_pid)" || pid=""
    for port in $TLS_PORTS; do
        testbed_port_open "$port" || down+=("$port")
    done
    if [ -n "$pid" ] && [ ${#down[@]} -eq 0 ]; then
        echo "tls: up (nginx pid $pid on ${TLS_PORTS// /,})"
        return 0
    fi
    echo "tls: down${pid:+ (nginx pid $pid)}${down[*]:+, not answering: ${down[*]}}"
    return 1
}
