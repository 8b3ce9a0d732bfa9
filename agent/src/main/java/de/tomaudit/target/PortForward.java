package de.tomaudit.target;

/** A local port on 127.0.0.1 forwarded through a target's connection; {@link #close()} removes it. */
public interface PortForward extends AutoCloseable {

    int localPort();

    @Override
    void close();
}
