    $os = Get-WmiObject -Class Win32_OperatingSystem
    Send-AsaResult 'os.caption' ([string]$os.Caption)
    Send-AsaResult 'os.version' ([string]$os.Version)
    # Windows Server 2012 (6.2): ConvertOABVDir.ps1 moves the OAB app pool to .NET 4.0 and breaks OAB (KB 2961921).
    if (([string]$os.Version).StartsWith('6.2.') -and $AsaArgs['evenOnWindowsServer2012'] -ne 'true') {
        Send-AsaResult 'converted' 'false'
    } else {
        if (-not (Test-Path -LiteralPath $AsaArgs['scriptPath'])) {
            throw ('ConvertOABVDir.ps1 is not at ' + $AsaArgs['scriptPath'] + ': download it from Microsoft and place it there first.')
        }
        & $AsaArgs['scriptPath'] | Out-Null
        Send-AsaResult 'converted' 'true'
    }
