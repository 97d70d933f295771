package dev.cmsf.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads the binary versions of CIFAR-10 and CIFAR-100 (32x32 RGB, one record per image: label
 * byte(s), then 1024 red, 1024 green and 1024 blue bytes).
 *
 * <p>CIFAR-10: {@code data_batch_1.bin .. data_batch_5.bin} and {@code test_batch.bin}, one label
 * byte. CIFAR-100: {@code train.bin} and {@code test.bin}, a coarse then a fine label byte; the
 * 100 fine classes are the labels. Files are found in {@code DIR} or in the archive's folder
 * below it ({@code cifar-10-batches-bin}, {@code cifar-100-binary}). Class names come from the
 * archive's {@code batches.meta.txt} / {@code fine_label_names.txt} when present. A file that is
 * missing, empty, not a whole number of records or has a label out of range is reported by name.
 */
public enum Cifar {
  /** CIFAR-10: 10 classes, one label byte. */
  CIFAR10(
      "CIFAR-10",
      "cifar-10-batches-bin",
      1,
      10,
      "batches.meta.txt",
      List.of(
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin"),
      List.of("test_batch.bin"),
      "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
  /** CIFAR-100: 100 fine classes; records carry the coarse label first. */
  CIFAR100(
      "CIFAR-100",
      "cifar-100-binary",
      2,
      100,
      "fine_label_names.txt",
      List.of("train.bin"),
      List.of("test.bin"),
      "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz");

  /** Side of the square images. */
  public static final int SIZE = 32;

  private static final int CHANNELS = 3;
  private static final int IMAGE_BYTES = CHANNELS * SIZE * SIZE;

  private final String title;
  private final String archiveFolder;
  private final int labelBytes;
  private final int classes;
  private final String namesFile;
  private final List<String> trainFiles;
  private final List<String> testFiles;
  private final String url;

  Cifar(
      String title,
      String archiveFolder,
      int labelBytes,
      int classes,
      String namesFile,
      List<String> trainFiles,
      List<String> testFiles,
      String url) {
    this.title = title;
    this.archiveFolder = archiveFolder;
    this.labelBytes = labelBytes;
    this.classes = classes;
    this.namesFile = namesFile;
    this.trainFiles = trainFiles;
    this.testFiles = testFiles;
    this.url = url;
  }

  /** Bytes per record: label byte(s) and the image. */
  public int recordBytes() {
    return labelBytes + IMAGE_BYTES;
  }

  /** The binary files of {@code split}, in reading order. */
  public List<String> files(Split split) {
    return split == Split.TRAIN ? trainFiles : testFiles;
  }

  /**
   * Loads one split.
   *
   * @param dir folder of the binary files, or the folder holding the archive's folder
   * @throws InvalidDataException if a file is missing or malformed
   */
  public ByteImageDataset load(Path dir, Split split) {
    if (dir == null) {
      throw new InvalidDataException(
          title + " needs --data DIR: the folder of the binary" + " version's files (" + url + ")");
    }
    Path folder = Files.isDirectory(dir.resolve(archiveFolder)) ? dir.resolve(archiveFolder) : dir;
    List<byte[]> contents = new ArrayList<>();
    int records = 0;
    for (String name : files(split)) {
      byte[] bytes = readChecked(folder.resolve(name));
      contents.add(bytes);
      records += bytes.length / recordBytes();
    }
    byte[] pixels = new byte[records * IMAGE_BYTES];
    int[] labels = new int[records];
    int at = 0;
    for (int f = 0; f < contents.size(); f++) {
      at = unpack(contents.get(f), folder.resolve(files(split).get(f)), pixels, labels, at);
    }
    return new ByteImageDataset(pixels, labels, CHANNELS, SIZE, SIZE, classNames(folder));
  }

  private byte[] readChecked(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidDataException(
          file
              + ": missing; expected the "
              + title
              + " binary"
              + " version ("
              + String.join(", ", trainFiles)
              + ", "
              + String.join(", ", testFiles)
              + ") from "
              + url);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new InvalidDataException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    if (bytes.length == 0 || bytes.length % recordBytes() != 0) {
      throw new InvalidDataException(
          file
              + ": "
              + bytes.length
              + " bytes is not a whole,"
              + " non-zero number of "
              + recordBytes()
              + "-byte "
              + title
              + " records (truncated, or not the binary version?)");
    }
    return bytes;
  }

  /** Copies the records of one file into the arrays from record {@code at}; returns the end. */
  private int unpack(byte[] bytes, Path file, byte[] pixels, int[] labels, int at) {
    int n = bytes.length / recordBytes();
    for (int r = 0; r < n; r++) {
      int start = r * recordBytes();
      int label = bytes[start + labelBytes - 1] & 0xff; // the last label byte: fine for CIFAR-100
      if (label >= classes) {
        throw new InvalidDataException(
            file
                + ": record "
                + r
                + " has label "
                + label
                + ", expected 0.."
                + (classes - 1)
                + " (is this "
                + title
                + "?)");
      }
      labels[at + r] = label;
      System.arraycopy(bytes, start + labelBytes, pixels, (at + r) * IMAGE_BYTES, IMAGE_BYTES);
    }
    return at + n;
  }

  private List<String> classNames(Path folder) {
    Path names = folder.resolve(namesFile);
    if (Files.isRegularFile(names)) {
      try {
        List<String> lines =
            Files.readAllLines(names, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (lines.size() == classes) {
          return lines;
        }
      } catch (IOException e) {
        // The names are cosmetic: fall back to numbered classes.
      }
    }
    return IntStream.range(0, classes).mapToObj(c -> "class_" + c).toList();
  }
}
