package dev.cmsf.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.memory.MemoryBank;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test of docs/adding-a-method.md's example: a method added as one class ({@link
 * SameParityConstraint}) and one registration line resolves, checks its keys and constrains.
 */
class AddedMethodTest {
  private NDManager manager;

  @BeforeEach
  void register() {
    MethodRegistry.register(SameParityConstraint.METHOD); // the registration line
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void unregister() {
    manager.close();
    MethodRegistry.unregister(SameParityConstraint.METHOD.name());
  }

  private static MethodPlan plan(String... settings) {
    TrainConfig c = ConfigLoader.load(TrainConfig.defaults(), null, List.of(settings));
    return MethodChecks.validate(c, MethodRegistry.resolve(c.method()));
  }

  @Test
  void registeredMethod_resolvesItsDefaultsAndOverrides() {
    ConstraintMethod.Plan defaults = (ConstraintMethod.Plan) plan("method=example-parity");
    assertThat(defaults.selection()).isEqualTo(Selection.topK(3));
    assertThat(defaults.alpha()).isEqualTo(0.5);
    assertThat(defaults.views()).isEqualTo(2);

    ConstraintMethod.Plan set =
        (ConstraintMethod.Plan) plan("method=example-parity", "k=4", "alpha=0");
    assertThat(set.selection()).isEqualTo(Selection.topK(4));
    assertThat(set.alpha()).isZero();
  }

  @Test
  void registeredMethod_runsItsOwnCheckAndTheSharedOnes() {
    assertThatThrownBy(() -> plan("method=example-parity", "batch_size=8", "bank_size=8", "k=5"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "key 'k' = 5: expected at most half of bank_size (4): example-parity takes"
                + " its k among the rows of one parity");
    assertThatThrownBy(() -> plan("method=example-parity", "label_noise=0.1"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "key 'label_noise' = 0.1: expected 0: only supervised methods (cmsf-sup,"
                + " xent) train on labels, not example-parity");
  }

  @Test
  void constraint_allowsOnlyRowsOfTheQueryImagesParity() {
    try (MemoryBank bank = new MemoryBank(manager, 4, 2, 0)) {
      int[] unknown = {MemoryBank.UNKNOWN, MemoryBank.UNKNOWN, MemoryBank.UNKNOWN};
      bank.enqueue(
          manager.randomNormal(new ai.djl.ndarray.types.Shape(3, 2)).normalize(2, 1),
          unknown,
          unknown,
          new int[] {10, 11, 12}); // rows 0..2; row 3 stays empty
      QueryBatch query =
          new QueryBatch(
              new int[] {7},
              new int[] {MemoryBank.UNKNOWN},
              new int[] {MemoryBank.UNKNOWN},
              new int[] {0});

      boolean[] allowed = new SameParityConstraint().allowed(query, bank, manager).toBooleanArray();

      assertThat(allowed).containsExactly(false, true, false, false); // image 11 is odd
    }
  }
}
