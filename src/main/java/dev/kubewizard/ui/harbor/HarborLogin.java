package dev.kubewizard.ui.harbor;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Logs in to Harbor from this computer, the way a browser would: {@code GET /api/v2.0/users/current} with the user and
 * password. Tells a wrong password from a wrong address from a certificate problem. The password travels only in the
 * request header; nothing is kept or logged.
 */
public final class HarborLogin {
    private final int timeoutMillis;

    public HarborLogin(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** How the login went. */
    public enum Outcome {
        LOGGED_IN, WRONG_CREDENTIALS, NOT_HARBOR, CERTIFICATE, UNREACHABLE
    }

    public record Result(Outcome outcome, String detail) {
    }

    /**
     * @param skipVerify accept any certificate and host name (self-signed Harbor over https), as the nodes will
     */
    public Result check(String scheme, String host, boolean skipVerify, String user, String password) {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) URI.create(scheme + "://" + host + "/api/v2.0/users/current").toURL()
                    .openConnection();
        } catch (IOException | IllegalArgumentException e) {
            return new Result(Outcome.UNREACHABLE, "bad address");
        }
        try {
            c.setConnectTimeout(timeoutMillis);
            c.setReadTimeout(timeoutMillis);
            c.setInstanceFollowRedirects(false);
            c.setRequestProperty("Accept", "application/json");
            String basic = Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            c.setRequestProperty("Authorization", "Basic " + basic);
            if (skipVerify && c instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(trustingEveryCertificate().getSocketFactory());
                https.setHostnameVerifier((name, session) -> true);
            }
            int code = c.getResponseCode();
            drain(c);
            if (code == 200) {
                return new Result(Outcome.LOGGED_IN, "HTTP 200");
            }
            if (code == 401 || code == 403) {
                return new Result(Outcome.WRONG_CREDENTIALS, "HTTP " + code);
            }
            return new Result(Outcome.NOT_HARBOR, "HTTP " + code);
        } catch (SSLException e) {
            return new Result(Outcome.CERTIFICATE, String.valueOf(e.getMessage()));
        } catch (UnknownHostException e) {
            return new Result(Outcome.UNREACHABLE, "unknown host");
        } catch (SocketTimeoutException e) {
            return new Result(Outcome.UNREACHABLE, "timeout");
        } catch (IOException e) {
            return new Result(Outcome.UNREACHABLE, String.valueOf(e.getMessage()));
        } catch (GeneralSecurityException e) {
            return new Result(Outcome.CERTIFICATE, String.valueOf(e.getMessage()));
        } finally {
            c.disconnect();
        }
    }

    private static void drain(HttpURLConnection c) {
        try (InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        } catch (IOException ignored) {
            // The status code is all that matters.
        }
    }

    private static SSLContext trustingEveryCertificate() throws GeneralSecurityException {
        TrustManager trustAll = new X509TrustManager() {
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
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, null);
        return context;
    }
}
