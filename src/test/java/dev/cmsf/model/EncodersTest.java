package dev.cmsf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EncodersTest {

  private static final ResNetSpec SMALL = new ResNetSpec(18, Stem.CIFAR, 0.25, 1);
  private static final Shape INPUT = new Shape(4, 1, 16, 16);

  private NDManager manager;

  @BeforeEach
  void openManager() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  private NDArray forward(Block block, NDArray x, boolean training) {
    return block.forward(new ParameterStore(manager, false), new NDList(x), training).head();
  }

  @Test
  void defaultHeadsAreTwiceAndAQuarterOfTheFeatureSize() {
    assertThat(HeadSpec.defaults(2048)).isEqualTo(new HeadSpec(4096, 512));
    assertThat(HeadSpec.defaults(512)).isEqualTo(new HeadSpec(1024, 128));
  }

  @Test
  void headSpecRejectsEmptyLayers() {
    assertThatThrownBy(() -> new HeadSpec(0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HeadSpec.defaults(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlineEncoderProjectsImagesWithDefaultHeads() {
    EncoderNet encoder = Encoders.online(SMALL);
    encoder.initialize(manager, DataType.FLOAT32, INPUT);
    NDArray projection = forward(encoder, manager.randomNormal(INPUT), true);
    assertThat(projection.getShape()).isEqualTo(new Shape(4, 32));
    assertThat(encoder.getOutputShapes(new Shape[] {INPUT})[0]).isEqualTo(new Shape(4, 32));
  }

  @Test
  void backboneOfAnInitialisedEncoderGivesTheFeaturesItProjects() {
    EncoderNet encoder = Encoders.online(SMALL, 64, 16);
    encoder.initialize(manager, DataType.FLOAT32, INPUT);
    NDArray x = manager.randomNormal(INPUT);
    NDArray features = forward(encoder.backbone(), x, false);
    assertThat(features.getShape()).isEqualTo(new Shape(4, ResNets.featureSize(SMALL)));
    NDArray viaHead = forward(encoder.projection(), features, false);
    NDArray direct = forward(encoder, x, false);
    assertThat(viaHead.getShape()).isEqualTo(new Shape(4, 16));
    assertThat(direct.sub(viaHead).abs().max().getFloat()).isLessThan(1e-5f);
  }

  @Test
  void backboneSharesParametersWithTheEncoder() {
    EncoderNet encoder = Encoders.online(SMALL, 64, 16);
    encoder.initialize(manager, DataType.FLOAT32, INPUT);
    long backboneParams = encoder.backbone().getParameters().size();
    long headParams = encoder.projection().getParameters().size();
    assertThat(encoder.getParameters().size()).isEqualTo((int) (backboneParams + headParams));
    assertThat(encoder.getParameters().values())
        .containsAll(encoder.backbone().getParameters().values());
  }

  @Test
  void savedParametersRestoreAnIdenticalEncoder() throws Exception {
    EncoderNet saved = Encoders.online(SMALL, 64, 16);
    saved.initialize(manager, DataType.FLOAT32, INPUT);
    NDArray x = manager.randomNormal(INPUT);
    forward(saved, x, true); // move the running statistics away from their initial values
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    saved.saveParameters(new DataOutputStream(bytes));
    EncoderNet restored = Encoders.online(SMALL, 64, 16);
    restored.loadParameters(
        manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    NDArray difference = forward(restored, x, false).sub(forward(saved, x, false));
    assertThat(difference.abs().max().getFloat()).isZero();
  }

  @Test
  void predictorMapsProjectionsToProjections() {
    Block predictor = Encoders.predictor(new HeadSpec(64, 16));
    predictor.initialize(manager, DataType.FLOAT32, new Shape(4, 16));
    NDArray out = forward(predictor, manager.randomNormal(new Shape(4, 16)), true);
    assertThat(out.getShape()).isEqualTo(new Shape(4, 16));
  }

  @Test
  void encodersOfOneSpecListTheSameParametersInTheSameOrder() {
    EncoderNet online = Encoders.online(SMALL);
    EncoderNet target = Encoders.online(SMALL);
    online.initialize(manager, DataType.FLOAT32, INPUT);
    target.initialize(manager, DataType.FLOAT32, INPUT);
    assertThat(target.getParameters().keys()).isEqualTo(online.getParameters().keys());
    for (int i = 0; i < online.getParameters().size(); i++) {
      assertThat(target.getParameters().valueAt(i).getShape())
          .isEqualTo(online.getParameters().valueAt(i).getShape());
    }
  }
}
