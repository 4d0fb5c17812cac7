package dev.kubewizard.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Looks for secrets (canary values) wherever a run leaves text: hosts' files, folders, zip files, lines. */
final class SecretScan {
    private final List<String> secrets;

    SecretScan(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).distinct().toList();
    }

    /** The password and the base64 forms a Docker pull secret carries it in (auth, and the whole config). */
    static List<String> harborForms(String user, String password, String registry) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        String config = "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}";
        return List.of(password, auth, Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)));
    }

    List<String> secrets() {
        return secrets;
    }

    /** "where: secret" for each secret in the text. */
    List<String> inText(String where, String text) {
        List<String> found = new ArrayList<>();
        for (String s : secrets) {
            if (text.contains(s)) {
                found.add(where + ": " + s);
            }
        }
        return found;
    }

    /** Every file below the directory. */
    List<String> inFolder(Path dir, Path except) {
        List<String> found = new ArrayList<>();
        if (!Files.exists(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.equals(except)).toList()) {
                found.addAll(inText(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Every entry of a zip file. */
    List<String> inZip(Path zip) {
        List<String> found = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                found.addAll(inText(zip.getFileName() + "!" + e.getName(),
                        new String(z.readAllBytes(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The host's own changes (its overlays), /run and /tmp. */
    List<String> inHost(StubbedUbuntuHost host) {
        return host.filesContaining(secrets).stream().map(f -> host.planHostname() + ":" + f).toList();
    }
}
