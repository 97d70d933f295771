package dev.cmsf.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cmsf.data.InvalidDataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors file: a round trip, the header's layout, and one-line errors. */
class SafetensorsTest {
  @TempDir Path dir;

  @Test
  void writeThenRead_returnsTheSameTensorsMetadataAndOrder() throws Exception {
    Path file = dir.resolve("t.safetensors");
    List<NamedTensor> tensors =
        List.of(
            NamedTensor.f32(
                "conv1.weight", new long[] {2, 1, 1, 3}, new float[] {1, -2, 3, 4, 5, 6.5f}),
            NamedTensor.i64Scalar("bn1.num_batches_tracked", 1234567890123L),
            NamedTensor.f32("bn1.bias", new long[] {1}, new float[] {-0.25f}));

    Safetensors.write(file, tensors, Map.of("arch", "resnet18"));
    Safetensors.Contents read = Safetensors.read(file);

    assertThat(read.metadata()).containsExactly(Map.entry("arch", "resnet18"));
    assertThat(read.tensors())
        .extracting(NamedTensor::name)
        .containsExactly("conv1.weight", "bn1.num_batches_tracked", "bn1.bias");
    assertThat(read.tensor("conv1.weight").shape()).containsExactly(2, 1, 1, 3);
    assertThat(read.tensor("conv1.weight").floats()).containsExactly(1, -2, 3, 4, 5, 6.5f);
    assertThat(read.tensor("bn1.num_batches_tracked").shape()).isEmpty();
    assertThat(read.tensor("bn1.num_batches_tracked").longs()).containsExactly(1234567890123L);
  }

  @Test
  void header_isPaddedToEightBytes_andOffsetsAreBackToBack() throws Exception {
    Path file = dir.resolve("t.safetensors");
    Safetensors.write(
        file,
        List.of(NamedTensor.f32("a", new long[] {3}, new float[3]), NamedTensor.i64Scalar("b", 7)),
        Map.of());

    byte[] bytes = Files.readAllBytes(file);
    long header = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(header % 8).isZero();
    assertThat(bytes.length).isEqualTo(8 + header + 12 + 8);
    String json = new String(Arrays.copyOfRange(bytes, 8, 8 + (int) header)).strip();
    assertThat(json)
        .contains("\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}")
        .contains("\"b\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[12,20]}");
  }

  @Test
  void read_truncatedFile_isOneLineNamingIt() throws Exception {
    Path file = dir.resolve("t.safetensors");
    Safetensors.write(file, List.of(NamedTensor.f32("a", new long[] {4}, new float[4])), Map.of());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));

    assertThatThrownBy(() -> Safetensors.read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("outside the file");
  }

  @Test
  void tensor_whoseBytesDoNotFitItsShape_isRefused() {
    assertThatThrownBy(() -> new NamedTensor("x", NamedTensor.F32, new long[] {2, 2}, new byte[12]))
        .hasMessage("x: 12 bytes for F32 [2, 2]");
  }
}
