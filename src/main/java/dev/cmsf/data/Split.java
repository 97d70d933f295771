package dev.cmsf.data;

/** Which part of a data set with a fixed train/test partition to load. */
public enum Split {
  /** The training images. */
  TRAIN("train"),
  /** The held-out test images. */
  TEST("t10k");

  private final String idxPrefix;

  Split(String idxPrefix) {
    this.idxPrefix = idxPrefix;
  }

  /** File-name prefix of this split in the MNIST family's IDX naming ("train" or "t10k"). */
  public String idxPrefix() {
    return idxPrefix;
  }
}
