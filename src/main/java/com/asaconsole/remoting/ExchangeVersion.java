package com.asaconsole.remoting;

import java.util.Collection;

/**
 * The Exchange versions the console renders PowerShell for, and the one place that knows what
 * differs between them: the management snap-in, whether the Client Access cmdlets are
 * {@code *-ClientAccessServer} (2010, 2013) or {@code *-ClientAccessService} (2016 and later), and
 * the Windows PowerShell version of its management shell (2010 has 2.0 only). Sources are cited in
 * the PowerShell contract table (src/test/resources/powershell/contract.tsv).
 */
public enum ExchangeVersion {
    EXCHANGE_2010("2010", "Microsoft.Exchange.Management.PowerShell.E2010", "ClientAccessServer", "2.0"),
    EXCHANGE_2013("2013", "Microsoft.Exchange.Management.PowerShell.SnapIn", "ClientAccessServer", "3.0"),
    EXCHANGE_2016("2016", "Microsoft.Exchange.Management.PowerShell.SnapIn", "ClientAccessService", "4.0"),
    EXCHANGE_2019("2019", "Microsoft.Exchange.Management.PowerShell.SnapIn", "ClientAccessService", "5.1"),
    EXCHANGE_SE("SE", "Microsoft.Exchange.Management.PowerShell.SnapIn", "ClientAccessService", "5.1");

    private final String label;
    private final String snapIn;
    private final String casNoun;
    private final String powerShell;

    ExchangeVersion(String label, String snapIn, String casNoun, String powerShell) {
        this.label = label;
        this.snapIn = snapIn;
        this.casNoun = casNoun;
        this.powerShell = powerShell;
    }

    public String label() {
        return label;
    }

    public boolean is2010() {
        return this == EXCHANGE_2010;
    }

    /** The snap-in that brings the Exchange cmdlets into powershell.exe. */
    public String snapIn() {
        return snapIn;
    }

    /** {@code Get-ClientAccessServer} or {@code Get-ClientAccessService}. */
    public String casGet() {
        return "Get-" + casNoun;
    }

    /** {@code Set-ClientAccessServer} or {@code Set-ClientAccessService}. */
    public String casSet() {
        return "Set-" + casNoun;
    }

    /** The Windows PowerShell version of this version's management shell, e.g. {@code 2.0}. */
    public String powerShell() {
        return powerShell;
    }

    /**
     * The version whose cmdlets a script for servers of all these versions uses: *-ClientAccessServer
     * (which 2013 to SE all have) as soon as one server needs it, and the oldest shell's PowerShell.
     * 2010 and 2013+ never share a script (they can't share an ASA).
     */
    public static ExchangeVersion common(Collection<ExchangeVersion> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("no Exchange version");
        }
        boolean legacy = versions.stream().anyMatch(ExchangeVersion::is2010);
        if (legacy && !versions.stream().allMatch(ExchangeVersion::is2010)) {
            throw new IllegalArgumentException("Exchange 2010 and 2013+ servers never share a script");
        }
        return versions.stream().min(Enum::compareTo).orElseThrow();
    }
}
