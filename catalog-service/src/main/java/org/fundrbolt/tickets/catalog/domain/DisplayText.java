package org.fundrbolt.tickets.catalog.domain;

import java.text.Normalizer;
import java.util.Optional;

/**
 * Text that coordinators type and donors read: package names, option labels and choices (one line each) and package
 * descriptions (lines). It is printable, never reorders the text around it (bidi overrides and isolates, the
 * "Trojan Source" trick that makes a name read backwards) and, on one line, has something to see.
 */
public final class DisplayText {

    static final String ONE_LINE = "must be one line, without tabs or other control characters";
    static final String NO_CONTROL = "must not contain control characters other than line breaks and tabs";
    static final String NO_BIDI_CONTROL = "must not contain bidirectional override or isolate characters "
            + "(U+202A to U+202E, U+2066 to U+2069)";
    static final String VISIBLE = "must contain a visible character, not only spaces or zero-width characters";
    static final String BROKEN = "must be valid Unicode text";

    private DisplayText() {
    }

    /** Why a name, label or choice cannot be stored, or empty when it can (null is the caller's business). */
    public static Optional<String> lineProblem(String text) {
        return problem(text, false);
    }

    /**
     * Why a description cannot be stored: as a line, but line breaks and tabs are allowed (a textarea's text), and
     * it need not show anything (a blank description is no description, like null).
     */
    public static Optional<String> paragraphsProblem(String text) {
        return problem(text, true);
    }

    /** NFC, so the same letters typed two ways (é as one code point or e + accent) are counted and compared alike. */
    public static String normalized(String text) {
        return text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static Optional<String> problem(String text, boolean paragraphs) {
        if (text == null) {
            return Optional.empty();
        }
        boolean visible = false;
        for (int i = 0; i < text.length();) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.getType(codePoint) == Character.SURROGATE) {
                return Optional.of(BROKEN);
            }
            if (isLineBreakOrTab(codePoint)) {
                if (!paragraphs) {
                    return Optional.of(ONE_LINE);
                }
            } else if (Character.isISOControl(codePoint)) {
                return Optional.of(paragraphs ? NO_CONTROL : ONE_LINE);
            } else if (isBidiControl(codePoint)) {
                return Optional.of(NO_BIDI_CONTROL);
            } else if (!isInvisible(codePoint)) {
                visible = true;
            }
        }
        return visible || paragraphs ? Optional.empty() : Optional.of(VISIBLE);
    }

    private static boolean isLineBreakOrTab(int codePoint) {
        return codePoint == '\n' || codePoint == '\r' || codePoint == '\t'
                || Character.getType(codePoint) == Character.LINE_SEPARATOR
                || Character.getType(codePoint) == Character.PARAGRAPH_SEPARATOR;
    }

    /** The embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069; the marks (LRM, RLM) stay allowed. */
    private static boolean isBidiControl(int codePoint) {
        return switch (Character.getDirectionality(codePoint)) {
            case Character.DIRECTIONALITY_LEFT_TO_RIGHT_EMBEDDING, Character.DIRECTIONALITY_RIGHT_TO_LEFT_EMBEDDING,
                    Character.DIRECTIONALITY_LEFT_TO_RIGHT_OVERRIDE, Character.DIRECTIONALITY_RIGHT_TO_LEFT_OVERRIDE,
                    Character.DIRECTIONALITY_POP_DIRECTIONAL_FORMAT, Character.DIRECTIONALITY_LEFT_TO_RIGHT_ISOLATE,
                    Character.DIRECTIONALITY_RIGHT_TO_LEFT_ISOLATE, Character.DIRECTIONALITY_FIRST_STRONG_ISOLATE,
                    Character.DIRECTIONALITY_POP_DIRECTIONAL_ISOLATE ->
                true;
            default -> false;
        };
    }

    /**
     * Whitespace of any kind (NBSP and the other space separators too, which {@link String#strip()} keeps) and the
     * format characters that draw nothing: zero-width space, joiners, word joiner, BOM (U+200B–U+200D, U+2060,
     * U+FEFF), soft hyphen, direction marks.
     */
    private static boolean isInvisible(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || Character.getType(codePoint) == Character.FORMAT;
    }
}
