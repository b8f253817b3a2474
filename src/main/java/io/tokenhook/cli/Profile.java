package io.tokenhook.cli;

/**
 * Where and as whom the CLI talks to a server.
 *
 * @param name     the stored profile's name, or null when environment variables supplied some or all of it
 * @param url      the server's base URL, ending with {@code /}
 * @param audience the Management API audience found at login, or null to discover it from the server
 */
record Profile(String name, String url, String clientId, String clientSecret, String audience) {
    Profile {
        if (url == null || clientId == null || clientSecret == null) throw new IllegalArgumentException("incomplete profile");
    }
}
