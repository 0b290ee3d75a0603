package com.asaconsole.directory;

import static com.asaconsole.directory.ForestLdap.string;

import java.util.Locale;
import java.util.function.BooleanSupplier;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

import org.springframework.ldap.control.PagedResultsCookie;
import org.springframework.ldap.control.PagedResultsDirContextProcessor;
import org.springframework.ldap.core.support.DefaultIncrementalAttributesMapper;
import org.springframework.ldap.core.support.SingleContextSource;
import org.springframework.ldap.support.LdapUtils;

/**
 * The forest-wide SPN scan's reader (setspn -X -F done right), for {@link SpnInventory}: one paged Global Catalog
 * search with Spring LDAP's paged-results processor, each entry handed on as it arrives.
 */
final class SpnScanReader {

    static final int PAGE_SIZE = 1000;

    private final ForestLdap ldap;

    SpnScanReader(ForestLdap ldap) {
        this.ldap = ldap;
    }

    /** Receives the scan's entries as they stream in. */
    interface SpnSink {
        void accept(SpnEntry entry);
    }

    /**
     * setspn -X -F done right: one paged Global Catalog search of (servicePrincipalName=*) asking
     * only for the attributes it needs, each entry handed on as it arrives (nothing is collected
     * here), large multi-valued attributes fetched by range. Returns the number of accounts.
     */
    long scanSpns(SpnSink sink, BooleanSupplier cancelled) {
        return ldap.onGc("scanning the forest's SPNs", () -> {
            SearchControls controls = new SearchControls();
            controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
            controls.setReturningAttributes(new String[] { "servicePrincipalName", "sAMAccountName" });
            long[] accounts = { 0 };
            // every page on one connection, as the paged-results cookie requires; no partial result is ignored
            return SingleContextSource.doWithSingleContext(ldap.gc().getContextSource(), operations -> {
                PagedResultsDirContextProcessor pages = new PagedResultsDirContextProcessor(PAGE_SIZE);
                PagedResultsCookie before;
                do {
                    before = pages.getCookie();
                    operations.search("", "(servicePrincipalName=*)", controls, found -> {
                        if (cancelled.getAsBoolean()) {
                            throw new ScanCancelled();
                        }
                        accounts[0]++;
                        emit((SearchResult) found, sink);
                    }, pages);
                    // a page answered without a paged-results control leaves the cookie as it was: that was the last page
                } while (pages.hasMore() && pages.getCookie() != before);
                return accounts[0];
            }, true, false, false);
        });
    }

    void emit(SearchResult r, SpnSink sink) throws NamingException {
        String dn = r.getNameInNamespace();
        Attributes attrs = r.getAttributes();
        String sam = string(attrs, "sAMAccountName");
        boolean ranged = false;
        NamingEnumeration<? extends Attribute> all = attrs.getAll();
        while (all.hasMore()) {
            Attribute a = all.next();
            String id = a.getID().toLowerCase(Locale.ROOT);
            if (id.startsWith("serviceprincipalname;range=")) {
                ranged = true;
            } else if (id.equals("serviceprincipalname")) {
                NamingEnumeration<?> values = a.getAll();
                while (values.hasMore()) {
                    sink.accept(new SpnEntry(values.next().toString(), dn, sam));
                }
            }
        }
        if (ranged) {
            // AD hands out at most 1,500 values at once; fetch them all by range
            for (Object value : DefaultIncrementalAttributesMapper.lookupAttributeValues(ldap.gc(), LdapUtils.newLdapName(dn),
                    "servicePrincipalName")) {
                sink.accept(new SpnEntry(value.toString(), dn, sam));
            }
        }
    }
}
