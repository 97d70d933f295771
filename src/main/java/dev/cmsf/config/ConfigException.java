package dev.cmsf.config;

/** A user mistake in a configuration file, a {@code --set} override or a CLI option. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message that says what to fix. */
  public ConfigException(String message) {
    super(message);
  }
}
