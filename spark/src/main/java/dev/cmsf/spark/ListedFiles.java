package dev.cmsf.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads the files a table lists, (path, label) rows to (path, label, content) rows, in the
 * executors through Hadoop's file systems (local, HDFS, S3A: whatever the cluster's configuration
 * reaches), so the list is never collected on the driver. A file that cannot be read is counted in
 * {@code unreadable} and left out, as an image that does not decode.
 */
final class ListedFiles implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<SerializableConfiguration> hadoop;
  private final LongAccumulator unreadable;

  ListedFiles(Broadcast<SerializableConfiguration> hadoop, LongAccumulator unreadable) {
    this.hadoop = hadoop;
    this.unreadable = unreadable;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new Iterator<>() {
      private Row next;

      @Override
      public boolean hasNext() {
        while (next == null && input.hasNext()) {
          next = read(input.next());
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
      }
    };
  }

  /** The row with the file's bytes, or null when the file cannot be read. */
  private Row read(Row listed) {
    String path = listed.getString(0);
    try {
      Path file = new Path(path);
      FileSystem fs = file.getFileSystem(hadoop.value().value());
      try (InputStream in = fs.open(file)) {
        return RowFactory.create(path, listed.getString(1), in.readAllBytes());
      }
    } catch (IOException | IllegalArgumentException e) {
      PartitionEmbedder.skip(unreadable, path, "cannot read the file: " + e.getMessage());
      return null;
    }
  }
}
