    & $CasSet -Identity $AsaArgs['server'] -RemoveAlternateServiceAccountCredentials -Confirm:$false
    Send-AsaStatus
