package com.asaconsole.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;

import com.asaconsole.identity.SignInFailed;
import com.asaconsole.input.UserNames;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed and throttled sign-ins are the one thing anyone can write into the trail without signing
 * in, so they are bounded: the first failure of a user name from an address is recorded at once;
 * further ones within {@code asa.audit.sign-in-failure-window} are counted and recorded as one
 * record with the count when the window closes. Names are cleaned ({@link UserNames#clean}: no
 * control, bidi or invisible characters) and capped before anything is stored. An address that
 * tries more than {@code MAX_NAMES_PER_ADDRESS} names in a window has the further ones counted
 * together (target "several user names"); beyond {@code MAX_OPEN} open counts, all addresses are
 * counted together. So one address adds at most about twenty records a window, and everyone
 * together at most about a thousand.
 */
@Component
class SignInFailures {

    static final int MAX_OPEN = 1_000;
    static final int MAX_NAMES_PER_ADDRESS = 20;
    static final String SEVERAL_NAMES = "several user names";
    static final String ANY_ADDRESS = "several addresses";

    private static final Logger log = LoggerFactory.getLogger(SignInFailures.class);

    private record Key(String name, String address) {
    }

    private static final class Tally {
        final String name;
        final Instant first;
        Instant last;
        int failures;
        int throttled;
        String method;
        String reason;

        Tally(String name, Instant first) {
            this.name = name;
            this.first = first;
            this.last = first;
        }

        void add(SignInFailed event, Instant at) {
            last = at;
            if (event.throttled()) {
                throttled++;
            } else {
                failures++;
            }
            method = event.method().name();
            reason = event.reason();
        }

        int further() {
            return failures + throttled;
        }
    }

    private final AuditTrail trail;
    private final Clock clock;
    private final Duration window;
    private final Map<Key, Tally> open = new LinkedHashMap<>();
    private final Map<String, Integer> namesPerAddress = new java.util.HashMap<>();

    SignInFailures(AuditTrail trail, Clock clock, AuditProperties properties) {
        this.trail = trail;
        this.clock = clock;
        this.window = properties.signInFailureWindow();
    }

    /** Records the failure now if it is the first of its name and address in the window; counts it otherwise. */
    void failed(SignInFailed event) {
        String name = SecretMask.cap(UserNames.clean(event.username()), 100);
        String address = event.sourceAddress() == null ? "" : event.sourceAddress();
        Instant now = clock.instant();
        Key key = new Key(UserNames.key(name), address);
        synchronized (this) {
            Tally tally = open.get(key);
            if (tally != null) {
                tally.add(event, now);
                return;
            }
            if (open.size() >= MAX_OPEN || namesPerAddress.getOrDefault(address, 0) >= MAX_NAMES_PER_ADDRESS) {
                // a flood of names: counted together, per address while there is room, else for all addresses
                Key several = open.size() >= MAX_OPEN && !open.containsKey(new Key(SEVERAL_NAMES, address))
                        ? new Key(SEVERAL_NAMES, ANY_ADDRESS) : new Key(SEVERAL_NAMES, address);
                open.computeIfAbsent(several, k -> new Tally(SEVERAL_NAMES, now)).add(event, now);
                return;
            }
            open.put(key, new Tally(name, now));
            namesPerAddress.merge(address, 1, Integer::sum);
        }
        try {
            trail.record(event(name, event.sourceAddress(), event.throttled() ? Outcome.REFUSED : Outcome.FAILURE)
                    .withDetail("method", event.method().name()).withDetail("reason", SecretMask.cap(event.reason(), 200)));
        } catch (RuntimeException e) {
            synchronized (this) {
                if (open.remove(key) != null) {
                    namesPerAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
                }
            }
            throw e;
        }
    }

    /** Writes one counted record for each name and address whose window has closed (or all, when stopping). */
    @Scheduled(fixedDelayString = "${asa.audit.sign-in-failure-flush:10s}", initialDelayString = "${asa.audit.sign-in-failure-flush:10s}")
    void flush() {
        flush(false);
    }

    @PreDestroy
    void flushAll() {
        flush(true);
    }

    void flush(boolean all) {
        Instant now = clock.instant();
        List<Map.Entry<Key, Tally>> closed = new ArrayList<>();
        synchronized (this) {
            var it = open.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Key, Tally> e = it.next();
                if (all || !e.getValue().first.plus(window).isAfter(now)) {
                    it.remove();
                    if (!e.getKey().name().equals(SEVERAL_NAMES)) {
                        namesPerAddress.computeIfPresent(e.getKey().address(), (a, n) -> n > 1 ? n - 1 : null);
                    }
                    if (e.getValue().further() > 0) {
                        closed.add(e);
                    }
                }
            }
        }
        for (Map.Entry<Key, Tally> e : closed) {
            Tally t = e.getValue();
            String address = e.getKey().address();
            try {
                trail.record(event(t.name, address.isEmpty() || address.equals(ANY_ADDRESS) ? null : address,
                        t.failures == 0 ? Outcome.REFUSED : Outcome.FAILURE)
                        .withDetail("method", t.method)
                        .withDetail("reason", SecretMask.cap(t.reason, 200))
                        .withDetail("attempts", t.further())
                        .withDetail("failed", t.failures)
                        .withDetail("throttled", t.throttled)
                        .withDetail("from", t.first.truncatedTo(ChronoUnit.SECONDS))
                        .withDetail("to", t.last.truncatedTo(ChronoUnit.SECONDS))
                        .withDetail("addresses", address.equals(ANY_ADDRESS) ? ANY_ADDRESS : null));
            } catch (RuntimeException ex) {
                log.error("Could not record {} further failed sign-ins for {}: {}", t.further(), t.name, ex.getMessage());
            }
        }
    }

    private static AuditEvent event(String name, String address, Outcome outcome) {
        return AuditEvent.of("sign-in", name).by(new Actor("anonymous", "anonymous (typed: " + name + ")")).from(address)
                .withOutcome(outcome);
    }
}
