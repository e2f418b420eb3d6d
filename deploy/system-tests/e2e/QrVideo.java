import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/**
 * A camera for the browser test of the door: turns a ticket's QR image (the PNG the API renders) into a short
 * Y4M video, a ticket held in front of a phone, for chromium's --use-file-for-fake-video-capture.
 *
 * java QrVideo.java in.png out.y4m
 */
public class QrVideo {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FRAMES = 10;

    public static void main(String[] args) throws Exception {
        BufferedImage qr = ImageIO.read(new File(args[0]));
        BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = frame.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, WIDTH, HEIGHT);
        int side = Math.min(400, HEIGHT - 40);
        graphics.drawImage(qr, (WIDTH - side) / 2, (HEIGHT - side) / 2, side, side, null);
        graphics.dispose();
        byte[] y = new byte[WIDTH * HEIGHT];
        byte[] u = new byte[WIDTH * HEIGHT / 4];
        byte[] v = new byte[WIDTH * HEIGHT / 4];
        for (int row = 0; row < HEIGHT; row++) {
            for (int col = 0; col < WIDTH; col++) {
                int rgb = frame.getRGB(col, row);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                y[row * WIDTH + col] = (byte) clamp(0.299 * r + 0.587 * g + 0.114 * b);
                if (row % 2 == 0 && col % 2 == 0) {
                    int chroma = (row / 2) * (WIDTH / 2) + col / 2;
                    u[chroma] = (byte) clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
                    v[chroma] = (byte) clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
                }
            }
        }
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(args[1]))) {
            out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < FRAMES; i++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(y);
                out.write(u);
                out.write(v);
            }
        }
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
