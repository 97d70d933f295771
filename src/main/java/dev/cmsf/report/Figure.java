package dev.cmsf.report;

/**
 * One plot of a report: written to {@code fileName}, or skipped for a reason the report shows
 * in its place.
 *
 * @param title what the plot shows
 * @param fileName file name of the PNG, relative to the report that links it
 * @param skipped why the plot was not drawn, or null when it was written
 */
public record Figure(String title, String fileName, String skipped) {

  /** A plot that was written. */
  static Figure written(String title, String fileName) {
    return new Figure(title, fileName, null);
  }

  /** A plot that was not drawn, and why. */
  static Figure skipped(String title, String fileName, String reason) {
    return new Figure(title, fileName, reason);
  }

  /** Whether the PNG exists. */
  public boolean isWritten() {
    return skipped == null;
  }
}
