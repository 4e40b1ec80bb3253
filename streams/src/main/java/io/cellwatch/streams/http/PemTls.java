package io.cellwatch.streams.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS from the PEM files an exporter's web config names: the server's certificate chain and key,
 * and the CAs client certificates must chain to. The JDK reads PEM certificates itself; keys are
 * read here, PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC or Ed25519, what {@code openssl genpkey} and
 * {@code openssl req -newkey} write) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}).
 */
final class PemTls {
    private static final Pattern PEM_KEY =
            Pattern.compile("-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA )?PRIVATE KEY-----");

    private PemTls() {}

    /**
     * The server side: its key and certificate chain ({@code keys}, read again when the files change), and
     * (for client certificates, else null) the CAs it trusts ({@code clientCas}, likewise).
     */
    static SSLContext server(WebConfig.Tls tls, ReloadingKeyManager keys, ReloadingTrustManager clientCas)
            throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, clientCas == null ? null : new TrustManager[] {clientCas}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot use " + tls.certFile() + " and " + tls.keyFile() + " for TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The client side for one instance asking another: trusts the certificates of this instance's
     * own chain (the instances of one deployment share a certificate, or the CA that signed theirs),
     * and shows this instance's own key and chain when the peer asks for a client certificate
     * ({@code client_auth_type: RequireAndVerifyClientCert}): without it every question about a
     * channel another instance owns failed the handshake. The peer then checks that chain against its
     * {@code client_ca_file}, so that file must hold the CA of the instances' own certificates too. The
     * chain trusted is the certificate file as it is now (renewed, it is read again), and the CA in a
     * {@code ca.crt} beside it where there is one: a Kubernetes TLS Secret's layout, which cert-manager
     * writes, whose {@code tls.crt} leaves a self-signed CA out. Trusting that CA, an instance renewed a
     * moment before another still trusts the other's certificate, and the other its.
     */
    static SSLContext peerClient(WebConfig.Tls tls, ReloadingKeyManager keys) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            // Read again when the files change, as the key manager reads them: trusting the chain read at start,
            // an instance refused every other instance's renewed certificate until it was restarted itself.
            context.init(new KeyManager[] {keys}, new TrustManager[] {peerTrust(tls)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot use " + tls.certFile() + " and " + tls.keyFile() + " to ask the other instances: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * This instance's key and certificate chain, as the server shows them and as a peer client does (read
     * again by {@link ReloadingKeyManager} when the files change).
     *
     * @throws GeneralSecurityException also when the key is not the certificate's: a file pair that only
     *     failed at the first handshake before
     */
    static X509ExtendedKeyManager keyManager(WebConfig.Tls tls) throws IOException, GeneralSecurityException {
        List<Certificate> chain = certificates(tls.certFile());
        PrivateKey key = privateKey(tls.keyFile());
        requireKeyOf(key, chain.get(0), tls);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key, new char[0], chain.toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        for (KeyManager manager : kmf.getKeyManagers()) {
            if (manager instanceof X509ExtendedKeyManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 key manager in " + kmf.getAlgorithm());
    }

    /** Signs a few bytes with the key and checks them with the certificate: the two files belong together. */
    private static void requireKeyOf(PrivateKey key, Certificate cert, WebConfig.Tls tls)
            throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return; // a kind of key the handshake alone can judge
        }
        byte[] probe = "cellwatch".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(cert.getPublicKey());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException(
                    tls.keyFile() + " is not the key of the certificate in " + tls.certFile());
        }
    }

    /** What one instance trusts of another: this instance's own chain, and the CA beside it ({@link #peerClient}). */
    private static ReloadingTrustManager peerTrust(WebConfig.Tls tls) throws IOException {
        Path ca = tls.certFile().resolveSibling("ca.crt");
        return Files.isReadable(ca) && !ca.equals(tls.certFile())
                ? new ReloadingTrustManager(tls.certFile(), ca)
                : new ReloadingTrustManager(tls.certFile());
    }

    /** A trust manager for the CAs in a PEM file (read again by {@link ReloadingTrustManager} when it changes). */
    static X509ExtendedTrustManager trustManager(List<Path> caFiles) throws IOException, GeneralSecurityException {
        List<Certificate> anchors = new ArrayList<>();
        for (Path caFile : caFiles) {
            anchors.addAll(certificates(caFile));
        }
        for (TrustManager manager : trust(anchors).getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager for " + caFiles);
    }

    private static TrustManagerFactory trust(Collection<Certificate> anchors)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (Certificate anchor : anchors) {
            store.setCertificateEntry("ca-" + n++, anchor);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf;
    }

    static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
        if (read.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return List.copyOf(read);
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher pem = PEM_KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new GeneralSecurityException(
                    file + " holds no unencrypted PEM private key" + " (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
        byte[] pkcs8 = pem.group(1) != null ? rsaPkcs1ToPkcs8(der) : der;
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException notThisOne) {
                last = notThisOne;
            }
        }
        throw new GeneralSecurityException(file + ": not an RSA, EC or Ed25519 key", last);
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, the key as an octet string). */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {
            0x30,
            0x0d,
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
        };
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80
                ? new byte[] {(byte) n}
                : n < 0x100
                        ? new byte[] {(byte) 0x81, (byte) n}
                        : n < 0x10000
                                ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }
}
