    Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
    $CasGet = 'Get-ClientAccessServer'
    $CasSet = 'Set-ClientAccessServer'
