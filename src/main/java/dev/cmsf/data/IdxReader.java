package dev.cmsf.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST / Fashion-MNIST layout), gzip-compressed or plain.
 *
 * <p>Every structural problem (bad magic, non-positive dimension, truncated or over-long payload,
 * corrupt gzip) is reported as an {@link InvalidDataException} whose message names the file, so
 * a bad download is diagnosed at load time instead of surfacing as garbage training data.
 */
public final class IdxReader {

  /** IDX type code of unsigned bytes, the only element type the MNIST family uses. */
  public static final int UNSIGNED_BYTE = 0x08;

  private static final int BUFFER = 1 << 16;
  // Largest array length every JVM accepts.
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /** Reads a 3-D image file (magic 0x00000803): count x rows x columns. */
  public static IdxArray readImages(Path file) {
    return read(file, 3);
  }

  /** Reads a 1-D label file (magic 0x00000801). */
  public static IdxArray readLabels(Path file) {
    return read(file, 1);
  }

  /**
   * Reads an IDX file of unsigned bytes.
   *
   * @param expectedRank the required number of dimensions, or 0 to accept any
   * @throws InvalidDataException if the file is missing, unreadable or malformed
   */
  public static IdxArray read(Path file, int expectedRank) {
    if (Files.isDirectory(file)) {
      throw new InvalidDataException(file + ": is a directory, expected an IDX file");
    }
    boolean gzip = false;
    try (BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
      gzip = isGzip(raw);
      try (InputStream in = gzip ? new GZIPInputStream(raw, BUFFER) : raw) {
        int[] dims = readHeader(in, file, expectedRank);
        return new IdxArray(dims, readPayload(in, file, dims));
      }
    } catch (NoSuchFileException e) {
      throw new InvalidDataException(file + ": no such file", e);
    } catch (ZipException | EOFException e) {
      if (!gzip) {
        throw new InvalidDataException(file + ": cannot read: " + e, e);
      }
      throw new InvalidDataException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new InvalidDataException(file + ": cannot read: " + e, e);
    }
  }

  private static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b;
  }

  private static int[] readHeader(InputStream in, Path file, int expectedRank) throws IOException {
    byte[] magic = in.readNBytes(4);
    if (magic.length < 4) {
      throw new InvalidDataException(
          file
              + ": truncated: expected a 4-byte IDX magic number, file holds "
              + magic.length
              + " bytes");
    }
    int rank = magic[3] & 0xff;
    boolean ok =
        magic[0] == 0
            && magic[1] == 0
            && (magic[2] & 0xff) == UNSIGNED_BYTE
            && rank > 0
            && (expectedRank == 0 || rank == expectedRank);
    if (!ok) {
      throw new InvalidDataException(
          file
              + ": bad magic number: expected "
              + expectedMagic(expectedRank)
              + ", found "
              + String.format("0x%08X", ByteBuffer.wrap(magic).getInt()));
    }
    byte[] header = in.readNBytes(4 * rank);
    if (header.length < 4 * rank) {
      throw new InvalidDataException(
          file
              + ": truncated: header declares "
              + rank
              + " dimensions ("
              + 4 * rank
              + " bytes), file holds "
              + header.length);
    }
    return checkedDims(ByteBuffer.wrap(header), rank, file);
  }

  private static String expectedMagic(int expectedRank) {
    if (expectedRank == 0) {
      return "0x000008NN (unsigned bytes, N-D, N > 0)";
    }
    return String.format(
        "0x%08X (unsigned bytes, %d-D)", (UNSIGNED_BYTE << 8) | expectedRank, expectedRank);
  }

  private static int[] checkedDims(ByteBuffer header, int rank, Path file) {
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = header.getInt();
      if (dims[i] <= 0) {
        throw new InvalidDataException(
            file
                + ": bad header: dimension "
                + i
                + " is "
                + Integer.toUnsignedString(dims[i])
                + ", expected a positive size");
      }
    }
    if (product(dims) > MAX_BYTES) {
      throw new InvalidDataException(
          file
              + ": bad header: "
              + shape(dims)
              + " bytes exceed the largest supported array ("
              + MAX_BYTES
              + " bytes)");
    }
    return dims;
  }

  private static byte[] readPayload(InputStream in, Path file, int[] dims) throws IOException {
    byte[] data = new byte[(int) product(dims)];
    int got = in.readNBytes(data, 0, data.length);
    int headerBytes = 4 + 4 * dims.length;
    if (got < data.length) {
      throw new InvalidDataException(
          file
              + ": truncated: header declares "
              + describe(dims)
              + " bytes, file holds "
              + got
              + " after the "
              + headerBytes
              + "-byte header");
    }
    long extra = in.transferTo(OutputStream.nullOutputStream());
    if (extra > 0) {
      throw new InvalidDataException(
          file
              + ": "
              + extra
              + " trailing bytes: header declares "
              + describe(dims)
              + " bytes, file holds "
              + (data.length + extra)
              + " after the "
              + headerBytes
              + "-byte header");
    }
    return data;
  }

  /**
   * Number of elements of an array with these dimensions; any value above the largest array
   * length stands for "too large" because the exact figure could overflow a long.
   */
  static long product(int[] dims) {
    long n = 1;
    for (int d : dims) {
      n = n > MAX_BYTES ? n : n * d;
    }
    return n;
  }

  /** "60000x28x28", as used in messages. */
  static String shape(int[] dims) {
    return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
  }

  /** "60000x28x28 = 47040000", as used in messages. */
  static String describe(int[] dims) {
    return shape(dims) + " = " + product(dims);
  }
}
