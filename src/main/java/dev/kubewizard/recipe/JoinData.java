package dev.kubewizard.recipe;

import java.util.List;

/**
 * What a node needs to join: a bootstrap token, the CA certificate hash and, for a master, the certificate key of the
 * uploaded control-plane certificates. They are made fresh on the first master just before each join (uploaded
 * certificates expire after 2 hours, tokens after 24), never parsed out of kubeadm-init.txt, and handed over as
 * run-time values: printed by one step, read from standard input by the next.
 */
public final class JoinData {
    public static final RuntimeValue TOKEN = RuntimeValue.secret("KW_JOIN_TOKEN");
    /** The hash of the CA's public key: it lets the node trust the API server; it is not a secret. */
    public static final RuntimeValue CA_CERT_HASH = RuntimeValue.plain("KW_CA_CERT_HASH");
    public static final RuntimeValue CERTIFICATE_KEY = RuntimeValue.secret("KW_CERTIFICATE_KEY");

    /** A bash regex for each value (no backslashes, so the text is the same in Java and bash). */
    static final String TOKEN_REGEX = "^[a-z0-9]{6}[.][a-z0-9]{16}$";
    static final String CA_CERT_HASH_REGEX = "^sha256:[0-9a-f]{64}$";
    static final String CERTIFICATE_KEY_REGEX = "^[0-9a-f]{64}$";

    /** How long a token made for one join stays valid: the join follows at once. */
    static final String TOKEN_TTL = "1h";

    /** Bash functions that read kubeadm's console output. */
    static final String OUTPUT_READERS = """
            # The word after FLAG in a "kubeadm join" command read on stdin. kubeadm prints it on one line
            # (token create --print-join-command) or, in init's output, over lines ending in a backslash and
            # indented with TABs (8 spaces once pasted from a terminal): awk splits words on both.
            join_flag() {
              awk -v flag="$1" '{ for (i = 1; i <= NF; i++) { if (prev == flag) { print $i; exit } prev = $i } }'
            }

            # The last non-empty line on stdin: "kubeadm init phase upload-certs" ends with the certificate key.
            last_line() {
              awk 'NF { last = $0 } END { print last }' | tr -d '[:space:]'
            }
            """;

    private JoinData() {
    }

    /** The values a node reads on stdin, in order. */
    public static List<RuntimeValue> valuesFor(boolean controlPlane) {
        return controlPlane ? List.of(TOKEN, CA_CERT_HASH, CERTIFICATE_KEY) : List.of(TOKEN, CA_CERT_HASH);
    }

    /**
     * The body of the step on the first master: fresh join data, printed with kw_output. The values stay in shell
     * variables: never echoed, never on a command line, never in a file.
     */
    static String producer(boolean controlPlane) {
        StringBuilder b = new StringBuilder(OUTPUT_READERS).append('\n');
        if (controlPlane) {
            b.append("""
                    # Upload the control-plane certificates again (they are deleted after two hours) under a new key.
                    # The cluster's own configuration keeps kubeadm from looking up the newest version on the internet.
                    config_args=()
                    if [ -f %1$s ]; then
                      config_args=(--config %1$s)
                    fi
                    upload=$(kubeadm init phase upload-certs --upload-certs "${config_args[@]}")
                    certificate_key=$(printf '%%s\\n' "$upload" | last_line)
                    if ! [[ $certificate_key =~ %2$s ]]; then
                      echo "kubewizard: 'kubeadm init phase upload-certs' did not end with a certificate key" >&2
                      exit 1
                    fi

                    """.formatted(KubeadmConfig.INIT_CONFIG_PATH, CERTIFICATE_KEY_REGEX));
        }
        b.append("""
                # A new bootstrap token, valid for %1$s: the node joins right after this step.
                join_command=$(kubeadm token create --ttl %1$s --print-join-command)
                token=$(printf '%%s\\n' "$join_command" | join_flag --token)
                ca_cert_hash=$(printf '%%s\\n' "$join_command" | join_flag --discovery-token-ca-cert-hash)
                if ! [[ $token =~ %2$s ]]; then
                  echo "kubewizard: no bootstrap token in the output of 'kubeadm token create --print-join-command'" >&2
                  exit 1
                fi
                if ! [[ $ca_cert_hash =~ %3$s ]]; then
                  echo "kubewizard: no CA certificate hash in the output of 'kubeadm token create --print-join-command'" >&2
                  exit 1
                fi
                kw_output %4$s "$token"
                kw_output %5$s "$ca_cert_hash"
                """.formatted(TOKEN_TTL, TOKEN_REGEX, CA_CERT_HASH_REGEX, TOKEN.name(), CA_CERT_HASH.name()));
        if (controlPlane) {
            b.append("kw_output ").append(CERTIFICATE_KEY.name()).append(" \"$certificate_key\"\n");
        }
        return b.toString();
    }

    /** Bash lines on the joining node: each value read from stdin has the shape kubeadm gives it. */
    static String validation(boolean controlPlane) {
        StringBuilder b = new StringBuilder("# The values were read from standard input; check their shape (never print them).\n");
        b.append(check(TOKEN, TOKEN_REGEX, "a bootstrap token"));
        b.append(check(CA_CERT_HASH, CA_CERT_HASH_REGEX, "a CA certificate hash (sha256:...)"));
        if (controlPlane) {
            b.append(check(CERTIFICATE_KEY, CERTIFICATE_KEY_REGEX, "a certificate key"));
        }
        return b.toString();
    }

    private static String check(RuntimeValue value, String regex, String what) {
        return "if ! [[ $" + value.name() + " =~ " + regex + " ]]; then\n"
                + "  echo \"kubewizard: " + value.name() + " is not " + what + "\" >&2\n"
                + "  exit 3\n"
                + "fi\n";
    }
}
