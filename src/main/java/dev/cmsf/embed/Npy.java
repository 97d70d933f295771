package dev.cmsf.embed;

import dev.cmsf.data.InvalidDataException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format for a 2-D little-endian float32 matrix ({@code descr '<f4'}, C
 * order), the layout {@code numpy.load} reads without copying. Files are written in version 1.0
 * with the header padded so that the data starts on a 64-byte boundary, as NumPy does.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGNMENT = 64;
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * Where a matrix's rows lie in a file.
   *
   * @param rows number of rows
   * @param cols floats per row
   * @param dataOffset byte offset of row 0
   */
  public record Header(int rows, int cols, long dataOffset) {}

  /** Writes a {@code rows x cols} matrix given row-major in {@code data}. */
  public static void write(Path file, float[] data, int rows, int cols) throws IOException {
    if ((long) rows * cols != data.length) {
      throw new IllegalArgumentException(
          data.length + " floats are not a " + rows + " x " + cols + " matrix");
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header(rows, cols));
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (float value : data) {
        if (!buffer.hasRemaining()) {
          out.write(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
        buffer.putFloat(value);
      }
      out.write(buffer.array(), 0, buffer.position());
    }
  }

  private static byte[] header(int rows, int cols) {
    String dict =
        String.format(
            Locale.ROOT,
            "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }",
            rows,
            cols);
    int unpadded = MAGIC.length + 4 + dict.length() + 1; // magic, version, length, dict, \n
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    String text = dict + " ".repeat(padding) + "\n";
    ByteBuffer header =
        ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
    header.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
    header.put(text.getBytes(StandardCharsets.US_ASCII));
    return header.array();
  }

  /**
   * Reads and checks the header of a float32 matrix file.
   *
   * @throws InvalidDataException when the file is missing, not {@code .npy}, not little-endian
   *     float32 in C order, not 2-D, or shorter than its shape says
   */
  public static Header readHeader(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidDataException(file + ": embeddings file not found");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer prefix = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(prefix, 0);
      prefix.flip();
      byte[] magic = new byte[MAGIC.length];
      if (prefix.remaining() < 10 || !java.util.Arrays.equals(get(prefix, magic), MAGIC)) {
        throw new InvalidDataException(file + ": not a NumPy .npy file (bad magic string)");
      }
      int major = prefix.get();
      prefix.get(); // minor version
      long length;
      int start;
      if (major == 1) {
        length = Short.toUnsignedInt(prefix.getShort());
        start = 10;
      } else if (prefix.remaining() >= 4) {
        length = Integer.toUnsignedLong(prefix.getInt());
        start = 12;
      } else {
        throw new InvalidDataException(file + ": truncated .npy header");
      }
      ByteBuffer text = ByteBuffer.allocate((int) length);
      channel.read(text, start);
      String dict = new String(text.array(), 0, text.position(), StandardCharsets.ISO_8859_1);
      Header header = parse(file, dict, start + length);
      long needed = header.dataOffset() + 4L * header.rows() * header.cols();
      if (channel.size() < needed) {
        throw new InvalidDataException(
            file + ": truncated: " + channel.size() + " bytes, the header's shape needs " + needed);
      }
      return header;
    }
  }

  private static byte[] get(ByteBuffer buffer, byte[] dst) {
    buffer.get(dst);
    return dst;
  }

  private static Header parse(Path file, String dict, long dataOffset) {
    String descr = find(DESCR, dict);
    if (!"<f4".equals(descr)) {
      throw new InvalidDataException(
          file + ": expected float32 little-endian data (descr '<f4'), found '" + descr + "'");
    }
    if (!"False".equals(find(FORTRAN, dict))) {
      throw new InvalidDataException(file + ": expected C order (fortran_order False)");
    }
    String[] dims = find(SHAPE, dict).replace(" ", "").split(",");
    if (dims.length != 2 || dims[0].isEmpty() || dims[1].isEmpty()) {
      throw new InvalidDataException(
          file
              + ": expected a 2-D matrix (rows, dimension), found shape ("
              + find(SHAPE, dict)
              + ")");
    }
    long rows = Long.parseLong(dims[0]);
    long cols = Long.parseLong(dims[1]);
    if (rows > Integer.MAX_VALUE || cols < 1 || rows * cols > Integer.MAX_VALUE - 8) {
      throw new InvalidDataException(
          file + ": shape (" + rows + ", " + cols + ") is empty or too large for one array");
    }
    return new Header((int) rows, (int) cols, dataOffset);
  }

  private static String find(Pattern pattern, String dict) {
    Matcher m = pattern.matcher(dict);
    return m.find() ? m.group(1) : "";
  }

  /** Reads the whole matrix, row-major. */
  public static float[] read(Path file, Header header) throws IOException {
    float[] data = new float[header.rows() * header.cols()];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      int chunkFloats = 1 << 20;
      ByteBuffer buffer = ByteBuffer.allocateDirect(4 * chunkFloats).order(ByteOrder.LITTLE_ENDIAN);
      for (int done = 0; done < data.length; ) {
        int n = Math.min(chunkFloats, data.length - done);
        readRows(channel, header.dataOffset() + 4L * done, buffer, n);
        buffer.asFloatBuffer().get(data, done, n);
        done += n;
      }
    }
    return data;
  }

  /** Reads row {@code row} of the matrix. */
  public static float[] readRow(Path file, Header header, int row) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4 * header.cols()).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      readRows(channel, header.dataOffset() + 4L * row * header.cols(), buffer, header.cols());
    }
    float[] values = new float[header.cols()];
    buffer.asFloatBuffer().get(values);
    return values;
  }

  /** Fills {@code buffer} with {@code floats} floats read at {@code position}; flipped. */
  static void readRows(FileChannel channel, long position, ByteBuffer buffer, int floats)
      throws IOException {
    buffer.clear().limit(4 * floats);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
      }
    }
    buffer.flip();
  }
}
