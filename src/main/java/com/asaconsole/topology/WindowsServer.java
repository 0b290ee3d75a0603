package com.asaconsole.topology;

/** The operating system of an Exchange server. */
public enum WindowsServer {
    WS2008_R2("Windows Server 2008 R2"),
    WS2012("Windows Server 2012"),
    WS2012_R2("Windows Server 2012 R2"),
    WS2016("Windows Server 2016"),
    WS2019("Windows Server 2019"),
    WS2022("Windows Server 2022"),
    WS2025("Windows Server 2025");

    private final String label;

    WindowsServer(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** ConvertOABVDir.ps1 sets the OAB app pool to .NET 4.0 on these (KB 2961921). */
    public boolean isWindows2012Family() {
        return this == WS2012 || this == WS2012_R2;
    }
}
