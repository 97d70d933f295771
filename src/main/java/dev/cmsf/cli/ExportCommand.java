package dev.cmsf.cli;

import dev.cmsf.embed.EncoderExport;
import dev.cmsf.embed.ExportFormat;
import dev.cmsf.embed.TorchvisionExport;
import dev.cmsf.model.EncoderDescription;
import dev.cmsf.model.EncoderOutput;
import dev.cmsf.train.RestoredEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cmsf export}: a run's encoder as a standalone DJL model, or safetensors for PyTorch. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export a run's trained encoder (newest checkpoint) as a DJL model: encoder-0000.params"
            + " (Model.save) and encoder.json (architecture and preprocessing), loadable with"
            + " DJL's Criteria without cmsf's training classes; or, with --format safetensors,"
            + " as encoder.safetensors with torchvision's parameter names, for PyTorch.")
final class ExportCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "DIR", description = "run directory")
  Path run;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "export folder")
  Path out;

  @Option(
      names = "--output",
      paramLabel = "backbone|projection",
      defaultValue = "backbone",
      converter = OutputConverter.class,
      description = "end the model at the backbone or the projection (default: ${DEFAULT-VALUE})")
  EncoderOutput output;

  @Option(
      names = "--format",
      paramLabel = "djl|safetensors",
      defaultValue = "djl",
      converter = FormatConverter.class,
      description =
          "djl (Model.save + encoder.json) or safetensors (torchvision names, for PyTorch;"
              + " tools/torchvision_encoder.py loads it) (default: ${DEFAULT-VALUE})")
  ExportFormat format;

  /** Parses {@code --format}; anything else is a usage error naming the accepted values. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ExportFormat> {
    @Override
    public ExportFormat convert(String value) {
      try {
        return ExportFormat.of(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws IOException {
    EncoderDescription d;
    try (RestoredEncoder opened = RestoredEncoder.open(run)) {
      d = EncoderExport.write(opened, output, format, out);
    }
    Path written =
        format == ExportFormat.SAFETENSORS ? out.resolve(TorchvisionExport.FILE_NAME) : out;
    System.out.printf(
        "exported %s's encoder (%s output, %d values; input %d x %d x %d) to %s%n",
        run, d.output(), d.outputSize(), d.channels(), d.imageSize(), d.imageSize(), written);
    return 0;
  }
}
