package dev.cmsf.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests, well-formed or deliberately broken. */
final class IdxFiles {

  private IdxFiles() {}

  /** The bytes of an IDX file of unsigned bytes with magic 0x000008{rank}. */
  static byte[] idx(int[] dims, byte[] payload) {
    ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
    buf.putInt((0x08 << 8) | dims.length);
    for (int d : dims) {
      buf.putInt(d);
    }
    return buf.put(payload).array();
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Path write(Path file, byte[] bytes) {
    try {
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an IDX file, gzip-compressed when the name ends in ".gz". */
  static Path write(Path file, int[] dims, byte[] payload) {
    byte[] plain = idx(dims, payload);
    return write(file, file.toString().endsWith(".gz") ? gzip(plain) : plain);
  }

  /** {@code n} images of {@code h x w} whose pixel p of image i is {@code (7 * i + p) % 256}. */
  static byte[] pixels(int n, int h, int w) {
    byte[] data = new byte[n * h * w];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < h * w; p++) {
        data[i * h * w + p] = (byte) ((7 * i + p) % 256);
      }
    }
    return data;
  }

  /** Labels {@code i % classes}. */
  static byte[] labels(int n, int classes) {
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[i] = (byte) (i % classes);
    }
    return data;
  }
}
