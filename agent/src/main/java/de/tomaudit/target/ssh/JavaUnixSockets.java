package de.tomaudit.target.ssh;

import com.jcraft.jsch.USocketFactory;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Unix domain sockets from the JDK itself (Java 16+), for JSch's ssh-agent connector. JSch ships
 * an equal class only as a multi-release class, which a shaded jar without {@code Multi-Release:
 * true} in its manifest silently replaces with a stub that refuses to work.
 */
final class JavaUnixSockets implements USocketFactory {

    @Override
    public SocketChannel connect(Path path) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public ServerSocketChannel bind(Path path) throws IOException {
        throw new IOException("tomaudit never listens on a socket");
    }
}
