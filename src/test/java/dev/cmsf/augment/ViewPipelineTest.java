package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ViewPipelineTest {

  private static final float[] RGB_MEAN = {0.4914f, 0.4822f, 0.4465f};
  private static final float[] RGB_STD = {0.247f, 0.243f, 0.261f};
  private static final float[] ZERO3 = {0f, 0f, 0f};
  private static final float[] ONE3 = {1f, 1f, 1f};

  private static ViewSpec spec(int size) {
    return ViewSpec.defaults(size, RGB_MEAN, RGB_STD);
  }

  private static double fraction(
      ViewPipeline view, java.util.function.Predicate<ViewPipeline.Plan> test) {
    SplittableRandom rng = new SplittableRandom(42);
    int hits = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      hits += test.test(view.sample(32, 32, rng)) ? 1 : 0;
    }
    return hits / (double) n;
  }

  @Test
  void strongViewAppliesEachStageWithItsProbability() {
    ViewPipeline strong = Views.strong(spec(32));
    // 20 000 draws: the standard error is at most 0.0036, so 0.015 is over four of them.
    assertThat(fraction(strong, ViewPipeline.Plan::flip)).isCloseTo(0.5, within(0.015));
    assertThat(fraction(strong, ViewPipeline.Plan::jittered)).isCloseTo(0.8, within(0.015));
    assertThat(fraction(strong, ViewPipeline.Plan::grayscale)).isCloseTo(0.2, within(0.015));
    assertThat(fraction(strong, ViewPipeline.Plan::blurred)).isCloseTo(0.5, within(0.015));
  }

  @Test
  void weakViewNeverJittersGraysOrBlurs() {
    ViewPipeline weak = Views.weak(spec(32));
    assertThat(fraction(weak, p -> p.jittered() || p.grayscale() || p.blurred())).isZero();
    assertThat(fraction(weak, ViewPipeline.Plan::flip)).isCloseTo(0.5, within(0.015));
  }

  @Test
  void blurSigmasOfPlansLieInTheUnscaledRange() {
    ViewPipeline strong = Views.strong(spec(28));
    SplittableRandom rng = new SplittableRandom(8);
    for (int i = 0; i < 5000; i++) {
      ViewPipeline.Plan plan = strong.sample(28, 28, rng);
      if (plan.blurred()) {
        assertThat(plan.blurSigma()).isBetween(0.1, 2.0);
      }
    }
    assertThat(strong.blur().kernelSize()).isEqualTo(3);
    assertThat(strong.blur().sigmaScale()).isEqualTo(28 / 224.0);
  }

  @Test
  void aboutHalfOfWholeImageViewsAreMirrored() {
    // A rising ramp and crops covering (nearly) the whole image: a flipped view falls.
    ViewPipeline weak = Views.weak(spec(16).withCropScale(0.95, 1.0));
    float[] ramp = TestImages.horizontalRamp(3, 16, 16);
    float[] view = new float[3 * 16 * 16];
    SplittableRandom rng = new SplittableRandom(5);
    int mirrored = 0;
    int n = 4000;
    for (int i = 0; i < n; i++) {
      weak.apply(ramp, 3, 16, 16, rng, view, 0);
      mirrored += view[0] > view[15] ? 1 : 0;
    }
    assertThat(mirrored / (double) n).isCloseTo(0.5, within(0.03));
  }

  @Test
  void flippedViewIsTheMirrorOfTheUnflippedViewEvenAfterColourStages() {
    ViewPipeline strong = Views.strong(spec(28));
    float[] src = TestImages.uniform(3, 32, 32, 3, 0, 1);
    ColorJitter.Params jitter = new ColorJitter(0.4, 0.4, 0.4, 0.1).sample(new SplittableRandom(1));
    CropBox box = new CropBox(2, 4, 25, 22);
    float[] plain = new float[3 * 28 * 28];
    float[] flipped = new float[plain.length];
    strong.render(
        new ViewPipeline.Plan(box, false, jitter, false, 1.5, false, null, null),
        src,
        3,
        32,
        32,
        plain,
        0);
    strong.render(
        new ViewPipeline.Plan(box, true, jitter, false, 1.5, false, null, null),
        src,
        3,
        32,
        32,
        flipped,
        0);
    assertThat(flipped).containsExactly(TestImages.mirror(plain, 3, 28, 28), within(1e-5f));
  }

  @Test
  void viewOfConstantImageWithoutColourChangesIsTheNormalisedConstant() {
    ViewPipeline weak = Views.weak(spec(28));
    float[] src = TestImages.constant(3, 40, 30, 0.2f, 0.5f, 0.8f);
    float[] view = new float[3 * 28 * 28];
    weak.apply(src, 3, 40, 30, new SplittableRandom(1), view, 0);
    float[] levels = {0.2f, 0.5f, 0.8f};
    for (int c = 0; c < 3; c++) {
      float expected = (levels[c] - RGB_MEAN[c]) / RGB_STD[c];
      for (int i = 0; i < 28 * 28; i++) {
        assertThat(view[c * 784 + i]).isCloseTo(expected, within(1e-5f));
      }
    }
  }

  @Test
  void grayscaleStageMakesTheThreeChannelsEqual() {
    ViewSpec alwaysGray =
        ViewSpec.defaults(28, ZERO3, ONE3)
            .withColorJitter(0, 0.4, 0.4, 0.4, 0.1)
            .withGrayscaleProbability(1);
    float[] src = TestImages.uniform(3, 32, 32, 4, 0, 1);
    float[] view = new float[3 * 784];
    Views.strong(alwaysGray).apply(src, 3, 32, 32, new SplittableRandom(2), view, 0);
    float[] red = Arrays.copyOfRange(view, 0, 784);
    assertThat(Arrays.copyOfRange(view, 784, 1568)).containsExactly(red);
    assertThat(Arrays.copyOfRange(view, 1568, 2352)).containsExactly(red);
  }

  @Test
  void grayImageGetsTheSameViewAsItsRgbReplica() {
    // Same seed, same draws: colour-only stages are no-ops on both, everything else agrees.
    float[] gray = TestImages.uniform(1, 30, 30, 5, 0, 1);
    float[] rgb = new float[3 * 900];
    for (int c = 0; c < 3; c++) {
      System.arraycopy(gray, 0, rgb, c * 900, 900);
    }
    ViewSpec base = ViewSpec.defaults(28, new float[] {0.5f}, new float[] {0.25f});
    ViewPipeline grayView = Views.strong(base.withColorJitter(1, 0.4, 0.4, 0.4, 0.1));
    ViewPipeline rgbView =
        Views.strong(
            ViewSpec.defaults(28, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f})
                .withColorJitter(1, 0.4, 0.4, 0.4, 0.1));
    float[] grayOut = new float[784];
    float[] rgbOut = new float[3 * 784];
    for (long seed = 0; seed < 50; seed++) {
      grayView.apply(gray, 1, 30, 30, new SplittableRandom(seed), grayOut, 0);
      rgbView.apply(rgb, 3, 30, 30, new SplittableRandom(seed), rgbOut, 0);
      for (int c = 0; c < 3; c++) {
        assertThat(Arrays.copyOfRange(rgbOut, c * 784, (c + 1) * 784))
            .containsExactly(grayOut, within(2e-5f));
      }
    }
  }

  @Test
  void sameSeedGivesTheSameViewAndOtherSeedsOtherViews() {
    ViewPipeline strong = Views.strong(spec(28));
    float[] src = TestImages.uniform(3, 32, 32, 6, 0, 1);
    float[] first = new float[3 * 784];
    float[] again = new float[3 * 784];
    float[] other = new float[3 * 784];
    for (long seed = 0; seed < 20; seed++) {
      strong.apply(src, 3, 32, 32, new SplittableRandom(seed), first, 0);
      strong.apply(src, 3, 32, 32, new SplittableRandom(seed), again, 0);
      strong.apply(src, 3, 32, 32, new SplittableRandom(seed + 1000), other, 0);
      assertThat(again).containsExactly(first);
      assertThat(other).isNotEqualTo(first);
    }
  }

  @Test
  void viewsComputedOnOtherThreadsMatch() throws Exception {
    ViewPipeline strong = Views.strong(spec(28));
    float[] src = TestImages.uniform(3, 64, 48, 7, 0, 1);
    float[] here = new float[3 * 784];
    strong.apply(src, 3, 64, 48, new SplittableRandom(9), here, 0);
    float[] there = new float[3 * 784];
    Thread worker =
        new Thread(() -> strong.apply(src, 3, 64, 48, new SplittableRandom(9), there, 0));
    worker.start();
    worker.join();
    assertThat(there).containsExactly(here);
  }

  @Test
  void pixelsStayInRangeBeforeNormalisation() {
    ViewPipeline strong = Views.strong(ViewSpec.defaults(20, ZERO3, ONE3));
    float[] src = TestImages.uniform(3, 25, 25, 8, 0, 1);
    float[] view = new float[3 * 400];
    SplittableRandom rng = new SplittableRandom(10);
    for (int i = 0; i < 300; i++) {
      strong.apply(src, 3, 25, 25, rng, view, 0);
      for (float v : view) {
        assertThat(v).isBetween(-1e-6f, 1f + 1e-6f);
      }
    }
  }

  @Test
  void rejectsImagesWhoseChannelCountDiffersFromMeanAndStd() {
    ViewPipeline strong = Views.strong(spec(28));
    assertThatThrownBy(
            () ->
                strong.apply(
                    new float[32 * 32], 1, 32, 32, new SplittableRandom(1), new float[784], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 channels")
        .hasMessageContaining("has 1");
  }

  @Test
  void outputsAtAnOffsetOfABatchBuffer() {
    ViewPipeline weak = Views.weak(spec(8));
    float[] src = TestImages.uniform(3, 10, 10, 11, 0, 1);
    float[] batch = new float[2 * 3 * 64];
    weak.apply(src, 3, 10, 10, new SplittableRandom(3), batch, 192);
    float[] single = new float[192];
    weak.apply(src, 3, 10, 10, new SplittableRandom(3), single, 0);
    assertThat(Arrays.copyOfRange(batch, 0, 192)).containsOnly(0f);
    assertThat(Arrays.copyOfRange(batch, 192, 384)).containsExactly(single);
  }

  @Test
  void planListsJitterOrderFromTheSpecStrengths() {
    ViewPipeline strong = Views.strong(spec(28).withColorJitter(1, 0.4, 0, 0, 0));
    ViewPipeline.Plan plan = strong.sample(28, 28, new SplittableRandom(4));
    assertThat(plan.jitter().order()).hasSize(4).doesNotHaveDuplicates();
    assertThat(List.of(plan.jitter().contrast(), plan.jitter().saturation())).containsOnly(1f);
    assertThat(plan.jitter().hue()).isZero();
  }

  @Test
  void solarisationAndWarpOff_drawNothingAndKeepTheReferenceViewsBitForBit() {
    ViewSpec reference = spec(28);
    ViewSpec explicitOff = reference.withSolarize(0, 0.3).withAffine(0, 30, 0.2, 0.5, 2);
    float[] src = new float[3 * 32 * 32];
    for (int i = 0; i < src.length; i++) {
      src[i] = (i * 31 % 255) / 255f;
    }
    float[] a = new float[3 * 28 * 28];
    float[] b = new float[3 * 28 * 28];
    SplittableRandom ra = new SplittableRandom(9);
    SplittableRandom rb = new SplittableRandom(9);
    Views.strong(reference).apply(src, 3, 32, 32, ra, a, 0);
    Views.random(explicitOff).apply(src, 3, 32, 32, rb, b, 0);
    assertThat(b).containsExactly(a);
    assertThat(ra.nextLong()).isEqualTo(rb.nextLong());
  }

  @Test
  void alwaysSolarisedAndWarped_plansBothAndRendersThemBeforeNormalising() {
    ViewSpec spec =
        ViewSpec.defaults(16, new float[] {0f}, new float[] {1f})
            .withColorJitter(0, 0.4, 0.4, 0.4, 0.1)
            .withGrayscaleProbability(0)
            .withBlur(0, 0.1, 2)
            .withCropScale(1, 1)
            .withFlipProbability(0)
            .withSolarize(1, 0.5)
            .withAffine(1, 0, 0, 1, 1);
    ViewPipeline view = Views.random(spec);
    ViewPipeline.Plan plan = view.sample(16, 16, new SplittableRandom(1));
    assertThat(plan.solarize()).isTrue();
    assertThat(plan.affine()).isNotNull();
    float[] src = new float[16 * 16];
    java.util.Arrays.fill(src, 0.8f);
    float[] out = new float[16 * 16];
    view.render(plan, src, 1, 16, 16, out, 0);
    for (float v : out) {
      assertThat(v).isCloseTo(0.2f, org.assertj.core.api.Assertions.within(1e-5f));
    }
  }
}
