package de.tomaudit.collect.host;

import de.tomaudit.parse.sockets.ListeningSocket;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The services that must not listen on a public address (rule host.exposed-services), as data:
 * each with its well-known ports and process names (as ss shows them, the kernel's 15-character
 * {@code comm}). A socket matches by port or, where ss knows the process, by process name.
 *
 * <table>
 * <tr><th>service</th><th>ports</th><th>processes</th><th>why</th></tr>
 * <tr><td>postgresql</td><td>tcp 5432</td><td>postgres, postmaster</td><td>database with personal data</td></tr>
 * <tr><td>redis</td><td>tcp 6379, 26379 (sentinel)</td><td>redis-server, redis-sentinel</td><td>no authentication by default</td></tr>
 * <tr><td>elasticsearch</td><td>tcp 9200, 9300</td><td>-</td><td>Mastodon full-text search: whole posts</td></tr>
 * <tr><td>epmd</td><td>tcp 4369</td><td>epmd</td><td>Erlang port mapper: names the distribution ports</td></tr>
 * <tr><td>erlang-distribution</td><td>any port of beam/beam.smp other than the known application ports below</td><td>beam.smp, beam</td><td>cookie-only authentication, remote code execution</td></tr>
 * <tr><td>prosody-admin</td><td>tcp 5582</td><td>-</td><td>mod_admin_telnet: unauthenticated admin console</td></tr>
 * <tr><td>memcached</td><td>tcp/udp 11211</td><td>memcached</td><td>no authentication; UDP amplification</td></tr>
 * <tr><td>mysql</td><td>tcp 3306</td><td>mysqld, mariadbd</td><td>database</td></tr>
 * <tr><td>mongodb</td><td>tcp 27017</td><td>mongod</td><td>database</td></tr>
 * </table>
 *
 * <p>Erlang application ports not counted as distribution: XMPP 5222, 5223, 5269, 5270,
 * HTTP(S) 80, 443, 5280, 5281, 5443, STUN/TURN 3478, 5349, MQTT 1883, 8883, proxy65 7777,
 * AMQP 5671, 5672, 15672, STOMP 61613. ejabberd's HTTP admin on 5280/5443 depends on its
 * configuration and is judged by the ejabberd rules, not here.
 */
final class SocketsSensitiveServices {

    record Service(String name, String proto, Set<Integer> ports, Set<String> processes) { }

    static final List<Service> SERVICES = List.of(
            new Service("postgresql", "tcp", Set.of(5432), Set.of("postgres", "postmaster")),
            new Service("redis", "tcp", Set.of(6379, 26379), Set.of("redis-server", "redis-sentinel")),
            new Service("elasticsearch", "tcp", Set.of(9200, 9300), Set.of()),
            new Service("epmd", "tcp", Set.of(4369), Set.of("epmd")),
            new Service("prosody-admin", "tcp", Set.of(5582), Set.of()),
            new Service("memcached", "", Set.of(11211), Set.of("memcached")),
            new Service("mysql", "tcp", Set.of(3306), Set.of("mysqld", "mariadbd")),
            new Service("mongodb", "tcp", Set.of(27017), Set.of("mongod")));

    static final Set<String> ERLANG_PROCESSES = Set.of("beam.smp", "beam");
    static final Set<Integer> ERLANG_APPLICATION_PORTS = Set.of(80, 443, 1883, 3478, 5222, 5223, 5269, 5270, 5280,
            5281, 5349, 5443, 5671, 5672, 7777, 8883, 15672, 61613);

    private SocketsSensitiveServices() { }

    /** The sensitive service this socket is, if any. */
    static Optional<String> classify(ListeningSocket s) {
        for (Service svc : SERVICES) {
            boolean protoOk = svc.proto().isEmpty() || svc.proto().equals(s.proto());
            boolean byPort = protoOk && svc.ports().contains(s.port());
            boolean byProcess = s.process().map(svc.processes()::contains).orElse(false);
            if (byPort || byProcess) {
                return Optional.of(svc.name());
            }
        }
        if (s.proto().equals("tcp") && s.process().map(ERLANG_PROCESSES::contains).orElse(false)
                && !ERLANG_APPLICATION_PORTS.contains(s.port())) {
            return Optional.of("erlang-distribution");
        }
        return Optional.empty();
    }
}
