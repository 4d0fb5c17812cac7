package dev.kubewizard.plan;

/** The private Harbor registry. The password is asked for at run time and never stored. */
public record Harbor(String host, String scheme, Boolean skipVerify, String username, String testImage,
                     Boolean pullSecret) {
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isHttps() {
        return "https".equals(scheme);
    }

    public boolean skipVerifyOrDefault() {
        return skipVerify == null || skipVerify;
    }

    public boolean pullSecretOrDefault() {
        return pullSecret != null && pullSecret;
    }
}
