package com.asaconsole.remoting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs typed Exchange operations on Client Access servers over WS-Management: HTTPS validated
 * against the given trust store, Kerberos (SPNEGO) as the given login, values on standard input.
 * Thread-safe; one instance serves any number of concurrent calls to different servers.
 */
public final class ExchangeRemote {

    private static final Logger log = LoggerFactory.getLogger(ExchangeRemote.class);

    private final WinRsClient client;
    private final io.micrometer.core.instrument.MeterRegistry metrics;

    /**
     * @param login who the console is on the servers
     * @param trustStore the CAs (or exact certificates) the servers' WinRM certificates must chain to;
     *                   the JDK's default CAs are not added
     */
    public ExchangeRemote(WinRmLogin login, KeyStore trustStore) {
        this(login, trustStore, io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    /** @param metrics where asa.remote.calls are recorded (the console's registry; tools outside it pass the global one) */
    public ExchangeRemote(WinRmLogin login, KeyStore trustStore, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.client = new WinRsClient(tls(trustStore), new SpnegoInitiator(login));
        this.metrics = metrics;
    }

    /**
     * Runs {@code operation} on {@code target} and answers its parsed result.
     *
     * @param timeout the whole operation: connection, every WS-Management request and the cmdlets
     * @throws RemoteOperationFailed with a sentence naming the server and what to check
     * @throws IllegalArgumentException if the operation does not exist on the server's Exchange version
     */
    public <R> R run(CasEndpoint target, ExchangeOperation<R> operation, Duration timeout) {
        RenderedScript script = ExchangeScripts.render(operation, target.version(), target.host());
        byte[] stdin = ExchangeScripts.standardInput(operation, target.host());
        long began = System.nanoTime();
        try {
            WinRsClient.Output output = client.run(target, "powershell.exe", script.commandArguments(), stdin,
                    began + timeout.toNanos());
            ScriptOutput result = ScriptOutput.parse(output.stdout());
            if (result.error() != null) {
                throw new RemoteOperationFailed(target.address(), RemoteOperationFailed.Reason.CMDLET_FAILED,
                        target.host() + ": " + operation.name() + " failed: " + result.error(), null);
            }
            if (!result.succeeded()) {
                throw new RemoteOperationFailed(target.address(), RemoteOperationFailed.Reason.PROTOCOL, target.host() + " ran "
                        + operation.name() + " but printed no result (exit code " + output.exitCode() + ")"
                        + stderrHint(output.stderr()), null);
            }
            R value;
            try {
                value = result.read(operation);
            } catch (IllegalStateException e) {
                throw new RemoteOperationFailed(target.address(), RemoteOperationFailed.Reason.PROTOCOL, target.host() + " answered "
                        + operation.name() + " with a result the console can't read: " + e.getMessage(), e);
            }
            log.info("{}: {} done in {} ms", target.address(), operation.name(), (System.nanoTime() - began) / 1_000_000);
            timed(operation.name(), "success", began);
            return value;
        } catch (RemoteOperationFailed e) {
            timed(operation.name(), e.reason().name().toLowerCase(Locale.ROOT), began);
            log.warn("{}: {} failed after {} ms: {}", target.address(), operation.name(), (System.nanoTime() - began) / 1_000_000,
                    e.getMessage());
            throw e;
        } finally {
            Arrays.fill(stdin, (byte) 0);
        }
    }

    /** Reads a PKCS#12 (or, by its .jks name, JKS) trust store file holding the CAs of the servers' WinRM certificates. */
    /** asa.remote.calls by operation and outcome (success or the failure's reason): bounded tags from the code. */
    private void timed(String operation, String outcome, long began) {
        io.micrometer.core.instrument.Timer.builder("asa.remote.calls").description("Exchange operations over WinRM by outcome")
                .tag("operation", operation).tag("outcome", outcome).register(metrics)
                .record(System.nanoTime() - began, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public static KeyStore trustStore(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            String type = file.toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the WinRM trust store " + file + ": " + e.getMessage(), e);
        }
    }

    /** TLS that trusts exactly this store's certificates. */
    static SSLContext tls(KeyStore trustStore) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The WinRM trust store cannot be used: " + e.getMessage(), e);
        }
    }

    /** PowerShell errors outside the try/catch arrive as CLIXML on stderr: show the first readable words. */
    private static String stderrHint(String stderr) {
        String text = stderr.replaceAll("(?s)#< CLIXML", "").replaceAll("<[^>]*>", " ").replace("_x000D__x000A_", " ")
                .replaceAll("\\s+", " ").trim();
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
}
