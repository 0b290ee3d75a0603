    Send-AsaStatus
