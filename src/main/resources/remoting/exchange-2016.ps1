    Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
    $CasGet = 'Get-ClientAccessService'
    $CasSet = 'Set-ClientAccessService'
