package org.opengateway.company;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.opengateway.api.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * Checks an uploaded logo and scales it to fit {@value #MAX_WIDTH} x {@value #MAX_HEIGHT} pixels, keeping its
 * proportions. The bytes must be the image type the upload declares (by their first bytes and by the decoder that
 * reads them), and the image's size is read from its header and refused when too large before any pixel is decoded,
 * so that a small file cannot unpack into gigabytes. A logo smaller than the box is kept as it is, never enlarged.
 */
public final class LogoImages {

    public static final int MAX_WIDTH = 280;
    public static final int MAX_HEIGHT = 90;

    private final long maxBytes;
    private final long maxPixels;

    public LogoImages(long maxBytes, long maxPixels) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    /** The logo as stored: its type, its bytes in that type, its size in pixels. */
    public record Logo(String mediaType, byte[] content, int width, int height) {
    }

    /** The kinds we take, with their first bytes and the name Java's image decoder gives them. */
    enum Kind {
        PNG("image/png", "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}),
        JPEG("image/jpeg", "jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}),
        GIF("image/gif", "gif", new byte[] {'G', 'I', 'F', '8'});

        final String mediaType;
        final String formatName;
        final byte[] magic;

        Kind(String mediaType, String formatName, byte[] magic) {
            this.mediaType = mediaType;
            this.formatName = formatName;
            this.magic = magic;
        }

        static Kind declared(String contentType) {
            String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            return switch (type) {
                case "image/png" -> PNG;
                case "image/jpeg", "image/jpg", "image/pjpeg" -> JPEG;
                case "image/gif" -> GIF;
                default -> throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported logo type", "The logo"
                        + " must be a JPG, GIF or PNG image sent as image/jpeg, image/gif or image/png; it was sent as '"
                        + (type.isEmpty() ? "no type" : type) + "'.");
            };
        }

        static Kind sniffed(byte[] bytes) {
            return Arrays.stream(values()).filter(kind -> bytes.length >= kind.magic.length
                    && Arrays.equals(Arrays.copyOf(bytes, kind.magic.length), kind.magic)).findFirst().orElse(null);
        }

        String label() {
            return this == JPEG ? "JPG" : name();
        }
    }

    /** The checked, scaled logo; 400 or 415 naming what is wrong otherwise. */
    public Logo check(byte[] bytes, String contentType) {
        Kind declared = Kind.declared(contentType);
        if (bytes == null || bytes.length == 0) {
            throw ApiProblem.badRequest("The logo file is empty. Send the image's bytes as the body of the request.");
        }
        if (bytes.length > maxBytes) {
            throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "Logo too large", "The logo file has " + bytes.length
                    + " bytes; at most " + maxBytes + " are taken (gateway.company.logo-max-size). A logo of 280 x 90"
                    + " pixels needs far less: save it smaller and send it again.");
        }
        Kind actual = Kind.sniffed(bytes);
        if (actual == null) {
            throw notAnImage(declared, "its bytes are not a JPG, GIF or PNG image at all");
        }
        if (actual != declared) {
            throw notAnImage(declared, "its bytes are a " + actual.label() + " image. Send it as " + actual.mediaType
                    + ", or save it as " + declared.label());
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw notAnImage(declared, "no decoder recognises it");
            }
            ImageReader reader = readers.next();
            try {
                if (!declared.formatName.equalsIgnoreCase(reader.getFormatName())) {
                    throw notAnImage(declared, "the decoder reads it as " + reader.getFormatName());
                }
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw ApiProblem.badRequest("The logo is " + width + " x " + height + " pixels; at most " + maxPixels
                            + " pixels are taken (gateway.company.logo-max-pixels). Scale it down before sending it.");
                }
                return scaled(reader.read(0, subsampled(width, height, reader)), declared, width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException broken) {
            if (broken instanceof ApiProblem problem) {
                throw problem;
            }
            throw notAnImage(declared, "it could not be read as one (" + broken.getMessage() + ")");
        }
    }

    /**
     * Reads only every n-th pixel of a large image, keeping at least twice the pixels of the box for the final smooth
     * scaling: a photo of 4000 x 3000 is decoded at a fraction of the memory and time.
     */
    private static ImageReadParam subsampled(int width, int height, ImageReader reader) {
        double factor = Math.min((double) MAX_WIDTH / width, (double) MAX_HEIGHT / height);
        int step = Math.max(1, (int) Math.floor(1 / (2 * factor)));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return param;
    }

    /** {@code image} may be subsampled; the size is computed from the original's, so the proportions are its own. */
    private static Logo scaled(BufferedImage image, Kind kind, int originalWidth, int originalHeight) {
        double factor = Math.min(1.0, Math.min((double) MAX_WIDTH / originalWidth, (double) MAX_HEIGHT / originalHeight));
        int width = Math.max(1, (int) Math.round(originalWidth * factor));
        int height = Math.max(1, (int) Math.round(originalHeight * factor));
        // JPEG has no transparency; the others keep it
        BufferedImage target = new BufferedImage(width, height,
                kind == Kind.JPEG ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.drawImage(image, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(target, kind.formatName, out)) {
                throw new IllegalStateException("No " + kind.label() + " encoder in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Logo(kind.mediaType, out.toByteArray(), width, height);
    }

    private static ApiProblem notAnImage(Kind declared, String why) {
        return ApiProblem.badRequest("The logo was sent as a " + declared.label() + " image (" + declared.mediaType
                + "), but " + why + ". Send a real JPG, GIF or PNG file with its own type.");
    }
}
