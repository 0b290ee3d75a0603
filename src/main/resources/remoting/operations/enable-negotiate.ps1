    $oa = Get-OutlookAnywhere -Server $AsaArgs['server']
    Set-OutlookAnywhere -Identity $oa.Identity -InternalClientAuthenticationMethod Negotiate -Confirm:$false
    # Append Negotiate to what the MAPI virtual directory has: OAuth (hybrid) and NTLM stay.
    $mapi = Get-MapiVirtualDirectory -Server $AsaArgs['server']
    $methods = @()
    foreach ($m in @($mapi.IISAuthenticationMethods)) { $methods += [string]$m }
    if ($methods -notcontains 'Negotiate') { $methods += 'Negotiate' }
    Set-MapiVirtualDirectory -Identity $mapi.Identity -IISAuthenticationMethods $methods -Confirm:$false
    $oa = Get-OutlookAnywhere -Server $AsaArgs['server']
    $mapi = Get-MapiVirtualDirectory -Server $AsaArgs['server']
    Send-AsaResult 'oa.internal' ([string]$oa.InternalClientAuthenticationMethod)
    Send-AsaResult 'mapi.methods' ((@($mapi.IISAuthenticationMethods) | ForEach-Object { [string]$_ }) -join ',')
