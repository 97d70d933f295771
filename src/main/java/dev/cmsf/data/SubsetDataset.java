package dev.cmsf.data;

import java.util.List;

/**
 * A view of another dataset restricted to chosen images: index {@code i} of the subset is image
 * {@code indices[i]} of the base, with its label. Nothing is copied but the index list.
 */
public final class SubsetDataset implements ImageDataset {

  private final ImageDataset base;
  private final int[] indices;

  /**
   * Restricts {@code base} to {@code indices} (copied; repeats allowed).
   *
   * @throws IndexOutOfBoundsException if an index is outside the base dataset
   */
  public SubsetDataset(ImageDataset base, int[] indices) {
    this.base = base;
    this.indices = indices.clone();
    for (int i = 0; i < this.indices.length; i++) {
      int index = this.indices[i];
      if (index < 0 || index >= base.size()) {
        throw new IndexOutOfBoundsException("subset entry " + i + " is image " + index
            + ", outside the base dataset of " + base.size() + " images");
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
    return base.classNames();
  }

  @Override
  public String name(int index) {
    return base.name(indices[index]);
  }

  @Override
  public int label(int index) {
    return base.label(indices[index]);
  }

  @Override
  public void readImage(int index, float[] dst) {
    base.readImage(indices[index], dst);
  }
}
