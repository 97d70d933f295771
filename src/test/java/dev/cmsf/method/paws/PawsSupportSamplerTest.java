package dev.cmsf.method.paws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cmsf.config.ConfigException;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.LabelledSubset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PawsSupportSamplerTest {

  /** Labels only: the sampler never reads pixels. */
  private static ImageDataset labelled(int classes, int[] labels) {
    return new ImageDataset() {
      @Override
      public int size() {
        return labels.length;
      }

      @Override
      public int channels() {
        return 1;
      }

      @Override
      public int height() {
        return 1;
      }

      @Override
      public int width() {
        return 1;
      }

      @Override
      public List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
          names.add("class" + c);
        }
        return names;
      }

      @Override
      public int label(int index) {
        return labels[index];
      }

      @Override
      public void readImage(int index, float[] dst) {
        dst[0] = 0;
      }
    };
  }

  /** {@code perClass} images of each of {@code classes} classes, interleaved. */
  private static int[] balancedLabels(int classes, int perClass) {
    int[] labels = new int[classes * perClass];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % classes;
    }
    return labels;
  }

  private static final int[] LABELS = balancedLabels(10, 50);
  private static final ImageDataset TRAIN = labelled(10, LABELS);
  // 20% per class, as cmsf-semi's --labelled 0.2 draws it: 10 images of every class
  private static final LabelledSubset SUBSET = LabelledSubset.parse("0.2", TRAIN, 7);

  @Test
  void everyBatch_holdsPerClassImagesOfEveryClass_fromTheLabelledSubsetOnly() {
    SupportSampler sampler = SupportSampler.of(SUBSET, LABELS, 10, 4, 1);

    for (long step : new long[] {0, 1, 99}) {
      SupportSampler.Support support = sampler.draw(step);

      assertThat(support.size()).isEqualTo(40);
      int[] perClass = new int[10];
      for (int r = 0; r < support.size(); r++) {
        int index = support.indices()[r];
        assertThat(SUBSET.contains(index)).isTrue();
        assertThat(LABELS[index]).isEqualTo(support.labels()[r]);
        assertThat(support.labels()[r]).isEqualTo(r % 10); // interleaved, as the reference
        perClass[support.labels()[r]]++;
      }
      assertThat(perClass).containsOnly(4);
      // no image twice in a batch while its class has enough images
      assertThat(Set.of(box(support.indices()))).hasSize(40);
    }
  }

  @Test
  void draws_areAFunctionOfSeedAndStep() {
    SupportSampler a = SupportSampler.of(SUBSET, LABELS, 10, 4, 1);
    SupportSampler b = SupportSampler.of(SUBSET, LABELS, 10, 4, 1);
    SupportSampler otherSeed = SupportSampler.of(SUBSET, LABELS, 10, 4, 2);

    assertThat(a.draw(5).indices()).containsExactly(b.draw(5).indices());
    assertThat(a.draw(5).indices()).isNotEqualTo(a.draw(6).indices());
    assertThat(a.draw(5).indices()).isNotEqualTo(otherSeed.draw(5).indices());
  }

  @Test
  void aResumedRun_drawsTheBatchesOfAnUninterruptedOne() {
    SupportSampler uninterrupted = SupportSampler.of(SUBSET, LABELS, 10, 4, 3);
    List<int[]> seen = new ArrayList<>();
    for (long step = 0; step < 40; step++) {
      seen.add(uninterrupted.draw(step).indices());
    }

    // a resume rebuilds the sampler from the configuration and continues at step 25
    SupportSampler resumed = SupportSampler.of(SUBSET, LABELS, 10, 4, 3);
    for (long step = 25; step < 40; step++) {
      assertThat(resumed.draw(step).indices()).containsExactly(seen.get((int) step));
    }
    // the loader order of steps 25..27 is the three batches one after the other
    int[] order = resumed.order(25, 3);
    for (int s = 0; s < 3; s++) {
      int[] batch = java.util.Arrays.copyOfRange(order, s * 40, (s + 1) * 40);
      assertThat(batch).containsExactly(seen.get(25 + s));
    }
  }

  @Test
  void overManySteps_everyLabelledImageIsDrawn_andNoOther() {
    SupportSampler sampler = SupportSampler.of(SUBSET, LABELS, 10, 2, 4);
    Set<Integer> drawn = new HashSet<>();
    for (long step = 0; step < 200; step++) {
      for (int index : sampler.draw(step).indices()) {
        drawn.add(index);
      }
    }

    assertThat(drawn).containsExactlyInAnyOrder(box(SUBSET.indices()));
  }

  @Test
  void aClassWithFewerImagesThanPerClass_repeatsThemAsEvenlyAsPossible() {
    // 1% of 50 images per class rounds to 1... use a names-free subset: 3 images of class 0
    int[] labels = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
    LabelledSubset all = LabelledSubset.parse("1.0", labelled(2, labels), 0);
    SupportSampler sampler = SupportSampler.of(all, labels, 2, 7, 5);

    SupportSampler.Support support = sampler.draw(11);

    Map<Integer, Integer> count = new HashMap<>();
    for (int r = 0; r < support.size(); r++) {
      if (support.labels()[r] == 0) {
        count.merge(support.indices()[r], 1, Integer::sum);
      }
    }
    // 7 draws of 3 images: every image 2 or 3 times
    assertThat(count).containsOnlyKeys(0, 1, 2);
    assertThat(count.values()).allMatch(n -> n == 2 || n == 3);
    assertThat(count.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
  }

  @Test
  void aClassWithoutLabelledImages_isAUserMistakeNamingIt() {
    // three classes, but no image of class 2 in the split, so none is labelled
    int[] labels = balancedLabels(2, 10);
    LabelledSubset subset = LabelledSubset.parse("0.5", labelled(3, labels), 0);

    assertThatThrownBy(() -> SupportSampler.of(subset, labels, 3, 4, 0))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key 'labelled'")
        .hasMessageContaining("class 2 has no labelled image");
  }

  @Test
  void viewLabels_stackTheBatchOncePerView() {
    SupportSampler.Support support = new SupportSampler.Support(new int[] {7, 3}, new int[] {0, 1});

    assertThat(support.viewLabels(2)).containsExactly(0, 1, 0, 1);
  }

  private static Integer[] box(int[] values) {
    return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
  }
}
