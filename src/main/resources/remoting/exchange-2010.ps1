    Add-PSSnapin Microsoft.Exchange.Management.PowerShell.E2010
    $CasGet = 'Get-ClientAccessServer'
    $CasSet = 'Set-ClientAccessServer'
