package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  /** A state of one number. */
  private static final class Counter implements Checkpoint.State {
    long value;

    @Override
    public void save(DataOutputStream out) throws IOException {
      out.writeLong(value);
    }

    @Override
    public void load(DataInputStream in) throws IOException {
      value = in.readLong();
    }
  }

  @Test
  void writeThenRead_restoresHeaderAndState() throws Exception {
    Counter saved = new Counter();
    saved.value = 42;
    Path file = dir.resolve("epoch-0003.ckpt");
    Checkpoint.write(file, new Checkpoint.Header(3, 300, "msf resnet18"), saved);

    Counter restored = new Counter();
    Checkpoint.Header header = Checkpoint.read(file, restored);

    assertThat(header).isEqualTo(new Checkpoint.Header(3, 300, "msf resnet18"));
    assertThat(restored.value).isEqualTo(42);
    assertThat(Files.list(dir)).containsExactly(file); // no temporary file left behind
  }

  @Test
  void flippedByte_isDetectedByTheChecksum() throws Exception {
    Path file = dir.resolve("c.ckpt");
    Checkpoint.write(file, new Checkpoint.Header(1, 10, "x"), new Counter());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);

    assertThatThrownBy(() -> Checkpoint.read(file, new Counter()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void fullDisk_failsTheWriteAndLeavesThePreviousCheckpointIntact() throws Exception {
    Path file = dir.resolve("epoch-0001.ckpt");
    Counter first = new Counter();
    first.value = 1;
    Checkpoint.write(file, new Checkpoint.Header(1, 10, "x"), first);
    byte[] before = Files.readAllBytes(file);
    Checkpoint.Sink disk = Checkpoint.sink;
    // a disk that takes 20 bytes and then is full, as write(2) reports ENOSPC
    Checkpoint.sink =
        tmp ->
            new FilterOutputStream(disk.open(tmp)) {
              private int room = 20;

              @Override
              public void write(int b) throws IOException {
                if (room-- <= 0) {
                  throw new IOException("No space left on device");
                }
                super.write(b);
              }
            };
    Counter second = new Counter();
    second.value = 2;
    try {
      assertThatThrownBy(() -> Checkpoint.write(file, new Checkpoint.Header(2, 20, "x"), second))
          .hasMessageContaining("No space left on device");
    } finally {
      Checkpoint.sink = disk;
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    Counter restored = new Counter();
    assertThat(Checkpoint.read(file, restored).step()).isEqualTo(10);
    assertThat(restored.value).isEqualTo(1);
    assertThat(Files.list(dir)).containsExactly(file); // the partial temporary file is gone
  }

  @Test
  void truncatedFile_isRefused() throws Exception {
    Path file = dir.resolve("c.ckpt");
    Checkpoint.write(file, new Checkpoint.Header(1, 10, "x"), new Counter());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));

    assertThatThrownBy(() -> Checkpoint.readHeader(file)).isInstanceOf(IOException.class);
  }
}
