package dev.bigocean.profile;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import dev.bigocean.scoring.TraitScore;

/**
 * The 1200×630 PNG preview of a profile for link unfurlers (Open Graph, Twitter cards), drawn with Java2D in headless
 * mode: the archetype's colour, its name, the OCEAN code and one bar per trait. Plain fonts of the platform (logical
 * "SansSerif"), so nothing is downloaded.
 */
final class OgImage {

    static final int WIDTH = 1200;
    static final int HEIGHT = 630;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private OgImage() {
    }

    static byte[] png(ProfileService.Card card) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Color accent = color(card.archetype().color());
            g.setPaint(new GradientPaint(0, 0, new Color(0x14213d), WIDTH, HEIGHT, accent.darker().darker()));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(accent);
            g.fillOval(WIDTH - 330, -120, 460, 460);

            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
            g.drawString("Big Ocean", 70, 95);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
            drawFitted(g, card.archetype().name(), 70, 200, WIDTH - 420);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 34));
            g.drawString("OCEAN code", 70, 265);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 56));
            g.drawString(card.sheet().oceanCode5(), 300, 268);

            int y = 330;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
            for (TraitScore t : card.sheet().traits()) {
                g.setColor(Color.WHITE);
                g.drawString(ProfilePage.label(t.trait().apiName()), 70, y + 30);
                g.setColor(new Color(255, 255, 255, 60));
                g.fillRoundRect(400, y + 6, 700, 30, 14, 14);
                g.setColor(accent.brighter());
                g.fillRoundRect(400, y + 6, (int) Math.round(700 * Math.min(120, t.score()) / 120.0), 30, 14, 14);
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(2));
                g.drawRoundRect(400, y + 6, 700, 30, 14, 14);
                y += 56;
            }
        } finally {
            g.dispose();
        }
        return encode(image);
    }

    /**
     * The image as a PNG compressed as far as deflate goes. ImageIO's default (deflate level 4, for speed) made the
     * preview 88 KB; level 9 makes the same pixels about 48 KB, for about 10 ms more once per drawing (the image is
     * kept) and half the bytes on every request that fetches it.
     */
    static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam smallest = writer.getDefaultWriteParam();
        smallest.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        smallest.setCompressionQuality(0f); // quality 0: the highest deflate level
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), smallest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Draws the text on one line, shrinking the font until it fits {@code maxWidth}. */
    private static void drawFitted(Graphics2D g, String text, int x, int y, int maxWidth) {
        Font font = g.getFont();
        FontMetrics metrics = g.getFontMetrics(font);
        while (metrics.stringWidth(text) > maxWidth && font.getSize() > 28) {
            font = font.deriveFont((float) font.getSize() - 2);
            metrics = g.getFontMetrics(font);
        }
        g.setFont(font);
        g.drawString(text, x, y);
    }

    private static Color color(String hex) {
        try {
            return Color.decode(hex);
        } catch (RuntimeException e) {
            return new Color(0x0b5cad);
        }
    }
}
