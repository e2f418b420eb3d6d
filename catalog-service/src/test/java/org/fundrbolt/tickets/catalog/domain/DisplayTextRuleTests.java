package org.fundrbolt.tickets.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DisplayTextRuleTests {

    @Test
    void acceptsReadableTextInAnyScript() {
        for (String text : List.of("VIP Table", "Café crème", "Ужин", "עשאל", "مأدبة العشاء", "ß ﬀ", "👨‍👩‍👧 family",
                "Table\u00A0for two", "שולחן\u200F 5")) {
            assertThat(DisplayText.lineProblem(text)).as(text).isEmpty();
            assertThat(DisplayText.paragraphsProblem(text)).as(text).isEmpty();
        }
    }

    @Test
    void refusesControlCharactersAndLineBreaksInALine() {
        for (String text : List.of("A\nB", "A\r\nB", "A\tB", "A\u0000B", "A\u0007", "A\u001B[31m", "A\u007F",
                "A\u0085B", "A\u009BB", "A\u2028B", "A\u2029B")) {
            assertThat(DisplayText.lineProblem(text)).as(text).contains(DisplayText.ONE_LINE);
        }
    }

    @Test
    void allowsLineBreaksAndTabsInADescriptionButNoOtherControls() {
        assertThat(DisplayText.paragraphsProblem("Dinner\r\n\tand dance\nuntil\u2028midnight")).isEmpty();
        for (String text : List.of("A\u0000B", "A\u001B[2J", "A\u007F", "A\u0085B", "A\u009F")) {
            assertThat(DisplayText.paragraphsProblem(text)).as(text).contains(DisplayText.NO_CONTROL);
        }
    }

    @Test
    void refusesEveryBidiOverrideAndIsolate() {
        for (int codePoint : new int[]{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
            String text = "VIP " + Character.toString(codePoint) + "elbaT";
            assertThat(DisplayText.lineProblem(text)).as("U+%04X", codePoint).contains(DisplayText.NO_BIDI_CONTROL);
            assertThat(DisplayText.paragraphsProblem(text)).as("U+%04X", codePoint)
                    .contains(DisplayText.NO_BIDI_CONTROL);
        }
    }

    @Test
    void refusesALineWithNothingToSee() {
        for (String text : List.of("", " ", "\u200B", "\u200C\u200D", "\u2060", "\uFEFF", "\u00A0\u00A0", "\u3000",
                " \u200B\u00A0\u202F\u2007 ", "\u00AD", "\u200E")) {
            assertThat(DisplayText.lineProblem(text)).as("%s", text.codePoints().boxed().toList())
                    .contains(DisplayText.VISIBLE);
        }
        assertThat(DisplayText.paragraphsProblem("\u200B")).isEmpty();
    }

    @Test
    void refusesBrokenSurrogates() {
        assertThat(DisplayText.lineProblem("A\uD83D")).contains(DisplayText.BROKEN);
        assertThat(DisplayText.paragraphsProblem("\uDE00A")).contains(DisplayText.BROKEN);
    }

    @Test
    void normalisesToComposedForm() {
        assertThat(DisplayText.normalized("Cafe\u0301")).isEqualTo("Caf\u00E9");
        assertThat(DisplayText.normalized("ß ﬀ")).isEqualTo("ß ﬀ");
        assertThat(DisplayText.normalized(null)).isNull();
    }
}
