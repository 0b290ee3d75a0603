package com.asaconsole.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS listener of the test's own on loopback, posing as a server the console should never talk
 * to: it counts every connection and every byte it receives after the handshake.
 */
public final class TlsListener implements AutoCloseable {

    private final SSLServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final Thread acceptor;

    public TlsListener(SSLContext tls) throws IOException {
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "tls-listener-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted (a TCP connect counts, even if the handshake fails). */
    public int connections() {
        return connections.get();
    }

    /** Application bytes received after a handshake. */
    public long bytes() {
        return bytes.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread reader = new Thread(() -> read(socket), "tls-listener-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket socket) {
        try (socket; InputStream in = socket.getInputStream()) {
            socket.setSoTimeout(10_000);
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.addAndGet(n);
            }
        } catch (IOException e) {
            // the client gave up, or the handshake failed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
