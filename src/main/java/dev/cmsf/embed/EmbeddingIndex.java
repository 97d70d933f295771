package dev.cmsf.embed;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The CSV written beside a {@code .npy} file by {@code cmsf embed} (index, path, label), read back
 * for the rows a search returns.
 */
public final class EmbeddingIndex {
  private EmbeddingIndex() {}

  /**
   * One row of the CSV.
   *
   * @param path the image's name (path relative to the folder, or index in the split)
   * @param label its label, -1 when unknown
   */
  public record Entry(String path, int label) {}

  /**
   * The entries of {@code rows} from the CSV beside {@code npy}; empty when there is no CSV. The
   * file is streamed: only the requested rows are kept.
   */
  public static Map<Integer, Entry> entries(Path npy, Set<Integer> rows) throws IOException {
    Path csv = EmbeddingWriter.csvBeside(npy);
    Map<Integer, Entry> entries = new HashMap<>();
    if (!Files.isRegularFile(csv)) {
      return entries;
    }
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      in.readLine(); // header
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int first = line.indexOf(',');
        int last = line.lastIndexOf(',');
        if (first < 0 || last <= first) {
          continue;
        }
        int index = Integer.parseInt(line.substring(0, first));
        if (rows.contains(index)) {
          String path = unquote(line.substring(first + 1, last));
          entries.put(index, new Entry(path, Integer.parseInt(line.substring(last + 1).trim())));
        }
      }
    } catch (NumberFormatException e) {
      throw new dev.cmsf.data.InvalidDataException(csv + ": not index,path,label rows");
    }
    return entries;
  }

  private static String unquote(String field) {
    if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
      return field.substring(1, field.length() - 1).replace("\"\"", "\"");
    }
    return field;
  }
}
