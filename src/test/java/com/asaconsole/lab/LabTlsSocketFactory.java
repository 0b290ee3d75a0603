package com.asaconsole.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * For JNDI's {@code java.naming.ldap.factory.socket}: TLS that trusts exactly the lab DC's
 * certificate (JNDI asks this class for {@code getDefault()}). Test code only.
 */
public final class LabTlsSocketFactory extends SocketFactory {

    private final SSLSocketFactory delegate = SambaLab.dc().sslContext().getSocketFactory();

    public static SocketFactory getDefault() {
        return new LabTlsSocketFactory();
    }

    @Override
    public Socket createSocket() throws IOException {
        return delegate.createSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return delegate.createSocket(address, port, localAddress, localPort);
    }
}
