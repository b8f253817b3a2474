package io.tokenhook.http;

import org.eclipse.jetty.util.InetAddressSet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The source address of a request, what the limits, the log and hooks see: the socket's peer, unless that peer is a
 * trusted proxy; then the {@code X-Forwarded-For} list is read from the right (each proxy appends the address it
 * saw), skipping trusted proxies, and the first address that is not one is the client. Without trusted proxies the
 * header is ignored, so a client cannot choose its own address.
 */
final class ClientAddress {
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** An address, or a CIDR range: an address and a prefix length. */
    private static final Pattern RANGE = Pattern.compile("([^/]+)(?:/(\\d{1,3}))?");

    private final InetAddressSet trusted = new InetAddressSet();

    /** @param trustedProxies addresses ({@code 10.0.0.5}) and CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) */
    ClientAddress(List<String> trustedProxies) {
        for (String proxy : trustedProxies) {
            var range = RANGE.matcher(proxy.trim());
            InetAddress address = range.matches() ? parse(range.group(1)) : null;
            int bits = address == null ? 0 : address.getAddress().length * 8;
            if (address == null || (range.group(2) != null && Integer.parseInt(range.group(2)) > bits)) {
                throw new IllegalArgumentException("--trusted-proxies takes IP addresses and CIDR ranges, not '" + proxy + "'");
            }
            trusted.add(proxy.trim());
        }
    }

    /**
     * @param peer          the socket's remote address
     * @param forwardedFor  the {@code X-Forwarded-For} header, may be null
     */
    String resolve(String peer, String forwardedFor) {
        if (trusted.isEmpty() || forwardedFor == null || !isTrusted(peer)) return peer;
        String client = peer;
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            InetAddress address = parse(hop);
            if (address == null) break;          // garbage: the nearest trusted proxy's view is all we know
            client = hop;
            if (!trusted.test(address)) break;
        }
        return client;
    }

    private boolean isTrusted(String peer) {
        InetAddress address = parse(peer);
        return address != null && trusted.test(address);
    }

    /** An IP literal, never looked up in DNS; null for anything else. */
    static InetAddress parse(String text) {
        if (text.length() > 2 && text.startsWith("[") && text.endsWith("]")) text = text.substring(1, text.length() - 1);
        if (text.isEmpty() || text.length() > 45) return null;
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) return null;
        try {
            return InetAddress.getByName(text);   // a valid IPv4 or a colon-holding literal: parsed, never resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
