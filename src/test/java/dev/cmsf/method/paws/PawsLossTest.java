package dev.cmsf.method.paws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PAWS loss against examples computed here with plain doubles ({@link Plain}), written from
 * the formulas of METHOD.md section 2.5 and suncet's {@code src/losses.py}, not from the class
 * under test.
 */
class PawsLossTest {
  private static final double TAU = 0.1;
  private static final double T = 0.25;

  private NDManager manager;
  private final PawsLoss loss = new PawsLoss(TAU, T, true);

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  // ---- plain-double reference ------------------------------------------------------------

  /** The PAWS formulas on double matrices, independent of DJL. */
  static final class Plain {
    private Plain() {}

    static double[][] normalize(double[][] x) {
      double[][] out = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        double norm = 0;
        for (double v : x[i]) {
          norm += v * v;
        }
        norm = Math.sqrt(norm);
        out[i] = new double[x[i].length];
        for (int j = 0; j < x[i].length; j++) {
          out[i][j] = x[i][j] / norm;
        }
      }
      return out;
    }

    static double[][] snn(double[][] queries, double[][] supports, double[][] labels, double tau) {
      double[][] q = normalize(queries);
      double[][] s = normalize(supports);
      int k = labels[0].length;
      double[][] p = new double[q.length][k];
      for (int i = 0; i < q.length; i++) {
        double[] logits = new double[s.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < s.length; j++) {
          double dot = 0;
          for (int d = 0; d < q[i].length; d++) {
            dot += q[i][d] * s[j][d];
          }
          logits[j] = dot / tau;
          max = Math.max(max, logits[j]);
        }
        double z = 0;
        for (int j = 0; j < s.length; j++) {
          logits[j] = Math.exp(logits[j] - max);
          z += logits[j];
        }
        for (int j = 0; j < s.length; j++) {
          for (int c = 0; c < k; c++) {
            p[i][c] += logits[j] / z * labels[j][c];
          }
        }
      }
      return p;
    }

    static double[][] sharpen(double[][] p, double t) {
      double[][] out = new double[p.length][];
      for (int i = 0; i < p.length; i++) {
        out[i] = new double[p[i].length];
        double sum = 0;
        for (int c = 0; c < p[i].length; c++) {
          out[i][c] = Math.pow(p[i][c], 1 / t);
          sum += out[i][c];
        }
        for (int c = 0; c < p[i].length; c++) {
          out[i][c] /= sum;
        }
      }
      return out;
    }

    /** Targets: the other large view's sharpened prediction, crops the mean of both, floored. */
    static double[][] targets(
        double[][] targetViews, double[][] supports, double[][] labels, int crops) {
      int b = targetViews.length / 2;
      double[][] swapped = new double[2 * b][];
      for (int i = 0; i < b; i++) {
        swapped[i] = targetViews[b + i];
        swapped[b + i] = targetViews[i];
      }
      double[][] sharp = sharpen(snn(swapped, supports, labels, TAU), T);
      double[][] all = new double[(2 + crops) * b][];
      for (int r = 0; r < 2 * b; r++) {
        all[r] = sharp[r].clone();
      }
      for (int c = 0; c < crops; c++) {
        for (int i = 0; i < b; i++) {
          double[] mean = new double[sharp[i].length];
          for (int k = 0; k < mean.length; k++) {
            mean[k] = 0.5 * (sharp[i][k] + sharp[b + i][k]);
          }
          all[(2 + c) * b + i] = mean;
        }
      }
      for (double[] row : all) {
        for (int k = 0; k < row.length; k++) {
          row[k] = row[k] < 1e-4 ? 0 : row[k];
        }
      }
      return all;
    }

    static double crossEntropy(double[][] targets, double[][] probs) {
      double sum = 0;
      for (int i = 0; i < probs.length; i++) {
        for (int k = 0; k < probs[i].length; k++) {
          sum -= targets[i][k] == 0 ? 0 : targets[i][k] * Math.log(probs[i][k]);
        }
      }
      return sum / probs.length;
    }

    /** -H(mean of the sharpened predictions). */
    static double meMax(double[][] probs) {
      double[][] sharp = sharpen(probs, T);
      double h = 0;
      for (int k = 0; k < sharp[0].length; k++) {
        double mean = 0;
        for (double[] row : sharp) {
          mean += row[k] / sharp.length;
        }
        h -= mean * Math.log(mean);
      }
      return -h;
    }

    /** The whole loss with the given targets. */
    static double loss(
        double[][] anchors, double[][] supports, double[][] labels, double[][] targets) {
      double[][] p = snn(anchors, supports, labels, TAU);
      return crossEntropy(targets, p) + meMax(p);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  private NDArray nd(double[][] rows) {
    float[] flat = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows[i].length; j++) {
        flat[i * rows[i].length + j] = (float) rows[i][j];
      }
    }
    return manager.create(flat, new Shape(rows.length, rows[0].length));
  }

  private static double[][] plain(NDArray array) {
    float[] flat = array.toFloatArray();
    int rows = (int) array.getShape().get(0);
    int cols = (int) array.getShape().get(1);
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i][j] = flat[i * cols + j];
      }
    }
    return out;
  }

  private static double[][] smoothed(int[] classes, int k, double eps) {
    double[][] y = new double[classes.length][k];
    for (int i = 0; i < classes.length; i++) {
      for (int c = 0; c < k; c++) {
        y[i][c] = eps / k + (c == classes[i] ? 1 - eps : 0);
      }
    }
    return y;
  }

  /** Unit vector at {@code degrees} in the plane, scaled by {@code length}. */
  private static double[] at(double degrees, double length) {
    double r = Math.toRadians(degrees);
    return new double[] {length * Math.cos(r), length * Math.sin(r)};
  }

  // Two unlabelled images (two views each), three supports of two classes, in 3-D.
  private static final double[][] VIEWS = {
    {1.0, 0.2, -0.1}, {0.1, 0.9, 0.3}, // view 1 of images 0, 1
    {0.8, 0.5, 0.0}, {-0.2, 1.1, 0.4}, // view 2 of images 0, 1
  };
  private static final double[][] SUPPORTS = {{1.0, 0.0, 0.1}, {0.3, 1.0, 0.0}, {0.6, 0.6, 0.5}};
  private static final int[] SUPPORT_CLASSES = {0, 1, 1};

  // ---- tests -----------------------------------------------------------------------------

  @Test
  void labelMatrix_isOneMinusEpsOnTheClassPlusEpsOverKEverywhere() {
    NDArray y = PawsLoss.labelMatrix(manager, new int[] {2, 0}, 4, 0.1);

    // suncet make_labels_matrix: off = 0.1 / 4 = 0.025, on = 1 - 0.1 + 0.025 = 0.925
    assertThat(y.getShape()).isEqualTo(new Shape(2, 4));
    assertThat(y.toFloatArray())
        .containsExactly(
            new float[] {0.025f, 0.025f, 0.925f, 0.025f, 0.925f, 0.025f, 0.025f, 0.025f},
            within(1e-7f));
  }

  @Test
  void labelMatrix_refusesAClassOutOfRange() {
    assertThatThrownBy(() -> PawsLoss.labelMatrix(manager, new int[] {3}, 3, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class 3");
  }

  @Test
  void snn_isTheSoftmaxOfCosinesOverTauTimesTheSmoothedLabels_byHand() {
    // supports at 0 and 90 degrees (lengths 2 and 0.5: normalised first), classes 0 and 1
    NDArray supports = nd(new double[][] {at(0, 2), at(90, 0.5)});
    NDArray labels = PawsLoss.labelMatrix(manager, new int[] {0, 1}, 2, 0.1);
    NDArray query = nd(new double[][] {at(0, 3)});

    float[] p = loss.snn(query, supports, labels).toFloatArray();

    // cosines 1 and 0 -> logits 10 and 0 -> weights e^10 / (e^10 + 1) and 1 / (e^10 + 1)
    double w0 = Math.exp(10) / (Math.exp(10) + 1);
    double w1 = 1 / (Math.exp(10) + 1);
    assertThat(p[0]).isCloseTo((float) (w0 * 0.95 + w1 * 0.05), within(1e-6f));
    assertThat(p[1]).isCloseTo((float) (w0 * 0.05 + w1 * 0.95), within(1e-6f));
  }

  @Test
  void sharpen_raisesToOneOverTAndRenormalises_byHand() {
    float[] sharp = loss.sharpen(nd(new double[][] {{0.6, 0.4}})).toFloatArray();

    // 0.6^4 = 0.1296, 0.4^4 = 0.0256, sum 0.1552
    assertThat(sharp)
        .containsExactly(new float[] {0.1296f / 0.1552f, 0.0256f / 0.1552f}, within(1e-6f));
  }

  @Test
  void loss_matchesTheFormulasComputedInDoubles() {
    double[][] y = smoothed(SUPPORT_CLASSES, 2, 0.1);
    NDArray labels = PawsLoss.labelMatrix(manager, SUPPORT_CLASSES, 2, 0.1);

    PawsLoss.Result r = loss.compute(nd(VIEWS), nd(SUPPORTS), nd(VIEWS), nd(SUPPORTS), labels);

    double[][] targets = Plain.targets(VIEWS, SUPPORTS, y, 0);
    double[][] p = Plain.snn(VIEWS, SUPPORTS, y, TAU);
    double ce = Plain.crossEntropy(targets, p);
    double me = Plain.meMax(p);
    assertThat(r.crossEntropy().getFloat()).isCloseTo((float) ce, within(1e-5f));
    assertThat(r.meMax().getFloat()).isCloseTo((float) me, within(1e-5f));
    assertThat(r.loss().getFloat()).isCloseTo((float) (ce + me), within(1e-5f));
    // me-max is minus an entropy: between -log K and 0
    assertThat(me).isBetween(-Math.log(2), 0.0);
  }

  @Test
  void targets_comeFromTheOtherView_notTheAnchorsOwn() {
    // image 0's two views are far apart: its view-1 anchor must be pulled to view 2's prediction
    double[][] views = {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {1, 0, 0}};
    double[][] supports = {{1, 0, 0}, {0, 1, 0}};
    int[] classes = {0, 1};
    double[][] y = smoothed(classes, 2, 0.1);

    PawsLoss.Result r =
        loss.compute(
            nd(views),
            nd(supports),
            nd(views),
            nd(supports),
            PawsLoss.labelMatrix(manager, classes, 2, 0.1));

    double[][] p = Plain.snn(views, supports, y, TAU);
    double[][] own = Plain.sharpen(p, T); // targets from the anchor's own view, for contrast
    double swapped = Plain.crossEntropy(Plain.targets(views, supports, y, 0), p);
    assertThat(r.crossEntropy().getFloat()).isCloseTo((float) swapped, within(1e-5f));
    assertThat(swapped).isGreaterThan(Plain.crossEntropy(own, p) + 1);
  }

  @Test
  void multicrop_cropsAreTrainedTowardsTheMeanOfTheTwoLargeViewsTargets() {
    double[][] crops = {{0.9, 0.4, 0.2}, {0.0, 1.0, 0.1}, {1.2, -0.1, 0.3}, {0.3, 0.7, -0.2}};
    double[][] anchors = new double[8][];
    System.arraycopy(VIEWS, 0, anchors, 0, 4);
    System.arraycopy(crops, 0, anchors, 4, 4); // two crops of the two images
    double[][] y = smoothed(SUPPORT_CLASSES, 2, 0.1);

    PawsLoss.Result r =
        loss.compute(
            nd(anchors),
            nd(SUPPORTS),
            nd(VIEWS),
            nd(SUPPORTS),
            PawsLoss.labelMatrix(manager, SUPPORT_CLASSES, 2, 0.1));

    double[][] targets = Plain.targets(VIEWS, SUPPORTS, y, 2);
    double[][] p = Plain.snn(anchors, SUPPORTS, y, TAU);
    double expected = Plain.crossEntropy(targets, p) + Plain.meMax(p);
    assertThat(r.loss().getFloat()).isCloseTo((float) expected, within(1e-5f));
    // the cross-entropy is a mean over all (2 + m) B = 8 anchor rows
    assertThat(r.crossEntropy().getFloat())
        .isCloseTo((float) Plain.crossEntropy(targets, p), within(1e-5f));
  }

  @Test
  void targetsBelowTheFloor_areZeroed() {
    // one support per class at 0 and 90 degrees; views at 0 degrees: sharpened targets
    // [1 - 7.7e-6, 7.7e-6], below 1e-4, so the second target is exactly 0
    double[][] views = {at(0, 1), at(0, 1)};
    double[][] supports = {at(0, 1), at(90, 1)};
    double[][] y = smoothed(new int[] {0, 1}, 2, 0.1);
    double[][] targets = Plain.targets(views, supports, y, 0);
    assertThat(targets[0][1]).isZero();

    PawsLoss.Result r =
        new PawsLoss(TAU, T, false)
            .compute(
                nd(views),
                nd(supports),
                nd(views),
                nd(supports),
                PawsLoss.labelMatrix(manager, new int[] {0, 1}, 2, 0.1));

    double[][] p = Plain.snn(views, supports, y, TAU);
    // only the kept target counts: -t_0 log p_0, with t_0 = 1 - 7.7e-6 not renormalised
    double unfloored = Plain.sharpen(p, T)[0][0];
    assertThat(r.crossEntropy().getFloat())
        .isCloseTo((float) (-unfloored * Math.log(p[0][0])), within(1e-6f));
  }

  @Test
  void withoutMeMax_theLossIsTheCrossEntropy() {
    PawsLoss.Result r =
        new PawsLoss(TAU, T, false)
            .compute(
                nd(VIEWS),
                nd(SUPPORTS),
                nd(VIEWS),
                nd(SUPPORTS),
                PawsLoss.labelMatrix(manager, SUPPORT_CLASSES, 2, 0.1));

    assertThat(r.meMax().getFloat()).isZero();
    assertThat(r.loss().getFloat()).isEqualTo(r.crossEntropy().getFloat());
  }

  @Test
  void mismatchedRows_areRefused() {
    NDArray labels = PawsLoss.labelMatrix(manager, SUPPORT_CLASSES, 2, 0.1);
    NDArray three = nd(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});

    assertThatThrownBy(() -> loss.compute(three, nd(SUPPORTS), three, nd(SUPPORTS), labels))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2B target rows");
  }

  /** Gradients of the loss when anchors and targets are the very same arrays. */
  private double[][][] gradients(double[][] views, double[][] supports) {
    NDArray v = nd(views);
    NDArray s = nd(supports);
    v.setRequiresGradient(true);
    s.setRequiresGradient(true);
    NDArray labels = PawsLoss.labelMatrix(manager, SUPPORT_CLASSES, 2, 0.1);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(loss.compute(v, s, v, s, labels).loss());
    }
    return new double[][][] {plain(v.getGradient()), plain(s.getGradient())};
  }

  /** Central finite difference of {@code f} in every coordinate of {@code x}. */
  private static double[][] numeric(double[][] x, ToDoubleFunction<double[][]> f) {
    double h = 1e-5;
    double[][] grad = new double[x.length][x[0].length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        double[][] plus = copy(x);
        double[][] minus = copy(x);
        plus[i][j] += h;
        minus[i][j] -= h;
        grad[i][j] = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (2 * h);
      }
    }
    return grad;
  }

  private static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }

  private static double maxAbsDifference(double[][] a, double[][] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return max;
  }

  @Test
  void gradient_isStoppedThroughTheTargets_evenWhenTheyAreTheAnchorArrays() {
    double[][] y = smoothed(SUPPORT_CLASSES, 2, 0.1);
    double[][] frozen = Plain.targets(VIEWS, SUPPORTS, y, 0);

    double[][][] autograd = gradients(VIEWS, SUPPORTS);

    // finite differences with the targets held at their values: what a stopped gradient means
    double[][] viewsStopped = numeric(VIEWS, v -> Plain.loss(v, SUPPORTS, y, frozen));
    double[][] supportsStopped = numeric(SUPPORTS, s -> Plain.loss(VIEWS, s, y, frozen));
    assertThat(maxAbsDifference(autograd[0], viewsStopped)).isLessThan(2e-3);
    assertThat(maxAbsDifference(autograd[1], supportsStopped)).isLessThan(2e-3);
    // and the test can tell: through the targets the gradient is clearly another one
    double[][] viewsThrough =
        numeric(VIEWS, v -> Plain.loss(v, SUPPORTS, y, Plain.targets(v, SUPPORTS, y, 0)));
    assertThat(maxAbsDifference(viewsThrough, viewsStopped)).isGreaterThan(0.05);
  }

  @Test
  void aSmallGradientStep_lowersTheLossAtFixedTargets() {
    double[][] y = smoothed(SUPPORT_CLASSES, 2, 0.1);
    double[][] frozen = Plain.targets(VIEWS, SUPPORTS, y, 0);
    double[][][] grad = gradients(VIEWS, SUPPORTS);
    double lr = 0.01;
    double[][] views = copy(VIEWS);
    double[][] supports = copy(SUPPORTS);
    for (int i = 0; i < views.length; i++) {
      for (int j = 0; j < views[i].length; j++) {
        views[i][j] -= lr * grad[0][i][j];
      }
    }
    for (int i = 0; i < supports.length; i++) {
      for (int j = 0; j < supports[i].length; j++) {
        supports[i][j] -= lr * grad[1][i][j];
      }
    }

    double before = Plain.loss(VIEWS, SUPPORTS, y, frozen);
    double after = Plain.loss(views, supports, y, frozen);

    assertThat(after).isLessThan(before - 1e-4);
  }
}
