package com.asaconsole.topology;

/** How the console authenticates to a server's remote PowerShell (WinRM) endpoint. */
public enum WinRmAuth {
    KERBEROS, NTLM
}
