package dev.cmsf.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.model.HeadSpec;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.model.ResNetSpec;
import dev.cmsf.model.Stem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weight-decay exclusion and LARS (keys {@code weight_decay_exclude}, {@code optimizer}, {@code
 * lars_eta}) against hand computations; plain SGD is checked in {@code OptimisationTest}.
 */
class SgdTest {
  /** The gradient of the weight: loss = sum(W * G) + sum(b * C). */
  private static final float[] G = {1, 2, 2, 4}; // norm 5

  private static final float[] C = {1, 2};

  private NDManager manager;
  private Parameter weight;
  private Parameter bias;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    Block linear = Linear.builder().setUnits(2).build(); // weight (2, 2), bias (2)
    linear.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    weight = linear.getParameters().get("weight");
    bias = linear.getParameters().get("bias");
    weight.getArray().set(new float[] {3, 4, 0, 0}); // norm 5
    bias.getArray().set(new float[] {1, -1});
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private void backward() {
    NDArray g = manager.create(G, new Shape(2, 2));
    NDArray c = manager.create(C);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      gc.backward(weight.getArray().mul(g).sum().add(bias.getArray().mul(c).sum()));
    }
  }

  private Sgd sgd(boolean exclude, double larsEta) {
    return new Sgd(List.of(weight, bias), new Sgd.Settings(0.9, 0.1, exclude, larsEta));
  }

  @Test
  void biasBn_getsNoWeightDecay_whileWeightsDo() {
    Sgd sgd = sgd(true, 0);
    backward();
    sgd.step(0.5);
    // w -= 0.5 * (G + 0.1 w); b -= 0.5 * C
    assertThat(weight.getArray().toFloatArray())
        .containsExactly(new float[] {2.35f, 2.8f, -1f, -2f}, within(1e-6f));
    assertThat(bias.getArray().toFloatArray())
        .containsExactly(new float[] {0.5f, -2f}, within(1e-6f));
  }

  @Test
  void withoutExclusion_everyParameterDecays() {
    Sgd sgd = sgd(false, 0);
    backward();
    sgd.step(0.5);
    // b -= 0.5 * (C + 0.1 b) = (1 - 0.55, -1 - 0.95)
    assertThat(bias.getArray().toFloatArray())
        .containsExactly(new float[] {0.45f, -1.95f}, within(1e-6f));
  }

  @Test
  void lars_scalesGradientPlusDecayByTheTrustRatio_beforeTheMomentum() {
    Sgd sgd = sgd(true, 0.02);
    backward();
    sgd.step(0.5);
    // ||w|| = 5, ||g|| = 5: trust = 0.02 * 5 / (5 + 0.1 * 5) = 0.1 / 5.5
    // d = trust * (G + 0.1 w) = (1.3, 2.4, 2, 4) / 55; w -= 0.5 d
    assertThat(weight.getArray().toFloatArray())
        .containsExactly(
            new float[] {
              (float) (3 - 0.65 / 55),
              (float) (4 - 1.2 / 55),
              (float) (-1.0 / 55),
              (float) (-2.0 / 55)
            },
            within(1e-6f));
    // the bias is excluded: plain momentum SGD on the raw gradient, no decay, no trust ratio
    assertThat(bias.getArray().toFloatArray())
        .containsExactly(new float[] {0.5f, -2f}, within(1e-6f));

    // a second step: new norms, the momentum buffer holds the first scaled update
    double[] w = {3 - 0.65 / 55, 4 - 1.2 / 55, -1.0 / 55, -2.0 / 55};
    double[] buf = {1.3 / 55, 2.4 / 55, 2.0 / 55, 4.0 / 55};
    double wNorm = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2] + w[3] * w[3]);
    double trust = 0.02 * wNorm / (5 + 0.1 * wNorm);
    backward();
    sgd.step(0.5);
    float[] actual = weight.getArray().toFloatArray();
    for (int i = 0; i < 4; i++) {
      buf[i] = 0.9 * buf[i] + trust * (G[i] + 0.1 * w[i]);
      assertThat(actual[i]).isCloseTo((float) (w[i] - 0.5 * buf[i]), within(1e-6f));
    }
    // bias: buf = 0.9 C + C, b -= 0.5 * 1.9 C
    assertThat(bias.getArray().toFloatArray())
        .containsExactly(new float[] {-0.45f, -3.9f}, within(1e-6f));
  }

  @Test
  void lars_withoutExclusion_adaptsBiasesToo_andUsesTheRawGradientAtZeroNorm() {
    weight.getArray().set(new float[] {0, 0, 0, 0}); // ||w|| = 0: raw gradient, no decay
    Sgd sgd = sgd(false, 0.02);
    backward();
    sgd.step(0.5);
    assertThat(weight.getArray().toFloatArray())
        .containsExactly(new float[] {-0.5f, -1f, -1f, -2f}, within(1e-6f));
    // ||b|| = sqrt 2, ||c|| = sqrt 5: trust = 0.02 sqrt 2 / (sqrt 5 + 0.1 sqrt 2)
    double trust = 0.02 * Math.sqrt(2) / (Math.sqrt(5) + 0.1 * Math.sqrt(2));
    assertThat(bias.getArray().toFloatArray())
        .containsExactly(
            new float[] {
              (float) (1 - 0.5 * trust * (1 + 0.1)), (float) (-1 - 0.5 * trust * (2 - 0.1))
            },
            within(1e-6f));
  }

  @Test
  void checkpointFormat_isTheMomentumBuffersWhateverTheSettings() throws Exception {
    Sgd lars = sgd(true, 0.02);
    backward();
    lars.step(0.5);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    lars.save(new DataOutputStream(bytes));
    Sgd plain = new Sgd(List.of(weight, bias), 0.9, 0.1);
    plain.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    plain.save(new DataOutputStream(again));
    assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
  }

  @Test
  void settings_followTheKeys() {
    assertThat(Sgd.Settings.of(TrainConfig.defaults())).isEqualTo(Sgd.Settings.sgd(0.9, 1e-4));
    TrainConfig c =
        ConfigLoader.load(
            TrainConfig.defaults(),
            null,
            List.of("optimizer=lars", "weight_decay_exclude=bias-bn", "weight_decay=1e-5"));
    assertThat(Sgd.Settings.of(c)).isEqualTo(new Sgd.Settings(0.9, 1e-5, true, 0.02));
    TrainConfig sgd = ConfigLoader.load(TrainConfig.defaults(), null, List.of("lars_eta=0.001"));
    assertThat(Sgd.Settings.of(sgd).larsEta()).isZero(); // eta only matters with lars
  }

  @Test
  void excludedParametersOfTheNetworks_areExactlyBiasesAndBatchNormScalesAndShifts() {
    MeanShiftNetworks nets =
        MeanShiftNetworks.create(
            manager, new ResNetSpec(18, Stem.CIFAR, 0.125, 1), new HeadSpec(16, 8), 8, 1);
    List<Parameter> trainable = nets.trainableParameters();
    EnumSet<Parameter.Type> biasOrNorm =
        EnumSet.of(Parameter.Type.BIAS, Parameter.Type.GAMMA, Parameter.Type.BETA);
    assertThat(trainable).isNotEmpty();
    for (Parameter p : trainable) {
      assertThat(p.getType())
          .as(p.getName())
          .isNotIn(Parameter.Type.RUNNING_MEAN, Parameter.Type.RUNNING_VAR);
      assertThat(Sgd.isBiasOrNorm(p)).as(p.getName()).isEqualTo(biasOrNorm.contains(p.getType()));
    }
    assertThat(trainable.stream().filter(Sgd::isBiasOrNorm).count()).isPositive();
    assertThat(trainable.stream().filter(p -> !Sgd.isBiasOrNorm(p)).count()).isPositive();
  }
}
