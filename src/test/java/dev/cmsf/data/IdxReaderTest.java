package dev.cmsf.data;

import static dev.cmsf.data.IdxFiles.idx;
import static dev.cmsf.data.IdxFiles.pixels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  @TempDir Path dir;

  @Test
  void plainImageFile_roundTripsDimsAndBytes() {
    byte[] data = pixels(3, 4, 5);
    Path file = IdxFiles.write(dir.resolve("images-idx3-ubyte"), new int[] {3, 4, 5}, data);

    IdxArray read = IdxReader.readImages(file);

    assertThat(read.dims()).containsExactly(3, 4, 5);
    assertThat(read.data()).isEqualTo(data);
  }

  @Test
  void gzipImageFile_roundTripsDimsAndBytes() {
    byte[] data = pixels(3, 4, 5);
    Path file = IdxFiles.write(dir.resolve("images-idx3-ubyte.gz"), new int[] {3, 4, 5}, data);

    IdxArray read = IdxReader.readImages(file);

    assertThat(read.dims()).containsExactly(3, 4, 5);
    assertThat(read.data()).isEqualTo(data);
  }

  @Test
  void gzipIsDetectedByMagicNotByFileName() {
    byte[] labels = {1, 2, 3};
    Path file = IdxFiles.write(dir.resolve("labels"), IdxFiles.gzip(idx(new int[] {3}, labels)));

    assertThat(IdxReader.readLabels(file).data()).containsExactly(1, 2, 3);
  }

  @Test
  void truncatedImageFile_isRejectedWithSizesInMessage() {
    byte[] whole = idx(new int[] {10, 4, 4}, pixels(10, 4, 4));
    Path file = IdxFiles.write(dir.resolve("imgs"), Arrays.copyOf(whole, 16 + 100));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("truncated: header declares 10x4x4 = 160 bytes, file holds 100");
  }

  @Test
  void truncatedGzipPayload_isRejectedWithSizesInMessage() {
    byte[] whole = idx(new int[] {10, 4, 4}, pixels(10, 4, 4));
    Path file =
        IdxFiles.write(
            dir.resolve("imgs.gz"), IdxFiles.gzip(Arrays.copyOf(whole, whole.length - 1)));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("declares 10x4x4 = 160 bytes, file holds 159");
  }

  @Test
  void truncatedHeader_isRejected() {
    byte[] whole = idx(new int[] {10, 4, 4}, new byte[160]);
    Path file = IdxFiles.write(dir.resolve("imgs"), Arrays.copyOf(whole, 9));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("truncated: header declares 3 dimensions (12 bytes), file holds 5");
  }

  @Test
  void emptyFile_isRejected() {
    Path file = IdxFiles.write(dir.resolve("empty"), new byte[0]);

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("expected a 4-byte IDX magic number, file holds 0 bytes");
  }

  @Test
  void trailingBytes_areRejected() {
    byte[] whole = idx(new int[] {4}, new byte[] {0, 1, 2, 3});
    Path file =
        IdxFiles.write(
            dir.resolve("labels.gz"), IdxFiles.gzip(Arrays.copyOf(whole, whole.length + 3)));

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("3 trailing bytes: header declares 4 = 4 bytes, file holds 7");
  }

  @Test
  void labelFileReadAsImages_isRejectedWithExpectedAndFoundMagic() {
    Path file = IdxFiles.write(dir.resolve("labels"), new int[] {2}, new byte[] {0, 1});

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("bad magic number: expected 0x00000803")
        .hasMessageContaining("found 0x00000801");
  }

  @Test
  void nonByteElementType_isRejected() {
    byte[] bytes = idx(new int[] {2}, new byte[] {0, 1});
    bytes[2] = 0x0D;
    Path file = IdxFiles.write(dir.resolve("floats"), bytes);

    assertThatThrownBy(() -> IdxReader.readLabels(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("expected 0x00000801 (unsigned bytes, 1-D), found 0x00000D01");
  }

  @Test
  void textFile_isRejectedAsBadMagic() {
    Path file = IdxFiles.write(dir.resolve("index.html"), "<html>".getBytes());

    assertThatThrownBy(() -> IdxReader.read(file, 0))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("bad magic number: expected 0x000008NN");
  }

  @Test
  void zeroDimension_isRejected() {
    Path file = IdxFiles.write(dir.resolve("imgs"), new int[] {0, 4, 4}, new byte[0]);

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("dimension 0 is 0, expected a positive size");
  }

  @Test
  void hugeDeclaredSize_isRejectedBeforeAllocating() {
    Path file = IdxFiles.write(dir.resolve("imgs"), new int[] {60000, 60000, 60000}, new byte[0]);

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("60000x60000x60000 bytes exceed the largest supported array");
  }

  @Test
  void corruptGzip_isRejected() {
    byte[] gz = IdxFiles.gzip(idx(new int[] {10, 4, 4}, pixels(10, 4, 4)));
    for (int i = 12; i < gz.length - 8; i++) {
      gz[i] ^= (byte) 0x5A;
    }
    Path file = IdxFiles.write(dir.resolve("imgs.gz"), gz);

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("corrupt gzip data");
  }

  @Test
  void cutOffGzipStream_isRejectedAsCorruptGzip() {
    byte[] gz = IdxFiles.gzip(idx(new int[] {10, 4, 4}, pixels(10, 4, 4)));
    Path file = IdxFiles.write(dir.resolve("imgs.gz"), Arrays.copyOf(gz, gz.length / 2));

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("corrupt gzip data");
  }

  @Test
  void gzipWithWrongChecksum_isRejectedAsCorruptGzip() {
    byte[] gz = IdxFiles.gzip(idx(new int[] {10, 4, 4}, pixels(10, 4, 4)));
    gz[gz.length - 8] ^= 1;
    Path file = IdxFiles.write(dir.resolve("imgs.gz"), gz);

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("corrupt gzip data");
  }

  @Test
  void missingFile_isRejectedNamingIt() {
    Path file = dir.resolve("nope-idx3-ubyte.gz");

    assertThatThrownBy(() -> IdxReader.readImages(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(file + ": no such file");
  }

  @Test
  void directory_isRejected() {
    assertThatThrownBy(() -> IdxReader.readImages(dir))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("is a directory");
  }
}
