package dev.cmsf.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RandomResizedCropTest {

  private final RandomResizedCrop crop = RandomResizedCrop.defaults();

  @ParameterizedTest
  @CsvSource({"32, 32", "28, 28", "375, 500", "500, 333", "64, 96"})
  void boxesRespectScaleAndRatioUpToRoundingAndStayInside(int height, int width) {
    SplittableRandom rng = new SplittableRandom(7);
    double area = (double) height * width;
    double minFraction = 1;
    double maxFraction = 0;
    for (int i = 0; i < 5000; i++) {
      CropBox box = crop.sampleBox(height, width, rng);
      box.checkInside(height, width);
      double w = box.width();
      double h = box.height();
      // Each side is the rounding of an exact side, so it is off by at most half a pixel.
      assertThat((w + 0.5) * (h + 0.5)).isGreaterThanOrEqualTo(0.2 * area);
      assertThat((w - 0.5) * (h - 0.5)).isLessThanOrEqualTo(area);
      assertThat((w + 0.5) / (h - 0.5)).isGreaterThanOrEqualTo(3.0 / 4.0);
      assertThat((w - 0.5) / (h + 0.5)).isLessThanOrEqualTo(4.0 / 3.0);
      minFraction = Math.min(minFraction, w * h / area);
      maxFraction = Math.max(maxFraction, w * h / area);
    }
    assertThat(minFraction).isLessThan(0.23);
    // Large boxes must also fit the ratio: 500 x 333 allows at most 444 x 333 (0.89).
    assertThat(maxFraction).isGreaterThan(0.85);
  }

  @Test
  void aspectRatiosCoverTheWholeRange() {
    SplittableRandom rng = new SplittableRandom(3);
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < 5000; i++) {
      CropBox box = crop.sampleBox(500, 500, rng);
      double ratio = (double) box.width() / box.height();
      min = Math.min(min, ratio);
      max = Math.max(max, ratio);
    }
    assertThat(min).isBetween(0.74, 0.78);
    assertThat(max).isBetween(1.29, 1.35);
  }

  @Test
  void offsetsAreSpreadOverTheImage() {
    SplittableRandom rng = new SplittableRandom(11);
    boolean touchedLeft = false;
    boolean touchedRight = false;
    for (int i = 0; i < 2000; i++) {
      CropBox box = crop.sampleBox(100, 100, rng);
      touchedLeft |= box.left() == 0;
      touchedRight |= box.left() + box.width() == 100;
    }
    assertThat(touchedLeft).isTrue();
    assertThat(touchedRight).isTrue();
  }

  @Test
  void wideExtremeImageFallsBackToCentredBoxClampedToMaxRatio() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 100; i++) {
      assertThat(crop.sampleBox(1, 100, rng)).isEqualTo(new CropBox(0, 49, 1, 1));
      // 10 x 100: the height is kept and the width narrowed to round(10 * 4/3) = 13.
      assertThat(crop.sampleBox(10, 100, rng)).isEqualTo(new CropBox(0, 43, 10, 13));
    }
  }

  @Test
  void tallExtremeImageFallsBackToCentredBoxClampedToMinRatio() {
    // 100 x 10: the width is kept and the height narrowed to round(10 / (3/4)) = 13.
    CropBox box = crop.fallbackBox(100, 10);
    assertThat(box).isEqualTo(new CropBox(43, 0, 13, 10));
    assertThat((double) box.width() / box.height()).isBetween(0.75, 4.0 / 3.0);
  }

  @Test
  void fallbackOfImageWithinRatioBoundsIsTheWholeImage() {
    assertThat(crop.fallbackBox(30, 32)).isEqualTo(CropBox.whole(30, 32));
  }

  @Test
  void sameSeedGivesSameBoxes() {
    SplittableRandom a = new SplittableRandom(5);
    SplittableRandom b = new SplittableRandom(5);
    for (int i = 0; i < 100; i++) {
      assertThat(crop.sampleBox(64, 48, a)).isEqualTo(crop.sampleBox(64, 48, b));
    }
  }

  @Test
  void rejectsInvertedOrOutOfRangeScale() {
    assertThatThrownBy(() -> new RandomResizedCrop(0.8, 0.2, 0.75, 1.33))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale")
        .hasMessageContaining("0.8");
    assertThatThrownBy(() -> new RandomResizedCrop(0, 1, 0.75, 1.33))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RandomResizedCrop(0.2, 1, 1.5, 1.33))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratio");
  }

  @Test
  void rejectsEmptyImageAndBoxOutside() {
    assertThatThrownBy(() -> crop.sampleBox(0, 5, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x5");
    assertThatThrownBy(() -> new CropBox(2, 0, 4, 4).checkInside(5, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
