package dev.cmsf.embed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cmsf.data.ImageDataset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the embeddings of a data set's images, row {@code i} belonging to image {@code i}, with
 * each image's name ({@link ImageDataset#name}) and label (-1 when unknown).
 */
public final class EmbeddingWriter {
  private EmbeddingWriter() {}

  /**
   * Writes {@code embeddings} (row-major, {@code images.size()} rows of {@code dim}).
   *
   * @return the files written
   */
  public static java.util.List<Path> write(
      Path out, EmbeddingFormat format, float[] embeddings, int dim, ImageDataset images)
      throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (format == EmbeddingFormat.JSONL) {
      writeJsonLines(out, embeddings, dim, images);
      return java.util.List.of(out);
    }
    Npy.write(out, embeddings, images.size(), dim);
    Path csv = csvBeside(out);
    writeCsv(csv, images);
    return java.util.List.of(out, csv);
  }

  /** The CSV that accompanies a {@code .npy} file: the same name with {@code .csv}. */
  public static Path csvBeside(Path npy) {
    String name = npy.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return npy.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".csv");
  }

  private static void writeCsv(Path csv, ImageDataset images) throws IOException {
    try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("index,path,label\n");
      for (int i = 0; i < images.size(); i++) {
        w.write(i + "," + csvField(images.name(i)) + "," + images.label(i) + "\n");
      }
    }
  }

  /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
  static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static void writeJsonLines(Path out, float[] embeddings, int dim, ImageDataset images)
      throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        JsonGenerator json = new JsonFactory().createGenerator(w)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      for (int i = 0; i < images.size(); i++) {
        json.writeStartObject();
        json.writeNumberField("index", i);
        json.writeStringField("path", images.name(i));
        json.writeNumberField("label", images.label(i));
        json.writeArrayFieldStart("embedding");
        for (int j = 0; j < dim; j++) {
          json.writeNumber(embeddings[i * dim + j]);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
        w.write('\n');
      }
    }
  }
}
