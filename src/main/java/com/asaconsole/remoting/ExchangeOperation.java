package com.asaconsole.remoting;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One thing the console asks a Client Access server to do, typed by its result. Each renders to a
 * fixed PowerShell script per Exchange version ({@link ExchangeScripts}); its values travel as data
 * on the command's standard input, never in the script text.
 *
 * @param <R> what the server answers, parsed from the script's structured result
 */
public sealed interface ExchangeOperation<R> permits ExchangeOperation.GetAsaStatus, ExchangeOperation.SetAsaCredential,
        ExchangeOperation.CopyAsaCredential, ExchangeOperation.RemoveAsaCredentials, ExchangeOperation.ConvertOabVirtualDirectory,
        ExchangeOperation.EnableNegotiate, ExchangeOperation.KerberosLogonStats, ExchangeOperation.ReadOrganization,
        ExchangeOperation.ReadMapiVirtualDirectories {

    /** The script's name, e.g. {@code set-asa-credential}; also its template file under remoting/operations. */
    String name();

    /** Whether this operation exists on that Exchange version. */
    default boolean appliesTo(ExchangeVersion version) {
        return true;
    }

    /** {@code Get-ClientAccessServer/Service -IncludeAlternateServiceAccountCredentialStatus}: Latest and Previous. */
    record GetAsaStatus() implements ExchangeOperation<AsaStatus> {
        @Override
        public String name() {
            return "get-asa-status";
        }
    }

    /**
     * Deploys the ASA credential with {@code -CleanUpInvalidAlternateServiceAccountCredentials}: it
     * becomes Latest, the credential held before stays as Previous. Answers the status afterwards.
     *
     * @param account {@code DOMAIN\name} (a computer account ends in {@code $})
     * @param password delivered on standard input only; the caller clears the array after the call
     */
    record SetAsaCredential(String account, char[] password) implements ExchangeOperation<AsaStatus> {

        private static final Pattern ACCOUNT = Pattern.compile("[^\\\\\\s]{1,15}\\\\[^\\\\\\p{Cntrl}]{1,64}");

        public SetAsaCredential {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(password, "password");
            if (!ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("The ASA account must be written DOMAIN\\name, not \""
                        + CasEndpoint.printable(account) + "\"");
            }
            if (password.length == 0) {
                throw new IllegalArgumentException("The ASA password is empty");
            }
        }

        @Override
        public String name() {
            return "set-asa-credential";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetAsaCredential s && s.account.equals(account) && Arrays.equals(s.password, password);
        }

        @Override
        public int hashCode() {
            return account.hashCode();
        }

        @Override
        public String toString() {
            return "SetAsaCredential[account=" + account + ", password=(not shown)]";
        }
    }

    /**
     * Gives a new member the credential another member holds, the way
     * RollAlternateServiceAccountPassword.ps1 {@code -CopyFrom} does: the password moves between the
     * two Exchange servers and never reaches the console.
     *
     * @param sourceServer the member that holds the current credential (its DNS or NetBIOS name)
     */
    record CopyAsaCredential(String sourceServer) implements ExchangeOperation<AsaStatus> {
        public CopyAsaCredential {
            CasEndpoint.requireHostName(sourceServer);
        }

        @Override
        public String name() {
            return "copy-asa-credential";
        }
    }

    /** Rollback: {@code -RemoveAlternateServiceAccountCredentials}. */
    record RemoveAsaCredentials() implements ExchangeOperation<AsaStatus> {
        @Override
        public String name() {
            return "remove-asa-credentials";
        }
    }

    /**
     * Exchange 2010 only: runs Microsoft's ConvertOABVDir.ps1 so OAB downloads can use the ASA. On
     * Windows Server 2012 it breaks OAB (KB 2961921): the server is left alone and the result warns,
     * unless {@code evenOnWindowsServer2012}.
     *
     * @param scriptPath where ConvertOABVDir.ps1 was placed on every server
     */
    record ConvertOabVirtualDirectory(String scriptPath, boolean evenOnWindowsServer2012)
            implements ExchangeOperation<OabConversion> {

        public static final String DEFAULT_SCRIPT_PATH = "C:\\Program Files\\Microsoft\\Exchange Server\\V14\\Scripts\\ConvertOABVDir.ps1";

        public ConvertOabVirtualDirectory {
            Objects.requireNonNull(scriptPath, "scriptPath");
        }

        @Override
        public String name() {
            return "convert-oab-virtual-directory";
        }

        @Override
        public boolean appliesTo(ExchangeVersion version) {
            return version.is2010();
        }
    }

    /**
     * Exchange 2013+: Outlook Anywhere's internal clients authenticate with Negotiate, and the MAPI
     * virtual directory gets Negotiate appended to the methods it has (OAuth and NTLM stay).
     */
    record EnableNegotiate() implements ExchangeOperation<NegotiateSettings> {
        @Override
        public String name() {
            return "enable-negotiate";
        }

        @Override
        public boolean appliesTo(ExchangeVersion version) {
            return !version.is2010();
        }
    }

    /** Counts of successful logons (event 4624) by authentication package over the last {@code window}. */
    record KerberosLogonStats(Duration window) implements ExchangeOperation<LogonStats> {
        public KerberosLogonStats {
            if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(30)) > 0) {
                throw new IllegalArgumentException("The logon window must be between one second and 30 days");
            }
        }

        @Override
        public String name() {
            return "kerberos-logon-stats";
        }
    }

    /**
     * Read-only, for filling the topology: the servers, Client Access settings, RPC Client Access arrays,
     * DAGs and the OWA, ECP, EWS, OAB and Outlook Anywhere virtual directories of the whole organization,
     * in one script so the management snap-in loads once. Only Get- cmdlets; the virtual directories are
     * read from Active Directory ({@code -ADPropertiesOnly}), not from each server's IIS.
     */
    record ReadOrganization() implements ExchangeOperation<ExchangeOrganization> {
        @Override
        public String name() {
            return "read-exchange-organization";
        }
    }

    /** Read-only: the MAPI/HTTP virtual directories ({@code Get-MapiVirtualDirectory} exists from Exchange 2013 on). */
    record ReadMapiVirtualDirectories() implements ExchangeOperation<java.util.List<ExchangeOrganization.VirtualDirectory>> {
        @Override
        public String name() {
            return "read-mapi-virtual-directories";
        }

        @Override
        public boolean appliesTo(ExchangeVersion version) {
            return !version.is2010();
        }
    }
}
