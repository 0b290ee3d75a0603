    $since = (Get-Date).AddSeconds(-[int]$AsaArgs['windowSeconds'])
    $counts = @{}
    $events = @(Get-WinEvent -FilterHashtable @{ LogName = 'Security'; Id = 4624; StartTime = $since } -ErrorAction SilentlyContinue)
    foreach ($e in $events) {
        $xml = [xml]$e.ToXml()
        $package = ''
        foreach ($d in $xml.Event.EventData.Data) { if ($d.Name -eq 'AuthenticationPackageName') { $package = [string]$d.'#text' } }
        $counts[$package] = 1 + [int]$counts[$package]
    }
    foreach ($k in $counts.Keys) { Send-AsaResult 'logons' ($k + '=' + $counts[$k]) }
