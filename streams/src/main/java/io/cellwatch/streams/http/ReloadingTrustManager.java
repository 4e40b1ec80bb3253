package io.cellwatch.streams.http;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CAs client certificates must chain to ({@code client_ca_file}), read again when the file changes:
 * a CA rotated (the new CA added beside the old, then the old taken out) or a client CA revoked by
 * taking it out of the file holds without a restart of every instance, as the exporter toolkit reads
 * the file for every handshake. Looked at once a second at most, on a handshake or a request ({@link
 * #trusts}); a file that does not read leaves the CAs in use and is tried again at the next look.
 */
final class ReloadingTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTrustManager.class);

    private final Path caFile;
    private final FileChangeCheck file;
    private volatile X509ExtendedTrustManager loaded;

    /** @throws IllegalArgumentException when the file holds no certificate that reads */
    ReloadingTrustManager(Path caFile) throws IOException {
        this.caFile = caFile;
        this.file = new FileChangeCheck(caFile);
        try {
            this.loaded = PemTls.trustManager(caFile);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use " + caFile + " as client CAs: " + e.getMessage(), e);
        }
    }

    private X509ExtendedTrustManager current() {
        if (file.changed()) {
            try {
                loaded = PemTls.trustManager(caFile);
                LOG.info("{} changed: client certificates are checked against its CAs now", caFile);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                file.retry();
                LOG.warn(
                        "{} changed but cannot be used ({}): the client CAs in use stay, tried again in a second",
                        caFile,
                        e.getMessage());
            }
        }
        return loaded;
    }

    /**
     * Whether the client certificate a connection showed still chains to a CA of the file as it is now. A
     * handshake checks it once; a connection kept open (Prometheus keeps its scrape connection) or a session
     * resumed from before a CA was taken out of the file would otherwise go on being served, so every
     * request asks again.
     */
    boolean trusts(SSLSession session) {
        try {
            Certificate[] shown = session.getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[shown.length];
            for (int i = 0; i < shown.length; i++) {
                chain[i] = (X509Certificate) shown[i];
            }
            current().checkClientTrusted(chain, chain[0].getPublicKey().getAlgorithm());
            return true;
        } catch (SSLPeerUnverifiedException | CertificateException | ClassCastException e) {
            return false;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return current().getAcceptedIssuers();
    }
}
