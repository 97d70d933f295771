package dev.cmsf.data;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.CodeSource;

/**
 * libjpeg-turbo's own Java binding (TurboJPEG: Debian's {@code libturbojpeg-java}, with the
 * library from {@code libturbojpeg0-dev}), reached through method handles so that the build does
 * not need its jar, which is not on Maven Central. The launcher and the tests put
 * {@code /usr/share/java/turbojpeg.jar} on the class path when it is installed.
 *
 * <p>An instance says whether the binding loaded ({@link #available()}, else {@link #problem()});
 * its {@link Decoder}s, one per thread, decode JPEGs into CHW floats.
 */
final class TurboJpeg {

  static final String DECOMPRESSOR = "org.libjpegturbo.turbojpeg.TJDecompressor";
  static final String CONSTANTS = "org.libjpegturbo.turbojpeg.TJ";
  static final String INSTALL = "sudo apt-get install -y libturbojpeg-java libturbojpeg0-dev";

  private static final class Installed {
    static final TurboJpeg INSTANCE = load(DECOMPRESSOR, CONSTANTS);
  }

  private final String problem;
  private final String location;
  private final MethodHandle create;
  private final MethodHandle setSource;
  private final MethodHandle width;
  private final MethodHandle height;
  private final MethodHandle colorspace;
  private final MethodHandle decompress;
  private final int pfRgb;
  private final int pfGray;
  private final int csRgb;
  private final int csYcbcr;
  private final int csGray;
  private final int flags;

  private TurboJpeg(String problem) {
    this.problem = problem;
    this.location = null;
    this.create = null;
    this.setSource = null;
    this.width = null;
    this.height = null;
    this.colorspace = null;
    this.decompress = null;
    this.pfRgb = this.pfGray = this.csRgb = this.csYcbcr = this.csGray = this.flags = 0;
  }

  private TurboJpeg(Class<?> decompressor, Class<?> constants) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    MethodType onObject = MethodType.methodType(int.class, Object.class);
    this.problem = null;
    this.location = location(decompressor);
    this.create =
        lookup
            .findConstructor(decompressor, MethodType.methodType(void.class))
            .asType(MethodType.methodType(Object.class));
    this.setSource =
        lookup
            .findVirtual(
                decompressor,
                "setSourceImage",
                MethodType.methodType(void.class, byte[].class, int.class))
            .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
    this.width = getter(lookup, decompressor, "getWidth").asType(onObject);
    this.height = getter(lookup, decompressor, "getHeight").asType(onObject);
    this.colorspace = getter(lookup, decompressor, "getColorspace").asType(onObject);
    MethodType decompressType =
        MethodType.methodType(
            void.class,
            byte[].class,
            int.class,
            int.class,
            int.class,
            int.class,
            int.class,
            int.class,
            int.class);
    this.decompress =
        lookup
            .findVirtual(decompressor, "decompress", decompressType)
            .asType(decompressType.insertParameterTypes(0, Object.class));
    this.pfRgb = constant(constants, "PF_RGB");
    this.pfGray = constant(constants, "PF_GRAY");
    this.csRgb = constant(constants, "CS_RGB");
    this.csYcbcr = constant(constants, "CS_YCbCr");
    this.csGray = constant(constants, "CS_GRAY");
    // A warning (a truncated file, corrupt data) fails the decode, as with the JDK reader.
    this.flags = constant(constants, "FLAG_STOPONWARNING");
  }

  /** The binding on this JVM's class path, loaded once. */
  static TurboJpeg installed() {
    return Installed.INSTANCE;
  }

  /**
   * Loads the binding from the named classes (tests name missing ones) and checks that its
   * native library works by creating one decompressor.
   */
  static TurboJpeg load(String decompressorClass, String constantsClass) {
    try {
      ClassLoader loader = TurboJpeg.class.getClassLoader();
      Class<?> constants = Class.forName(constantsClass, true, loader);
      Class<?> decompressor = Class.forName(decompressorClass, true, loader);
      TurboJpeg turbo = new TurboJpeg(decompressor, constants);
      Object probe = turbo.create.invokeExact();
      if (probe instanceof AutoCloseable closeable) {
        closeable.close();
      }
      return turbo;
    } catch (ClassNotFoundException e) {
      return new TurboJpeg("turbojpeg.jar is not on the class path (" + e.getMessage() + ")");
    } catch (LinkageError e) {
      return new TurboJpeg("its native library did not load (" + oneLine(e) + ")");
    } catch (Throwable e) {
      return new TurboJpeg("it did not start (" + oneLine(e) + ")");
    }
  }

  /** Whether the binding and its native library loaded. */
  boolean available() {
    return problem == null;
  }

  /** Why the binding is not available; null when it is. */
  String problem() {
    return problem;
  }

  /** Where the binding's classes came from, for the log; null when unknown. */
  String location() {
    return location;
  }

  /** A new decoder, for one thread. */
  Decoder newDecoder() {
    if (!available()) {
      throw new IllegalStateException("TurboJPEG is not available: " + problem);
    }
    return new Decoder();
  }

  /** One reusable TurboJPEG decompressor and RGB buffer; not thread-safe. */
  final class Decoder {
    private Object handle;
    private byte[] buffer = new byte[0];

    private Decoder() {}

    /**
     * Decodes {@code jpeg} into {@code into} with {@code channels} channels, as the JDK reader
     * plus {@link ImageConversion} would; false when TurboJPEG cannot (an unsupported colour
     * space, damaged data, a warning), leaving the file to ImageIO.
     */
    boolean decode(byte[] jpeg, int channels, Pixels into) {
      try {
        if (handle == null) {
          handle = create.invokeExact();
        }
        setSource.invokeExact(handle, jpeg, jpeg.length);
        int w = (int) width.invokeExact(handle);
        int h = (int) height.invokeExact(handle);
        int space = (int) colorspace.invokeExact(handle);
        boolean gray = space == csGray;
        if (!gray && space != csYcbcr && space != csRgb) {
          return false;
        }
        long size = (long) w * h * (gray ? 1 : 3);
        if (w < 1 || h < 1 || size > Integer.MAX_VALUE - 8) {
          return false;
        }
        if (buffer.length < size) {
          buffer = new byte[(int) size];
        }
        decompress.invokeExact(handle, buffer, 0, 0, w, 0, h, gray ? pfGray : pfRgb, flags);
        if (gray) {
          ImageConversion.grayBytes(buffer, h, w, channels, into);
        } else {
          ImageConversion.rgbBytes(buffer, h, w, channels, into);
        }
        return true;
      } catch (Error e) {
        throw e;
      } catch (Throwable e) {
        return false; // TJException (an IOException) or a RuntimeException: ImageIO's turn
      }
    }
  }

  private static MethodHandle getter(MethodHandles.Lookup lookup, Class<?> type, String name)
      throws ReflectiveOperationException {
    return lookup.findVirtual(type, name, MethodType.methodType(int.class));
  }

  private static int constant(Class<?> constants, String name) throws ReflectiveOperationException {
    return constants.getField(name).getInt(null);
  }

  private static String location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null ? null : source.getLocation().getPath();
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage();
    String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    return text.replace('\n', ' ');
  }
}
