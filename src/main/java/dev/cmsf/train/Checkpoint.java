package dev.cmsf.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * A checkpoint file: a header (what it belongs to and how far training got), the training
 * state, and a CRC-32 of everything before it.
 *
 * <p>Written atomically (temporary file, fsync, rename, fsync of the directory) so a crash, a
 * kill or a full disk never leaves a half-written file under the final name: the previous
 * checkpoints stay as they were. The state is streamed to disk, never held whole in memory (a
 * ResNet-50 with a large bank is gigabytes).
 */
public final class Checkpoint {
  private static final int MAGIC = 0x434d5346; // "CMSF"
  private static final int VERSION = 2;
  private static final int BUFFER = 1 << 20;

  /** Something whose whole state goes into a checkpoint. */
  public interface State {
    /** Writes the state. */
    void save(DataOutputStream out) throws IOException;

    /** Restores the state written by {@link #save}. */
    void load(DataInputStream in) throws IOException;
  }

  /**
   * What a checkpoint belongs to and how far training got.
   *
   * @param epoch last completed epoch
   * @param step global step the checkpoint was taken after
   * @param fingerprint identifies the architecture and method; resume refuses a mismatch
   */
  public record Header(int epoch, long step, String fingerprint) {}

  /** Opens the stream a checkpoint's temporary file is written through. */
  interface Sink {
    /** A stream onto {@code tmp}; closing it must not be needed for {@link #sync} to work. */
    OutputStream open(Path tmp) throws IOException;
  }

  /**
   * Where temporary files are written; tests replace it to simulate a full disk or a process
   * killed in the middle of a write.
   */
  static volatile Sink sink = tmp -> new FileOutputStream(tmp.toFile());

  private Checkpoint() {}

  /**
   * Writes {@code header} and {@code state} to {@code file} atomically.
   *
   * @throws IOException if writing fails (for example a full disk); {@code file} and every
   *     other checkpoint are then as before, and no temporary file is left
   */
  public static void write(Path file, Header header, State state) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream raw = sink.open(tmp)) {
      CRC32 crc = new CRC32();
      DataOutputStream out =
          new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(raw, BUFFER), crc));
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(header.epoch());
      out.writeLong(header.step());
      out.writeUTF(header.fingerprint());
      state.save(out);
      out.writeLong(crc.getValue()); // the checksum's own bytes are not part of the sum
      out.flush();
      if (raw instanceof FileOutputStream fileStream) {
        fileStream.getFD().sync();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(file.getParent());
  }

  /** Makes the rename itself durable: without it a power cut may forget the new name. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // some file systems cannot fsync a directory; the rename is still atomic there
    }
  }

  /** Reads only the header of {@code file}, after verifying its checksum. */
  public static Header readHeader(Path file) throws IOException {
    verify(file);
    try (DataInputStream in = body(file)) {
      return header(file, in);
    }
  }

  /** Verifies {@code file}, restores {@code state} from it and returns its header. */
  public static Header read(Path file, State state) throws IOException {
    verify(file);
    try (DataInputStream in = body(file)) {
      Header header = header(file, in);
      try {
        state.load(in);
      } catch (EOFException e) {
        throw new IOException(file + ": the state ends early (written by another version?)", e);
      }
      return header;
    }
  }

  /** Checks the CRC of the whole file in one streaming pass. */
  private static void verify(Path file) throws IOException {
    long size = Files.size(file);
    long body = size - Long.BYTES;
    if (body < 2 * Integer.BYTES) {
      throw new IOException(file + ": truncated checkpoint (" + size + " bytes)");
    }
    CRC32 crc = new CRC32();
    long stored;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      long left = body;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException(file + ": shorter than its size");
        }
        crc.update(buffer, 0, n);
        left -= n;
      }
      stored = ByteBuffer.wrap(in.readNBytes(Long.BYTES)).getLong();
    }
    if (crc.getValue() != stored) {
      throw new IOException(file + ": checksum mismatch, the checkpoint is corrupt or truncated");
    }
  }

  /** The verified body of {@code file} (followed by the checksum, which nothing reads). */
  private static DataInputStream body(Path file) throws IOException {
    return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
  }

  private static Header header(Path file, DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException(file + ": not a cmsf checkpoint");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException(file + ": checkpoint version " + version + ", expected " + VERSION);
    }
    return new Header(in.readInt(), in.readLong(), in.readUTF());
  }
}
