#!/usr/bin/env bash
# Builds a Samba AD forest with N SPN-bearing computer accounts for the SPN scan benchmark and
# keeps it as an archive, so that a benchmark run restores it in seconds instead of loading
# for minutes (measured in the lab: LDAP adds run at about 20/s here, offline ldbadd at about 33/s).
#   usage: load-forest.sh N ARCHIVE [BASE_ARCHIVE]
# With BASE_ARCHIVE (a forest of M < N accounts from this script) only accounts M+1..N are added.
# The lab's admin password is written beside the archive (ARCHIVE.pw, mode 600), never printed.
set -euo pipefail
n=$1; archive=$2; base=${3:-}
dir=/var/tmp/asa-bench/forest
rm -rf "$dir"; mkdir -p "$dir" "$(dirname "$archive")"
start=1
if [[ -n "$base" ]]; then
  tar -C / -xf "$base"
  cp "$base.pw" "$archive.pw"
  start=$(( $(cat "$base.count") + 1 ))
else
  pw="Bench-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 14)9!"
  umask 077; printf '%s' "$pw" > "$archive.pw"; umask 022
  samba-tool domain provision --realm=CONTOSO.TEST --domain=CONTOSO --server-role=dc --dns-backend=NONE \
    --adminpass="$pw" --use-rfc2307 --host-name=dc1 --targetdir="$dir" \
    --option="interfaces=lo" --option="bind interfaces only=yes" --option="log file=$dir/log.%m" \
    --option="server services=ldap cldap kdc drepl kcc" > "$dir/provision.log"
  printf 'dn: OU=Bench,DC=contoso,DC=test\nobjectClass: organizationalUnit\n\n' > "$dir/ou.ldif"
  ldbadd -H "$dir/private/sam.ldb" "$dir/ou.ldif" > /dev/null
fi
ldif="$dir/accounts.ldif"
python3 - "$start" "$n" > "$ldif" <<'PY'
import sys
start, n = int(sys.argv[1]), int(sys.argv[2])
for i in range(start, n + 1):
    name = f"BENCH{i:06d}"
    print(f"dn: CN={name},OU=Bench,DC=contoso,DC=test")
    print("objectClass: computer")
    print(f"sAMAccountName: {name}$")
    print("userAccountControl: 4096")
    print(f"servicePrincipalName: HOST/{name.lower()}.contoso.test")
    print(f"servicePrincipalName: HOST/{name}")
    print(f"servicePrincipalName: http/{name.lower()}.contoso.test")
    print()
PY
began=$(date +%s)
ldbadd -H "$dir/private/sam.ldb" "$ldif" > "$dir/ldbadd.log"
echo "loaded accounts $start..$n in $(( $(date +%s) - began )) s"
rm -f "$ldif"
echo "$n" > "$archive.count"
tar -C / -cf "$archive" "${dir#/}"
echo "archived $archive ($(du -h "$archive" | cut -f1))"
