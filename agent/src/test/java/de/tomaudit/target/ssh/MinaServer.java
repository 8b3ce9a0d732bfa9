package de.tomaudit.target.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * An embedded Apache MINA SSHD on 127.0.0.1 for servers that must misbehave: each exec request is
 * recorded and answered by a {@link Handler} (print and exit, hang, drop the connection). No SFTP.
 */
final class MinaServer implements AutoCloseable {

    /** Answers one exec request. */
    interface Handler {
        void handle(String command, Exec exec) throws Exception;
    }

    /** One running exec request, for its handler. */
    static final class Exec {
        final OutputStream out;
        final OutputStream err;
        private final ExitCallback exit;
        private final ChannelSession channel;
        private final CountDownLatch destroyed;

        Exec(OutputStream out, OutputStream err, ExitCallback exit, ChannelSession channel, CountDownLatch destroyed) {
            this.out = out;
            this.err = err;
            this.exit = exit;
            this.channel = channel;
            this.destroyed = destroyed;
        }

        void print(String stdout, String stderr, int code) throws IOException {
            out.write(stdout.getBytes(StandardCharsets.UTF_8));
            out.flush();
            err.write(stderr.getBytes(StandardCharsets.UTF_8));
            err.flush();
            exit.onExit(code);
        }

        /** Blocks until the client closes the channel (or 60 s). */
        void hang() throws InterruptedException {
            destroyed.await(60, TimeUnit.SECONDS);
        }

        /** Closes the channel without running anything: no output, no exit status. */
        void closeUnrun() throws IOException {
            channel.close(false);
        }

        /** Writes a little, then drops the whole connection without a reply. */
        void drop(String partial) throws IOException {
            out.write(partial.getBytes(StandardCharsets.UTF_8));
            out.flush();
            channel.getSession().close(true);
        }
    }

    final List<String> commands = new CopyOnWriteArrayList<>();
    final AtomicInteger destroyedCommands = new AtomicInteger();
    private final SshServer server;
    private final java.security.KeyPair hostKey;

    private MinaServer(SshServer server, java.security.KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    static MinaServer start(Handler handler) throws Exception {
        return start(handler, (user, key) -> true);
    }

    static MinaServer start(Handler handler, BiPredicate<String, java.security.PublicKey> auth) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        java.security.KeyPair hostKey = g.generateKeyPair();
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(0);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        s.setPublickeyAuthenticator((user, key, session) -> auth.test(user, key));
        s.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        MinaServer mina = new MinaServer(s, hostKey);
        s.setCommandFactory((channel, command) -> mina.new ExecCommand(command, handler));
        s.start();
        return mina;
    }

    int port() {
        return server.getPort();
    }

    /** SSH sessions open on this server right now. */
    int sessions() {
        return server.getActiveSessions().size();
    }

    /** A known_hosts line for this server's host key. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    Path knownHosts(Path dir) throws IOException {
        return Files.writeString(dir.resolve("known_hosts-" + port()), knownHostsLine() + "\n");
    }

    /** A fresh ECDSA client key (PEM); returns the private key file. */
    static Path clientKey(Path dir, String name) throws Exception {
        KeyPair kp = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        Path f = dir.resolve(name);
        kp.writePrivateKey(f.toString());
        kp.dispose();
        return f;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private final class ExecCommand implements Command {
        private final String command;
        private final Handler handler;
        private final CountDownLatch destroyed = new CountDownLatch(1);
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        ExecCommand(String command, Handler handler) {
            this.command = command;
            this.handler = handler;
        }

        @Override public void setInputStream(InputStream in) { }
        @Override public void setOutputStream(OutputStream out) { this.out = out; }
        @Override public void setErrorStream(OutputStream err) { this.err = err; }
        @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

        @Override
        public void start(ChannelSession channel, Environment env) {
            commands.add(command);
            Thread t = new Thread(() -> {
                try {
                    handler.handle(command, new Exec(out, err, exit, channel, destroyed));
                } catch (Exception e) {
                    try {
                        exit.onExit(255, e.toString());
                    } catch (RuntimeException ignored) {
                        // channel already gone
                    }
                }
            }, "mina-exec");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            destroyedCommands.incrementAndGet();
            destroyed.countDown();
        }
    }
}
