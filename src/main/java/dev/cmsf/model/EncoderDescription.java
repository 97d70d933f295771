package dev.cmsf.model;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Everything needed to rebuild an exported encoder with plain DJL: the architecture (to build the
 * {@link Block} whose parameters {@code Model.save} wrote) and the preprocessing its inputs need.
 * Written as {@value #FILE_NAME} beside {@code <modelName>-0000.params}.
 *
 * <p>Preprocessing: decode to {@code channels} channels (1: 8-bit grayscale), bring the image to
 * {@code imageSize x imageSize} (shorter side resized to {@code resize}, centre crop), scale to [0,
 * 1], subtract {@code mean} and divide by {@code std} per channel; the input is (B, channels,
 * imageSize, imageSize) and the output (B, outputSize), unnormalised.
 *
 * @param format always {@value #FORMAT}
 * @param modelName prefix of the parameter file, the name to pass to {@code optModelName}
 * @param depth ResNet depth: 18, 34 or 50
 * @param stem {@code cifar} or {@code imagenet}
 * @param width channel width multiplier of the backbone
 * @param channels input channels (1 or 3)
 * @param hidden hidden width of the projection MLP
 * @param projection output width of the projection MLP
 * @param output {@code backbone} (the block is the backbone) or {@code projection} (backbone then
 *     projection MLP)
 * @param outputSize values per embedding
 * @param imageSize input height and width
 * @param mean per-channel mean of the normalisation (of pixels in [0, 1])
 * @param std per-channel standard deviation of the normalisation
 * @param resize length the shorter side is resized to before the centre crop to {@code imageSize}
 */
public record EncoderDescription(
    String format,
    String modelName,
    int depth,
    String stem,
    double width,
    int channels,
    int hidden,
    int projection,
    String output,
    int outputSize,
    int imageSize,
    float[] mean,
    float[] std,
    int resize) {

  /** Name of the description file in an export directory. */
  public static final String FILE_NAME = "encoder.json";

  /** The format tag of this version of the description. */
  public static final String FORMAT = "cmsf-encoder/1";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * Describes an encoder of architecture {@code spec} and heads {@code heads}.
   *
   * @param output which output the exported block ends with
   * @param resize length of the shorter side before the centre crop
   * @param imageSize side of the square input
   */
  public static EncoderDescription of(
      String modelName,
      ResNetSpec spec,
      HeadSpec heads,
      EncoderOutput output,
      int resize,
      int imageSize,
      float[] mean,
      float[] std) {
    int outputSize =
        output == EncoderOutput.BACKBONE ? ResNets.featureSize(spec) : heads.projection();
    return new EncoderDescription(
        FORMAT,
        modelName,
        spec.depth(),
        spec.stem().name().toLowerCase(Locale.ROOT),
        spec.width(),
        spec.inputChannels(),
        heads.hidden(),
        heads.projection(),
        output.label(),
        outputSize,
        imageSize,
        mean.clone(),
        std.clone(),
        resize);
  }

  /** The backbone architecture. */
  public ResNetSpec spec() {
    return new ResNetSpec(depth, Stem.valueOf(stem.toUpperCase(Locale.ROOT)), width, channels);
  }

  /** Which output the block ends with. */
  public EncoderOutput encoderOutput() {
    return EncoderOutput.of(output);
  }

  /**
   * A new, uninitialised block of this architecture, the one whose parameters the export saved: the
   * ResNet backbone, or for {@code projection} the backbone and the projection MLP.
   */
  public Block block() {
    ResNetSpec spec = spec();
    return encoderOutput() == EncoderOutput.BACKBONE
        ? ResNets.backbone(spec)
        : Encoders.online(spec, new HeadSpec(hidden, projection));
  }

  /**
   * Every field as text, keyed by its JSON name ({@code depth}, {@code image_size}, ...; arrays as
   * JSON lists): the string-to-string metadata of a safetensors export.
   */
  public java.util.Map<String, String> properties() {
    java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
    JSON.valueToTree(this)
        .fields()
        .forEachRemaining(
            f ->
                properties.put(
                    f.getKey(),
                    f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
    return properties;
  }

  /** Writes this description as {@value #FILE_NAME} into {@code dir}. */
  public void write(Path dir) throws IOException {
    JSON.writeValue(dir.resolve(FILE_NAME).toFile(), this);
  }

  /**
   * Reads the description of the export in {@code dir}.
   *
   * @throws IOException when the file is missing, unreadable or of another format
   */
  public static EncoderDescription read(Path dir) throws IOException {
    EncoderDescription d =
        JSON.readValue(dir.resolve(FILE_NAME).toFile(), EncoderDescription.class);
    if (!FORMAT.equals(d.format())) {
      throw new IOException(
          dir.resolve(FILE_NAME) + ": format '" + d.format() + "', expected '" + FORMAT + "'");
    }
    return d;
  }
}
