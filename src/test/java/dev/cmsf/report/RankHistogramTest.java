package dev.cmsf.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RankHistogramTest {

  @Test
  void of_countsOneBasedRanksInDoublingBuckets() {
    // 0-based ranks 0 -> 1; 1, 2 -> 2-3; 3 -> 4-7; 8 -> 8-15
    RankHistogram h = RankHistogram.of(new int[] {0, 1, 2, 3, 8, 0});

    assertThat(h.from()).containsExactly(1, 2, 4, 8);
    assertThat(h.counts()).containsExactly(2L, 2L, 1L, 1L);
    assertThat(h.label(0)).isEqualTo("1");
    assertThat(h.label(3)).isEqualTo("8-15");
    assertThat(h.total()).isEqualTo(6);
  }

  @Test
  void plus_addsBucketsOfDifferentWidths_andIgnoresNull() {
    RankHistogram a = RankHistogram.of(new int[] {0});
    RankHistogram b = RankHistogram.of(new int[] {0, 5});

    assertThat(RankHistogram.plus(a, b).counts()).containsExactly(2L, 0L, 1L);
    assertThat(RankHistogram.plus(null, b)).isEqualTo(b);
    assertThat(RankHistogram.plus(a, null)).isEqualTo(a);
  }
}
