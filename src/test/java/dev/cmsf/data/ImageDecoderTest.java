package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cmsf.augment.Grayscale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JPEG decoders on real files written by the test: TurboJPEG (where libturbojpeg-java is
 * installed) against ImageIO, the fall-through to ImageIO, and the choice between them.
 */
class ImageDecoderTest {

  /** libjpeg-turbo and the JDK's libjpeg 6b may round a few samples differently. */
  private static final float TOLERANCE = 2f / 255;

  @TempDir Path dir;

  private static final TurboJpeg MISSING =
      TurboJpeg.load("org.example.missing.TJDecompressor", "org.example.missing.TJ");

  private static void assumeTurbo() {
    assumeTrue(
        TurboJpeg.installed().available(),
        () -> "TurboJPEG not installed: " + TurboJpeg.installed().problem());
  }

  private static Pixels decode(ImageDecoder decoder, Path file) throws IOException {
    return decoder.decode(Files.readAllBytes(file), new Pixels());
  }

  private static float[] image(Pixels p) {
    return Arrays.copyOf(p.data(), p.channels() * p.height() * p.width());
  }

  /** The largest difference between two decodes of the same shape. */
  private static float maxDifference(Pixels a, Pixels b) {
    assertThat(new int[] {a.channels(), a.height(), a.width()})
        .containsExactly(b.channels(), b.height(), b.width());
    float[] x = image(a);
    float[] y = image(b);
    float max = 0;
    for (int i = 0; i < x.length; i++) {
      max = Math.max(max, Math.abs(x[i] - y[i]));
    }
    return max;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void rgbJpegsOfOddSizes_turboAgreesWithImageIO(int channels) throws IOException {
    assumeTurbo();
    ImageDecoder turbo = new ImageDecoder(channels, JpegDecoder.TURBOJPEG);
    ImageDecoder imageio = new ImageDecoder(channels, JpegDecoder.IMAGEIO);
    assertThat(turbo.jpegDecoder()).isEqualTo("turbojpeg");
    int[][] sizes = {{1, 1}, {37, 23}, {101, 67}, {17, 250}};
    for (int[] size : sizes) {
      Path file =
          ImageFiles.jpeg(dir.resolve(size[0] + "x" + size[1] + ".jpg"), size[0], size[1], size[0]);
      byte[] bytes = Files.readAllBytes(file);
      assertThat(JpegHeader.turboCompatible(bytes)).isTrue();
      // the TurboJPEG path itself decodes it, no fall-through
      assertThat(TurboJpeg.installed().newDecoder().decode(bytes, channels, new Pixels())).isTrue();

      Pixels fast = decode(turbo, file);
      Pixels reference = decode(imageio, file);

      assertThat(fast.width()).isEqualTo(size[0]);
      assertThat(fast.height()).isEqualTo(size[1]);
      assertThat(fast.channels()).isEqualTo(channels);
      assertThat(maxDifference(fast, reference))
          .as("%dx%d", size[0], size[1])
          .isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void grayJpegs_areDecodedAsGray_andAgreeWithImageIO(int channels) throws IOException {
    assumeTurbo();
    Path file = ImageFiles.write(ImageFiles.gray8(45, 31), "jpg", dir.resolve("gray.jpg"));

    Pixels fast = decode(new ImageDecoder(channels, JpegDecoder.TURBOJPEG), file);
    Pixels reference = decode(new ImageDecoder(channels, JpegDecoder.IMAGEIO), file);

    assertThat(maxDifference(fast, reference)).isLessThanOrEqualTo(TOLERANCE);
    if (channels == 3) { // replicated: the three planes are equal
      int plane = 45 * 31;
      float[] p = image(fast);
      assertThat(Arrays.copyOfRange(p, plane, 2 * plane))
          .containsExactly(Arrays.copyOfRange(p, 0, plane));
      assertThat(Arrays.copyOfRange(p, 2 * plane, 3 * plane))
          .containsExactly(Arrays.copyOfRange(p, 0, plane));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"turbojpeg", "imageio"})
  void truncatedJpeg_isUnreadableOnBothPaths_withImageIOsReason(String choice) throws IOException {
    if (choice.equals("turbojpeg")) {
      assumeTurbo();
    }
    byte[] whole = Files.readAllBytes(ImageFiles.jpeg(dir.resolve("whole.jpg"), 64, 48, 3));
    byte[] truncated = Arrays.copyOf(whole, whole.length * 2 / 3);
    ImageDecoder decoder = new ImageDecoder(3, JpegDecoder.parse(choice, "test"));
    ImageDecoder imageio = new ImageDecoder(3, JpegDecoder.IMAGEIO);

    UnreadableImageException e =
        catchThrowableOfType(
            UnreadableImageException.class, () -> decoder.decode(truncated, new Pixels()));
    UnreadableImageException reference =
        catchThrowableOfType(
            UnreadableImageException.class, () -> imageio.decode(truncated, new Pixels()));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).isEqualTo(reference.getMessage()); // the same reason as before
    if (choice.equals("turbojpeg")) { // TurboJPEG stops on the warning too
      assertThat(TurboJpeg.installed().newDecoder().decode(truncated, 3, new Pixels())).isFalse();
    }
    assertThat(decoder.decode(whole, new Pixels()).height()).isEqualTo(48); // and goes on
  }

  @Test
  void imageioChoice_decodesWithImageIO_evenWhenTurboIsInstalled() throws IOException {
    ImageDecoder decoder = new ImageDecoder(3, JpegDecoder.IMAGEIO);
    Path file = ImageFiles.jpeg(dir.resolve("a.jpg"), 9, 7, 1);

    assertThat(decoder.jpegDecoder()).isEqualTo("imageio");
    Pixels p = decode(decoder, file);
    assertThat(p.width()).isEqualTo(9);
    int[] expected = ImageFiles.rgb(4, 3, 1);
    assertThat(p.data()[3 * 9 + 4]).isCloseTo(expected[0] / 255f, within(0.1f));
  }

  @Test
  void autoChoice_usesTurboWhenInstalled_elseImageIO() {
    assertThat(new ImageDecoder(3, JpegDecoder.AUTO, MISSING).jpegDecoder()).isEqualTo("imageio");
    assertThat(new ImageDecoder(3, JpegDecoder.AUTO).jpegDecoder())
        .isEqualTo(TurboJpeg.installed().available() ? "turbojpeg" : "imageio");
  }

  @Test
  void turbojpegChoice_whenMissing_failsWithOneLineTellingHowToInstall() {
    assertThat(MISSING.available()).isFalse();
    assertThat(MISSING.problem()).contains("turbojpeg.jar is not on the class path");

    assertThatThrownBy(() -> new ImageDecoder(3, JpegDecoder.TURBOJPEG, MISSING))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("JPEG decoder turbojpeg (CMSF_JPEG_DECODER) is not available")
        .hasMessageContaining("apt-get install -y libturbojpeg-java libturbojpeg0-dev")
        .hasMessageNotContaining("\n");
  }

  @Test
  void choice_parsesAnyCase_andRefusesOtherValues() {
    assertThat(JpegDecoder.parse(" TurboJPEG ", "X")).isEqualTo(JpegDecoder.TURBOJPEG);
    assertThat(JpegDecoder.parse("imageio", "X")).isEqualTo(JpegDecoder.IMAGEIO);
    assertThatThrownBy(() -> JpegDecoder.parse("libjpeg", "CMSF_JPEG_DECODER"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("CMSF_JPEG_DECODER=libjpeg: expected auto, turbojpeg or imageio");
  }

  /**
   * sRGB of the patches of {@link ImageFiles#adobeCmykJpeg}: cyan, magenta, yellow,
   * white. Approximate: Java2D's CMYK to sRGB conversion (through CIEXYZ) lifts the near-zero
   * channel of a YCCK patch to about 0.25 where the colour model's own getRGB gives 0.05.
   */
  private static final float CMYK_TOLERANCE = 0.3f;

  private static final float[][] PATCH_RGB = {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}, {1, 1, 1}};

  @ParameterizedTest
  @ValueSource(strings = {"cmyk-3", "cmyk-1", "ycck-3", "ycck-1"})
  void adobeCmykAndYcckJpegs_decodeToTheirColours_withEitherChoice(String variant)
      throws IOException {
    boolean ycck = variant.startsWith("ycck");
    int channels = variant.endsWith("3") ? 3 : 1;
    Path file = ImageFiles.adobeCmykJpeg(dir.resolve(variant + ".jpg"), ycck);
    assertThat(JpegHeader.turboCompatible(Files.readAllBytes(file))).isFalse();

    for (JpegDecoder choice : new JpegDecoder[] {JpegDecoder.AUTO, JpegDecoder.IMAGEIO}) {
      Pixels p = decode(new ImageDecoder(channels, choice), file);
      int w = ImageFiles.PATCH * ImageFiles.INKS.length;
      assertThat(p.width()).isEqualTo(w);
      assertThat(p.channels()).isEqualTo(channels);
      int plane = ImageFiles.PATCH * w;
      int y = ImageFiles.PATCH / 2;
      for (int k = 0; k < PATCH_RGB.length; k++) {
        int at = y * w + k * ImageFiles.PATCH + ImageFiles.PATCH / 2;
        float[] rgb = PATCH_RGB[k];
        if (channels == 3) {
          for (int c = 0; c < 3; c++) {
            assertThat(p.data()[c * plane + at])
                .as("%s %s patch %d channel %d", variant, choice, k, c)
                .isCloseTo(rgb[c], within(CMYK_TOLERANCE));
          }
        } else {
          assertThat(p.data()[at])
              .as("%s %s patch %d", variant, choice, k)
              .isCloseTo(Grayscale.luma(rgb[0], rgb[1], rgb[2]), within(CMYK_TOLERANCE));
        }
      }
    }
  }

  @Test
  void header_leavesIccTaggedAndAmbiguousJpegsToImageIO() throws IOException {
    byte[] jfif = Files.readAllBytes(ImageFiles.jpeg(dir.resolve("a.jpg"), 16, 16, 1));
    assertThat(JpegHeader.isJpeg(jfif)).isTrue();
    assertThat(JpegHeader.turboCompatible(jfif)).isTrue();

    byte[] icc = insertAfterSoi(jfif, segment(0xe2, "ICC_PROFILE\0\1\1 fake profile"));
    assertThat(JpegHeader.turboCompatible(icc)).isFalse();

    byte[] adobeRgb = insertAfterSoi(jfif, segment(0xee, "Adobe\0\144\0\0\0\0\0"));
    assertThat(JpegHeader.turboCompatible(adobeRgb)).isFalse();
    byte[] adobeYcc = insertAfterSoi(jfif, segment(0xee, "Adobe\0\144\0\0\0\0\1"));
    assertThat(JpegHeader.turboCompatible(adobeYcc)).isTrue();

    assertThat(JpegHeader.turboCompatible(Arrays.copyOf(jfif, 40))).isFalse(); // no frame yet
    assertThat(JpegHeader.turboCompatible("GIF89a".getBytes())).isFalse();
  }

  private static byte[] segment(int marker, String payload) {
    byte[] body = payload.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] s = new byte[4 + body.length];
    s[0] = (byte) 0xff;
    s[1] = (byte) marker;
    s[2] = (byte) ((body.length + 2) >> 8);
    s[3] = (byte) (body.length + 2);
    System.arraycopy(body, 0, s, 4, body.length);
    return s;
  }

  private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
    byte[] out = new byte[jpeg.length + segment.length];
    System.arraycopy(jpeg, 0, out, 0, 2);
    System.arraycopy(segment, 0, out, 2, segment.length);
    System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
    return out;
  }
}
