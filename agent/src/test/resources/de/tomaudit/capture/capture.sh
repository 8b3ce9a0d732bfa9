#!/bin/sh
# Re-creates the captured command outputs in this folder. Run as root on Debian 12 with
# iproute2, nftables, iptables, ufw, redis-server and postgresql-15 installed.
# Everything happens inside fresh network namespaces (unshare -n) and, for ufw, a private
# mount namespace over copies of /etc/ufw and /etc/default/ufw: the machine's own firewall,
# sockets and configuration are never touched.
set -eu
OUT=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"

# --- sockets: real servers on wildcard, loopback and a documentation address -------------
cat > "$WORK/sockets.sh" <<'INNER'
set -eu
ip link set lo up
# no dummy/veth modules in a container: documentation addresses go on lo
ip addr add 192.0.2.10/32 dev lo
ip addr add 2001:db8::10/128 dev lo nodad
W=$1
redis-server --port 6379 --bind '* -::*' --daemonize no --save '' --appendonly no --dir "$W" --logfile "$W/redis.log" &
REDIS=$!
mkdir -p "$W/pg" "$W/pgsock" && chown postgres "$W/pg" "$W/pgsock"
head -c 24 /dev/urandom | base64 > "$W/pw"; chmod 644 "$W/pw"
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$W/pg/data" -U postgres -A scram-sha-256 --pwfile="$W/pw" >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$W/pg/data" -w -l "$W/pg/log" \
  -o "-c listen_addresses=* -c port=5432 -c unix_socket_directories=$W/pgsock" start >/dev/null
python3 - <<'PY' &
import socket, time
socks = []
def tcp(fam, addr, port, v6only=1):
    s = socket.socket(fam, socket.SOCK_STREAM); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((addr, port)); s.listen(); socks.append(s)
def udp(fam, addr, port):
    s = socket.socket(fam, socket.SOCK_DGRAM)
    if fam == socket.AF_INET6: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((addr, port)); socks.append(s)
tcp(socket.AF_INET, "127.0.0.1", 8080)
tcp(socket.AF_INET6, "::1", 9200)
tcp(socket.AF_INET, "192.0.2.10", 4369)
tcp(socket.AF_INET6, "2001:db8::10", 5582)
tcp(socket.AF_INET, "127.0.0.53", 53)
tcp(socket.AF_INET6, "::", 8443, v6only=0)
udp(socket.AF_INET, "0.0.0.0", 3478)
udp(socket.AF_INET6, "::", 3478)
udp(socket.AF_INET, "127.0.0.1", 323)
time.sleep(30)
PY
PY_PID=$!
sleep 2
ss -H -tulpn > "$W/ss-listening.txt"
ss -H -tuln > "$W/ss-listening-noprocess.txt"
for f in tcp tcp6 udp udp6; do cat /proc/net/$f > "$W/proc-net-$f.txt"; done
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$W/pg/data" -w stop >/dev/null
kill "$REDIS" "$PY_PID" 2>/dev/null || true
wait 2>/dev/null || true
INNER
unshare -n sh "$WORK/sockets.sh" "$WORK"
for f in ss-listening.txt ss-listening-noprocess.txt proc-net-tcp.txt proc-net-tcp6.txt proc-net-udp.txt proc-net-udp6.txt; do
  cp "$WORK/$f" "$OUT/$f"
done

# --- nftables: a typical server ruleset, and Debian's stock /etc/nftables.conf -------------
nft -c -f "$OUT/nft-server.nft"
unshare -n sh -c "nft -f '$OUT/nft-server.nft' && nft list ruleset" > "$OUT/nft-ruleset-server.txt"
unshare -n sh -c "nft -f /etc/nftables.conf && nft list ruleset" > "$OUT/nft-ruleset-debian-default.txt"
unshare -n sh -c "nft list ruleset" > "$OUT/nft-ruleset-empty.txt"

# --- iptables (Debian 12: the nf_tables backend) ------------------------------------------
unshare -n sh -c "iptables-restore < '$OUT/iptables-server.rules' && ip6tables-restore < '$OUT/ip6tables-server.rules' \
  && iptables-save > '$WORK/iptables-save.txt' && ip6tables-save > '$WORK/ip6tables-save.txt' \
  && nft list ruleset > '$WORK/nft-of-iptables.txt'"
# the header and trailer comments carry a timestamp: keep them, they are part of the real format
cp "$WORK/iptables-save.txt" "$OUT/iptables-save-server.txt"
cp "$WORK/ip6tables-save.txt" "$OUT/ip6tables-save-server.txt"
cp "$WORK/nft-of-iptables.txt" "$OUT/nft-ruleset-iptables-nft.txt"
unshare -n sh -c "iptables-save" > "$OUT/iptables-save-empty.txt"

# --- ufw: enabled with two rules, in private copies of its configuration ------------------
mkdir -p "$WORK/ufw-etc" "$WORK/ufw-default"
cp -a /etc/ufw/. "$WORK/ufw-etc/"
cp /etc/default/ufw "$WORK/ufw-default/ufw"
unshare -n -m --propagation private sh -c "
  mount --bind '$WORK/ufw-etc' /etc/ufw && mount --bind '$WORK/ufw-default/ufw' /etc/default/ufw &&
  ufw status verbose > '$WORK/ufw-inactive.txt' &&
  ufw --force enable >/dev/null && ufw allow 22/tcp >/dev/null && ufw allow 443 >/dev/null &&
  ufw allow from 10.0.0.0/8 to any port 5432 proto tcp >/dev/null &&
  ufw status verbose > '$WORK/ufw-active.txt' && iptables-save > '$WORK/ufw-iptables-save.txt'"
cp "$WORK/ufw-inactive.txt" "$OUT/ufw-status-inactive.txt"
cp "$WORK/ufw-active.txt" "$OUT/ufw-status-active.txt"
cp "$WORK/ufw-iptables-save.txt" "$OUT/iptables-save-ufw.txt"
mkdir -p "$OUT/ufw-etc"
cp "$WORK/ufw-etc/ufw.conf" "$WORK/ufw-etc/user.rules" "$WORK/ufw-etc/user6.rules" "$OUT/ufw-etc/"
cp "$WORK/ufw-default/ufw" "$OUT/ufw-etc/default-ufw"
echo "captured into $OUT"
