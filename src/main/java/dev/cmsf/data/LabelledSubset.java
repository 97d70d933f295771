package dev.cmsf.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The training images whose labels a semi-supervised run or a fine-tuning evaluation may use
 * (METHOD.md sections 2.3 and 4); every other image is treated as unlabelled.
 *
 * <p>Given either as a per-class fraction, drawn deterministically from a seed with at least one
 * image per class, or as a file of image names ({@link ImageDataset#name}), one per line; blank
 * lines and lines starting with {@code #} are ignored.
 */
public final class LabelledSubset {
  private final boolean[] member;
  private final int[] indices;
  private final String description;

  private LabelledSubset(boolean[] member, String description) {
    this.member = member;
    this.indices = IntStream.range(0, member.length).filter(i -> member[i]).toArray();
    this.description = description;
  }

  /**
   * Parses the {@code labelled} setting: a number in (0, 1] is a per-class fraction, anything
   * else the path of a names file.
   *
   * @param spec the setting; must not be empty
   * @param train the training split the names and labels refer to
   * @param seed seed of the per-class draw
   */
  public static LabelledSubset parse(String spec, ImageDataset train, long seed) {
    String trimmed = spec.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("no labelled subset given");
    }
    Double fraction = asNumber(trimmed);
    if (fraction != null) {
      return perClassFraction(train, fraction, seed);
    }
    return fromNames(train, Path.of(trimmed));
  }

  private static Double asNumber(String text) {
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /**
   * {@code round(fraction * n_c)} images of every class c (at least one), chosen by a seeded
   * shuffle of that class's images; images with an unknown label are never chosen.
   */
  public static LabelledSubset perClassFraction(ImageDataset train, double fraction, long seed) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new InvalidDataException(
          "labelled fraction " + fraction + ": expected a number in (0, 1]");
    }
    int classes = train.numClasses();
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < train.size(); i++) {
      int label = train.label(i);
      if (label >= 0 && label < classes) {
        byClass.get(label).add(i);
      }
    }
    boolean[] member = new boolean[train.size()];
    for (int c = 0; c < classes; c++) {
      List<Integer> images = byClass.get(c);
      if (images.isEmpty()) {
        continue; // a class absent from this split cannot contribute an image
      }
      int take = Math.max(1, (int) Math.round(fraction * images.size()));
      // one stream per class, so a class's draw does not depend on the other classes' sizes
      SplittableRandom random = new SplittableRandom(Seeds.mix(seed, 0x6c6162656cL, c));
      int[] order = images.stream().mapToInt(Integer::intValue).toArray();
      for (int i = 0; i < take; i++) {
        int j = i + random.nextInt(order.length - i);
        int chosen = order[j];
        order[j] = order[i];
        order[i] = chosen;
        member[chosen] = true;
      }
    }
    return new LabelledSubset(member, "a fraction of " + fraction + " per class");
  }

  /** The images named in {@code file}, one name per line. */
  public static LabelledSubset fromNames(ImageDataset train, Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException missing) {
      throw new InvalidDataException(
          file
              + ": no such file; 'labelled' expects a fraction in (0, 1] or a file of image"
              + " names, one per line");
    } catch (IOException e) {
      throw new InvalidDataException(file + ": cannot read the labelled image list: " + e, e);
    }
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < train.size(); i++) {
      byName.put(train.name(i), i);
    }
    boolean[] member = new boolean[train.size()];
    int named = 0;
    for (int line = 0; line < lines.size(); line++) {
      String name = lines.get(line).strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      Integer index = byName.get(name);
      if (index == null) {
        throw new InvalidDataException(
            file
                + ":"
                + (line + 1)
                + ": no training image is named '"
                + name
                + "'"
                + " (names are paths relative to the data root, or indices for IDX data)");
      }
      member[index] = true;
      named++;
    }
    if (named == 0) {
      throw new InvalidDataException(file + ": lists no image names");
    }
    return new LabelledSubset(member, "the " + named + " images listed in " + file);
  }

  /** Whether training image {@code index} is labelled. */
  public boolean contains(int index) {
    return member[index];
  }

  /** Indices of the labelled images, ascending. */
  public int[] indices() {
    return indices.clone();
  }

  /** Number of labelled images. */
  public int size() {
    return indices.length;
  }

  /** Number of training images the subset was drawn from. */
  public int datasetSize() {
    return member.length;
  }

  /**
   * Per image of the split, its label if labelled and -1 otherwise.
   *
   * @param labels the labels to reveal, indexed like the split (possibly noisy)
   */
  public int[] reveal(int[] labels) {
    if (labels.length != member.length) {
      throw new IllegalArgumentException(
          "labels for " + labels.length + " images, subset of " + member.length);
    }
    int[] visible = new int[labels.length];
    Arrays.fill(visible, -1);
    for (int i : indices) {
      visible[i] = labels[i];
    }
    return visible;
  }

  /** Says how the subset was chosen, for logs and reports. */
  @Override
  public String toString() {
    return size() + " labelled images (" + description + ")";
  }
}
