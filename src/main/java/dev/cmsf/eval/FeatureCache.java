package dev.cmsf.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracted features of a run's splits on disk ({@code features/train.bin}, {@code test.bin}),
 * valid only for the checkpoint they were computed from.
 *
 * <p>Each file starts with a header naming the checkpoint by file name, size and CRC-32 of its
 * bytes; a file whose header does not match the current checkpoint, or that is truncated or
 * corrupt, is ignored (and overwritten by the next {@link #write}). Files are written to a
 * temporary file and renamed, so a crash never leaves a half-written cache that looks valid.
 */
public final class FeatureCache {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
  private static final int MAGIC = 0x434d4654; // "CMFT"
  private static final int VERSION = 1;

  private final Path dir;
  private final Stamp stamp;

  /**
   * Identifies the checkpoint features were computed from.
   *
   * @param checkpoint its file name
   * @param size its size in bytes
   * @param crc32 CRC-32 of its bytes
   */
  public record Stamp(String checkpoint, long size, long crc32) {

    /** Reads the stamp of {@code checkpoint}. */
    public static Stamp of(Path checkpoint) throws IOException {
      CRC32 crc = new CRC32();
      byte[] buffer = new byte[1 << 20];
      long size = 0;
      try (InputStream in = Files.newInputStream(checkpoint)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          crc.update(buffer, 0, n);
          size += n;
        }
      }
      return new Stamp(checkpoint.getFileName().toString(), size, crc.getValue());
    }
  }

  /**
   * Features of one split with their labels.
   *
   * @param rows number of images N
   * @param dims feature size F
   * @param values N x F features, row-major
   * @param labels N labels
   */
  public record Entry(int rows, int dims, float[] values, int[] labels) {

    /** Checks that the arrays match the shape. */
    public Entry {
      if (rows < 0 || dims < 1 || values.length != (long) rows * dims || labels.length != rows) {
        throw new IllegalArgumentException(
            "features "
                + values.length
                + " and labels "
                + labels.length
                + " do not match "
                + rows
                + " x "
                + dims);
      }
    }
  }

  /** A cache in {@code dir} for features of the checkpoint {@code stamp}. */
  public FeatureCache(Path dir, Stamp stamp) {
    this.dir = dir;
    this.stamp = stamp;
  }

  /** The file of {@code split}. */
  public Path file(String split) {
    return dir.resolve(split + ".bin");
  }

  /** The checkpoint this cache serves. */
  public Stamp stamp() {
    return stamp;
  }

  /** The cached features of {@code split}, if present and computed from this checkpoint. */
  public Optional<Entry> read(String split) {
    Path file = file(split);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      if (in.getInt() != MAGIC || in.getInt() != VERSION) {
        LOG.info("{}: not a feature cache of this version; recomputing", file);
        return Optional.empty();
      }
      byte[] name = new byte[in.getInt()];
      in.get(name);
      Stamp found = new Stamp(new String(name, StandardCharsets.UTF_8), in.getLong(), in.getLong());
      if (!found.equals(stamp)) {
        LOG.info("{}: computed from {}, not {}; recomputing", file, found, stamp);
        return Optional.empty();
      }
      int rows = in.getInt();
      int dims = in.getInt();
      if (in.remaining() != 4L * rows + 4L * rows * dims) {
        LOG.warn("{}: truncated; recomputing", file);
        return Optional.empty();
      }
      int[] labels = new int[rows];
      in.asIntBuffer().get(labels);
      in.position(in.position() + 4 * rows);
      float[] values = new float[rows * dims];
      in.asFloatBuffer().get(values);
      return Optional.of(new Entry(rows, dims, values, labels));
    } catch (IOException | RuntimeException e) {
      // a damaged cache is only a lost shortcut: recompute rather than fail the evaluation
      LOG.warn("{}: unreadable feature cache ({}); recomputing", file, e.toString());
      return Optional.empty();
    }
  }

  /** Stores the features of {@code split} for this checkpoint, replacing any older file. */
  public void write(String split, Entry entry) throws IOException {
    Files.createDirectories(dir);
    byte[] name = stamp.checkpoint().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out =
        ByteBuffer.allocate(
                4 * 3 + name.length + 8 * 2 + 4 * 2 + 4 * entry.rows() + 4 * entry.values().length)
            .order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(MAGIC).putInt(VERSION).putInt(name.length).put(name);
    out.putLong(stamp.size()).putLong(stamp.crc32());
    out.putInt(entry.rows()).putInt(entry.dims());
    out.asIntBuffer().put(entry.labels());
    out.position(out.position() + 4 * entry.rows());
    out.asFloatBuffer().put(entry.values());
    Path target = file(split);
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(temp, out.array());
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
