    # Read-only: Get- cmdlets only. Virtual directories come from Active Directory (-ADPropertiesOnly), not each server's IIS.
    function Get-AsaLeafName {
        param($Id)
        if ($Id -eq $null) { return '' }
        if ($Id.Name) { return [string]$Id.Name }
        return ([string]$Id).Split('/')[-1]
    }
    function Send-AsaVirtualDirectory {
        param([string] $Kind, $Directory, $Internal, $External)
        Send-AsaResult 'vdir.kind' $Kind
        Send-AsaResult 'vdir.server' (Get-AsaLeafName $Directory.Server)
        Send-AsaResult 'vdir.internal' ([string]$Internal)
        Send-AsaResult 'vdir.external' ([string]$External)
    }
    foreach ($s in @(Get-ExchangeServer)) {
        Send-AsaResult 'server.name' ([string]$s.Name)
        Send-AsaResult 'server.fqdn' ([string]$s.Fqdn)
        Send-AsaResult 'server.site' (Get-AsaLeafName $s.Site)
        Send-AsaResult 'server.version' ([string]$s.AdminDisplayVersion)
        Send-AsaResult 'server.roles' ([string]$s.ServerRole)
    }
    foreach ($c in @(& $CasGet)) {
        Send-AsaResult 'cas.name' ([string]$c.Name)
        Send-AsaResult 'cas.autodiscover' ([string]$c.AutoDiscoverServiceInternalUri)
    }
    foreach ($a in @(Get-ClientAccessArray)) {
        Send-AsaResult 'array.fqdn' ([string]$a.Fqdn)
        Send-AsaResult 'array.site' (Get-AsaLeafName $a.Site)
        Send-AsaResult 'array.members' ((@($a.Members) | ForEach-Object { Get-AsaLeafName $_ }) -join ',')
    }
    foreach ($d in @(Get-DatabaseAvailabilityGroup)) {
        Send-AsaResult 'dag.name' ([string]$d.Name)
        Send-AsaResult 'dag.members' ((@($d.Servers) | ForEach-Object { Get-AsaLeafName $_ }) -join ',')
    }
    foreach ($v in @(Get-OwaVirtualDirectory -ADPropertiesOnly)) { Send-AsaVirtualDirectory 'OWA' $v $v.InternalUrl $v.ExternalUrl }
    foreach ($v in @(Get-EcpVirtualDirectory -ADPropertiesOnly)) { Send-AsaVirtualDirectory 'ECP' $v $v.InternalUrl $v.ExternalUrl }
    foreach ($v in @(Get-WebServicesVirtualDirectory -ADPropertiesOnly)) { Send-AsaVirtualDirectory 'EWS' $v $v.InternalUrl $v.ExternalUrl }
    foreach ($v in @(Get-OabVirtualDirectory -ADPropertiesOnly)) { Send-AsaVirtualDirectory 'OAB' $v $v.InternalUrl $v.ExternalUrl }
    # Exchange 2010's Outlook Anywhere has no internal host name: it prints empty there.
    foreach ($v in @(Get-OutlookAnywhere -ADPropertiesOnly)) { Send-AsaVirtualDirectory 'OUTLOOK_ANYWHERE' $v $v.InternalHostname $v.ExternalHostname }
