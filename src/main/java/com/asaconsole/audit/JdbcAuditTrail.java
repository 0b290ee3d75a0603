package com.asaconsole.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.asaconsole.identity.ConsolePrincipal;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends to the chain: locks the single chain-head row, links the new record to the head's hash,
 * seals it with the audit key ({@link AuditKey#seal}), inserts it and moves the head, all in one transaction. The row lock queues concurrent writers on
 * every node, so the chain never forks and {@code seq} has no gaps.
 */
@Component
class JdbcAuditTrail implements AuditTrail {

    /** Bound while a transaction holds the chain lock, to refuse a nested REQUIRES_NEW that would wait on it forever. */
    private static final Object LOCK_HELD = JdbcAuditTrail.class.getName() + ".lock";

    private final JdbcClient jdbc;
    private final AuditKey key;
    private final Clock clock;
    private final TransactionTemplate joining;
    private final TransactionTemplate separate;

    JdbcAuditTrail(JdbcClient jdbc, AuditKey key, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.key = key;
        this.clock = clock;
        this.joining = new TransactionTemplate(transactions);
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public AuditRecord record(AuditEvent event) {
        return write(joining, event);
    }

    @Override
    public Intent intent(AuditEvent event) {
        String correlation = event.correlation() != null ? event.correlation() : UUID.randomUUID().toString();
        AuditRecord written = write(separate, event.withOutcome(Outcome.PENDING).withCorrelation(correlation));
        return new Intent(written.seq(), correlation, event.withCorrelation(correlation));
    }

    @Override
    public AuditRecord outcome(Intent intent, Outcome outcome, Map<String, String> details) {
        if (outcome == Outcome.PENDING) {
            throw new IllegalArgumentException("an outcome is not PENDING");
        }
        Map<String, String> all = new LinkedHashMap<>(intent.event().details());
        if (details != null) {
            all.putAll(details);
        }
        all.put("intent", Long.toString(intent.seq()));
        AuditEvent event = intent.event();
        return write(separate, new AuditEvent(event.action(), event.target(), outcome, all, intent.correlation(), event.actor(),
                event.sourceAddress()));
    }

    private AuditRecord write(TransactionTemplate template, AuditEvent event) {
        if (template == separate && TransactionSynchronizationManager.hasResource(LOCK_HELD)) {
            throw new IllegalStateException("intent/outcome called inside a transaction that already holds the audit chain "
                    + "lock; it would wait for itself. Record side effects outside that transaction.");
        }
        AuditRecord unsealed = unsealed(event);
        try {
            return template.execute(status -> append(unsealed));
        } catch (DataAccessException | IllegalStateException e) {
            throw new AuditUnavailable("The audit trail cannot record '" + event.action() + "': " + rootMessage(e), e);
        }
    }

    private AuditRecord append(AuditRecord r) {
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim())).optional()
                .orElseThrow(() -> new IllegalStateException("the audit chain head is missing"));
        holdLock();
        AuditRecord linked = new AuditRecord(head.seq() + 1, r.occurredAt(), r.actorId(), r.actorName(), r.sourceAddress(),
                r.action(), r.target(), r.outcome(), r.correlation(), r.details(), head.hash(), null);
        AuditRecord sealed = new AuditRecord(linked.seq(), linked.occurredAt(), linked.actorId(), linked.actorName(),
                linked.sourceAddress(), linked.action(), linked.target(), linked.outcome(), linked.correlation(),
                linked.details(), linked.prevHash(), ChainHash.of(linked));
        jdbc.sql("""
                INSERT INTO audit_record (seq, occurred_at, actor_id, actor_name, source_address, action, target, outcome,
                    correlation, details, prev_hash, hash, seal)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sealed.seq(), Timestamp.from(sealed.occurredAt()), sealed.actorId(), sealed.actorName(),
                        sealed.sourceAddress(), sealed.action(), sealed.target(), sealed.outcome().name(), sealed.correlation(),
                        sealed.details(), sealed.prevHash(), sealed.hash(), key.seal(sealed.seq(), sealed.hash()))
                .update();
        int moved = jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1 AND last_seq = ?")
                .params(sealed.seq(), sealed.hash(), head.seq()).update();
        if (moved != 1) {
            throw new IllegalStateException("the audit chain head moved while locked");
        }
        return sealed;
    }

    private static void holdLock() {
        if (TransactionSynchronizationManager.isSynchronizationActive() && !TransactionSynchronizationManager.hasResource(LOCK_HELD)) {
            TransactionSynchronizationManager.bindResource(LOCK_HELD, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(LOCK_HELD);
                }
            });
        }
    }

    /** The record without its place in the chain: time, actor, source, masked details. */
    private AuditRecord unsealed(AuditEvent event) {
        Actor actor = event.actor() != null ? event.actor() : currentActor();
        String source = event.sourceAddress() != null ? event.sourceAddress() : currentAddress();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return new AuditRecord(0, now, SecretMask.cap(actor.id(), 255), SecretMask.cap(actor.displayName(), 255),
                SecretMask.cap(source, 100), SecretMask.cap(event.action(), 100), SecretMask.cap(event.target(), 500),
                event.outcome(), SecretMask.cap(event.correlation(), 100), details(event.details()), null, null);
    }

    static String details(Map<String, String> raw) {
        Map<String, String> masked = SecretMask.mask(raw);
        String json = ChainHash.detailsJson(masked);
        while (json.length() > SecretMask.MAX_DETAILS && !masked.isEmpty()) {
            String last = masked.keySet().stream().reduce((a, b) -> b).orElseThrow();
            masked.remove(last);
            json = ChainHash.detailsJson(withTruncationMark(masked));
        }
        return json;
    }

    private static Map<String, String> withTruncationMark(Map<String, String> masked) {
        Map<String, String> marked = new LinkedHashMap<>(masked);
        marked.put("_truncated", "true");
        return marked;
    }

    static Actor currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()) {
            return Actor.SYSTEM;
        }
        if (authentication.getPrincipal() instanceof ConsolePrincipal principal) {
            return new Actor(principal.stableId(), principal.displayName());
        }
        return new Actor("user:" + authentication.getName(), authentication.getName());
    }

    static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    private record Head(long seq, String hash) {
    }
}
