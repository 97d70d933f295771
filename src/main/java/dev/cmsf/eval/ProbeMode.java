package dev.cmsf.eval;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where the linear probe's training features come from (METHOD.md section 4). */
public enum ProbeMode {
  /** Features of the un-augmented images, extracted once (the allowed fast mode). */
  CACHED("cached"),
  /** Features of fresh weak views (crop + flip) every epoch (the reference protocol). */
  AUGMENTED("augmented");

  private final String label;

  ProbeMode(String label) {
    this.label = label;
  }

  /** The name written to reports and printed. */
  @JsonValue
  public String label() {
    return label;
  }
}
