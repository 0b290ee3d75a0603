package com.asaconsole.remoting;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one Exchange server's management shell reports about the whole organization, read-only:
 * the servers ({@code Get-ExchangeServer}), the Client Access settings ({@code Get-ClientAccessServer}
 * / {@code Get-ClientAccessService}), the legacy RPC Client Access arrays, the DAGs, and the internal
 * and external names of every virtual directory (read from Active Directory with {@code -ADPropertiesOnly}).
 * Values are as the cmdlets print them; {@code ExchangeTopologyReader} in the topology module interprets them.
 */
public record ExchangeOrganization(List<Server> servers, List<ClientAccess> clientAccess, List<RpcArray> arrays, List<Dag> dags,
        List<VirtualDirectory> virtualDirectories) {

    public ExchangeOrganization {
        servers = List.copyOf(servers);
        clientAccess = List.copyOf(clientAccess);
        arrays = List.copyOf(arrays);
        dags = List.copyOf(dags);
        virtualDirectories = List.copyOf(virtualDirectories);
    }

    /** The same organization with more virtual directories (the MAPI ones, read with a second operation). */
    public ExchangeOrganization with(List<VirtualDirectory> more) {
        List<VirtualDirectory> all = new java.util.ArrayList<>(virtualDirectories);
        all.addAll(more);
        return new ExchangeOrganization(servers, clientAccess, arrays, dags, all);
    }

    /**
     * One Exchange server.
     *
     * @param adminDisplayVersion e.g. {@code Version 15.1 (Build 2507.6)}
     * @param roles e.g. {@code Mailbox} (2016+), {@code Mailbox, ClientAccess, HubTransport} (2010)
     */
    public record Server(String name, String fqdn, String site, String adminDisplayVersion, String roles) {

        private static final Pattern VERSION = Pattern.compile("Version (\\d+)\\.(\\d+) \\(Build (\\d+)\\.");

        /**
         * The Exchange version from AdminDisplayVersion: 14.x is 2010 (ASA from SP1, 14.1), 15.0 is 2013,
         * 15.1 is 2016, 15.2 is 2019 up to build 2562, where Subscription Edition starts (its RTM is 15.2.2562.17).
         */
        public Optional<ExchangeVersion> version() {
            Matcher m = VERSION.matcher(adminDisplayVersion == null ? "" : adminDisplayVersion);
            if (!m.find()) {
                return Optional.empty();
            }
            int major = Integer.parseInt(m.group(1));
            int minor = Integer.parseInt(m.group(2));
            int build = Integer.parseInt(m.group(3));
            if (major == 14) {
                return Optional.of(ExchangeVersion.EXCHANGE_2010);
            }
            if (major != 15) {
                return Optional.empty();
            }
            return Optional.ofNullable(switch (minor) {
                case 0 -> ExchangeVersion.EXCHANGE_2013;
                case 1 -> ExchangeVersion.EXCHANGE_2016;
                case 2 -> build >= 2562 ? ExchangeVersion.EXCHANGE_SE : ExchangeVersion.EXCHANGE_2019;
                default -> null;
            });
        }

        /** Exchange 2010 before SP1 (14.0) can't hold an ASA credential. */
        public boolean before2010Sp1() {
            return adminDisplayVersion != null && adminDisplayVersion.startsWith("Version 14.0 ");
        }

        /** Whether it answers clients: the Client Access role (2010, 2013) or a Mailbox server from 2016 on; never an Edge server. */
        public boolean clientAccess() {
            String r = roles == null ? "" : roles.toLowerCase(Locale.ROOT);
            if (r.contains("edge")) {
                return false;
            }
            return r.contains("clientaccess") || (r.contains("mailbox") && version().map(v -> v.ordinal() >= ExchangeVersion.EXCHANGE_2016.ordinal())
                    .orElse(false));
        }
    }

    /** {@code autodiscoverInternalUri}: AutoDiscoverServiceInternalUri, the URL domain-joined Outlook finds Autodiscover at. */
    public record ClientAccess(String name, String autodiscoverInternalUri) {
    }

    /** A legacy (Exchange 2010) RPC Client Access array; {@code members} are server names. */
    public record RpcArray(String fqdn, String site, List<String> members) {
        public RpcArray {
            members = List.copyOf(members);
        }
    }

    /** A database availability group; {@code members} are server names. */
    public record Dag(String name, List<String> members) {
        public Dag {
            members = List.copyOf(members);
        }
    }

    /**
     * One virtual directory: {@code kind} is OWA, ECP, EWS, OAB, MAPI_HTTP or OUTLOOK_ANYWHERE; URLs (or, for
     * Outlook Anywhere, host names) empty when unset.
     */
    public record VirtualDirectory(String kind, String server, String internal, String external) {
    }
}
