# Sourced by scripts/kafka/start.sh --secure: certificates and the secured listeners of the test
# broker. Sets `listeners`, `advertised` and `protocols` (adding to start.sh's), writes
# DIR/security.properties (appended to server.properties) and DIR/secure.json (for the tests).
#
# Listeners (all on 127.0.0.1, free ports):
#   SASL_PLAINTEXT  PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (user alice / alice-secret)
#   SSL             TLS, server certificate only
#   MTLS            TLS with a client certificate required (protocol SSL)
#   SASL_SSL        TLS + PLAIN / SCRAM
# DIR/tls holds ca.pem (the test CA), broker.pem (its key and chain, Kafka's PEM keystore),
# client.pem + client-key.pem (a client certificate), client-key-enc.pem (the same key encrypted
# with `changeit`), truststore.jks and truststore.p12 (the CA for keytool-made truststores,
# password `changeit`), client.p12 (client key and certificate, password `changeit`).

secureSetup() {
  local dir="$1" tls="$1/tls"
  mkdir -p "$tls"
  local saslPort sslPort mtlsPort saslSslPort
  saslPort="$(freePort)"; sslPort="$(freePort)"; mtlsPort="$(freePort)"; saslSslPort="$(freePort)"
  local all=" $2 $3 "
  for p in saslPort sslPort mtlsPort saslSslPort; do
    while [[ "$all" == *" ${!p} "* ]]; do printf -v "$p" '%s' "$(freePort)"; done
    all+="${!p} "
  done

  # A test CA, a broker certificate for 127.0.0.1/localhost, a client certificate (all 2 years).
  openssl req -x509 -newkey rsa:2048 -nodes -days 730 -subj "/CN=Sluice test CA" \
    -keyout "$tls/ca-key.pem" -out "$tls/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tls/broker-key.pem" -out "$tls/broker.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$tls/broker.ext"
  openssl x509 -req -in "$tls/broker.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca-key.pem" -CAcreateserial -days 730 \
    -extfile "$tls/broker.ext" -out "$tls/broker-cert.pem" 2>/dev/null
  # Kafka's PEM keystore: an unencrypted PKCS#8 key followed by the certificate chain.
  openssl pkcs8 -topk8 -nocrypt -in "$tls/broker-key.pem" -out "$tls/broker-key8.pem"
  cat "$tls/broker-key8.pem" "$tls/broker-cert.pem" "$tls/ca.pem" > "$tls/broker.pem"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=sluice-client" -keyout "$tls/client-key.pem" -out "$tls/client.csr" 2>/dev/null
  openssl x509 -req -in "$tls/client.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca-key.pem" -CAcreateserial -days 730 \
    -out "$tls/client.pem" 2>/dev/null
  openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:changeit -in "$tls/client-key.pem" -out "$tls/client-key-enc.pem"
  # The same CA and client identity in Java's keystore formats, as Spark users have them.
  keytool -importcert -noprompt -alias ca -file "$tls/ca.pem" -keystore "$tls/truststore.jks" -storetype JKS -storepass changeit >/dev/null 2>&1
  keytool -importcert -noprompt -alias ca -file "$tls/ca.pem" -keystore "$tls/truststore.p12" -storetype PKCS12 -storepass changeit >/dev/null 2>&1
  openssl pkcs12 -export -in "$tls/client.pem" -inkey "$tls/client-key.pem" -name client -passout pass:changeit -out "$tls/client.p12"
  keytool -importkeystore -noprompt -srckeystore "$tls/client.p12" -srcstoretype PKCS12 -srcstorepass changeit \
    -destkeystore "$tls/client.jks" -deststoretype JKS -deststorepass changeit -destkeypass changeit >/dev/null 2>&1

  listeners+=",SASL_PLAINTEXT://127.0.0.1:$saslPort,SSL://127.0.0.1:$sslPort,MTLS://127.0.0.1:$mtlsPort,SASL_SSL://127.0.0.1:$saslSslPort"
  advertised+=",SASL_PLAINTEXT://127.0.0.1:$saslPort,SSL://127.0.0.1:$sslPort,MTLS://127.0.0.1:$mtlsPort,SASL_SSL://127.0.0.1:$saslSslPort"
  protocols+=",SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL,MTLS:SSL,SASL_SSL:SASL_SSL"

  local plain='org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";'
  local scram='org.apache.kafka.common.security.scram.ScramLoginModule required;'
  cat > "$dir/security.properties" <<PROPS
# Secured listeners (scripts/kafka/secure.sh)
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.plain.sasl.jaas.config=$plain
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=$scram
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$scram
listener.name.sasl_ssl.plain.sasl.jaas.config=$plain
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=$scram
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=$scram
ssl.keystore.type=PEM
ssl.keystore.location=$tls/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$tls/ca.pem
ssl.client.auth=none
listener.name.mtls.ssl.client.auth=required
PROPS
  cat > "$dir/secure.json" <<JSON
{
  "saslPlaintext": "127.0.0.1:$saslPort",
  "ssl": "127.0.0.1:$sslPort",
  "mtls": "127.0.0.1:$mtlsPort",
  "saslSsl": "127.0.0.1:$saslSslPort",
  "user": "alice",
  "password": "alice-secret",
  "storePassword": "changeit",
  "tls": "$tls"
}
JSON
}
