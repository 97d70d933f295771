package dev.cmsf.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk feature cache: reused for the same checkpoint, ignored for any other. */
class FeatureCacheTest {
  @TempDir Path dir;

  private final FeatureCache.Entry entry =
      new FeatureCache.Entry(3, 2, new float[] {1, 2, 3, 4, 5, -6.5f}, new int[] {2, 0, 1});

  private Path checkpoint(String content) throws Exception {
    Path file = dir.resolve("checkpoints/epoch-0002.ckpt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  @Test
  void unchangedCheckpoint_readsBackWhatWasWritten() throws Exception {
    Path ckpt = checkpoint("weights v1");
    new FeatureCache(dir.resolve("features"), FeatureCache.Stamp.of(ckpt)).write("train", entry);

    FeatureCache.Entry read =
        new FeatureCache(dir.resolve("features"), FeatureCache.Stamp.of(ckpt))
            .read("train")
            .orElseThrow();

    assertThat(read.rows()).isEqualTo(3);
    assertThat(read.dims()).isEqualTo(2);
    assertThat(read.values()).containsExactly(entry.values());
    assertThat(read.labels()).containsExactly(2, 0, 1);
    assertThat(dir.resolve("features/train.bin")).exists();
    assertThat(dir.resolve("features/train.bin.tmp")).doesNotExist();
  }

  @Test
  void changedCheckpoint_invalidatesTheCacheEvenWithTheSameNameAndSize() throws Exception {
    Path ckpt = checkpoint("weights v1");
    new FeatureCache(dir.resolve("features"), FeatureCache.Stamp.of(ckpt)).write("train", entry);

    checkpoint("weights v2"); // same name, same size, other bytes
    FeatureCache changed = new FeatureCache(dir.resolve("features"), FeatureCache.Stamp.of(ckpt));

    assertThat(changed.read("train")).isEmpty();
    changed.write("train", entry); // rebuilt for the new checkpoint
    assertThat(changed.read("train")).isPresent();
  }

  @Test
  void missingSplitOrDamagedFile_isAMissRatherThanAnError() throws Exception {
    Path ckpt = checkpoint("weights v1");
    FeatureCache cache = new FeatureCache(dir.resolve("features"), FeatureCache.Stamp.of(ckpt));
    assertThat(cache.read("test")).isEmpty();

    cache.write("test", entry);
    Path file = cache.file("test");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 4)); // truncated

    assertThat(cache.read("test")).isEmpty();
  }
}
