package dev.cmsf.data;

import dev.cmsf.augment.ViewTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Assembles the batches of one epoch on background threads and hands them out in order.
 *
 * <p>Each sample's views draw from a generator seeded only by (seed, epoch, position in the
 * epoch, view number), so the batches are bit-identical for any number of workers and a run
 * resumed at {@code startBatch} sees exactly the batches it would have seen. At most
 * {@code prefetch} batches are in progress or waiting ahead of the consumer. A worker's
 * exception reaches the consumer as a {@link BatchLoadException}; {@link #close()} stops the
 * workers even mid-epoch.
 *
 * <p>Single use: {@link #iterator()} may be called once. Transforms are shared by the workers,
 * so they must be thread-safe (keep per-call state on the stack) and must not modify their
 * source array.
 */
public final class BatchLoader implements Iterable<Batch>, AutoCloseable {

  // Keeps the views' streams apart from the other streams derived from the same seed.
  private static final long VIEW_STREAM = 0x76696577L;
  private static final long CLOSE_WAIT_MS = 2000;

  private final ImageDataset dataset;
  private final List<ViewTransform> views;
  private final int[] order;
  private final int batchSize;
  private final long seed;
  private final int epoch;
  private final int startBatch;
  private final int endBatch;
  private final int workerCount;
  private final int prefetch;
  private final Semaphore permits;
  private final AtomicInteger nextClaim;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<Integer, Batch> ready = new HashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopped;
  private boolean closed;
  private boolean started;
  private Throwable failure;
  private int failedBatch;
  private String failedWorker;

  private BatchLoader(Builder b, int[] order, int prefetch) {
    this.dataset = b.dataset;
    this.views = List.copyOf(b.views);
    this.order = order;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.epoch = b.epoch;
    this.startBatch = b.startBatch;
    this.endBatch = batchCount(order.length, batchSize, b.dropLast);
    this.workerCount = b.workers;
    this.prefetch = prefetch;
    this.permits = new Semaphore(prefetch);
    this.nextClaim = new AtomicInteger(startBatch);
  }

  /** Most batches in progress or waiting ahead of the consumer. */
  public int prefetch() {
    return prefetch;
  }

  /**
   * Starts describing a loader.
   *
   * @param dataset the images
   * @param views one transform per view of each sample, e.g. [strong, weak] or [eval]
   * @param batchSize samples per batch
   */
  public static Builder builder(
      ImageDataset dataset, List<? extends ViewTransform> views, int batchSize) {
    return new Builder(dataset, views, batchSize);
  }

  /** Number of batches an epoch of {@code samples} samples is cut into. */
  public static int batchCount(int samples, int batchSize, boolean dropLast) {
    int full = samples / batchSize;
    return dropLast || samples % batchSize == 0 ? full : full + 1;
  }

  /** Number of batches in the whole epoch, including those before {@code startBatch}. */
  public int batchCount() {
    return endBatch;
  }

  /** Index of the first batch this loader produces. */
  public int startBatch() {
    return startBatch;
  }

  /**
   * Starts the workers and returns the batches {@code startBatch, startBatch + 1, ...}.
   *
   * @throws IllegalStateException if called a second time or after {@link #close()}
   */
  @Override
  public Iterator<Batch> iterator() {
    lock.lock();
    try {
      if (started || closed) {
        throw new IllegalStateException("a BatchLoader can be iterated once, before close()");
      }
      started = true;
      if (startBatch < endBatch) {
        startWorkers();
      }
    } finally {
      lock.unlock();
    }
    return new Consumer();
  }

  private void startWorkers() {
    for (int i = 0; i < workerCount; i++) {
      Thread t = new Thread(this::work, "cmsf-loader-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
  }

  /**
   * Stops the workers, waiting briefly for them to exit, and drops prefetched batches; a
   * later {@code next()} throws {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      stopped = true;
      ready.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    threads.forEach(Thread::interrupt);
    joinWorkers();
  }

  private void joinWorkers() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
    boolean interrupted = false;
    for (Thread t : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (t == Thread.currentThread() || left <= 0) {
        continue;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void work() {
    // One decode buffer per worker, grown to the largest image it meets.
    Pixels src = new Pixels();
    int batchIndex = -1;
    try {
      while (!stopped) {
        permits.acquire();
        batchIndex = nextClaim.getAndIncrement();
        if (batchIndex >= endBatch) {
          // Pass the permit on so that every idle worker also learns the epoch is over.
          permits.release();
          return;
        }
        Batch batch = assemble(batchIndex, src);
        if (batch != null) {
          publish(batch);
        }
      }
    } catch (InterruptedException e) {
      // Only close() and fail() interrupt: the loader is stopping, so just exit.
    } catch (Throwable t) {
      fail(batchIndex, t);
    }
  }

  private Batch assemble(int batchIndex, Pixels src) {
    int from = batchIndex * batchSize;
    int n = Math.min(batchSize, order.length - from);
    int c = dataset.channels();
    int[] sizes = new int[views.size()];
    float[][] out = new float[views.size()][];
    for (int v = 0; v < sizes.length; v++) {
      sizes[v] = views.get(v).outputSize();
      out[v] = new float[n * c * sizes[v] * sizes[v]];
    }
    int[] indices = new int[n];
    int[] labels = new int[n];
    for (int j = 0; j < n; j++) {
      if (stopped) {
        return null;
      }
      indices[j] = order[from + j];
      labels[j] = dataset.label(indices[j]);
      applyViews(dataset.read(indices[j], src), from + j, j, sizes, out);
    }
    return new Batch(batchIndex, indices, labels, out, c, sizes);
  }

  private void applyViews(Pixels src, int position, int slot, int[] sizes, float[][] out) {
    int c = dataset.channels();
    for (int v = 0; v < sizes.length; v++) {
      SplittableRandom rng = new SplittableRandom(Seeds.mix(VIEW_STREAM, seed, epoch, position, v));
      int offset = slot * c * sizes[v] * sizes[v];
      views.get(v).apply(src.data(), c, src.height(), src.width(), rng, out[v], offset);
    }
  }

  private void publish(Batch batch) {
    lock.lock();
    try {
      if (!closed) {
        ready.put(batch.batchIndex(), batch);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void fail(int batchIndex, Throwable t) {
    lock.lock();
    try {
      if (failure == null) {
        failure = t;
        failedBatch = batchIndex;
        failedWorker = Thread.currentThread().getName();
      }
      stopped = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Thread other : threads) {
      if (other != Thread.currentThread()) {
        other.interrupt();
      }
    }
  }

  /** Hands out batches in index order, waiting for the workers where needed. */
  private final class Consumer implements Iterator<Batch> {
    private int next = startBatch;

    @Override
    public boolean hasNext() {
      return next < endBatch;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException("epoch has " + endBatch + " batches");
      }
      Batch batch = await(next);
      permits.release();
      next++;
      return batch;
    }

    private Batch await(int index) {
      lock.lock();
      try {
        while (true) {
          if (failure != null) {
            throw new BatchLoadException(
                failedWorker
                    + " failed on batch "
                    + failedBatch
                    + " of epoch "
                    + epoch
                    + ": "
                    + failure,
                failure);
          }
          if (closed) {
            throw new IllegalStateException("BatchLoader closed while waiting for batch " + index);
          }
          Batch batch = ready.remove(index);
          if (batch != null) {
            return batch;
          }
          changed.await();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BatchLoadException("interrupted while waiting for batch " + index, e);
      } finally {
        lock.unlock();
      }
    }
  }

  /** Describes a {@link BatchLoader}; settings other than those of the constructor are optional. */
  public static final class Builder {
    private final ImageDataset dataset;
    private final List<? extends ViewTransform> views;
    private final int batchSize;
    private int[] order;
    private boolean dropLast;
    private long seed;
    private int epoch;
    private int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private int prefetch = -1;
    private int startBatch;

    private Builder(ImageDataset dataset, List<? extends ViewTransform> views, int batchSize) {
      this.dataset = dataset;
      this.views = views;
      this.batchSize = batchSize;
    }

    /** Dataset indices in visiting order (default: 0..size-1); may be shorter than the set. */
    public Builder order(int[] order) {
      this.order = order;
      return this;
    }

    /** Whether to drop a final batch smaller than the batch size (default false). */
    public Builder dropLast(boolean dropLast) {
      this.dropLast = dropLast;
      return this;
    }

    /** Base seed of the views' randomness (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Epoch number, mixed into the views' randomness (default 0). */
    public Builder epoch(int epoch) {
      this.epoch = epoch;
      return this;
    }

    /** Worker threads (default: up to 4, one per processor). */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /**
     * Most batches in progress or waiting ahead of the consumer. Default: 2 per worker, but no
     * more batches than fit in half of the JVM heap (at least one), so that many workers on
     * large views (224 px, batch 256: 308 MB a batch) cannot exhaust the heap.
     */
    public Builder prefetch(int prefetch) {
      this.prefetch = prefetch;
      return this;
    }

    /** First batch to produce, to resume an epoch part-way (default 0). */
    public Builder startBatch(int startBatch) {
      this.startBatch = startBatch;
      return this;
    }

    /**
     * Validates the settings and creates the loader; no thread starts before iteration.
     *
     * @throws IllegalArgumentException if a setting is out of range
     */
    public BatchLoader build() {
      require(batchSize > 0, "batchSize must be > 0, got " + batchSize);
      require(workers > 0, "workers must be > 0, got " + workers);
      long maxHeap = Runtime.getRuntime().maxMemory();
      int ahead = prefetch == -1 ? defaultPrefetch(maxHeap) : prefetch;
      require(ahead > 0, "prefetch must be > 0, got " + ahead);
      checkHeap(ahead, maxHeap);
      require(!views.isEmpty(), "at least one view transform is needed");
      views.forEach(v -> require(v.outputSize() > 0, "view output size must be > 0"));
      int[] visit = order == null ? EpochOrder.sequential(dataset.size()) : order.clone();
      checkOrder(visit);
      int batches = batchCount(visit.length, batchSize, dropLast);
      require(
          startBatch >= 0 && startBatch <= batches,
          "startBatch must be in 0.." + batches + ", got " + startBatch);
      return new BatchLoader(this, visit, ahead);
    }

    /** Bytes of one full batch: every view of every sample, as floats. */
    long batchBytes() {
      long floats = 0;
      for (ViewTransform view : views) {
        floats += (long) dataset.channels() * view.outputSize() * view.outputSize();
      }
      return floats * batchSize * Float.BYTES;
    }

    /** Two batches per worker, at most as many as fit in half of {@code maxHeap}, at least one. */
    int defaultPrefetch(long maxHeap) {
      long fit = Math.max(1, maxHeap / 2 / Math.max(1, batchBytes()));
      return (int) Math.min(2L * workers, fit);
    }

    /**
     * Refuses {@code ahead} batches that would need more than 80% of {@code maxHeap}, naming the
     * way out, instead of an OutOfMemoryError in a worker hours into a run.
     */
    void checkHeap(int ahead, long maxHeap) {
      long bytes = ahead * batchBytes();
      if (bytes > maxHeap / 5 * 4) {
        throw new IllegalArgumentException(
            String.format(
                "%d prefetched batches of %d samples with these views need %d MB, more than 80%% of"
                    + " the JVM heap (%d MB): lower prefetch or batch_size, or give the JVM more heap"
                    + " (CMSF_JAVA_OPTS=-Xmx8g)",
                ahead, batchSize, bytes >> 20, maxHeap >> 20));
      }
    }

    private void checkOrder(int[] order) {
      for (int i = 0; i < order.length; i++) {
        if (order[i] < 0 || order[i] >= dataset.size()) {
          throw new IllegalArgumentException(
              "order["
                  + i
                  + "] = "
                  + order[i]
                  + " is outside the dataset of "
                  + dataset.size()
                  + " images");
        }
      }
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
