package dev.cmsf.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cmsf.data.InvalidDataException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors file format (Hugging Face's, read by PyTorch programs without pickle): an 8-byte
 * little-endian header length N, N bytes of JSON ({@code "__metadata__"}: string to string, then
 * per tensor {@code dtype}, {@code shape} and {@code data_offsets} [begin, end) relative to the end
 * of the header), then the tensors' bytes back to back. The header is padded with spaces to a
 * multiple of 8 bytes so that every tensor starts aligned, as the reference writer does.
 */
public final class Safetensors {
  /** The header key of the string-to-string metadata. */
  public static final String METADATA = "__metadata__";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ALIGNMENT = 8;

  private Safetensors() {}

  /** What a file holds: its metadata and its tensors in file order. */
  public record Contents(Map<String, String> metadata, List<NamedTensor> tensors) {
    /** The tensor named {@code name}, or null. */
    public NamedTensor tensor(String name) {
      return tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
  }

  /**
   * Writes {@code tensors} in order with {@code metadata} to {@code file}, through a temporary file
   * renamed into place, so an interrupted export never leaves a torn file under the name.
   */
  public static void write(Path file, List<NamedTensor> tensors, Map<String, String> metadata)
      throws IOException {
    byte[] header = header(tensors, metadata);
    Path parent = file.toAbsolutePath().getParent();
    Path tmp = parent.resolve(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      out.write(
          ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
      out.write(header);
      for (NamedTensor tensor : tensors) {
        out.write(tensor.data());
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static byte[] header(List<NamedTensor> tensors, Map<String, String> metadata)
      throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode meta = root.putObject(METADATA);
    metadata.forEach(meta::put);
    long offset = 0;
    for (NamedTensor tensor : tensors) {
      if (root.has(tensor.name())) {
        throw new IllegalArgumentException("tensor name " + tensor.name() + " given twice");
      }
      ObjectNode entry = root.putObject(tensor.name());
      entry.put("dtype", tensor.dtype());
      ArrayNode shape = entry.putArray("shape");
      for (long d : tensor.shape()) {
        shape.add(d);
      }
      entry.putArray("data_offsets").add(offset).add(offset + tensor.data().length);
      offset += tensor.data().length;
    }
    String json = JSON.writeValueAsString(root);
    int padded =
        (json.getBytes(StandardCharsets.UTF_8).length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    StringBuilder text = new StringBuilder(json);
    while (text.toString().getBytes(StandardCharsets.UTF_8).length < padded) {
      text.append(' ');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a safetensors file of {@code F32} and {@code I64} tensors.
   *
   * @throws InvalidDataException when the file is missing, truncated, or its header is not valid
   */
  public static Contents read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidDataException(file + ": safetensors file not found");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 8) {
      throw new InvalidDataException(
          file + ": " + bytes.length + " bytes, too short for safetensors");
    }
    long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || headerLength > bytes.length - 8) {
      throw new InvalidDataException(
          file + ": header of " + headerLength + " bytes in a file of " + bytes.length);
    }
    int dataStart = 8 + (int) headerLength;
    JsonNode root;
    try {
      root = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new InvalidDataException(file + ": safetensors header is not JSON");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<NamedTensor> tensors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals(METADATA)) {
        field
            .getValue()
            .fields()
            .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
      } else {
        tensors.add(tensor(file, field.getKey(), field.getValue(), bytes, dataStart));
      }
    }
    return new Contents(metadata, tensors);
  }

  private static NamedTensor tensor(
      Path file, String name, JsonNode entry, byte[] bytes, int start) {
    JsonNode offsets = entry.path("data_offsets");
    long begin = offsets.path(0).asLong(-1);
    long end = offsets.path(1).asLong(-1);
    if (begin < 0 || end < begin || start + end > bytes.length) {
      throw new InvalidDataException(
          file + ": tensor " + name + " has data_offsets " + offsets + " outside the file");
    }
    long[] shape = new long[entry.path("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = entry.path("shape").path(i).asLong();
    }
    byte[] data = java.util.Arrays.copyOfRange(bytes, start + (int) begin, start + (int) end);
    try {
      return new NamedTensor(name, entry.path("dtype").asText(), shape, data);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(file + ": " + e.getMessage());
    }
  }
}
