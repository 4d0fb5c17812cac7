package dev.kubewizard.plan;

/** Plan-wide SSH settings. Passwords are asked for at run time and never stored. */
public record Ssh(String user, Integer port, SshAuth auth, String privateKeyFile) {
    public static final int DEFAULT_PORT = 22;

    public String userOrDefault() {
        return user == null || user.isBlank() ? "root" : user;
    }

    public int portOrDefault() {
        return port == null ? DEFAULT_PORT : port;
    }

    public SshAuth authOrDefault() {
        return auth == null ? SshAuth.PASSWORD : auth;
    }
}
