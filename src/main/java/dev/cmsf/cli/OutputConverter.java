package dev.cmsf.cli;

import dev.cmsf.model.EncoderOutput;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --output backbone|projection}; anything else is a usage error. */
final class OutputConverter implements ITypeConverter<EncoderOutput> {
  @Override
  public EncoderOutput convert(String value) {
    try {
      return EncoderOutput.of(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("expected backbone or projection, got '" + value + "'");
    }
  }
}
