package com.asaconsole.lab;

import com.asaconsole.directory.DirectoryConnection;
import com.asaconsole.directory.DirectorySettings;
import com.asaconsole.directory.ForestSettings;

/**
 * Stores the lab DC as the console's directory connection for contoso.test, with the lab admin
 * as KDC probe identity, as an admin would under Directory. Tests sharing a Spring context share
 * the stored connection, so this creates it or brings it to exactly that state.
 */
public final class LabDirectory {

    private LabDirectory() {
    }

    public static void connect(DirectorySettings settings, SambaDc dc) {
        DirectoryConnection c = dc.directoryConnection();
        ForestSettings wanted = new ForestSettings(c.forest(), c.ldapsUrl(), c.globalCatalogUrl(), c.baseDn(), c.bindPrincipal(),
                c.trustedCertificatePem(), dc.adminPrincipal(), 0);
        Integer version = settings.find(SambaDc.DNS_DOMAIN).map(ForestSettings::version).orElse(null);
        settings.save(wanted, c.bindPassword(), dc.adminPassword().toCharArray(), version);
    }
}
