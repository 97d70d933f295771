package dev.cmsf.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Scoring a reference block and merging partial lists, on hand-made rows (no Spark session). */
class BlockNeighboursTest {
  @Test
  void mergingThePartialListsOfTwoReferenceBlocks_givesTheTopKOfAll_tiesToTheLowerPath() {
    EmbeddingBlock queries = block(0, row("q", 1, 0));
    EmbeddingBlock first = block(1, row("r/b", 1, 0), row("r/x", 0, 1), row("r/y", 1, 1));
    EmbeddingBlock second = block(2, row("r/a", 2, 0), row("r/z", -1, 0));

    BlockNeighbours merged =
        BlockNeighbours.score(queries, first, 3, false)
            .merge(BlockNeighbours.score(queries, second, 3, false));

    assertThat(merged.neighbours(0))
        .extracting(BlockNeighbours.Neighbour::path)
        .containsExactly("r/a", "r/b", "r/y"); // a and b both have similarity 1: a first
  }

  @Test
  void samePath_isLeftOutWhenAsked() {
    EmbeddingBlock both = block(0, row("p", 1, 0), row("s", 1, 0.1f), row("t", 0, 1));

    BlockNeighbours kept = BlockNeighbours.score(both, both, 1, false);
    BlockNeighbours excluded = BlockNeighbours.score(both, both, 1, true);

    assertThat(kept.neighbours(0).get(0).path()).isEqualTo("p");
    assertThat(excluded.neighbours(0).get(0).path()).isEqualTo("s");
  }

  @Test
  void folderLabel_isTheDirectSubFolder_orNull() {
    FolderLabel labels = new FolderLabel(List.of("file:/data/photos"));

    assertThat(labels.of("file:/data/photos/cat/1.png")).isEqualTo("cat");
    assertThat(labels.of("file:/data/photos/1.png")).isNull();
    assertThat(labels.of("file:/data/photos/cat/deep/1.png")).isNull();
    assertThat(labels.of("file:/elsewhere/cat/1.png")).isNull();
  }

  private static Row row(String path, float... embedding) {
    List<Float> values = new ArrayList<>();
    for (float v : embedding) {
      values.add(v);
    }
    return RowFactory.create(
        path, "l", scala.jdk.javaapi.CollectionConverters.asScala(values).toSeq());
  }

  private static EmbeddingBlock block(int partition, Row... rows) {
    Iterator<EmbeddingBlock> blocks =
        EmbeddingBlock.blocks(partition, List.of(rows).iterator(), 100);
    return blocks.next();
  }
}
