package io.remora.exporter.send;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * How requests reach an endpoint: straight, or through the proxy the JVM's {@link ProxySelector}
 * names for it ({@code http.proxyHost}, {@code https.proxyHost}, {@code socksProxyHost} and their
 * {@code nonProxyHosts}, as for {@code HttpURLConnection}). An https endpoint behind an HTTP proxy
 * is reached through a CONNECT tunnel.
 */
final class HttpRoute {

    private final String host;
    private final int port;
    /** Null for plain http. */
    private final SSLSocketFactory tlsSockets;
    private final boolean verifyHostName;
    private final Proxy proxy;
    private final String requestTarget;
    private final String hostHeader;

    private HttpRoute(URI url, SSLSocketFactory tlsSockets, boolean verifyHostName, Proxy proxy) {
        this.host = stripBrackets(url.getHost());
        this.port = portOf(url);
        this.tlsSockets = tlsSockets;
        this.verifyHostName = verifyHostName;
        this.proxy = proxy;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String originForm = path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        this.hostHeader = url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
        // a plain-http proxy takes the whole URL; a tunnel or a direct connection the path alone
        this.requestTarget = proxy.type() == Proxy.Type.HTTP && tlsSockets == null
                ? url.getScheme() + "://" + hostHeader + originForm
                : originForm;
    }

    /**
     * The route to {@code url}: {@code tlsSockets} must be given for https, and is not used for
     * http. {@code verifyHostName} is false only when TLS is insecure on purpose.
     */
    static HttpRoute to(URI url, SSLSocketFactory tlsSockets, boolean verifyHostName) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        return new HttpRoute(url, https ? tlsSockets : null, verifyHostName, proxyFor(url));
    }

    /** The URL's port, or its scheme's default. */
    static int portOf(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static Proxy proxyFor(URI url) {
        ProxySelector selector = ProxySelector.getDefault();
        List<Proxy> proxies = selector == null ? List.of() : selector.select(url);
        return proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    SSLSocketFactory tlsSockets() {
        return tlsSockets;
    }

    boolean verifyHostName() {
        return verifyHostName;
    }

    /** What the socket is created with: a SOCKS proxy is the socket's own business. */
    Proxy socketProxy() {
        return proxy.type() == Proxy.Type.SOCKS ? proxy : Proxy.NO_PROXY;
    }

    /** Where the TCP connection goes: the HTTP proxy, or the endpoint itself. */
    InetSocketAddress connectAddress() {
        if (proxy.type() == Proxy.Type.HTTP) {
            InetSocketAddress address = (InetSocketAddress) proxy.address();
            return new InetSocketAddress(address.getHostString(), address.getPort());
        }
        return proxy.type() == Proxy.Type.SOCKS ? InetSocketAddress.createUnresolved(host, port)
                : new InetSocketAddress(host, port);
    }

    /** True when an HTTP proxy must first open a tunnel (CONNECT) to an https endpoint. */
    boolean tunnel() {
        return proxy.type() == Proxy.Type.HTTP && tlsSockets != null;
    }

    /** The request line's target: origin-form, or absolute-form for a plain-http proxy. */
    String requestTarget() {
        return requestTarget;
    }

    /** The Host header: the URL's host and explicit port, as written there. */
    String hostHeader() {
        return hostHeader;
    }

    /** host:port as CONNECT names it. */
    String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
