package dev.cmsf.method.paws;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The PAWS loss (METHOD.md section 2.5; Assran et al., "Semi-Supervised Learning of Visual
 * Features by Non-Parametrically Predicting View Assignments with Support Samples", ICCV 2021),
 * written from {@code facebookresearch/suncet}, {@code src/losses.py} ({@code init_paws_loss}:
 * {@code sharpen}, {@code snn}, {@code loss}; {@code make_labels_matrix}) and the call in {@code
 * src/paws_train.py} ({@code train_step}, "Step 2. determine anchor views/supports and their
 * corresponding target views/supports").
 *
 * <p>For B unlabelled images with two large views and m small crops each, and S support views
 * with K classes:
 *
 * <pre>
 *   snn(q, s, y)  = softmax(normalize(q) . normalize(s)^T / tau) @ y          (rows sum to 1)
 *   sharpen(p)    = p^(1/T) / sum_k p_k^(1/T)
 *   p             = snn(anchor views, anchor supports, y)                     ((2+m)B, K), with gradient
 *   t             = sharpen(snn(the OTHER large view, target supports, y))   (2B, K), gradient stopped
 *   t_crop        = (t_view1 + t_view2) / 2, for each of the m crops of an image
 *   t             = t * [t &gt;= 1e-4]                                          (the reference's floor)
 *   crossEntropy  = mean over the (2+m)B anchor rows of  -sum_k t_k log p_k
 *   meMax         = sum_k pbar_k log pbar_k = -H(pbar),  pbar = mean over rows of sharpen(p)
 *   loss          = crossEntropy + meMax
 * </pre>
 *
 * <p>The mean prediction of the me-max term is that of the <em>sharpened</em> anchor predictions,
 * with gradient, as in the reference ({@code avg_probs = mean(sharpen(probs))}); METHOD.md says
 * "the mean prediction" without saying which. The support embeddings of the anchors carry
 * gradients too (the reference's {@code anchor_supports = z[:num_support]}); only the target
 * branch is stopped, and it is stopped here, so a caller may pass the very arrays it passes as
 * anchors.
 *
 * <p>{@code log p} is taken of {@code max(p, Float.MIN_NORMAL)}: the reference computes {@code
 * log(p^(-t))}, which is 0 where a zero target meets a zero prediction; {@code t * log(max(p,
 * tiny))} is the same 0 there instead of {@code 0 * -inf = NaN}. With label smoothing every
 * {@code p_k >= smoothing / K}, so the floor only matters without smoothing.
 */
public final class PawsLoss {
  /** Target probabilities below this are zeroed ("numerical stability" in the reference). */
  public static final double TARGET_FLOOR = 1e-4;

  private final double temperature;
  private final double sharpen;
  private final boolean meMax;

  /**
   * Creates the loss.
   *
   * @param temperature tau of the soft nearest-neighbour softmax (0.1 in the reference)
   * @param sharpen temperature T of the target sharpening (0.25 in the reference)
   * @param meMax whether to add the mean-entropy-maximisation term (true in the reference)
   */
  public PawsLoss(double temperature, double sharpen, boolean meMax) {
    if (!(temperature > 0) || !(sharpen > 0)) {
      throw new IllegalArgumentException(
          "PAWS temperatures must be positive, got tau " + temperature + ", T " + sharpen);
    }
    this.temperature = temperature;
    this.sharpen = sharpen;
    this.meMax = meMax;
  }

  /** The loss with the settings' temperatures and me-max switch. */
  public static PawsLoss of(PawsSettings settings) {
    return new PawsLoss(settings.tau(), settings.sharpen(), settings.meMax());
  }

  /**
   * The loss of one step and its two parts.
   *
   * @param loss scalar {@code crossEntropy + meMax}, to back-propagate
   * @param crossEntropy scalar mean cross-entropy {@code H(t, p)} over anchor rows
   * @param meMax scalar {@code -H(pbar)} (0 when the term is off)
   */
  public record Result(NDArray loss, NDArray crossEntropy, NDArray meMax) {}

  /**
   * Computes the loss.
   *
   * @param anchorViews ((2 + m) B, P) unnormalised projections of the unlabelled views, with
   *     gradients: rows [0, B) the first large view, [B, 2B) the second, then m blocks of B rows,
   *     one per small crop, image i at row i of every block
   * @param anchorSupports (S, P) unnormalised projections of the support views, with gradients
   * @param targetViews (2B, P) projections the targets are predicted from, in the order of the
   *     first 2B anchor rows (without a prediction head: the same rows as the anchors); each
   *     anchor's target is the prediction of its image's <em>other</em> large view. Its gradient
   *     is stopped here.
   * @param targetSupports (S, P) support projections of the target branch; gradient stopped here
   * @param supportLabels (S, K) label rows of the supports ({@link #labelMatrix})
   */
  public Result compute(
      NDArray anchorViews,
      NDArray anchorSupports,
      NDArray targetViews,
      NDArray targetSupports,
      NDArray supportLabels) {
    int views = checkedViews(anchorViews, targetViews);
    long b = targetViews.getShape().get(0) / 2;
    NDArray probs = snn(anchorViews, anchorSupports, supportLabels); // ((2+m)B, K)
    NDArray targets = targets(targetViews, targetSupports, supportLabels, b, views - 2);
    NDArray logProbs = probs.maximum(Float.MIN_NORMAL).log();
    NDArray crossEntropy = targets.mul(logProbs).sum(new int[] {1}).mean().neg();
    NDArray regulariser =
        meMax ? negativeEntropyOfMean(probs) : crossEntropy.getManager().create(0f);
    return new Result(crossEntropy.add(regulariser), crossEntropy, regulariser);
  }

  /**
   * Sharpened predictions of the other large view, averaged over the two for the small crops,
   * floored; computed without gradient. ((2+m)B, K).
   */
  private NDArray targets(
      NDArray targetViews, NDArray targetSupports, NDArray labels, long b, int crops) {
    NDArray views = targetViews.stopGradient();
    // "the other view": row i of view 1 is predicted from row i of view 2, and back
    NDArray swapped = views.get(b + ":").concat(views.get(":" + b), 0);
    NDArray sharp = sharpen(snn(swapped, targetSupports.stopGradient(), labels.stopGradient()));
    if (crops > 0) {
      NDArray crop = sharp.get(":" + b).add(sharp.get(b + ":")).mul(0.5f); // (B, K)
      NDList all = new NDList(sharp);
      for (int c = 0; c < crops; c++) {
        all.add(crop);
      }
      sharp = NDArrays.concat(all, 0);
    }
    NDArray kept = sharp.gte(TARGET_FLOOR).toType(DataType.FLOAT32, false);
    return sharp.mul(kept).stopGradient();
  }

  /** {@code sum_k pbar_k log pbar_k} with {@code pbar} the mean of the sharpened predictions. */
  private NDArray negativeEntropyOfMean(NDArray probs) {
    NDArray mean = sharpen(probs).mean(new int[] {0}); // (K)
    return mean.mul(mean.maximum(Float.MIN_NORMAL).log()).sum();
  }

  /**
   * The soft nearest-neighbour classifier: {@code softmax(normalize(q) . normalize(s)^T / tau) @
   * y}, (N, K) rows of class probabilities.
   *
   * @param queries (N, P) unnormalised
   * @param supports (S, P) unnormalised
   * @param labels (S, K)
   */
  public NDArray snn(NDArray queries, NDArray supports, NDArray labels) {
    NDArray q = queries.normalize(2, 1);
    NDArray s = supports.normalize(2, 1);
    return q.matMul(s.transpose()).div(temperature).softmax(1).matMul(labels);
  }

  /** {@code p^(1/T) / sum_k p_k^(1/T)}, row by row. */
  public NDArray sharpen(NDArray probs) {
    NDArray sharp = probs.pow(1.0 / sharpen);
    return sharp.div(sharp.sum(new int[] {1}, true));
  }

  private static int checkedViews(NDArray anchorViews, NDArray targetViews) {
    long anchors = anchorViews.getShape().get(0);
    long targets = targetViews.getShape().get(0);
    if (targets < 2
        || targets % 2 != 0
        || anchors % (targets / 2) != 0
        || anchors / (targets / 2) < 2) {
      throw new IllegalArgumentException(
          "PAWS needs (2 + m) B anchor rows for 2B target rows, got "
              + anchors
              + " anchors and "
              + targets
              + " targets");
    }
    return (int) (anchors / (targets / 2));
  }

  /**
   * Support label rows with label smoothing as the reference's {@code make_labels_matrix} (one
   * process, {@code unique_classes} false): {@code smoothing / K} everywhere, plus {@code 1 -
   * smoothing} at the image's class, so each row sums to 1: {@code (1 - eps) onehot + eps / K}.
   * The row order is the caller's: one row per support view, in the order of the support
   * embeddings.
   *
   * @param classes class of each support view, in [0, K)
   * @param numClasses K
   * @param smoothing eps in [0, 1)
   * @return (S, K) float32
   */
  public static NDArray labelMatrix(
      NDManager manager, int[] classes, int numClasses, double smoothing) {
    if (!(smoothing >= 0 && smoothing < 1)) {
      throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + smoothing);
    }
    float off = (float) (smoothing / numClasses);
    float on = (float) (1 - smoothing + smoothing / numClasses);
    float[] rows = new float[classes.length * numClasses];
    java.util.Arrays.fill(rows, off);
    for (int i = 0; i < classes.length; i++) {
      if (classes[i] < 0 || classes[i] >= numClasses) {
        throw new IllegalArgumentException(
            "support view "
                + i
                + " has class "
                + classes[i]
                + ", expected [0, "
                + numClasses
                + ")");
      }
      rows[i * numClasses + classes[i]] = on;
    }
    return manager.create(rows, new Shape(classes.length, numClasses));
  }
}
