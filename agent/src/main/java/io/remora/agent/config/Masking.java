package io.remora.agent.config;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/** Hides secrets in what the debug log prints. */
final class Masking {

    static final String MASK = "***";

    private Masking() {
    }

    /** {@code https://user:secret@host/} is shown as {@code https://user:***@host/}. */
    static String url(URI url) {
        String userInfo = url.getRawUserInfo();
        if (userInfo == null) {
            return url.toString();
        }
        int colon = userInfo.indexOf(':');
        String shown = colon < 0 ? userInfo : userInfo.substring(0, colon + 1) + MASK;
        return url.toString().replace(userInfo + "@", shown + "@");
    }

    /** Values of headers whose name suggests a credential are masked. */
    static String headers(Map<String, String> headers, Pattern sensitiveName) {
        if (headers.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            boolean secret = sensitiveName.matcher(header.getKey()).matches();
            text.append(header.getKey()).append('=').append(secret ? MASK : header.getValue());
        }
        return text.toString();
    }
}
