package dev.cmsf.spark;

import dev.cmsf.model.EncoderDescription;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of a {@code cmsf export} directory (DJL format), read on the driver and broadcast, so
 * that executors need no shared file system to load the encoder; identified by a digest of their
 * contents, so an executor loads each encoder once whatever the number of tasks.
 */
final class EncoderFiles implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, byte[]> files;
  private final String id;

  private EncoderFiles(Map<String, byte[]> files, String id) {
    this.files = files;
    this.id = id;
  }

  /**
   * Reads the export in {@code dir}, checking first that its description reads.
   *
   * @throws IOException when {@code dir} is not a DJL export of cmsf
   */
  static EncoderFiles read(Path dir) throws IOException {
    EncoderDescription.read(dir); // a missing or foreign encoder.json fails here, on the driver
    Map<String, byte[]> files = new LinkedHashMap<>();
    MessageDigest digest = sha256();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        files.put(file.getFileName().toString(), bytes);
        digest.update(
            file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update(bytes);
      }
    }
    return new EncoderFiles(files, HexFormat.of().formatHex(digest.digest()));
  }

  /** The digest of the files' names and contents. */
  String id() {
    return id;
  }

  /** Writes the files into {@code dir} (an executor's local copy). */
  void writeTo(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
