package dev.cmsf.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryBankTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private NDArray batch(float first, int n) {
    float[] data = new float[n * 2];
    for (int i = 0; i < n; i++) {
      data[2 * i] = first + i; // marks the row; not unit, the bank does not care
    }
    return manager.create(data, new Shape(n, 2));
  }

  @Test
  void newBank_holdsRandomUnitRowsWithUnknownLabels() {
    MemoryBank bank = new MemoryBank(manager, 7, 4, 3);
    float[] norms = bank.embeddings().norm(new int[] {1}).toFloatArray();
    for (float n : norms) {
      assertThat(n).isCloseTo(1f, within(1e-5f));
    }
    assertThat(bank.labels()).containsOnly(MemoryBank.UNKNOWN);
    assertThat(new MemoryBank(manager, 7, 4, 3).embeddings().contentEquals(bank.embeddings()))
        .as("same seed, same rows")
        .isTrue();
  }

  @Test
  void enqueue_wrapsAroundWhenFull() {
    MemoryBank bank = new MemoryBank(manager, 5, 2, 0); // 5 is not a multiple of the batch, 3
    bank.enqueue(batch(10, 3), new int[] {1, 2, 3}, new int[] {1, 2, 3}, new int[] {0, 1, 2});
    int[] rows =
        bank.enqueue(batch(20, 3), new int[] {4, 5, 6}, new int[] {4, 5, 6}, new int[] {3, 4, 5});

    assertThat(rows).containsExactly(3, 4, 0);
    assertThat(bank.pointer()).isEqualTo(1);
    assertThat(bank.enqueued()).isEqualTo(6);
    float[] firstColumn = bank.embeddings().get(":, 0").toFloatArray();
    assertThat(firstColumn).containsExactly(22, 11, 12, 20, 21);
    assertThat(bank.labels()).containsExactly(6, 2, 3, 4, 5);
    assertThat(bank.imageIndex(0)).isEqualTo(5);
    assertThat(bank.truth(4)).isEqualTo(5);
  }

  @Test
  void enqueue_refusesABatchLargerThanTheBank() {
    MemoryBank bank = new MemoryBank(manager, 2, 2, 0);
    assertThatThrownBy(() -> bank.enqueue(batch(0, 3), new int[3], new int[3], new int[3]))
        .hasMessageContaining("does not fit a bank of 2 rows");
  }

  @Test
  void saveAndLoad_roundTripRowsLabelsAndPointer() throws Exception {
    MemoryBank bank = new MemoryBank(manager, 5, 2, 0);
    bank.enqueue(batch(10, 3), new int[] {1, 2, 3}, new int[] {7, 8, 9}, new int[] {4, 5, 6});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bank.save(new DataOutputStream(bytes));

    MemoryBank restored = new MemoryBank(manager, 5, 2, 99);
    restored.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(restored.embeddings().contentEquals(bank.embeddings())).isTrue();
    assertThat(restored.labels()).containsExactly(bank.labels());
    assertThat(restored.pointer()).isEqualTo(3);
    assertThat(restored.truth(2)).isEqualTo(9);
    assertThat(restored.imageIndex(1)).isEqualTo(5);
  }

  @Test
  void saveInBlocks_roundTripsWithAShortLastBlock() throws Exception {
    MemoryBank bank = new MemoryBank(manager, 7, 2, 0);
    bank.enqueue(
        batch(10, 5),
        new int[] {1, 2, 3, 4, 5},
        new int[] {7, 8, 9, 1, 2},
        new int[] {4, 5, 6, 7, 8});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bank.save(new DataOutputStream(bytes), 3); // blocks of 3, 3 and 1 rows

    MemoryBank restored = new MemoryBank(manager, 7, 2, 99);
    restored.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(restored.embeddings().contentEquals(bank.embeddings())).isTrue();
    assertThat(restored.labels()).containsExactly(bank.labels());
    assertThat(restored.pointer()).isEqualTo(5);
  }

  @Test
  void checkpointOfAnEarlierVersion_oneWholeBlock_stillLoads() throws Exception {
    MemoryBank bank = new MemoryBank(manager, 4, 2, 0);
    bank.enqueue(batch(10, 2), new int[] {1, 2}, new int[] {3, 4}, new int[] {5, 6});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(4);
    out.writeInt(2);
    out.writeInt(bank.pointer());
    out.writeLong(2);
    byte[] whole = bank.embeddings().encode();
    out.writeInt(whole.length);
    out.write(whole);
    for (int i = 0; i < 4; i++) {
      out.writeInt(bank.labels()[i]);
    }
    for (int i = 0; i < 4; i++) {
      out.writeInt(bank.truth(i));
    }
    for (int i = 0; i < 4; i++) {
      out.writeInt(bank.imageIndex(i));
    }

    MemoryBank restored = new MemoryBank(manager, 4, 2, 99);
    restored.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(restored.embeddings().contentEquals(bank.embeddings())).isTrue();
    assertThat(restored.labels()).containsExactly(bank.labels());
    assertThat(restored.imageIndex(1)).isEqualTo(6);
  }

  @Test
  void blocksStayUnder128MiB() {
    assertThat(MemoryBank.rowsPerBlock(512)).isEqualTo(65536);
    assertThat(MemoryBank.rowsPerBlock(1 << 26)).isEqualTo(1);
  }
}
