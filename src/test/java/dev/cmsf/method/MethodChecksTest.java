package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodChecksTest {

  /** The neighbour selection a constraint method resolves; null for other methods. */
  private static Selection check(String... settings) {
    TrainConfig c = ConfigLoader.load(TrainConfig.defaults(), null, List.of(settings));
    MethodPlan plan = MethodChecks.validate(c, MethodRegistry.resolve(c.method()));
    return plan instanceof ConstraintMethod.Plan p ? p.selection() : null;
  }

  private static void refused(String message, String... settings) {
    assertThatThrownBy(() -> check(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void defaults_resolveTheMethodsK_andAllToTopAll() {
    assertThat(check("method=msf")).isEqualTo(Selection.topK(5));
    assertThat(check("method=cmsf-sup", "k=3")).isEqualTo(Selection.topK(3));
    assertThat(check("method=cmsf-sup", "k=all")).isEqualTo(Selection.topAll(10));
  }

  @Test
  void topAll_isOnlyForLabelConstrainedMethods() {
    refused(
        "key 'k' = all: expected a neighbour count: top-all needs a label constraint"
            + " (cmsf-sup), not cmsf-2q",
        "method=cmsf-2q",
        "k=all");
    refused(
        "key 'k' = all: expected a neighbour count: top-all needs a label constraint"
            + " (cmsf-sup), not msf",
        "method=msf",
        "k=all");
  }

  @Test
  void twoQueue_refusesKPrimeBelowK() {
    refused(
        "key 'k_prime' = 4: expected at least k (5): cmsf-2q picks its k neighbours among"
            + " the k_prime allowed rows",
        "method=cmsf-2q",
        "k_prime=4");
    refused(
        "key 'k_prime' = 5: expected at least k (8): cmsf-2q picks its k neighbours among"
            + " the k_prime allowed rows",
        "method=cmsf-2q",
        "k=8");
    assertThat(check("method=cmsf-2q", "k=3", "k_prime=3")).isEqualTo(Selection.topK(3));
  }

  @Test
  void labelNoise_isOnlyForSupervisedMethods() {
    refused(
        "key 'label_noise' = 0.1: expected 0: only supervised methods (cmsf-sup, xent)"
            + " train on labels, not byol",
        "method=byol",
        "label_noise=0.1");
    check("method=xent", "label_noise=0.1");
  }

  @Test
  void crossEntropy_refusesNeighbourSettings() {
    refused("key 'k' = 5: expected unset (0): xent selects no neighbours", "method=xent", "k=5");
    refused(
        "key 'k' = all: expected unset (0): xent selects no neighbours", "method=xent", "k=all");
    refused(
        "key 'alpha' = 0.5: expected unset (negative): xent has no neighbour loss",
        "method=xent",
        "alpha=0.5");
  }

  @Test
  void defaultK_mustFitTheBank() {
    refused(
        "key 'k' = 10 (the default of cmsf-sup): expected at most bank_size (8)",
        "method=cmsf-sup",
        "batch_size=8",
        "bank_size=8");
  }
}
