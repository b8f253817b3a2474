package io.tokenhook.fuzz;

import io.tokenhook.fuzz.gen.Arbitraries;
import io.tokenhook.fuzz.gen.Arbitrary;
import io.tokenhook.fuzz.gen.Weighted;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Strings a client might send: plain, any Unicode (lone surrogates and controls too), tricky and long ones. */
final class FuzzStrings {
    private static final String[] TRICKY = {
            "", " ", "\u0000", "a\u0000b", "\u0000\u0000", "x\u0000", "\uFEFF", "\u202Eevil", "\uD83D\uDE00", "\uD800", "\uDFFF", "\uFFFF",
            "%00", "%", "%zz", "+", "&", "=", "?", "#", "..", "../..", "/", "\\", "\"", "'", "`", "<b>x</b>",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}", "' OR '1'='1", "\"; DROP TABLE clients; --",
            "null", "true", "0", "-1", "1e309", "NaN", " leading", "trailing ", "\t\n\r", "\r\nX-Injected: 1",
            "ä", "Ω", "中文", "עברית", "\u0301\u0301\u0301", "https://fuzz.example/api", "client_credentials",
            "a".repeat(129), "a".repeat(256), "a".repeat(281), "a".repeat(601), "a".repeat(4097), "é".repeat(700)};

    private FuzzStrings() {}

    private static final Arbitrary<String> ANY = Arbitraries.frequencyOf(
            Weighted.of(30, Arbitraries.strings().alpha().numeric().withChars("-_.:").ofMaxLength(24)),
            Weighted.of(15, Arbitraries.strings().all().ofMaxLength(16)),
            Weighted.of(10, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40)),
            Weighted.of(8, Arbitraries.strings().withCharRange('\u00a0', '\u2fff').ofMaxLength(12)),
            Weighted.of(25, Arbitraries.of(TRICKY)),
            Weighted.of(3, Arbitraries.integers().between(300, 3_000).map("x"::repeat))
    ).filter(s -> !ResponseChecks.mentionsMarker(s));
    private static final Arbitrary<String> WORD = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(16);

    /** Any string, short more often than long; never one that the response checks would take for a leak. */
    static Arbitrary<String> any() {
        return ANY;
    }

    /** A short word of letters and digits, for names that should pass validation. */
    static Arbitrary<String> word() {
        return WORD;
    }

    /** Percent-encodes {@code s} for a query string or a path segment (a slash becomes %2F). */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
