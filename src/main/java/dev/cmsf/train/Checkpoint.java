package dev.cmsf.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A checkpoint file: a header (what it belongs to and how far training got), the training
 * state, and a CRC-32 of everything before it.
 *
 * <p>Written atomically (temporary file, fsync, rename) so a crash or a full disk never leaves
 * a half-written file under the final name.
 */
public final class Checkpoint {
  private static final int MAGIC = 0x434d5346; // "CMSF"
  private static final int VERSION = 1;

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
   * @param step global step at the end of that epoch
   * @param fingerprint identifies the architecture and method; resume refuses a mismatch
   */
  public record Header(int epoch, long step, String fingerprint) {}

  private Checkpoint() {}

  /** Writes {@code header} and {@code state} to {@code file} atomically. */
  public static void write(Path file, Header header, State state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(header.epoch());
      out.writeLong(header.step());
      out.writeUTF(header.fingerprint());
      state.save(out);
    }
    byte[] body = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      writeFully(channel, ByteBuffer.wrap(body));
      writeFully(channel, ByteBuffer.allocate(Long.BYTES).putLong(0, crc.getValue()));
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Reads only the header of {@code file}, after verifying its checksum. */
  public static Header readHeader(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      return header(file, in);
    }
  }

  /** Verifies {@code file}, restores {@code state} from it and returns its header. */
  public static Header read(Path file, State state) throws IOException {
    try (DataInputStream in = open(file)) {
      Header header = header(file, in);
      state.load(in);
      return header;
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < Long.BYTES + 8) {
      throw new IOException(file + ": truncated checkpoint (" + all.length + " bytes)");
    }
    byte[] body = Arrays.copyOf(all, all.length - Long.BYTES);
    long expected = ByteBuffer.wrap(all, body.length, Long.BYTES).getLong();
    CRC32 crc = new CRC32();
    crc.update(body);
    if (crc.getValue() != expected) {
      throw new IOException(file + ": checksum mismatch, the checkpoint is corrupt or truncated");
    }
    return new DataInputStream(new ByteArrayInputStream(body));
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
