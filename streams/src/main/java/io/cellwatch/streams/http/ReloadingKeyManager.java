package io.cellwatch.streams.http;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's certificate and key, read again when their files change, as the exporter toolkit
 * reads them for every handshake: cert-manager renews a certificate a month before it expires, and
 * read once at start it was served until it expired, every scrape then failing. The files are looked
 * at once a second at most ({@link FileChangeCheck}), on a handshake; a pair that does not read, or
 * whose key is not the certificate's (the two files written one after the other, caught in between),
 * leaves the one in use and is tried again at the next look.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);

    private final WebConfig.Tls tls;
    private final FileChangeCheck files;
    private volatile X509ExtendedKeyManager loaded;

    /** @throws IllegalArgumentException when the files do not read, or the key is not the certificate's */
    ReloadingKeyManager(WebConfig.Tls tls) throws IOException {
        this.tls = tls;
        this.files = new FileChangeCheck(tls.certFile(), tls.keyFile());
        try {
            this.loaded = PemTls.keyManager(tls);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot use " + tls.certFile() + " and " + tls.keyFile() + " for TLS: " + e.getMessage(), e);
        }
    }

    private X509ExtendedKeyManager current() {
        if (files.changed()) {
            try {
                loaded = PemTls.keyManager(tls);
                LOG.info("{} and {} changed: serving the new certificate", tls.certFile(), tls.keyFile());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                files.retry();
                LOG.warn(
                        "{} or {} changed but cannot be used ({}): the certificate in use stays, tried again in a"
                                + " second",
                        tls.certFile(),
                        tls.keyFile(),
                        e.getMessage());
            }
        }
        return loaded;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return current().chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return current().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return current().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return loaded.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return loaded.getPrivateKey(alias);
    }
}
