package com.asaconsole.planning;

import java.lang.ref.SoftReference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import com.asaconsole.formats.Sha256;

/**
 * Parsed plan documents, keyed by the SHA-256 of the stored text: twenty people reading the same
 * version of a large plan share one parse (a 2,000-server plan takes hundreds of milliseconds and
 * megabytes to parse) instead of holding twenty. The stored text is hashed on every read, so an
 * altered row is parsed again and judged again, never answered from memory. At most {@code size}
 * documents, held softly: under memory pressure they are dropped before the heap runs out.
 */
final class DocumentCache {

    private final int size;
    private final Map<String, SoftReference<Parsed>> parsed;
    private final OneReadAtATime<String, Parsed> parsing = new OneReadAtATime<>();

    /** A parsed document and its content hash (the canonical form's SHA-256, itself costly for a large plan). */
    record Parsed(PlanDocument document, String contentHash) {
    }

    DocumentCache(int size) {
        this.size = size;
        this.parsed = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SoftReference<Parsed>> eldest) {
                return size() > DocumentCache.this.size;
            }
        };
    }

    Parsed get(String text, Function<String, PlanDocument> parse) {
        String key = sha256(text);
        synchronized (parsed) {
            SoftReference<Parsed> known = parsed.get(key);
            Parsed document = known == null ? null : known.get();
            if (document != null) {
                return document;
            }
        }
        // readers arriving together share one parse, not one each
        return parsing.read(key, () -> {
            PlanDocument document = parse.apply(text);
            Parsed made = new Parsed(document, document.contentHash());
            synchronized (parsed) {
                parsed.put(key, new SoftReference<>(made));
            }
            return made;
        });
    }

    private static String sha256(String text) {
        return Sha256.hex(text);
    }
}
