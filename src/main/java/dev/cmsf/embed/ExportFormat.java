package dev.cmsf.embed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code cmsf export} writes. */
public enum ExportFormat {
  /** DJL's {@code Model.save} parameters and {@code encoder.json}: for Java, DJL, Spark. */
  DJL,
  /** One safetensors file with torchvision's names: for PyTorch ({@link TorchvisionExport}). */
  SAFETENSORS;

  /** The lower-case name used on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The accepted names, for messages: {@code djl, safetensors}. */
  public static String labels() {
    return Arrays.stream(values()).map(ExportFormat::label).collect(Collectors.joining(", "));
  }

  /**
   * The format named {@code label}.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static ExportFormat of(String label) {
    for (ExportFormat format : values()) {
      if (format.label().equals(label)) {
        return format;
      }
    }
    throw new IllegalArgumentException("expected one of " + labels() + ", got '" + label + "'");
  }
}
