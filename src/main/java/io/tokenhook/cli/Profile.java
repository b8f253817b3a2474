package io.tokenhook.cli;

import java.nio.file.Path;

/**
 * Where and as whom the CLI talks to a server.
 *
 * @param name     the stored profile's name, or null when environment variables supplied some or all of it
 * @param url      the server's base URL, ending with {@code /}
 * @param audience the Management API audience found at login, or null to discover it from the server
 * @param caFile   a PEM file of CA certificates that HTTPS trusts besides the JDK's trust store (the server's
 *                 {@code ca.pem} under {@code --tls-self-signed}), or null
 */
record Profile(String name, String url, String clientId, String clientSecret, String audience, Path caFile) {
    Profile {
        if (url == null || clientId == null || clientSecret == null) throw new IllegalArgumentException("incomplete profile");
    }
}
