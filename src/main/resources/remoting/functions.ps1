# Shared by the scripts sent to the members and the manual scripts: the ASA status of one server
# ($AsaArgs['server']) as result lines latest.account, latest.added, previous.account, previous.added.
function Send-AsaStatus {
    $cas = & $CasGet -Identity $AsaArgs['server'] -IncludeAlternateServiceAccountCredentialStatus
    $names = @('latest', 'previous')
    $i = 0
    foreach ($c in @($cas.AlternateServiceAccountConfiguration.EffectiveCredentials)) {
        if ($i -ge 2) { break }
        Send-AsaResult ($names[$i] + '.account') ([string]$c.Domain + '\' + [string]$c.UserName)
        Send-AsaResult ($names[$i] + '.added') ($c.WhenAdded.ToUniversalTime().ToString('o'))
        $i++
    }
}
