#!/usr/bin/env bash
# Generate a throw-away CA + server certificate for freeDiameterd.
# freeDiameter 1.2.1 refuses to start without TLS_Cred/TLS_CA even when only
# plain TCP (no TLS) is used, and it verifies the local cert against TLS_CA.
#   gen-cert.sh [OUTDIR] [IDENTITY]   (defaults: /tmp/mip6-peers/freediameter aaa.test.realm)
set -euo pipefail
OUT=${1:-/tmp/mip6-peers/freediameter}
ID=${2:-aaa.test.realm}
mkdir -p "$OUT"; cd "$OUT"
if [ -s aaa.pem ] && [ -s aaa.key ] && [ -s ca.pem ] && [ -s dh.pem ]; then
  echo "gen-cert.sh: certificates already in $OUT"; exit 0
fi
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=mip6-test-ca" \
  -keyout ca.key -out ca.pem \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=$ID" -keyout aaa.key -out aaa.csr 2>/dev/null
printf 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$ID" > ext.cnf
openssl x509 -req -in aaa.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650 \
  -extfile ext.cnf -out aaa.pem 2>/dev/null
# DH parameters in PKCS#3 PEM (GnuTLS rejects X9.42 "-dsaparam" output): RFC 7919 ffdhe2048
openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out dh.pem 2>/dev/null
rm -f aaa.csr ext.cnf
echo "gen-cert.sh: wrote $OUT/{ca.pem,ca.key,aaa.pem,aaa.key,dh.pem} for $ID"
