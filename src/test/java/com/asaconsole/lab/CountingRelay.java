package com.asaconsole.lab;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

/**
 * A TCP relay on 127.0.0.1 in front of one of the lab DC's ports that counts what passes through it,
 * read off the wire and not from the console's code: how much load a client puts on the DC.
 * <ul>
 * <li>{@link Protocol#KERBEROS}: the KDC over TCP (RFC 4120 7.2.2: a 4-byte length, then the message);
 * each request is counted by its ASN.1 application tag (AS-REQ, TGS-REQ), each answer too (AS-REP,
 * TGS-REP, KRB-ERROR). The JDK opens one connection per request.</li>
 * <li>{@link Protocol#LDAP}: LDAPS, the TLS ended here with the DC's own certificate and key and begun
 * again towards the DC; each LDAPMessage is counted by its protocolOp (bind, search, modify, …), and
 * each connection (a TLS handshake and a bind on the DC).</li>
 * </ul>
 * Test and benchmark code only: it holds the DC's private key.
 */
public final class CountingRelay implements AutoCloseable {

    public enum Protocol { KERBEROS, LDAP }

    private final String name;
    private final int target;
    private final Protocol protocol;
    private final SSLContext serverTls;
    private final SSLContext clientTls;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "counting-relay");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /**
     * @param target the DC's port on 127.0.0.1
     * @param serverTls for LDAP: the TLS the relay presents (the DC's certificate and key); null for Kerberos
     * @param clientTls for LDAP: the TLS towards the DC (trusting its certificate); null for Kerberos
     */
    public CountingRelay(String name, int target, Protocol protocol, SSLContext serverTls, SSLContext clientTls) {
        this.name = name;
        this.target = target;
        this.protocol = protocol;
        this.serverTls = serverTls;
        this.clientTls = clientTls;
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            this.listener = serverTls == null ? new ServerSocket(0, 200, loopback)
                    : serverTls.getServerSocketFactory().createServerSocket(0, 200, loopback);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        threads.execute(this::acceptLoop);
    }

    /** LDAPS relays in front of the DC (636) and the Global Catalog (3269). */
    public static CountingRelay ldaps(SambaDc dc, String name, int target) {
        return new CountingRelay(name, target, Protocol.LDAP, presentingDc(dc), dc.sslContext());
    }

    /** The KDC relay. */
    public static CountingRelay kdc() {
        return new CountingRelay("KDC", 88, Protocol.KERBEROS, null, null);
    }

    /** TLS with the DC's own certificate and key (Samba's private/tls, made into PKCS#12 by openssl: the JDK reads no PEM keys). */
    static SSLContext presentingDc(SambaDc dc) {
        java.nio.file.Path tls = dc.dir().resolve("private/tls");
        java.nio.file.Path p12 = dc.dir().resolve("relay-dc.p12");
        char[] password = "relay".toCharArray();
        LabProcess.run(java.time.Duration.ofMinutes(1), dc.dir().resolve("relay-openssl.log"), LabProcess.require("openssl").toString(),
                "pkcs12", "-export", "-in", tls.resolve("cert.pem").toString(), "-inkey", tls.resolve("key.pem").toString(),
                "-name", "dc", "-passout", "pass:relay", "-out", p12.toString());
        try (InputStream in = java.nio.file.Files.newInputStream(p12)) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, password);
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory
                    .getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the DC's key for the LDAP relay", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public String name() {
        return name;
    }

    /** What passed since the last reset, by kind (connections, AS-REQ, searchRequest, …). */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public long count(String kind) {
        AtomicLong c = counts.get(kind);
        return c == null ? 0 : c.get();
    }

    public void reset() {
        counts.clear();
    }

    private void add(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                threads.execute(() -> relay(client));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.out.printf("[relay] %s: accept failed: %s%n", name, e.getMessage());
                }
            }
        }
    }

    private void relay(Socket client) {
        add("connections");
        try (client; Socket server = clientTls == null ? new Socket("127.0.0.1", target)
                : clientTls.getSocketFactory().createSocket("127.0.0.1", target)) {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            InputStream fromClient = client.getInputStream();
            OutputStream toServer = server.getOutputStream();
            InputStream fromServer = server.getInputStream();
            OutputStream toClient = client.getOutputStream();
            var answers = threads.submit(() -> {
                pump(fromServer, toClient, false);
                return null;
            });
            try {
                pump(fromClient, toServer, true);
            } finally {
                // the client is done: the DC's answers have all been read by then for Kerberos; LDAP ends with an unbind
                try {
                    answers.get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    answers.cancel(true);
                }
            }
        } catch (IOException e) {
            add("relay errors");
        }
    }

    /** Copies one direction message by message, counting each. */
    private void pump(InputStream in, OutputStream out, boolean requests) {
        DataInputStream data = new DataInputStream(in);
        try {
            while (true) {
                byte[] message = protocol == Protocol.KERBEROS ? kerberosMessage(data) : berMessage(data);
                if (message == null) {
                    break;
                }
                add(protocol == Protocol.KERBEROS ? kerberosKind(message) : ldapKind(message));
                out.write(message);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed: so does this direction
        } finally {
            try {
                if (requests) {
                    out.flush();
                }
                out.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    /** A Kerberos message over TCP with its 4-byte length prefix, or null at the end of the stream. */
    private static byte[] kerberosMessage(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0 || length > 1 << 20) {
            throw new IOException("not a Kerberos TCP message (length " + length + ")");
        }
        byte[] message = new byte[4 + length];
        message[0] = (byte) (length >>> 24);
        message[1] = (byte) (length >>> 16);
        message[2] = (byte) (length >>> 8);
        message[3] = (byte) length;
        in.readFully(message, 4, length);
        return message;
    }

    private static String kerberosKind(byte[] message) {
        int tag = message.length > 4 ? message[4] & 0xff : -1;
        return switch (tag) {
        case 0x6a -> "AS-REQ";
        case 0x6b -> "AS-REP";
        case 0x6c -> "TGS-REQ";
        case 0x6d -> "TGS-REP";
        case 0x7e -> "KRB-ERROR";
        default -> "kerberos tag 0x" + Integer.toHexString(tag);
        };
    }

    /** One BER element (an LDAPMessage), tag and length included, or null at the end of the stream. */
    private static byte[] berMessage(DataInputStream in) throws IOException {
        int tag = in.read();
        if (tag < 0) {
            return null;
        }
        int first = in.readUnsignedByte();
        byte[] lengthBytes;
        long length;
        if (first < 0x80) {
            lengthBytes = new byte[0];
            length = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4) {
                throw new IOException("not an LDAP message (length of " + n + " bytes)");
            }
            lengthBytes = new byte[n];
            in.readFully(lengthBytes);
            length = 0;
            for (byte b : lengthBytes) {
                length = (length << 8) | (b & 0xff);
            }
        }
        if (length > 64L << 20) {
            throw new IOException("LDAP message of " + length + " bytes");
        }
        byte[] message = new byte[2 + lengthBytes.length + (int) length];
        message[0] = (byte) tag;
        message[1] = (byte) first;
        System.arraycopy(lengthBytes, 0, message, 2, lengthBytes.length);
        in.readFully(message, 2 + lengthBytes.length, (int) length);
        return message;
    }

    /** The protocolOp of an LDAPMessage: SEQUENCE { messageID INTEGER, protocolOp [APPLICATION n], … }. */
    static String ldapKind(byte[] message) {
        int i = 1;
        int first = message[i++] & 0xff;
        if (first >= 0x80) {
            i += first & 0x7f;
        }
        // messageID: INTEGER with a short length
        if (i + 1 >= message.length || message[i] != 0x02) {
            return "ldap (unparsed)";
        }
        i += 2 + (message[i + 1] & 0xff);
        if (i >= message.length) {
            return "ldap (unparsed)";
        }
        return switch (message[i] & 0xff) {
        case 0x60 -> "bindRequest";
        case 0x61 -> "bindResponse";
        case 0x42 -> "unbindRequest";
        case 0x63 -> "searchRequest";
        case 0x64 -> "searchResultEntry";
        case 0x65 -> "searchResultDone";
        case 0x73 -> "searchResultReference";
        case 0x66 -> "modifyRequest";
        case 0x67 -> "modifyResponse";
        case 0x68 -> "addRequest";
        case 0x69 -> "addResponse";
        case 0x4a -> "delRequest";
        case 0x6b -> "delResponse";
        case 0x77 -> "extendedRequest";
        case 0x78 -> "extendedResponse";
        case 0x50 -> "abandonRequest";
        default -> "ldap op 0x" + Integer.toHexString(message[i] & 0xff);
        };
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
        threads.shutdownNow();
    }
}
