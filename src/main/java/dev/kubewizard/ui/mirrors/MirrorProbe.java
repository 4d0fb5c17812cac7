package dev.kubewizard.ui.mirrors;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Asks one URL from this computer whether it answers, and how fast: the same URLs the preflight step asks from each
 * node (dists/ of the Ubuntu mirror, Docker's gpg key, the Kubernetes Release.key, /v2/ of a registry). This computer
 * is not a node, so a reachable mirror here is a good sign, not a proof.
 */
public final class MirrorProbe {
    private final HttpClient client;
    private final Duration timeout;

    public MirrorProbe(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The outcome of one request. {@code code} is the HTTP status, 0 when there was no answer. */
    public record Result(ProbeStatus status, int code, long millis, String detail) {
    }

    public Result probe(String url) throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Result(ProbeStatus.UNREACHABLE, 0, 0, "bad URL");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "kubewizard").GET().build();
        } catch (IllegalArgumentException e) {
            return new Result(ProbeStatus.UNREACHABLE, 0, 0, "bad URL");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            long millis = (System.nanoTime() - start) / 1_000_000;
            int code = response.statusCode();
            boolean ok = code >= 200 && code < 400 || code == 401;
            return new Result(ok ? ProbeStatus.REACHABLE : ProbeStatus.WRONG_ANSWER, code, millis, "HTTP " + code);
        } catch (HttpTimeoutException e) {
            return new Result(ProbeStatus.UNREACHABLE, 0, elapsed(start), "timeout");
        } catch (ConnectException e) {
            return new Result(ProbeStatus.UNREACHABLE, 0, elapsed(start), "connection refused");
        } catch (IOException e) {
            String why = e.getCause() instanceof UnknownHostException || e instanceof java.net.UnknownHostException
                    ? "unknown host" : String.valueOf(e.getMessage());
            return new Result(ProbeStatus.UNREACHABLE, 0, elapsed(start), why);
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
