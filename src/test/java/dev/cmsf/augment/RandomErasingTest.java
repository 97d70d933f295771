package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RandomErasingTest {

  /** Hands out the given doubles and ints in order and records the bounds of nextInt. */
  private static final class Scripted implements RandomGenerator {
    final ArrayDeque<Double> doubles = new ArrayDeque<>();
    final ArrayDeque<Integer> ints = new ArrayDeque<>();
    final List<Integer> bounds = new ArrayList<>();

    Scripted(List<Double> doubles, List<Integer> ints) {
      this.doubles.addAll(doubles);
      this.ints.addAll(ints);
    }

    @Override
    public double nextDouble() {
      return doubles.removeFirst();
    }

    @Override
    public int nextInt(int bound) {
      bounds.add(bound);
      return ints.removeFirst();
    }

    @Override
    public long nextLong() {
      throw new AssertionError("unexpected draw");
    }
  }

  private static float[] ramp(int channels, int height, int width) {
    float[] img = new float[channels * height * width];
    for (int i = 0; i < img.length; i++) {
      img[i] = 0.25f + (i % 89) / 89f; // never 0
    }
    return img;
  }

  @Test
  void sample_followsTorchvisionArithmetic() {
    // area fraction U(0.1, 0.5) at 0.5 = 0.3 of 100 px; log ratio U(log 0.5, log 2) at 0.5 = 0:
    // h = w = round(sqrt(30)) = 5; top ~ nextInt(10 - 5 + 1), left ~ nextInt(6)
    Scripted rng = new Scripted(List.of(0.5, 0.5), List.of(2, 3));
    RandomErasing.Box box = new RandomErasing(0.1, 0.5, 0.5, 2).sample(10, 10, rng);
    assertThat(box).isEqualTo(new RandomErasing.Box(2, 3, 5, 5));
    assertThat(rng.bounds).containsExactly(6, 6);
    assertThat(rng.doubles).isEmpty();
  }

  @Test
  void sample_heightIsSqrtOfAreaTimesRatio_roundedHalfToEvenLikePython() {
    // ratio 4 on 16 px: h = sqrt(64) = 8 rows, w = sqrt(4) = 2 columns
    Scripted tall = new Scripted(List.of(0.0, 0.0), List.of(0, 0));
    assertThat(new RandomErasing(0.16, 0.16, 4, 4).sample(10, 10, tall))
        .isEqualTo(new RandomErasing.Box(0, 0, 8, 2));
    // sqrt(6.25) = 2.5 rounds to 2 (Python's round), not 3 (Math.round)
    Scripted half = new Scripted(List.of(0.0, 0.0), List.of(0, 0));
    assertThat(new RandomErasing(0.0625, 0.0625, 1, 1).sample(10, 10, half))
        .isEqualTo(new RandomErasing.Box(0, 0, 2, 2));
  }

  @Test
  void sample_withNoFittingAttempt_erasesNothingAfterTenAttemptsOfTwoDraws() {
    // the whole view (h = w = 10) never fits: torchvision wants h < height and w < width
    SplittableRandom rng = new SplittableRandom(3);
    SplittableRandom replay = new SplittableRandom(3);
    assertThat(new RandomErasing(1, 1, 1, 1).sample(10, 10, rng)).isNull();
    for (int i = 0; i < 2 * RandomErasing.ATTEMPTS; i++) {
      replay.nextDouble();
    }
    assertThat(rng.nextLong()).isEqualTo(replay.nextLong());
  }

  @Test
  void sampledBoxes_lieInsideTheViewWithAreaAndRatioInRange() {
    RandomErasing erasing = new RandomErasing(0.02, 0.33, 0.3, 3.3);
    SplittableRandom rng = new SplittableRandom(7);
    int size = 32;
    int found = 0;
    for (int i = 0; i < 2000; i++) {
      RandomErasing.Box b = erasing.sample(size, size, rng);
      if (b == null) {
        continue;
      }
      found++;
      assertThat(b.top()).isBetween(0, size - b.height());
      assertThat(b.left()).isBetween(0, size - b.width());
      assertThat(b.height()).isBetween(1, size - 1);
      assertThat(b.width()).isBetween(1, size - 1);
      // h and w are each rounded by at most half a pixel
      double slack = 0.5 * (b.height() + b.width() + 1) + 0.25;
      assertThat((double) b.height() * b.width())
          .isBetween(0.02 * size * size - slack, 0.33 * size * size + slack);
    }
    assertThat(found).isGreaterThan(1990);
  }

  @Test
  void apply_zeroesTheRectangleInEveryChannelAndNothingElse() {
    int channels = 3;
    int h = 6;
    int w = 7;
    int offset = 5;
    float[] img = new float[offset + channels * h * w + 4];
    float[] view = ramp(channels, h, w);
    System.arraycopy(view, 0, img, offset, view.length);
    Arrays.fill(img, 0, offset, 9f);
    Arrays.fill(img, offset + view.length, img.length, 9f);
    float[] before = img.clone();
    RandomErasing.Box box = new RandomErasing.Box(1, 2, 3, 4);

    RandomErasing.apply(img, offset, channels, h, w, box);

    for (int i = 0; i < img.length; i++) {
      int local = i - offset;
      int p = Math.floorMod(local, h * w);
      int y = p / w;
      int x = p % w;
      boolean inside = local >= 0 && local < channels * h * w && y >= 1 && y < 4 && x >= 2 && x < 6;
      assertThat(img[i]).as("index %d", i).isEqualTo(inside ? 0f : before[i]);
    }
  }

  @Test
  void apply_refusesABoxOutsideTheView() {
    assertThatThrownBy(
            () -> RandomErasing.apply(new float[16], 0, 1, 4, 4, new RandomErasing.Box(2, 0, 3, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit in a 4x4 view");
  }

  @Test
  void rejectsRangesOutsideTorchvisionsDomain() {
    assertThatThrownBy(() -> new RandomErasing(0, 0.3, 0.3, 3.3))
        .hasMessageContaining("erase scale");
    assertThatThrownBy(() -> new RandomErasing(0.5, 0.3, 0.3, 3.3))
        .hasMessageContaining("erase scale");
    assertThatThrownBy(() -> new RandomErasing(0.02, 1.5, 0.3, 3.3))
        .hasMessageContaining("erase scale");
    assertThatThrownBy(() -> new RandomErasing(0.02, 0.33, 0, 3.3))
        .hasMessageContaining("erase ratio");
    assertThatThrownBy(() -> new RandomErasing(0.02, 0.33, 3.3, 0.3))
        .hasMessageContaining("erase ratio");
    assertThatThrownBy(() -> new RandomErasing(0.02, 0.33, 0.3, Double.POSITIVE_INFINITY))
        .hasMessageContaining("erase ratio");
  }

  // ---------------------------------------------------------------------------------------
  // in the view pipeline

  private static final float[] MEAN = {0.4f, 0.5f, 0.6f};
  private static final float[] STD = {0.2f, 0.25f, 0.3f};

  @Test
  void alwaysErased_isTheSameViewWithARectangleAtTheMeanAndDrawsLast() {
    ViewSpec plain = ViewSpec.defaults(24, MEAN, STD).withSolarize(0.3, 0.5);
    ViewSpec erased = plain.withErase(1, 0.1, 0.3, 0.5, 2);
    float[] src = TestImages.uniform(3, 30, 30, 12, 0.05f, 1);
    int pixels = 24 * 24;
    for (long seed = 0; seed < 30; seed++) {
      float[] a = new float[3 * pixels];
      float[] b = new float[3 * pixels];
      Views.random(plain).apply(src, 3, 30, 30, new SplittableRandom(seed), a, 0);
      ViewPipeline.Plan plan = Views.random(erased).sample(30, 30, new SplittableRandom(seed));
      Views.random(erased).render(plan, src, 3, 30, 30, b, 0);

      assertThat(plan.erased()).isTrue();
      RandomErasing.Box box = plan.erase();
      assertThat(box.top() + box.height()).isLessThanOrEqualTo(24);
      assertThat(box.left() + box.width()).isLessThanOrEqualTo(24);
      double area = box.height() * (double) box.width();
      double slack = 0.5 * (box.height() + box.width() + 1) + 0.25;
      assertThat(area).isBetween(0.1 * pixels - slack, 0.3 * pixels + slack);
      int zeros = 0;
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < 24; y++) {
          for (int x = 0; x < 24; x++) {
            int i = c * pixels + y * 24 + x;
            boolean inside =
                y >= box.top()
                    && y < box.top() + box.height()
                    && x >= box.left()
                    && x < box.left() + box.width();
            // bit-identical outside: the erasing draws come after every other draw
            assertThat(b[i]).isEqualTo(inside ? 0f : a[i]);
            zeros += b[i] == 0f ? 1 : 0;
          }
        }
      }
      assertThat(zeros).isEqualTo(3 * (int) area);
    }
  }

  @Test
  void erasingOff_drawsNothingAndKeepsTheViewsBitForBit() {
    ViewSpec reference = ViewSpec.defaults(28, MEAN, STD);
    ViewSpec explicitOff = reference.withErase(0, 0.1, 0.9, 0.2, 5);
    float[] src = TestImages.uniform(3, 32, 32, 13, 0, 1);
    for (long seed = 0; seed < 20; seed++) {
      float[] a = new float[3 * 28 * 28];
      float[] b = new float[3 * 28 * 28];
      SplittableRandom ra = new SplittableRandom(seed);
      SplittableRandom rb = new SplittableRandom(seed);
      Views.strong(reference).apply(src, 3, 32, 32, ra, a, 0);
      Views.random(explicitOff).apply(src, 3, 32, 32, rb, b, 0);
      assertThat(b).containsExactly(a);
      assertThat(ra.nextLong()).isEqualTo(rb.nextLong()); // the source was not advanced
    }
    assertThat(Views.random(explicitOff).sample(32, 32, new SplittableRandom(1)).erased())
        .isFalse();
  }

  @Test
  void erasingIsAppliedWithItsProbabilityAndNotInTheWeakHelper() {
    ViewSpec half = ViewSpec.defaults(32, MEAN, STD).withErase(0.5, 0.02, 0.33, 0.3, 3.3);
    SplittableRandom rng = new SplittableRandom(42);
    int n = 20_000;
    int hits = 0;
    for (int i = 0; i < n; i++) {
      hits += Views.random(half).sample(32, 32, rng).erased() ? 1 : 0;
    }
    // at 32 px nearly every coin that lands finds a fitting rectangle in ten attempts
    assertThat(hits / (double) n).isBetween(0.48, 0.515);
    assertThat(Views.weak(half).spec().eraseProbability()).isZero();
  }
}
