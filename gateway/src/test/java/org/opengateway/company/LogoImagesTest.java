package org.opengateway.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.opengateway.api.ApiProblem;

class LogoImagesTest {

    private final LogoImages images = new LogoImages(2_000_000, 25_000_000);

    @Test
    void aWidePngIsScaledToTheWidthKeepingItsProportionsAndColours() throws IOException {
        LogoImages.Logo logo = images.check(halves(1000, 300, "png"), "image/png");
        assertThat(logo.mediaType()).isEqualTo("image/png");
        assertThat(logo.width()).isEqualTo(280);
        assertThat(logo.height()).isEqualTo(84);
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(logo.content()));
        assertThat(stored.getWidth()).isEqualTo(280);
        assertThat(stored.getHeight()).isEqualTo(84);
        assertThat(new Color(stored.getRGB(20, 40))).isEqualTo(Color.RED);
        assertThat(new Color(stored.getRGB(260, 40))).isEqualTo(Color.BLUE);
    }

    @Test
    void aTallJpegIsScaledToTheHeightAndAGifToTheWidth() throws IOException {
        LogoImages.Logo jpeg = images.check(halves(300, 600, "jpeg"), "image/jpeg");
        assertThat(jpeg.mediaType()).isEqualTo("image/jpeg");
        assertThat(new int[] {jpeg.width(), jpeg.height()}).containsExactly(45, 90);
        assertThat(ImageIO.getImageReaders(ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg.content())))
                .next().getFormatName()).isEqualToIgnoringCase("jpeg");
        LogoImages.Logo gif = images.check(halves(560, 90, "gif"), "image/gif");
        assertThat(gif.mediaType()).isEqualTo("image/gif");
        assertThat(new int[] {gif.width(), gif.height()}).containsExactly(280, 45);
        assertThat(ImageIO.read(new ByteArrayInputStream(gif.content())).getWidth()).isEqualTo(280);
    }

    @Test
    void aLargePhotoIsReadSubsampledAndStillScaledToItsOwnProportions() throws IOException {
        LogoImages.Logo logo = images.check(halves(4000, 3000, "png"), "image/png");
        assertThat(new int[] {logo.width(), logo.height()}).containsExactly(120, 90);
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(logo.content()));
        assertThat(new Color(stored.getRGB(10, 45))).isEqualTo(Color.RED);
        assertThat(new Color(stored.getRGB(110, 45))).isEqualTo(Color.BLUE);
    }

    @Test
    void aSmallLogoIsKeptAsItIsNotEnlarged() throws IOException {
        LogoImages.Logo logo = images.check(halves(100, 50, "png"), "image/png");
        assertThat(new int[] {logo.width(), logo.height()}).containsExactly(100, 50);
    }

    @Test
    void aPngSentAsJpegIsRefusedSayingWhatItIs() throws IOException {
        assertThatThrownBy(() -> images.check(halves(100, 50, "png"), "image/jpeg"))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("sent as a JPG image")
                .hasMessageContaining("its bytes are a PNG image");
    }

    @Test
    void aTextFileIsRefusedWhateverItClaimsToBe() {
        byte[] text = "This is not a logo.\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> images.check(text, "text/plain")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("JPG, GIF or PNG").hasMessageContaining("'text/plain'")
                .extracting(e -> ((ApiProblem) e).status().value()).isEqualTo(415);
        assertThatThrownBy(() -> images.check(text, "image/png")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("not a JPG, GIF or PNG image at all")
                .extracting(e -> ((ApiProblem) e).status().value()).isEqualTo(400);
    }

    @Test
    void aBrokenImageIsRefused() {
        byte[] broken = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5};
        assertThatThrownBy(() -> images.check(broken, "image/png")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("could not be read");
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderBeforeDecoding() throws IOException {
        byte[] bomb = pngHeaderOnly(100_000, 100_000);
        assertThat(bomb.length).isLessThan(200);
        assertThatThrownBy(() -> images.check(bomb, "image/png")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("100000 x 100000 pixels").hasMessageContaining("logo-max-pixels");
    }

    @Test
    void anOversizedFileIsRefused() throws IOException {
        LogoImages small = new LogoImages(1000, 25_000_000);
        assertThatThrownBy(() -> small.check(halves(1000, 300, "png"), "image/png")).isInstanceOf(ApiProblem.class)
                .extracting(e -> ((ApiProblem) e).status().value()).isEqualTo(413);
    }

    /** An image of two halves, red on the left and blue on the right. */
    static byte[] halves(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(width / 2, 0, width - width / 2, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** A PNG that claims a huge size in its header, with one tiny compressed row after it: what a bomb looks like. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 1).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] compressed = new byte[128];
        chunk(png, "IDAT", java.util.Arrays.copyOf(compressed, deflater.deflate(compressed)));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(name);
        png.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
