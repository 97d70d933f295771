package dev.cmsf.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes JPEG, PNG, BMP and GIF files into CHW floats of a chosen channel count.
 *
 * <p>JPEGs go to libjpeg-turbo first when its Java binding is installed ({@link TurboJpeg}; the
 * choice is {@link JpegDecoder}, {@code CMSF_JPEG_DECODER=auto|turbojpeg|imageio}): it decoded a
 * 500x375 JPEG in about 0.8 ms against 1.3 ms for the JDK's reader (docs/data.md). A JPEG it
 * cannot decode as the JDK would (CMYK, YCCK, 12-bit, an ICC profile or an ambiguous colour
 * space: {@link JpegHeader}), or fails on, goes on to ImageIO as before.
 *
 * <p>ImageIO tries the JDK's own readers first, for speed: its JPEG reader (native libjpeg)
 * decoded that JPEG in 1.25 ms against 1.3-1.8 ms for TwelveMonkeys'. A file the JDK cannot read
 * goes to the next reader that accepts it (TwelveMonkeys' {@code imageio-jpeg} on the class
 * path); the JDK 17 reader itself reads Adobe CMYK and YCCK JPEGs (ImageDecoderTest). A decoder warning (a truncated JPEG decodes with a
 * grey bottom and one) counts as a failure, as PIL raises on truncated files.
 *
 * <p>Thread-safe: each thread keeps its own decoder instances, reused across images.
 */
public final class ImageDecoder {

  private static final Set<String> FORMATS = Set.of("jpeg", "png", "bmp", "gif");
  private static final List<ImageReaderSpi> READERS = readers();
  private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private final int channels;
  private final TurboJpeg turbo; // null: JPEGs go to ImageIO
  private final ThreadLocal<Map<ImageReaderSpi, ReaderSlot>> slots =
      ThreadLocal.withInitial(HashMap::new);
  private final ThreadLocal<TurboJpeg.Decoder> turboSlots;

  /**
   * Creates a decoder with the configured JPEG decoder ({@link JpegDecoder#configured()}).
   *
   * @param channels 3 (RGB) or 1 (luma, as PIL's {@code convert("L")})
   * @throws InvalidDataException if the setting is invalid, or asks for TurboJPEG and it is not
   *     installed
   */
  public ImageDecoder(int channels) {
    this(channels, JpegDecoder.configured());
  }

  /**
   * Creates a decoder with the given JPEG decoder.
   *
   * @throws InvalidDataException if {@code jpeg} is TURBOJPEG and it is not installed
   */
  public ImageDecoder(int channels, JpegDecoder jpeg) {
    this(channels, jpeg, TurboJpeg.installed());
  }

  ImageDecoder(int channels, JpegDecoder jpeg, TurboJpeg installed) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    this.channels = channels;
    if (jpeg == JpegDecoder.TURBOJPEG && !installed.available()) {
      throw new InvalidDataException(
          "JPEG decoder turbojpeg ("
              + JpegDecoder.VARIABLE
              + ") is not available: "
              + installed.problem()
              + "; install it with: "
              + TurboJpeg.INSTALL
              + ", or use auto or imageio");
    }
    this.turbo = jpeg != JpegDecoder.IMAGEIO && installed.available() ? installed : null;
    this.turboSlots = turbo != null ? ThreadLocal.withInitial(turbo::newDecoder) : null;
    logOnce(jpeg, installed);
  }

  /** Channels of the decoded images. */
  public int channels() {
    return channels;
  }

  /** The decoder that reads JPEGs: "turbojpeg" or "imageio". */
  public String jpegDecoder() {
    return turbo != null ? "turbojpeg" : "imageio";
  }

  private void logOnce(JpegDecoder jpeg, TurboJpeg installed) {
    String used = jpegDecoder();
    if (!LOGGED.add(used)) {
      return;
    }
    if (turbo != null) {
      LOG.info(
          "JPEG decoder: turbojpeg (libjpeg-turbo, {}); {}=imageio for the JDK's",
          turbo.location(),
          JpegDecoder.VARIABLE);
    } else if (jpeg == JpegDecoder.IMAGEIO) {
      LOG.info("JPEG decoder: imageio ({}=imageio)", JpegDecoder.VARIABLE);
    } else {
      LOG.info(
          "JPEG decoder: imageio; the faster turbojpeg is not available: {}; install it"
              + " with: {}",
          installed.problem(),
          TurboJpeg.INSTALL);
    }
  }

  /**
   * Decodes one encoded image into {@code into} and returns it.
   *
   * @throws UnreadableImageException if no reader decodes it without error or warning
   */
  public Pixels decode(byte[] encoded, Pixels into) throws UnreadableImageException {
    if (turbo != null
        && JpegHeader.turboCompatible(encoded)
        && turboSlots.get().decode(encoded, channels, into)) {
      return into;
    }
    // ImageIO: files TurboJPEG does not take or failed on, whose failure is then ImageIO's.
    String firstFailure = null;
    for (ImageReaderSpi spi : READERS) {
      try (ImageInputStream in = stream(encoded)) {
        if (!spi.canDecodeInput(in)) {
          continue;
        }
        BufferedImage image = slot(spi).read(in);
        ImageConversion.toChw(image, channels, into);
        return into;
      } catch (IOException | RuntimeException e) {
        // Decoders report damaged data with unchecked exceptions too; try the next reader.
        if (firstFailure == null) {
          firstFailure = describe(e);
        }
      }
    }
    throw new UnreadableImageException(
        firstFailure != null ? firstFailure : "not a JPEG, PNG, BMP or GIF image");
  }

  private static ImageInputStream stream(byte[] encoded) {
    // In memory: ImageIO's default stream would copy every file to a temporary file first.
    return new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded));
  }

  private ReaderSlot slot(ImageReaderSpi spi) throws IOException {
    Map<ImageReaderSpi, ReaderSlot> mine = slots.get();
    ReaderSlot slot = mine.get(spi);
    if (slot == null) {
      slot = new ReaderSlot(spi.createReaderInstance());
      mine.put(spi, slot);
    }
    return slot;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** The readers of the accepted formats, the JDK's first. */
  private static List<ImageReaderSpi> readers() {
    List<ImageReaderSpi> found = new ArrayList<>();
    Iterator<ImageReaderSpi> all =
        IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
    while (all.hasNext()) {
      ImageReaderSpi spi = all.next();
      for (String name : spi.getFormatNames()) {
        if (FORMATS.contains(name.toLowerCase(Locale.ROOT))) {
          found.add(spi);
          break;
        }
      }
    }
    found.sort(Comparator.comparing(spi -> !spi.getClass().getName().startsWith("com.sun.")));
    return List.copyOf(found);
  }

  /** One reader with a listener that turns its warnings into failures. */
  private static final class ReaderSlot implements IIOReadWarningListener {
    private final ImageReader reader;
    private String warning;

    ReaderSlot(ImageReader reader) {
      this.reader = reader;
      reader.addIIOReadWarningListener(this);
    }

    BufferedImage read(ImageInputStream in) throws IOException {
      warning = null;
      try {
        reader.setInput(in, true, true);
        BufferedImage image = reader.read(0);
        if (warning != null) {
          throw new UnreadableImageException(warning);
        }
        return image;
      } finally {
        reader.setInput(null);
      }
    }

    @Override
    public void warningOccurred(ImageReader source, String message) {
      if (warning == null) {
        warning = message;
      }
    }
  }
}
