    & $CasSet -Identity $env:COMPUTERNAME -RemoveAlternateServiceAccountCredentials -Confirm:$false
    Send-AsaStatus
