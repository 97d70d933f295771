package dev.cmsf.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cmsf.data.InvalidDataException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy files NumPy reads: header bytes, alignment, little-endian floats, bad files. */
class NpyTest {
  @TempDir Path dir;

  @Test
  void write_producesNumpysVersion1HeaderAlignedTo64_thenLittleEndianFloat32Rows()
      throws Exception {
    Path file = dir.resolve("m.npy");
    Npy.write(file, new float[] {1f, -2.5f, 3f, 0.125f, 5f, 6f}, 3, 2);

    byte[] bytes = Files.readAllBytes(file);
    assertThat(Arrays.copyOf(bytes, 8)).containsExactly((byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0);
    int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    assertThat(header)
        .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }")
        .endsWith("\n");
    assertThat((10 + headerLength) % 64).isZero();
    ByteBuffer data =
        ByteBuffer.wrap(bytes, 10 + headerLength, 24).slice().order(ByteOrder.LITTLE_ENDIAN);
    assertThat(data.getFloat(4)).isEqualTo(-2.5f);
    assertThat(bytes).hasSize(10 + headerLength + 6 * 4);
  }

  @Test
  void read_returnsWhatWasWritten() throws Exception {
    Path file = dir.resolve("m.npy");
    float[] values = new float[3 * 1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) Math.sin(i);
    }
    Npy.write(file, values, 1000, 3);

    Npy.Header header = Npy.readHeader(file);
    assertThat(header.rows()).isEqualTo(1000);
    assertThat(header.cols()).isEqualTo(3);
    assertThat(Npy.read(file, header)).containsExactly(values);
    assertThat(Npy.readRow(file, header, 999))
        .containsExactly(Arrays.copyOfRange(values, 2997, 3000));
  }

  @Test
  void read_refusesOtherLayoutsAndTruncatedFiles_namingTheFile() throws Exception {
    Path doubles = dir.resolve("d.npy");
    Npy.write(doubles, new float[4], 2, 2);
    byte[] bytes = Files.readAllBytes(doubles);
    Files.write(
        doubles,
        new String(bytes, StandardCharsets.ISO_8859_1)
            .replace("<f4", "<f8")
            .getBytes(StandardCharsets.ISO_8859_1));
    Path truncated = dir.resolve("t.npy");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 1));
    Path text = dir.resolve("x.npy");
    Files.writeString(text, "index,path\n");

    assertThatThrownBy(() -> Npy.readHeader(doubles))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(doubles + ": expected float32 little-endian data (descr '<f4'), found '<f8'");
    assertThatThrownBy(() -> Npy.readHeader(truncated))
        .hasMessageStartingWith(truncated + ": truncated");
    assertThatThrownBy(() -> Npy.readHeader(text))
        .hasMessage(text + ": not a NumPy .npy file (bad magic string)");
  }
}
