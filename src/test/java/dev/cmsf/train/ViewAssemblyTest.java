package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cmsf.augment.ViewSpec;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.config.ViewConfig;
import dev.cmsf.config.ViewRecipe;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configured views become the augmentation stages' parameters unchanged. */
class ViewAssemblyTest {
  private static final float[] MEAN = {0.4f, 0.5f, 0.6f};
  private static final float[] STD = {0.2f, 0.25f, 0.3f};

  @Test
  void paperRecipe_isTheReferenceStrongViewAndItsWeakView() {
    ViewSpec strong = RunAssembly.viewSpec(ViewRecipe.PAPER.strong(), 32, MEAN, STD);
    ViewSpec weak = RunAssembly.viewSpec(ViewRecipe.PAPER.weak(), 32, MEAN, STD);

    assertThat(strong).isEqualTo(ViewSpec.defaults(32, MEAN, STD));
    assertThat(weak).isEqualTo(ViewSpec.defaults(32, MEAN, STD).withoutPhotometric());
  }

  @Test
  void eraseKeys_reachTheViewSpec() {
    ViewConfig erasing =
        strongView("erase_probability=0.5", "erase_scale=[0.1,0.2]", "erase_ratio=[0.5,2.0]");

    ViewSpec spec = RunAssembly.viewSpec(erasing, 32, MEAN, STD);

    assertThat(spec).isEqualTo(ViewSpec.defaults(32, MEAN, STD).withErase(0.5, 0.1, 0.2, 0.5, 2));
  }

  @Test
  void viewSize_isTheViewsOwnSideWhenSetAndTheImageSizeAtZero() {
    ViewConfig small = strongView("size=20");

    assertThat(RunAssembly.viewSpec(small, 28, MEAN, STD).outputSize()).isEqualTo(20);
    assertThat(RunAssembly.viewSpec(ViewRecipe.PAPER.strong(), 28, MEAN, STD).outputSize())
        .isEqualTo(28);
  }

  /** The paper's strong view with these {@code strong_view.*} keys set, as a user sets them. */
  private static ViewConfig strongView(String... keys) {
    List<String> overrides = Arrays.stream(keys).map(key -> "strong_view." + key).toList();
    return ConfigLoader.load(TrainConfig.defaults(), null, overrides)
        .strongView()
        .over(ViewRecipe.PAPER.strong());
  }
}
