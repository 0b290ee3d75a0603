    # As RollAlternateServiceAccountPassword.ps1 -CopyFrom: the password goes from the source server to this one only.
    $source = & $CasGet -Identity $AsaArgs['source'] -IncludeAlternateServiceAccountCredentialPassword
    $latest = @($source.AlternateServiceAccountConfiguration.EffectiveCredentials)[0]
    if ($latest -eq $null) { throw ('The source server ' + $AsaArgs['source'] + ' holds no ASA credential to copy.') }
    & $CasSet -Identity $AsaArgs['server'] -AlternateServiceAccountCredential $latest.Credential -CleanUpInvalidAlternateServiceAccountCredentials -Confirm:$false
    Send-AsaStatus
