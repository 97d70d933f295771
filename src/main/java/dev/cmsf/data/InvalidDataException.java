package dev.cmsf.data;

/**
 * A data file is missing, malformed or inconsistent with its companion files.
 *
 * <p>Unchecked because callers cannot recover beyond reporting it; the message is one line that
 * names the file and says what was expected and what was found.
 */
public class InvalidDataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public InvalidDataException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line message and the low-level cause. */
  public InvalidDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
