package dev.cmsf.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ChannelsLastTest {
  @Test
  void keepsShapeAndValuesOfEveryChannelCount() {
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int channels : new int[] {1, 3}) {
        Shape shape = new Shape(2, channels, 4, 5);
        NDArray images = manager.arange((float) shape.size()).reshape(shape);
        NDArray last = ChannelsLast.of(images);
        assertThat(last.getShape()).isEqualTo(shape);
        assertThat(last.toFloatArray()).containsExactly(images.toFloatArray());
      }
    }
  }

  @Test
  void convolutionGivesTheSameResultAsInContiguousLayout() {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(3);
      NDArray images = manager.randomNormal(new Shape(4, 3, 9, 9));
      NDArray weight = manager.randomNormal(new Shape(8, 3, 3, 3));
      Shape one = new Shape(1, 1);
      NDArray plain = conv(images, weight, one);
      NDArray last = conv(ChannelsLast.of(images), weight, one);
      float[] a = plain.toFloatArray();
      float[] b = last.toFloatArray();
      for (int i = 0; i < a.length; i++) {
        assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-4f));
      }
    }
  }

  private static NDArray conv(NDArray x, NDArray w, Shape one) {
    return x.getNDArrayInternal().convolution(x, w, null, one, one, one, 1).singletonOrThrow();
  }
}
