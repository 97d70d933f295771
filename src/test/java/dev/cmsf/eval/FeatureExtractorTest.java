package dev.cmsf.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cmsf.augment.Views;
import dev.cmsf.data.ImageDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

  /** 300 one-channel 4x4 images whose pixels encode their index. */
  private static final ImageDataset IMAGES =
      new ImageDataset() {
        @Override
        public int size() {
          return 300;
        }

        @Override
        public int channels() {
          return 1;
        }

        @Override
        public int height() {
          return 4;
        }

        @Override
        public int width() {
          return 4;
        }

        @Override
        public List<String> classNames() {
          return List.of("a", "b");
        }

        @Override
        public int label(int index) {
          return index % 2;
        }

        @Override
        public void readImage(int index, float[] dst) {
          for (int p = 0; p < 16; p++) {
            dst[p] = (index * 16 + p) / 4800f;
          }
        }
      };

  @Test
  void featuresThatAreViewsOfTheInput_surviveTheBatchBuffersBeingFreedAndReused() {
    FeatureExtractor rawPixels =
        new FeatureExtractor(
            images -> images.reshape(images.getShape().get(0), -1),
            Views.eval(4, 4, new float[] {0f}, new float[] {1f}),
            64,
            2);
    try (NDManager manager = NDManager.newBaseManager()) {
      // after every batch: collect garbage and allocate, so freed input buffers get reused
      NDArray features = rawPixels.extract(IMAGES, manager, n -> churn(manager));

      churn(manager);
      float[] values = features.toFloatArray();
      assertThat(values).hasSize(300 * 16);
      for (int i = 0; i < values.length; i++) {
        assertThat(values[i]).as("pixel %d", i).isEqualTo(i / 4800f);
      }
    }
  }

  private static void churn(NDManager manager) {
    System.gc();
    try (NDManager churn = manager.newSubManager()) {
      for (int i = 0; i < 20; i++) {
        churn.create(new float[64 * 16]).addi(7f);
      }
    }
  }
}
