#!/usr/bin/env bash
# Makes this machine ready for the test suite's real components: a Samba AD DC with its KDC,
# Kerberos and LDAP tools, PostgreSQL, Debian's Chromium with its driver, and Node.js with the
# independent PowerShell parser (npm tree-sitter-powershell + web-tree-sitter). Installs what is
# missing when run as root; otherwise fails and prints the command that installs it.
# Also makes the lab's host names resolve to loopback (Java's TLS host check and Chromium's
# SPNEGO both need real names).
set -euo pipefail

packages=(samba-ad-dc samba-ad-provision winbind krb5-user ldap-utils ldb-tools postgresql chromium chromium-driver curl)
# cas1..cas8 and mail: the simulated CAS members and their load-balanced namespace (issue 7)
lab_hosts=(dc1.contoso.test console.contoso.test cas1.contoso.test cas2.contoso.test cas3.contoso.test cas4.contoso.test
  cas5.contoso.test cas6.contoso.test cas7.contoso.test cas8.contoso.test mail.contoso.test)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

install_cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages[*]}"
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "The test suite needs these Debian packages: ${missing[*]}" >&2
    echo "Install them as root:  $install_cmd" >&2
    exit 1
  fi
  echo "[lab] installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's packages may start their own services; the lab starts private instances on loopback.
for svc in samba-ad-dc samba smbd nmbd winbind postgresql; do
  if command -v service >/dev/null 2>&1 && service "$svc" status >/dev/null 2>&1; then
    [[ $(id -u) -eq 0 ]] && service "$svc" stop >/dev/null 2>&1 || true
  fi
done

for h in "${lab_hosts[@]}"; do
  if ! grep -Eq "^127\.0\.0\.1[[:space:]]+$h([[:space:]]|$)" /etc/hosts; then
    if [[ $(id -u) -ne 0 ]]; then
      echo "The lab needs $h to resolve to 127.0.0.1. As root:  echo '127.0.0.1 $h # asa-console lab' >> /etc/hosts" >&2
      exit 1
    fi
    echo "127.0.0.1 $h # asa-console lab" >> /etc/hosts
  fi
done

# The PowerShell oracle (src/test/powershell): Node.js from Debian when the machine has none, then the
# two pinned npm packages of its package-lock.json (no install scripts: the grammar ships as .wasm).
node_packages=()
command -v node >/dev/null 2>&1 || node_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || node_packages+=(npm)
if ((${#node_packages[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "The PowerShell oracle needs Node.js. Install it as root:  apt-get update && apt-get install -y ${node_packages[*]}" >&2
    exit 1
  fi
  echo "[lab] installing Debian packages: ${node_packages[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${node_packages[@]}" >/dev/null
fi
oracle="$(cd "$(dirname "$0")/../powershell" && pwd)"
if ! cmp -s "$oracle/package-lock.json" "$oracle/node_modules/.installed-from-lock.json" 2>/dev/null \
    || [[ ! -f "$oracle/node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm" ]]; then
  echo "[lab] installing the PowerShell oracle's npm packages (npm ci in $oracle)"
  (cd "$oracle" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
    && cp package-lock.json node_modules/.installed-from-lock.json) || {
    echo "Could not install the PowerShell oracle. Run:  (cd $oracle && npm ci --ignore-scripts)" >&2
    exit 1
  }
fi

echo "[lab] packages and host names ready"
