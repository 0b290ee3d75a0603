# asa-console operation: {{OPERATION}} for Exchange {{VERSION}}
# Rendered by ASA Console from a fixed template. Every value (server, account, password, path)
# arrives as data on standard input, one line a value (its name, a tab, its base64) ended by an empty line;
# nothing in this text comes from user input. PowerShell 2.0 compatible (no ConvertTo-Json):
# results are printed as lines "ASACONSOLE|key|base64(UTF-8 value)".
# What differs by Exchange version (snap-in, cmdlet names) comes from remoting's ExchangeVersion.
$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding($false)

function Send-AsaResult {
    param([string] $Key, [string] $Value)
    [Console]::Out.WriteLine('ASACONSOLE|' + $Key + '|' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Value)))
}

function Read-AsaArguments {
    $values = @{}
    while ($true) {
        $line = [Console]::In.ReadLine()
        if ($line -eq $null -or $line -eq '') { break }
        $parts = $line.Split([char]9)
        $values[$parts[0]] = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($parts[1]))
    }
    return $values
}

{{FUNCTIONS}}
try {
    $AsaArgs = Read-AsaArguments
    Add-PSSnapin {{SNAPIN}}
    $CasGet = '{{CAS_GET}}'
    $CasSet = '{{CAS_SET}}'
{{BODY}}
    Send-AsaResult 'status' 'ok'
} catch {
    Send-AsaResult 'error' ([string]$_.Exception.Message)
    exit 1
}
