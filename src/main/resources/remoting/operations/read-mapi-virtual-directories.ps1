    # Read-only; Exchange 2013 and later. From Active Directory (-ADPropertiesOnly), not each server's IIS.
    foreach ($v in @(Get-MapiVirtualDirectory -ADPropertiesOnly)) {
        $server = $v.Server
        if ($server.Name) { $server = $server.Name }
        Send-AsaResult 'vdir.kind' 'MAPI_HTTP'
        Send-AsaResult 'vdir.server' ([string]$server)
        Send-AsaResult 'vdir.internal' ([string]$v.InternalUrl)
        Send-AsaResult 'vdir.external' ([string]$v.ExternalUrl)
    }
