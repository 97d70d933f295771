package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cmsf.augment.ViewTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BatchLoaderTest {

  private final ArrayDataset dataset = new ArrayDataset(50, 3, 8, 8);

  /**
   * Copies the top-left S x S corner of each channel and adds uniform noise from the generator,
   * so every view depends on both the pixels and the randomness it was given.
   */
  private static final class NoisyCrop implements ViewTransform {
    private final int size;
    private final IntConsumer onSample;

    NoisyCrop(int size) {
      this(size, i -> {});
    }

    /** @param onSample called per sample with its first source pixel as a byte value 0..255 */
    NoisyCrop(int size, IntConsumer onSample) {
      this.size = size;
      this.onSample = onSample;
    }

    @Override
    public int outputSize() {
      return size;
    }

    @Override
    public void apply(
        float[] src,
        int channels,
        int height,
        int width,
        RandomGenerator rng,
        float[] dst,
        int dstOffset) {
      onSample.accept(Math.round(src[0] * 255));
      int o = dstOffset;
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < size; y++) {
          for (int x = 0; x < size; x++) {
            dst[o++] = src[c * height * width + y * width + x] + rng.nextFloat();
          }
        }
      }
    }
  }

  @Test
  void defaultPrefetch_isTwoPerWorkerButNeverMoreThanHalfTheHeap() {
    // 10 samples x 2 views x 3 x 8 x 8 floats = 15,360 bytes a batch
    BatchLoader.Builder b = loader(List.of(new NoisyCrop(8), new NoisyCrop(8)), 10).workers(3);
    assertThat(b.batchBytes()).isEqualTo(15_360);
    assertThat(b.defaultPrefetch(1L << 30)).isEqualTo(6);
    assertThat(b.defaultPrefetch(4 * 15_360)).isEqualTo(2);
    assertThat(b.defaultPrefetch(15_360)).isEqualTo(1);
    assertThat(b.build().prefetch()).isEqualTo(6); // this JVM's heap holds six
  }

  @Test
  void prefetchBeyondTheHeap_isRefusedWithTheWayOut() {
    BatchLoader.Builder b = loader(List.of(new NoisyCrop(8)), 10);
    b.checkHeap(4, 10 * 7_680); // 4 x 7,680 bytes fit in 80% of 76,800
    assertThatThrownBy(() -> b.checkHeap(9, 10 * 7_680))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9 prefetched batches of 10 samples")
        .hasMessageContaining("lower prefetch or batch_size")
        .hasMessageContaining("CMSF_JAVA_OPTS=-Xmx8g");
  }

  private BatchLoader.Builder loader(List<ViewTransform> views, int batchSize) {
    return BatchLoader.builder(dataset, views, batchSize);
  }

  private static List<Batch> drain(BatchLoader loader) {
    try (loader) {
      List<Batch> out = new ArrayList<>();
      loader.forEach(out::add);
      return out;
    }
  }

  private static Set<Thread> loaderThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("cmsf-loader-"))
        .collect(Collectors.toSet());
  }

  @Test
  void batches_comeOutInOrderCoveringTheEpochWithLabelsAndViewShapes() {
    int[] order = EpochOrder.permutation(50, 1, 0);
    List<Batch> batches =
        drain(
            loader(List.of(new NoisyCrop(6), new NoisyCrop(4)), 8)
                .order(order)
                .workers(3)
                .prefetch(4)
                .build());

    assertThat(batches).hasSize(7);
    for (int b = 0; b < batches.size(); b++) {
      Batch batch = batches.get(b);
      int n = b < 6 ? 8 : 2;
      assertThat(batch.batchIndex()).isEqualTo(b);
      assertThat(batch.size()).isEqualTo(n);
      assertThat(batch.viewCount()).isEqualTo(2);
      assertThat(batch.viewShape(0)).containsExactly(n, 3, 6, 6);
      assertThat(batch.viewShape(1)).containsExactly(n, 3, 4, 4);
      assertThat(batch.views()[0]).hasSize(n * 3 * 36);
      assertThat(batch.views()[1]).hasSize(n * 3 * 16);
      for (int j = 0; j < n; j++) {
        assertThat(batch.indices()[j]).isEqualTo(order[b * 8 + j]);
        assertThat(batch.labels()[j]).isEqualTo(dataset.label(order[b * 8 + j]));
      }
    }
  }

  @Test
  void viewPixels_comeFromTheSampleTheBatchNames() {
    Batch batch =
        drain(loader(List.of(new NoisyCrop(8)), 4).order(new int[] {9, 2}).workers(2).build())
            .get(0);

    float[] view = batch.views()[0];
    int perSample = 3 * 8 * 8;
    for (int j = 0; j < 2; j++) {
      for (int p = 0; p < perSample; p++) {
        float noise = view[j * perSample + p] - ArrayDataset.pixel(batch.indices()[j], p);
        assertThat(noise).isBetween(0f, 1f);
      }
    }
  }

  @Test
  void output_isBitIdenticalForOneAndThreeWorkers() {
    int[] order = EpochOrder.permutation(50, 42, 3);
    List<ViewTransform> views = List.of(new NoisyCrop(6), new NoisyCrop(4));
    List<Batch> one =
        drain(loader(views, 7).order(order).seed(42).epoch(3).workers(1).prefetch(1).build());
    List<Batch> three =
        drain(loader(views, 7).order(order).seed(42).epoch(3).workers(3).prefetch(5).build());

    assertThat(three).hasSameSizeAs(one);
    for (int b = 0; b < one.size(); b++) {
      assertThat(three.get(b).indices()).isEqualTo(one.get(b).indices());
      assertThat(three.get(b).labels()).isEqualTo(one.get(b).labels());
      assertThat(three.get(b).views()[0]).isEqualTo(one.get(b).views()[0]);
      assertThat(three.get(b).views()[1]).isEqualTo(one.get(b).views()[1]);
    }
  }

  @Test
  void differentEpochsOrViews_drawDifferentRandomness() {
    List<ViewTransform> views = List.of(new NoisyCrop(4), new NoisyCrop(4));
    Batch epoch0 = drain(loader(views, 5).epoch(0).build()).get(0);
    Batch epoch1 = drain(loader(views, 5).epoch(1).build()).get(0);

    assertThat(epoch1.indices()).isEqualTo(epoch0.indices());
    assertThat(epoch1.views()[0]).isNotEqualTo(epoch0.views()[0]);
    assertThat(epoch0.views()[1]).isNotEqualTo(epoch0.views()[0]);
  }

  @Test
  void startBatch_resumesWithTheBatchesOfAFullRun() {
    int[] order = EpochOrder.permutation(50, 5, 2);
    List<ViewTransform> views = List.of(new NoisyCrop(5));
    List<Batch> full = drain(loader(views, 8).order(order).seed(5).epoch(2).build());
    BatchLoader resumed = loader(views, 8).order(order).seed(5).epoch(2).startBatch(4).build();
    assertThat(resumed.startBatch()).isEqualTo(4);
    List<Batch> tail = drain(resumed);

    assertThat(tail).hasSize(full.size() - 4);
    for (int i = 0; i < tail.size(); i++) {
      assertThat(tail.get(i).batchIndex()).isEqualTo(4 + i);
      assertThat(tail.get(i).indices()).isEqualTo(full.get(4 + i).indices());
      assertThat(tail.get(i).views()[0]).isEqualTo(full.get(4 + i).views()[0]);
    }
  }

  @Test
  void dropLast_dropsTheShortFinalBatch() {
    BatchLoader loader = loader(List.of(new NoisyCrop(2)), 8).dropLast(true).build();

    assertThat(loader.batchCount()).isEqualTo(6);
    assertThat(drain(loader)).hasSize(6).allSatisfy(b -> assertThat(b.size()).isEqualTo(8));
    assertThat(BatchLoader.batchCount(48, 8, false)).isEqualTo(6);
    assertThat(BatchLoader.batchCount(49, 8, false)).isEqualTo(7);
  }

  @Test
  void emptyEpoch_yieldsNoBatchesAndStartsNoThreads() {
    BatchLoader loader = loader(List.of(new NoisyCrop(2)), 8).order(new int[0]).build();

    assertThat(drain(loader)).isEmpty();
  }

  @Test
  void producer_neverRunsMoreThanPrefetchAheadOfASlowConsumer() throws Exception {
    AtomicInteger samples = new AtomicInteger();
    int batchSize = 4;
    int prefetch = 2;
    try (BatchLoader loader =
        loader(List.of(new NoisyCrop(2, i -> samples.incrementAndGet())), batchSize)
            .workers(3)
            .prefetch(prefetch)
            .build()) {
      var it = loader.iterator();
      for (int taken = 1; taken <= 5; taken++) {
        it.next();
        int bound = (taken + prefetch) * batchSize;
        // Wait until the workers have done all they may, then check they stopped there.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (samples.get() < bound && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        Thread.sleep(100);
        assertThat(samples.get()).as("samples after %d batches taken", taken).isEqualTo(bound);
      }
    }
  }

  @Test
  void workerException_isRethrownToTheConsumerWithItsCause() {
    ViewTransform failing =
        new NoisyCrop(
            2,
            value -> {
              if (value == (37 * 13) % 256) {
                throw new IllegalStateException("boom");
              }
            });
    BatchLoader loader = loader(List.of(failing), 8).workers(3).build();

    assertThatThrownBy(() -> drain(loader))
        .isInstanceOf(BatchLoadException.class)
        .hasMessageContaining("failed on batch 4")
        .hasMessageContaining("boom")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void close_stopsWorkersPromptlyMidEpoch() throws Exception {
    ViewTransform slow = new NoisyCrop(2, i -> LockSupport.parkNanos(2_000_000));
    BatchLoader loader = loader(List.of(slow), 4).workers(3).prefetch(6).build();
    var it = loader.iterator();
    it.next();
    Set<Thread> workers = loaderThreads();
    assertThat(workers).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());

    long start = System.nanoTime();
    loader.close();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(millis).isLessThan(1000);
    assertThat(workers).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
    assertThatThrownBy(it::next).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void iterator_isSingleUse() {
    try (BatchLoader loader = loader(List.of(new NoisyCrop(2)), 8).build()) {
      loader.iterator();
      assertThatThrownBy(loader::iterator).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void invalidSettings_areRejected() {
    List<ViewTransform> views = List.of(new NoisyCrop(2));

    assertThatThrownBy(() -> loader(views, 0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize");
    assertThatThrownBy(() -> loader(views, 8).workers(0).build()).hasMessageContaining("workers");
    assertThatThrownBy(() -> loader(views, 8).prefetch(0).build()).hasMessageContaining("prefetch");
    assertThatThrownBy(() -> loader(List.of(), 8).build()).hasMessageContaining("view transform");
    assertThatThrownBy(() -> loader(views, 8).order(new int[] {0, 50}).build())
        .hasMessageContaining("order[1] = 50");
    assertThatThrownBy(() -> loader(views, 8).startBatch(8).build())
        .hasMessageContaining("startBatch must be in 0..7");
  }
}
