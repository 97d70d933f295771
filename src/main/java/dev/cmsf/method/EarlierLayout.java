package dev.cmsf.method;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Reads past the state that {@code xent} checkpoints held before the method stopped building
 * what it never used: after the online encoder and predictor came the target network, the
 * mean-shift optimiser's momentum buffers and the memory bank, none of which it trained.
 */
final class EarlierLayout {
  private EarlierLayout() {}

  /** Skips the target network, the optimiser and the memory bank, in that order. */
  static void skipUnusedState(DataInputStream in) throws IOException {
    skipParameters(in); // target (ParameterIo)
    skipOptimiser(in); // Sgd
    skipBank(in); // MemoryBank
  }

  /** {@code ParameterIo.save}: a count, then per parameter its name and encoded array. */
  private static void skipParameters(DataInputStream in) throws IOException {
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      in.readUTF();
      skip(in, in.readInt());
    }
  }

  /** {@code Sgd.save}: a count, then per buffer a flag and, when set, an encoded array. */
  private static void skipOptimiser(DataInputStream in) throws IOException {
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      if (in.readBoolean()) {
        skip(in, in.readInt());
      }
    }
  }

  /**
   * {@code MemoryBank.save}: size, dim, pointer, enqueued count, the rows (one block of a
   * given length, or a negative count of blocks), then three int columns of {@code size}.
   */
  private static void skipBank(DataInputStream in) throws IOException {
    int size = in.readInt();
    in.readInt(); // dim
    in.readInt(); // pointer
    in.readLong(); // enqueued
    int header = in.readInt();
    if (header >= 0) {
      skip(in, header);
    } else {
      for (int b = 0; b < -header; b++) {
        skip(in, in.readInt());
      }
    }
    skip(in, 3L * size * Integer.BYTES);
  }

  private static void skip(DataInputStream in, long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      int skipped = in.skipBytes((int) Math.min(left, Integer.MAX_VALUE));
      if (skipped <= 0) {
        throw new java.io.EOFException("checkpoint ends inside the earlier xent layout");
      }
      left -= skipped;
    }
  }
}
