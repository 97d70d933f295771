package dev.cmsf.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A view of another dataset restricted to chosen images: index {@code i} of the subset is image
 * {@code indices[i]} of the base, with its label. Nothing is copied but the index list.
 *
 * <p>A class subset ({@link #ofClasses}) also renumbers the labels of the kept classes to
 * {@code 0..n-1}, so that classifiers and kNN see a data set of n classes.
 */
public final class SubsetDataset implements ImageDataset {

  // Keep these streams apart from the other streams derived from the same seed.
  private static final long SAMPLE_STREAM = 0x73616d706c65L;
  private static final long CLASS_STREAM = 0x636c61737365L;

  private final ImageDataset base;
  private final int[] indices;
  private final int[] labelMap; // base label -> subset label; null: labels unchanged
  private final List<String> classNames;

  /**
   * Restricts {@code base} to {@code indices} (copied; repeats allowed).
   *
   * @throws IndexOutOfBoundsException if an index is outside the base dataset
   */
  public SubsetDataset(ImageDataset base, int[] indices) {
    this(base, indices, null, base.classNames());
  }

  private SubsetDataset(ImageDataset base, int[] indices, int[] labelMap, List<String> classNames) {
    this.base = base;
    this.indices = indices.clone();
    this.labelMap = labelMap;
    this.classNames = List.copyOf(classNames);
    for (int i = 0; i < this.indices.length; i++) {
      int index = this.indices[i];
      if (index < 0 || index >= base.size()) {
        throw new IndexOutOfBoundsException(
            "subset entry "
                + i
                + " is image "
                + index
                + ", outside the base dataset of "
                + base.size()
                + " images");
      }
    }
  }

  /** The first {@code min(n, ds.size())} images of {@code ds}. */
  public static SubsetDataset firstN(ImageDataset ds, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    int[] indices = new int[Math.min(n, ds.size())];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = i;
    }
    return new SubsetDataset(ds, indices);
  }

  /**
   * The first {@code limit} images of {@code ds}, or {@code ds} itself when {@code limit} is 0
   * (the configuration's "no limit") or at least its size.
   */
  public static ImageDataset limit(ImageDataset ds, int limit) {
    return limit > 0 && limit < ds.size() ? firstN(ds, limit) : ds;
  }

  /**
   * The images of the classes {@code classes} (base labels, in the order that numbers them
   * {@code 0..n-1} in the subset), in base order.
   *
   * @throws IllegalArgumentException if a class is out of range or repeated
   */
  public static SubsetDataset ofClasses(ImageDataset ds, int[] classes) {
    int[] labelMap = new int[ds.numClasses()];
    Arrays.fill(labelMap, -1);
    List<String> names = new ArrayList<>();
    for (int c : classes) {
      if (c < 0 || c >= labelMap.length || labelMap[c] >= 0) {
        throw new IllegalArgumentException(
            "class " + c + " is out of range 0.." + (labelMap.length - 1) + " or repeated");
      }
      labelMap[c] = names.size();
      names.add(ds.classNames().get(c));
    }
    int[] kept =
        IntStream.range(0, ds.size())
            .filter(i -> ds.label(i) >= 0 && labelMap[ds.label(i)] >= 0)
            .toArray();
    return new SubsetDataset(ds, kept, labelMap, names);
  }

  /** {@code min(n, ds.size())} images of {@code ds} chosen from {@code seed}, in base order. */
  public static ImageDataset sample(ImageDataset ds, int n, long seed) {
    return n >= ds.size()
        ? ds
        : new SubsetDataset(ds, EpochOrder.choose(ds.size(), n, Seeds.mix(SAMPLE_STREAM, seed)));
  }

  /**
   * {@code n} of the {@code ds.numClasses()} classes chosen from {@code seed}, ascending: the
   * classes of an ImageNet-100 style run, the same for the train and test splits.
   *
   * @throws InvalidDataException if the data set has fewer than {@code n} classes
   */
  public static int[] randomClasses(ImageDataset ds, int n, long seed) {
    if (n > ds.numClasses()) {
      throw new InvalidDataException(
          "--subset-classes " + n + ": the data set has only " + ds.numClasses() + " classes");
    }
    return EpochOrder.choose(ds.numClasses(), n, Seeds.mix(CLASS_STREAM, seed));
  }

  /** The base-dataset index of subset image {@code index}. */
  public int baseIndex(int index) {
    return indices[index];
  }

  /** The dataset this is a view of. */
  public ImageDataset base() {
    return base;
  }

  @Override
  public int size() {
    return indices.length;
  }

  @Override
  public int channels() {
    return base.channels();
  }

  @Override
  public int height() {
    return base.height();
  }

  @Override
  public int width() {
    return base.width();
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public String name(int index) {
    return base.name(indices[index]);
  }

  @Override
  public int label(int index) {
    int label = base.label(indices[index]);
    return labelMap == null || label < 0 ? label : labelMap[label];
  }

  @Override
  public void readImage(int index, float[] dst) {
    base.readImage(indices[index], dst);
  }

  @Override
  public Pixels read(int index, Pixels into) {
    return base.read(indices[index], into);
  }

  @Override
  public boolean uniformSize() {
    return base.uniformSize();
  }
}
