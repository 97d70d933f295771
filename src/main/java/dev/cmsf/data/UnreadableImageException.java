package dev.cmsf.data;

import java.io.IOException;

/** An image file no installed decoder reads completely: corrupt, truncated or not an image. */
public final class UnreadableImageException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the decoder's reason. */
  public UnreadableImageException(String reason) {
    super(reason);
  }
}
