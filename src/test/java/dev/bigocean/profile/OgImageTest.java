package dev.bigocean.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The preview is compressed further than ImageIO's default, and stays the same pixels. */
class OgImageTest {

    @Test
    void thePreviewIsSmallerThanImageIosDefaultAndLossless() throws IOException {
        BufferedImage image = new BufferedImage(OgImage.WIDTH, OgImage.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x14213d), OgImage.WIDTH, OgImage.HEIGHT, new Color(0x0b5cad)));
        g.fillRect(0, 0, OgImage.WIDTH, OgImage.HEIGHT);
        g.dispose();
        ByteArrayOutputStream byDefault = new ByteArrayOutputStream();
        ImageIO.write(image, "png", byDefault);

        byte[] png = OgImage.encode(image);

        assertTrue(png.length < byDefault.size() * 3 / 4, png.length + " bytes against " + byDefault.size());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(OgImage.WIDTH, decoded.getWidth());
        assertEquals(OgImage.HEIGHT, decoded.getHeight());
        for (int y = 0; y < OgImage.HEIGHT; y++) {
            for (int x = 0; x < OgImage.WIDTH; x++) {
                assertEquals(image.getRGB(x, y), decoded.getRGB(x, y));
            }
        }
    }
}
