package com.asaconsole.directory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts exactly the configured certificates (the DC's own or its CA), with host name
 * verification left on. JNDI only accepts a socket factory as a class name with a static
 * {@code getDefault()}, so the factory for the connection being opened is handed over in a
 * thread-local that is set around each connect ({@link TrustedContextSource}).
 */
final class TlsTrust {

    private static final ThreadLocal<SSLSocketFactory> CURRENT = new ThreadLocal<>();

    private TlsTrust() {
    }

    /** Why the pasted text can't serve as the trusted certificate, or empty when it is one or more PEM certificates. */
    static java.util.Optional<String> certificateProblem(String pem) {
        String sentence = "This is not a certificate in PEM form: paste the DC's or its CA's certificate, from -----BEGIN CERTIFICATE----- "
                + "to -----END CERTIFICATE----- (export it as Base-64 encoded X.509 in Windows).";
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            return java.util.Optional.of(sentence);
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
            return certificates.isEmpty() ? java.util.Optional.of(sentence) : java.util.Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return java.util.Optional.of(sentence);
        }
    }

    static SSLSocketFactory socketFactory(String pem) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Collection<? extends Certificate> certificates = cf.generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new DirectoryException("The trusted certificate field holds no PEM certificate.");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                trust.setCertificateEntry("trusted-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new DirectoryException("The trusted certificate can't be read as PEM: " + e.getMessage(), e);
        }
    }

    static void use(SSLSocketFactory factory) {
        CURRENT.set(factory);
    }

    static void clear() {
        CURRENT.remove();
    }

    /** What JNDI instantiates (by name) for {@code java.naming.ldap.factory.socket}. */
    public static final class JndiSocketFactory extends SocketFactory {

        private final SSLSocketFactory delegate;

        private JndiSocketFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        public static SocketFactory getDefault() {
            SSLSocketFactory factory = CURRENT.get();
            if (factory == null) {
                throw new IllegalStateException("no directory trust set for this connection");
            }
            return new JndiSocketFactory(factory);
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
}
