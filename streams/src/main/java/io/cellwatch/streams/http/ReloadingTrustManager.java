package io.cellwatch.streams.http;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificates a TLS peer must chain to, read from a PEM file again when it changes: the CAs client
 * certificates must chain to ({@code client_ca_file}), and the instances' own chain, which one instance
 * asking another trusts. A CA rotated (the new CA added beside the old, then the old taken out), a client
 * CA revoked by taking it out of the file, or a renewed instance certificate holds without a restart of
 * every instance, as the exporter toolkit reads the file for every handshake. Looked at once a second at
 * most, on a handshake or a request ({@link #trusts}); a file that does not read leaves the certificates
 * in use and is tried again at the next look.
 */
final class ReloadingTrustManager extends X509ExtendedTrustManager {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTrustManager.class);

    private final List<Path> caFiles;
    private final FileChangeCheck files;
    private volatile X509ExtendedTrustManager loaded;

    /** @throws IllegalArgumentException when a file holds no certificate that reads */
    ReloadingTrustManager(Path... caFiles) throws IOException {
        this.caFiles = List.of(caFiles);
        this.files = new FileChangeCheck(caFiles);
        try {
            this.loaded = PemTls.trustManager(this.caFiles);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot use " + this.caFiles + " as trusted certificates: " + e.getMessage(), e);
        }
    }

    private X509ExtendedTrustManager current() {
        if (files.changed()) {
            try {
                loaded = PemTls.trustManager(caFiles);
                LOG.info("{} changed: TLS peers are checked against its certificates now", caFiles);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                files.retry();
                LOG.warn(
                        "{} changed but cannot be used ({}): the certificates in use stay, tried again in a second",
                        caFiles,
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
