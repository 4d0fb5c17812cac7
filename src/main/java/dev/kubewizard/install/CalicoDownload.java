package dev.kubewizard.install;

import dev.kubewizard.recipe.CalicoManifest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Fetches calico.yaml on this computer (raw.githubusercontent.com is unreliable from China, so several addresses are
 * tried) and accepts it only when its SHA-256 is the one known for that version. Nodes never download it.
 */
public final class CalicoDownload {
    private final HttpClient client;
    private final Duration timeout;

    public CalicoDownload(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
    }

    /** The manifest text, or an IOException listing what every address answered. */
    public String fetch(String version, List<String> urls) throws IOException, InterruptedException {
        Optional<String> expected = CalicoManifest.knownSha256(version);
        List<String> problems = new ArrayList<>();
        for (String url : urls) {
            try {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    problems.add(url + ": HTTP " + r.statusCode());
                    continue;
                }
                String sha = sha256(r.body());
                if (expected.isPresent() && !expected.get().equals(sha)) {
                    problems.add(url + ": sha256 " + sha + " is not the known " + expected.get());
                    continue;
                }
                return new String(r.body(), StandardCharsets.UTF_8);
            } catch (IOException | IllegalArgumentException e) {
                problems.add(url + ": " + e.getMessage());
            }
        }
        throw new IOException("calico.yaml " + version + " could not be downloaded: " + String.join("; ", problems));
    }

    public String fetch(String version) throws IOException, InterruptedException {
        return fetch(version, CalicoManifest.downloadUrls(version));
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
