package dev.cmsf.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.nn.Parameter;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.FashionMnist;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pairing that {@code cmsf compare --seeds} relies on: for one seed, every method that
 * shares the architecture starts from bit-identical weights (so a per-seed difference is the
 * methods' alone, and one random-init floor per seed serves them all); another seed starts
 * elsewhere.
 */
@Tag("integration")
class InitialWeightsTest {
  /** Every registered method; cmsf-semi and paws also need their labelled subset. */
  private static final List<String> METHODS =
      List.of("msf", "byol", "cmsf-2q", "cmsf-km", "cmsf-sup", "cmsf-semi", "xent", "paws");

  @BeforeAll
  static void needsFashionMnist() {
    assumeTrue(
        FashionMnist.isAvailable(null),
        "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
  }

  @Test
  void oneSeed_sameInitialWeightsForEveryMethod() {
    Map<String, float[]> msf = initialWeights("msf", 0);

    for (String method : METHODS) {
      Map<String, float[]> weights = initialWeights(method, 0);
      assertThat(weights.keySet()).as(method).containsExactlyElementsOf(msf.keySet());
      // isEqualTo compares the arrays in one pass (containsExactly is quadratic on 65k floats)
      weights.forEach(
          (name, values) -> assertThat(values).as(method + " " + name).isEqualTo(msf.get(name)));
    }
  }

  @Test
  void anotherSeed_otherInitialWeights() {
    Map<String, float[]> seed0 = initialWeights("msf", 0);
    Map<String, float[]> seed1 = initialWeights("msf", 1);

    String firstConvolution = seed0.keySet().iterator().next();
    assertThat(seed1.get(firstConvolution)).isNotEqualTo(seed0.get(firstConvolution));
  }

  /**
   * The parameters trained by gradients (online encoder and predictor) at random
   * initialisation, by position and name; the target starts as their copy.
   */
  private static Map<String, float[]> initialWeights(String method, long seed) {
    List<String> keys =
        new ArrayList<>(
            List.of(
                "method=" + method,
                "seed=" + seed,
                "limit=128",
                "width=0.25",
                "batch_size=64",
                "bank_size=256",
                "device=cpu"));
    if (method.equals("cmsf-semi") || method.equals("paws")) {
      keys.add("labelled=0.1");
    }
    TrainConfig config = ConfigLoader.load(TrainConfig.defaults(), null, keys);
    Map<String, float[]> weights = new LinkedHashMap<>();
    try (TrainingRun run = TrainingRun.open(config)) {
      List<Parameter> parameters = run.networks().trainableParameters();
      for (int i = 0; i < parameters.size(); i++) {
        Parameter p = parameters.get(i);
        weights.put("#" + i + " " + p.getName(), p.getArray().toFloatArray());
      }
    }
    return weights;
  }
}
