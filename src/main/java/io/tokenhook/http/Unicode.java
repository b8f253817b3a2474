package io.tokenhook.http;

/**
 * Whether request text can be stored and written back as UTF-8. JSON lets a string hold an unpaired surrogate
 * (a {@code \udc00} escape), and Jackson decodes bytes past U+10FFFF (F4 90 80 80) into one without complaint;
 * such a string cannot be encoded again, so it is refused where it comes in.
 */
public final class Unicode {
    private Unicode() {
    }

    /** True when every surrogate in {@code s} is half of a high-low pair. */
    public static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }
}
