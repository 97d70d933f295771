package dev.cmsf.data;

/** A {@link BatchLoader} worker failed; the cause is the worker's exception. */
public class BatchLoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message and the worker's failure. */
  public BatchLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
