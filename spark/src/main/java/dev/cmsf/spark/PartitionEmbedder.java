package dev.cmsf.spark;

import dev.cmsf.data.ImageList;
import dev.cmsf.embed.ExportedEncoder;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Embeds one partition of (path, label, content) rows into (path, label, embedding) rows, a batch
 * at a time and lazily, so a partition is never held whole. The images are decoded in the task's
 * thread ({@link ImageList#decode(byte[], String)}: what {@code cmsf embed} refuses is counted in
 * {@code unreadable}, named on the executor's standard error, and left out); the forward pass runs
 * on the JVM's one encoder ({@link ExecutorEncoders}), one task at a time, because PyTorch already
 * spreads a forward pass over the cores.
 */
final class PartitionEmbedder implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<EncoderFiles> encoder;
  private final LongAccumulator unreadable;
  private final int batchSize;

  PartitionEmbedder(Broadcast<EncoderFiles> encoder, LongAccumulator unreadable, int batchSize) {
    this.encoder = encoder;
    this.unreadable = unreadable;
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    ExportedEncoder model = ExecutorEncoders.get(encoder.value());
    return new Iterator<>() {
      private final ArrayDeque<Row> ready = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && input.hasNext()) {
          embedNextBatch(input, model, ready);
        }
        return !ready.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }
    };
  }

  private void embedNextBatch(Iterator<Row> input, ExportedEncoder model, ArrayDeque<Row> out) {
    List<Row> rows = new ArrayList<>(batchSize);
    List<BufferedImage> images = new ArrayList<>(batchSize);
    while (images.size() < batchSize && input.hasNext()) {
      Row row = input.next();
      BufferedImage image = decode(row.getString(0), (byte[]) row.get(2));
      if (image != null) {
        rows.add(row);
        images.add(image);
      }
    }
    float[][] embeddings;
    synchronized (model) {
      embeddings = model.embed(images);
    }
    for (int i = 0; i < rows.size(); i++) {
      out.add(
          RowFactory.create(
              rows.get(i).getString(0), rows.get(i).getString(1), boxed(embeddings[i])));
    }
  }

  /** The image, or null when it is unreadable (counted and named). */
  private BufferedImage decode(String path, byte[] content) {
    try {
      return ImageList.decode(content, path);
    } catch (RuntimeException e) {
      // InvalidDataException for what cmsf embed refuses; a decoder's own bug on damaged bytes
      // (an index out of bounds, say) must not fail the job either
      String reason = e.getMessage() != null ? e.getMessage() : e.toString();
      skip(
          unreadable,
          path,
          reason.startsWith(path + ": ") ? reason.substring(path.length() + 2) : reason);
      return null;
    }
  }

  /** Counts and names an image left out. */
  static void skip(LongAccumulator unreadable, String path, String reason) {
    unreadable.add(1);
    System.err.println("cmsf: warning: skipped unreadable image " + path + " (" + reason + ")");
  }

  private static Float[] boxed(float[] values) {
    Float[] boxed = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }
}
