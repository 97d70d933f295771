package dev.cmsf.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChannelStatsTest {

  /** Two 1x2 RGB-like images whose channel c holds fixed values, chosen per channel. */
  private static final class TwoImages extends ArrayDataset {
    TwoImages() {
      super(2, 3, 1, 2);
    }

    @Override
    public void readImage(int index, float[] dst) {
      // channel 0: all 0.5; channel 1: 0, 1, 0, 1; channel 2: 0.1, 0.2, 0.3, 0.4
      float[][] values = {{0.5f, 0.5f, 0.5f, 0.5f}, {0, 1, 0, 1}, {0.1f, 0.2f, 0.3f, 0.4f}};
      for (int c = 0; c < 3; c++) {
        dst[c * 2] = values[c][index * 2];
        dst[c * 2 + 1] = values[c][index * 2 + 1];
      }
    }
  }

  @Test
  void of_computesMeanAndPopulationStdPerChannel() {
    ChannelStats stats = ChannelStats.of(new TwoImages());

    assertThat(stats.channels()).isEqualTo(3);
    assertThat(stats.mean()).containsExactly(new float[] {0.5f, 0.5f, 0.25f}, within(1e-6f));
    float std2 = (float) Math.sqrt(0.0125);
    assertThat(stats.std()).containsExactly(new float[] {0f, 0.5f, std2}, within(1e-6f));
  }

  @Test
  void stats_areImmutable() {
    float[] mean = {0.1f};
    ChannelStats stats = new ChannelStats(mean, new float[] {0.2f});
    mean[0] = 9;
    stats.mean()[0] = 9;

    assertThat(stats.mean()).containsExactly(0.1f);
    assertThat(stats).isEqualTo(new ChannelStats(new float[] {0.1f}, new float[] {0.2f}));
  }

  @Test
  void emptyDatasetOrMismatchedLengths_areRejected() {
    assertThatThrownBy(() -> ChannelStats.of(new ArrayDataset(0, 1, 2, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChannelStats(new float[2], new float[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
