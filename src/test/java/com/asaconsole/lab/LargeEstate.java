package com.asaconsole.lab;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A large estate loaded through the console's own API and CSV import, as an admin would: one forest,
 * {@code sites} AD sites, one ASA, {@code servers} Exchange 2016 servers spread over the sites, and
 * {@code namespaces} load-balanced names, each served by {@code perNamespace} servers of its site.
 */
public final class LargeEstate {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private LargeEstate() {
    }

    public static void load(ConsoleClient admin, String domain, int sites, int servers, int namespaces, int perNamespace)
            throws IOException, InterruptedException {
        long forest = id(admin.postJson("/api/topology/forests", "{\"dnsName\":\"" + domain + "\",\"netbiosName\":\"BIG\","
                + "\"ldapsEndpoint\":\"ldaps://dc1." + domain + "\",\"globalCatalogEndpoint\":\"ldaps://dc1." + domain + ":3269\","
                + "\"asaOu\":\"OU=Service Accounts,DC=big,DC=test\"}"));
        for (int s = 1; s <= sites; s++) {
            id(admin.postJson("/api/topology/sites", "{\"forestId\":" + forest + ",\"name\":\"Site" + s + "\"}"));
        }
        id(admin.postJson("/api/topology/asa-accounts", "{\"forestId\":" + forest + ",\"samAccountName\":\"EXCH-ASA$\","
                + "\"kind\":\"COMPUTER\",\"ou\":\"OU=Service Accounts,DC=big,DC=test\",\"encryptionTypes\":24,\"rotationDays\":21}"));
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= servers; i++) {
            rows.add(server(i, domain) + ",Site" + site(i, sites) + ",2016,2019,https://" + server(i, domain) + ":5986/wsman,KERBEROS,no,EXCH-ASA$");
        }
        importRows(admin, "/topology/servers/import", rows);
        rows.clear();
        for (int n = 1; n <= namespaces; n++) {
            int s = site(n, sites);
            List<String> backends = new ArrayList<>();
            for (int k = 0; k < perNamespace; k++) {
                backends.add(server(s + sites * ((n / sites + k) % Math.max(1, servers / sites)), domain));
            }
            rows.add("ns" + n + "." + domain + ",BOTH,EWS;OAB;AUTODISCOVER;MAPI_HTTP,Site" + s + "," + String.join(";", backends));
        }
        importRows(admin, "/topology/namespaces/import", rows);
    }

    private static String server(int i, String domain) {
        return "ex" + i + "." + domain;
    }

    private static int site(int i, int sites) {
        return (i - 1) % sites + 1;
    }

    /** CSV rows through an import page (servers or namespaces), 500 a request; anything but the redirect of success throws. */
    public static void importRows(ConsoleClient admin, String path, List<String> rows) throws IOException, InterruptedException {
        for (int from = 0; from < rows.size(); from += 500) {
            String csv = String.join("\n", rows.subList(from, Math.min(rows.size(), from + 500)));
            HttpResponse<String> answer = admin.postForm(path, "csv=" + ConsoleClient.encode(csv));
            if (answer.statusCode() != 302) {
                throw new IllegalStateException(path + " answered " + answer.statusCode() + ": "
                        + answer.body().substring(0, Math.min(2000, answer.body().length())));
            }
        }
    }

    /** The id of what an API POST created. */
    public static long id(HttpResponse<String> response) {
        Matcher m = ID.matcher(response.body());
        if (response.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("expected 201 with an id, got " + response.statusCode() + ": " + response.body());
        }
        return Long.parseLong(m.group(1));
    }
}
