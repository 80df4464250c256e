package io.remora.exporter.send;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS trust an endpoint asks for: the JDK's trust store, one CA file, or none at all. */
final class TlsContexts {

    private TlsContexts() {
    }

    /** Null means the JDK default. */
    static SSLContext forConfig(EndpointConfig config) {
        try {
            if (config.insecureTls()) {
                return withTrustManager(new TrustAll());
            }
            if (config.caFile() != null) {
                return trusting(config);
            }
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS set-up failed: " + e.getMessage(), e);
        }
    }

    private static SSLContext trusting(EndpointConfig config) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try {
            certificates = EndpointFiles.certificates(config.caFile());
        } catch (IOException | IllegalArgumentException e) {
            throw EndpointFiles.unusable("remora.tls.ca-file", config.caFile(), e);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty key store cannot fail to load", e);
        }
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static SSLContext withTrustManager(TrustManager manager) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {manager}, new SecureRandom());
        return context;
    }

    /**
     * Accepts any certificate for any host. An X509ExtendedTrustManager, because the JDK wraps a
     * plain X509TrustManager in one that still checks the host name.
     */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
