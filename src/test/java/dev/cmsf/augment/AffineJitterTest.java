package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AffineJitterTest {

  private static float[] ramp(int channels, int size) {
    float[] img = new float[channels * size * size];
    for (int i = 0; i < img.length; i++) {
      img[i] = (i % 97) / 97f;
    }
    return img;
  }

  @Test
  void identityWarp_leavesTheViewUnchanged() {
    float[] img = ramp(3, 8);
    float[] copy = img.clone();
    AffineJitter.apply(img, 0, 3, 8, new AffineJitter.Params(0, 0, 0, 1));
    assertThat(img).containsExactly(copy, within(1e-6f));
  }

  @Test
  void shiftByOnePixel_movesContentRightAndFillsWithZero() {
    int size = 4;
    float[] img = ramp(1, size);
    float[] before = img.clone();
    AffineJitter.apply(img, 0, 1, size, new AffineJitter.Params(0, 1.0 / size, 0, 1));
    for (int y = 0; y < size; y++) {
      assertThat(img[y * size]).isZero();
      for (int x = 1; x < size; x++) {
        assertThat(img[y * size + x]).isCloseTo(before[y * size + x - 1], within(1e-6f));
      }
    }
  }

  @Test
  void quarterTurn_isAnExactRotationOfTheGrid() {
    int size = 5;
    float[] img = ramp(1, size);
    float[] before = img.clone();
    AffineJitter.apply(img, 0, 1, size, new AffineJitter.Params(90, 0, 0, 1));
    // inverse map of a 90-degree turn: output (x, y) reads source (x', y') = (-(y - c), x - c) + c
    int c = size / 2;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int sx = -(y - c) + c;
        int sy = (x - c) + c;
        assertThat(img[y * size + x]).isCloseTo(before[sy * size + sx], within(1e-5f));
      }
    }
  }

  @Test
  void zoomIn_readsTheCentreAndOffsetsLeaveOtherImagesAlone() {
    int size = 4;
    float[] data = new float[2 + size * size];
    data[0] = 7;
    data[1] = 9;
    for (int i = 0; i < size * size; i++) {
      data[2 + i] = 1;
    }
    AffineJitter.apply(data, 2, 1, size, new AffineJitter.Params(0, 0, 0, 2));
    assertThat(data[0]).isEqualTo(7);
    assertThat(data[1]).isEqualTo(9);
    for (int i = 0; i < size * size; i++) {
      assertThat(data[2 + i]).isCloseTo(1f, within(1e-6f)); // the zoom reads only inside
    }
  }

  @Test
  void sample_drawsFourNumbersWithinTheRanges() {
    AffineJitter jitter = new AffineJitter(10, 0.1, 0.8, 1.1);
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) {
      AffineJitter.Params p = jitter.sample(rng);
      assertThat(p.degrees()).isBetween(-10.0, 10.0);
      assertThat(p.shiftX()).isBetween(-0.1, 0.1);
      assertThat(p.shiftY()).isBetween(-0.1, 0.1);
      assertThat(p.scale()).isBetween(0.8, 1.1);
    }
    SplittableRandom a = new SplittableRandom(5);
    SplittableRandom b = new SplittableRandom(5);
    new AffineJitter(0, 0, 1, 1).sample(a);
    for (int i = 0; i < 4; i++) {
      b.nextDouble();
    }
    assertThat(a.nextLong()).isEqualTo(b.nextLong());
  }

  @Test
  void badRanges_areRefused() {
    assertThatThrownBy(() -> new AffineJitter(181, 0, 1, 1)).hasMessageContaining("rotation");
    assertThatThrownBy(() -> new AffineJitter(0, 1, 1, 1)).hasMessageContaining("translation");
    assertThatThrownBy(() -> new AffineJitter(0, 0, 1.2, 0.8)).hasMessageContaining("scale");
  }
}
