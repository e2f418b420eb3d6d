package org.fundrbolt.tickets.platform.text;

/** Text that PostgreSQL can store and people can read: no NUL or other control characters, no broken surrogates. */
public final class Text {

    private Text() {
    }

    public static boolean storable(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)
                    || (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                return false;
            }
        }
        return true;
    }
}
