package com.asaconsole.identity;


import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import com.asaconsole.formats.Sha256;

/**
 * Personal API tokens (ADR 30): created by their owner with a name, an expiry and optionally a narrower role, shown
 * once, kept only as a SHA-256 hash, listed with their last use, revoked by the owner or any admin. Each creation
 * and revocation is audited in the same transaction ({@link ApiTokenChanged} is recorded synchronously).
 */
@Service
class ApiTokens {

    /** Tokens start with this, so that secret scanners and people recognise one. */
    static final String PREFIX = "asa_";
    /** Only an admin's token may read the metrics and nothing else. */
    static final String SCRAPE = "SCRAPE";
    static final int MAX_DAYS = 365;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._:/-]{1,100}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a person may get wrong when creating a token; field is the form field the sentence belongs to. */
    static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /** A token as listed: never its value. */
    record Token(long id, String name, String hint, String ownerId, String ownerName, String ownerGuid, String scope,
            Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy) {

        public boolean revoked() {
            return revokedAt != null;
        }

        public boolean expired(Instant now) {
            return !expiresAt.isAfter(now);
        }

        public String state(Instant now) {
            return revoked() ? "revoked" : expired(now) ? "expired" : "active";
        }
    }

    /** The token just created and its value, to show once; {@link #toString()} masks the value. */
    record Created(Token token, String value) {
        @Override
        public String toString() {
            return "Created[" + token.name() + ", ********]";
        }
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A new token for the signed-in {@code owner}. {@code scope} is blank (all the owner's roles), one of the owner's
     * roles, or {@link #SCRAPE} (admins only: reads /actuator/prometheus and nothing else).
     */
    @Transactional
    Created create(ConsoleUser owner, String ownerGuid, String name, Integer days, String scope) {
        if (!owner.method().person()) {
            throw new Refused(null, "Only people signed in with a console or directory account create API tokens.");
        }
        String cleanName = name == null ? "" : name.strip();
        if (!NAME.matcher(cleanName).matches()) {
            throw new Refused("name", "Name the token in 1 to 100 letters, digits, spaces, dots, hyphens or slashes, e.g. servicenow-prod.");
        }
        if (days == null || days < 1 || days > MAX_DAYS) {
            throw new Refused("days", "Choose a lifetime between 1 and " + MAX_DAYS + " days.");
        }
        String cleanScope = scope == null || scope.isBlank() ? null : scope.strip();
        if (cleanScope != null) {
            if (SCRAPE.equals(cleanScope)) {
                if (!owner.roles().contains(Role.ADMIN)) {
                    throw new Refused("scope", "Only Exchange admins create metrics scrape tokens.");
                }
            } else {
                Role role = java.util.Arrays.stream(Role.values()).filter(r -> r.name().equals(cleanScope)).findFirst()
                        .orElseThrow(() -> new Refused("scope", "Choose one of your roles or leave the role open."));
                if (!owner.roles().contains(role)) {
                    throw new Refused("scope", "A token can only narrow your roles; you do not hold " + role.label() + ".");
                }
            }
        }
        boolean taken = jdbc.sql("SELECT COUNT(*) FROM api_token WHERE owner_id = :o AND name = :n AND revoked_at IS NULL AND expires_at > :now")
                .param("o", owner.stableId()).param("n", cleanName).param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class).single() > 0;
        if (taken) {
            throw new Refused("name", "You have an active token named " + cleanName + " already; choose another name or revoke it first.");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_token (token_hash, hint, name, owner_id, owner_name, owner_guid, scope, created_at, expires_at) "
                + "VALUES (:hash, :hint, :name, :owner, :ownerName, :guid, :scope, :now, :expires)")
                .param("hash", hash(value)).param("hint", value.substring(0, PREFIX.length() + 4)).param("name", cleanName)
                .param("owner", owner.stableId()).param("ownerName", owner.displayName()).param("guid", ownerGuid)
                .param("scope", cleanScope).param("now", now.atOffset(ZoneOffset.UTC))
                .param("expires", now.plus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC)).update(keys, "id");
        Token token = find(keys.getKey().longValue()).orElseThrow();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("owner", owner.stableId());
        details.put("expires", token.expiresAt().toString());
        details.put("scope", cleanScope == null ? "owner's roles" : cleanScope);
        events.publishEvent(new ApiTokenChanged("created", describe(token), owner.stableId(), owner.displayName(), details));
        return new Created(token, value);
    }

    /** The owner revokes their own token; an admin revokes anyone's. */
    @Transactional
    Token revoke(long id, ConsoleUser by) {
        Token token = find(id).orElseThrow(() -> new Refused(null, "There is no API token " + id + "."));
        if (!token.ownerId().equals(by.stableId()) && !by.roles().contains(Role.ADMIN)) {
            throw new Refused(null, "Only its owner or an Exchange admin revokes this token.");
        }
        if (token.revoked()) {
            throw new Refused(null, "The token " + token.name() + " was revoked already.");
        }
        jdbc.sql("UPDATE api_token SET revoked_at = :now, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC)).param("by", by.displayName()).param("id", id).update();
        events.publishEvent(new ApiTokenChanged("revoked", describe(token), by.stableId(), by.displayName(),
                Map.of("owner", token.ownerId())));
        return find(id).orElseThrow();
    }

    /**
     * Revokes every active token of an owner, each recorded like a revocation by hand with the reason: a local account
     * whose password was reset or that was turned off must not keep acting through a script's token (ADR 30).
     *
     * @return how many were revoked
     */
    @Transactional
    int revokeAllOf(String ownerId, ConsoleUser by, String reason) {
        Instant now = clock.instant();
        List<Token> active = ofOwner(ownerId).stream().filter(t -> !t.revoked() && !t.expired(now)).toList();
        for (Token token : active) {
            jdbc.sql("UPDATE api_token SET revoked_at = :now, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
                    .param("now", now.atOffset(ZoneOffset.UTC)).param("by", by.displayName()).param("id", token.id()).update();
            events.publishEvent(new ApiTokenChanged("revoked", describe(token), by.stableId(), by.displayName(),
                    Map.of("owner", token.ownerId(), "reason", reason)));
        }
        return active.size();
    }

    List<Token> ofOwner(String ownerId) {
        return jdbc.sql(SELECT + " WHERE owner_id = :o ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC").param("o", ownerId)
                .query(ApiTokens::token).list();
    }

    /** Every token, newest first (admins' overview), at most {@code limit}. */
    List<Token> all(int limit) {
        return jdbc.sql(SELECT + " ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC LIMIT :limit").param("limit", limit)
                .query(ApiTokens::token).list();
    }

    Optional<Token> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(ApiTokens::token).optional();
    }

    /** The token whose value this is, whatever its state (the caller says why it can't be used). */
    Optional<Token> byValue(String value) {
        if (value == null || !value.startsWith(PREFIX) || value.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " WHERE token_hash = :h").param("h", hash(value)).query(ApiTokens::token).optional();
    }

    /** Notes a use; at most once a minute per token, so that a busy script does not write on every call. */
    void used(Token token) {
        Instant now = clock.instant();
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minusSeconds(60))) {
            jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id").param("now", now.atOffset(ZoneOffset.UTC))
                    .param("id", token.id()).update();
        }
    }

    Instant now() {
        return clock.instant();
    }

    static String describe(Token token) {
        return "API token " + token.name() + " (" + token.hint() + "…) of " + token.ownerName();
    }

    /**
     * SHA-256, unsalted: the value carries 256 random bits, so nobody can guess it from its hash and a slow,
     * salted hash would only make every API call slower (ADR 30).
     */
    static String hash(String value) {
        return Sha256.hex(value);
    }

    private static final String SELECT = "SELECT id, name, hint, owner_id, owner_name, owner_guid, scope, created_at, expires_at, "
            + "last_used_at, revoked_at, revoked_by FROM api_token";

    private static Token token(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Token(rs.getLong("id"), rs.getString("name"), rs.getString("hint"), rs.getString("owner_id"),
                rs.getString("owner_name"), rs.getString("owner_guid"), rs.getString("scope"), instant(rs, "created_at"),
                instant(rs, "expires_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
