package dev.cmsf.data;

import dev.cmsf.augment.BilinearResize;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One split of an image folder: image files with labels, decoded on every access and never held
 * decoded in memory, so memory does not grow with the number of images.
 *
 * <p>Files are grouped by class (as {@link ImageFolderScanner} lists them). An image that cannot
 * be decoded is recorded in {@link SkippedImages} and replaced by the next readable image of its
 * class (wrapping around), so labels stay right and the replacement depends only on the files,
 * never on thread timing. With {@code strict}, it aborts instead ({@link InvalidDataException}).
 */
public final class ImageFolder extends LabelledImages {

  private static final ThreadLocal<Pixels> RESIZE_SOURCE = ThreadLocal.withInitial(Pixels::new);

  private final Path root;
  private final List<Path> files;
  private final int[] classStart; // images of class c: classStart[c] .. classStart[c + 1] - 1
  private final ImageDecoder decoder;
  private final boolean strict;
  private final SkippedImages skipped;
  private final Set<Integer> unreadable = ConcurrentHashMap.newKeySet();

  /**
   * Creates the split.
   *
   * @param root the data set root, which {@link #name} is relative to
   * @param files image files grouped by label in label order
   * @param labels label of each file, non-decreasing
   * @param classNames class names indexed by label
   * @param decoder decoder, which fixes the channel count
   * @param nominalSize side that {@link #readImage} resizes and center-crops to
   * @param strict whether an unreadable image aborts instead of being skipped
   * @param skipped where unreadable images are recorded
   */
  public ImageFolder(
      Path root,
      List<Path> files,
      int[] labels,
      List<String> classNames,
      ImageDecoder decoder,
      int nominalSize,
      boolean strict,
      SkippedImages skipped) {
    super(checkedCopy(files, labels), decoder.channels(), nominalSize, nominalSize, classNames);
    this.root = root;
    this.files = List.copyOf(files);
    this.classStart = classStarts(labels, classNames.size());
    this.decoder = decoder;
    this.strict = strict;
    this.skipped = skipped;
  }

  /** A copy of {@code labels}, once their count is checked; before the fields are set. */
  private static int[] checkedCopy(List<Path> files, int[] labels) {
    if (files.size() != labels.length) {
      throw new IllegalArgumentException(files.size() + " files but " + labels.length + " labels");
    }
    return labels.clone();
  }

  private static int[] classStarts(int[] labels, int classes) {
    int[] start = new int[classes + 1];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes || (i > 0 && labels[i] < labels[i - 1])) {
        throw new IllegalArgumentException(
            "labels must be in 0.."
                + (classes - 1)
                + " and grouped in order; entry "
                + i
                + " is "
                + labels[i]);
      }
      start[labels[i] + 1] = i + 1;
    }
    for (int c = 1; c <= classes; c++) {
      start[c] = Math.max(start[c], start[c - 1]);
    }
    return start;
  }

  /** The file of image {@code index}. */
  public Path file(int index) {
    return files.get(index);
  }

  /** The file's path relative to the data set root, with '/' separators. */
  @Override
  public String name(int index) {
    return root.relativize(files.get(index)).toString().replace('\\', '/');
  }

  @Override
  public boolean uniformSize() {
    return false;
  }

  /** Decodes image {@code index}, or the next readable one of its class if it is unreadable. */
  @Override
  public Pixels read(int index, Pixels into) {
    int label = label(index);
    int first = classStart[label];
    int count = classStart[label + 1] - first;
    for (int step = 0; step < count; step++) {
      int candidate = first + (index - first + step) % count;
      if (!unreadable.contains(candidate) && tryDecode(candidate, into)) {
        return into;
      }
    }
    throw new InvalidDataException(
        "every image of class '"
            + classNames().get(label)
            + "' is unreadable ("
            + count
            + " files, e.g. "
            + files.get(index)
            + ")");
  }

  private boolean tryDecode(int index, Pixels into) {
    Path file = files.get(index);
    try {
      decoder.decode(readAll(file), into);
      return true;
    } catch (IOException e) {
      if (strict) {
        throw new InvalidDataException(
            file + ": unreadable image (" + e.getMessage() + "); remove it or run without --strict",
            e);
      }
      unreadable.add(index);
      skipped.record(file, e.getMessage());
      return false;
    }
  }

  private static byte[] readAll(Path file) throws IOException {
    // FileInputStream, not Files.newInputStream: an interrupt (the loader closing) must not make
    // the read fail with ClosedByInterruptException and the file look unreadable.
    try (InputStream in = new FileInputStream(file.toFile())) {
      return in.readAllBytes();
    }
  }

  /** Image {@code index} resized (shorter side) and center-cropped to the nominal size. */
  @Override
  public void readImage(int index, float[] dst) {
    Pixels image = read(index, RESIZE_SOURCE.get());
    BilinearResize.resizeCenterCrop(
        image.data(), image.channels(), image.height(), image.width(), height(), width(), dst, 0);
  }

  @Override
  public String toString() {
    return "ImageFolder[" + files.size() + " images, " + numClasses() + " classes]";
  }
}
