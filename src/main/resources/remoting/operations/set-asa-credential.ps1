    # The password came on standard input: it is not in this script, so script-block logging does not record it.
    $secret = ConvertTo-SecureString -String $AsaArgs['password'] -AsPlainText -Force
    $AsaArgs.Remove('password')
    $credential = New-Object System.Management.Automation.PSCredential($AsaArgs['account'], $secret)
    & $CasSet -Identity $AsaArgs['server'] -AlternateServiceAccountCredential $credential -CleanUpInvalidAlternateServiceAccountCredentials -Confirm:$false
    Send-AsaStatus
