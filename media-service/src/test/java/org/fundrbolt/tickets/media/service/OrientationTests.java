package org.fundrbolt.tickets.media.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class OrientationTests {

    private static final int WIDTH = 3;
    private static final int HEIGHT = 2;
    private static final int MARK = 0xFF0000;

    @Test
    void keepsUprightAndUnknownOrientationsAsTheyAre() {
        BufferedImage image = marked();
        assertSame(image, Orientation.upright(image, 1));
        assertSame(image, Orientation.upright(image, 0));
        assertSame(image, Orientation.upright(image, 9));
    }

    @Test
    void mirrorsLeftToRightForTwo() {
        assertMarkAt(Orientation.upright(marked(), 2), WIDTH, HEIGHT, WIDTH - 1, 0);
    }

    @Test
    void turnsHalfwayForThree() {
        assertMarkAt(Orientation.upright(marked(), 3), WIDTH, HEIGHT, WIDTH - 1, HEIGHT - 1);
    }

    @Test
    void mirrorsTopToBottomForFour() {
        assertMarkAt(Orientation.upright(marked(), 4), WIDTH, HEIGHT, 0, HEIGHT - 1);
    }

    @Test
    void transposesForFive() {
        assertMarkAt(Orientation.upright(marked(), 5), HEIGHT, WIDTH, 0, 0);
    }

    @Test
    void turnsClockwiseForSix() {
        assertMarkAt(Orientation.upright(marked(), 6), HEIGHT, WIDTH, HEIGHT - 1, 0);
    }

    @Test
    void transversesForSeven() {
        assertMarkAt(Orientation.upright(marked(), 7), HEIGHT, WIDTH, HEIGHT - 1, WIDTH - 1);
    }

    @Test
    void turnsCounterclockwiseForEight() {
        assertMarkAt(Orientation.upright(marked(), 8), HEIGHT, WIDTH, 0, WIDTH - 1);
    }

    /** Black, except the stored top-left pixel, whose landing place tells the transform apart from all others. */
    private static BufferedImage marked() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, MARK);
        return image;
    }

    private static void assertMarkAt(BufferedImage turned, int width, int height, int x, int y) {
        assertEquals(width, turned.getWidth(), "width");
        assertEquals(height, turned.getHeight(), "height");
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                int expected = column == x && row == y ? MARK : 0;
                assertEquals(expected, turned.getRGB(column, row) & 0xFFFFFF, "pixel " + column + "," + row);
            }
        }
    }
}
