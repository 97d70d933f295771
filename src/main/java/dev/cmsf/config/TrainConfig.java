package dev.cmsf.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run depends on, as plain data with one flat set of defaults.
 *
 * <p>Defaults follow METHOD.md section 1 (optimiser, EMA, heads) and, where the paper trains on
 * ImageNet, the small Fashion-MNIST configuration of the core benchmark: CIFAR-stem ResNet-18 at
 * width 0.5, batch 256, bank 4096. Keys are snake_case in YAML and {@code --set}.
 *
 * <p>The optimisation options of published BYOL recipes ({@code ema_schedule}, {@code
 * warmup_epochs}, {@code schedule_unit}, {@code weight_decay_exclude}, {@code optimizer}, {@code
 * lars_eta}, {@code lr_scaling_batch}; docs/optimisation.md) default to the reference's
 * behaviour: constant EMA, no warm-up, the rate fixed per epoch, weight decay on every
 * parameter, SGD, {@code lr} absolute.
 *
 * @param method training method: {@code byol}, {@code msf}, {@code cmsf-2q}, {@code cmsf-km},
 *     {@code cmsf-sup}, {@code cmsf-semi} or {@code xent} (see {@code MethodRegistry})
 * @param dataset data set name: {@code fashion-mnist}, {@code cifar10}, {@code cifar100} or
 *     {@code imagefolder}
 * @param data directory of the data set files; empty for the data set's default location
 * @param limit train on the first N training images only; 0 = all
 * @param epochs number of epochs
 * @param batchSize images per step
 * @param bankSize rows of the memory bank (any size >= batch size; no divisibility needed)
 * @param k neighbours per query; 0 = the method's default; {@code all} (stored as {@link
 *     #K_ALL}) = every allowed row, top-all (label-constrained methods)
 * @param alpha weight of the unconstrained MSF loss; negative = the method's default
 * @param arch backbone: resnet18, resnet34 or resnet50
 * @param stem {@code cifar} (3x3, no pool), {@code imagenet} (7x7 + pool) or {@code auto}
 *     (cifar for images of at most 64 px)
 * @param width channel width multiplier of the backbone
 * @param hidden hidden width of projection and predictor MLPs; 0 = 2F
 * @param projection output width of projection and predictor; 0 = F/4
 * @param emaMomentum target EMA momentum m in theta_t = m theta_t + (1 - m) theta_q (the start
 *     value with {@code ema_schedule: cosine})
 * @param lr base learning rate (absolute unless {@code lr_scaling_batch} is set)
 * @param sgdMomentum SGD momentum
 * @param weightDecay SGD weight decay (every parameter, as the reference, unless {@code
 *     weight_decay_exclude})
 * @param schedule learning-rate schedule: {@code cosine} (per epoch, or per step with {@code
 *     schedule_unit}) or {@code step}
 * @param lrSteps epochs after which the step schedule multiplies the rate by {@code lrDecay}
 * @param lrDecay factor of the step schedule
 * @param views {@code weak-strong} (online strong, target weak) or {@code strong-strong}
 * @param imageSize side of the augmented views; 0 = the data set's image size
 * @param seed seed of everything random (weights, data order, augmentation)
 * @param device {@code cpu}, {@code gpu} or {@code auto}
 * @param workers decode-and-augment threads; 0 = the cores the model leaves free (all but
 *     {@code threads}, all but one on a GPU), at least 1
 * @param prefetch batches prepared ahead of the training step
 * @param threads intra-op threads of the engine; 0 = engine default
 * @param logEvery write step metrics every N steps
 * @param knnEvery evaluate kNN every N epochs; 0 = only at the end
 * @param knnTrainLimit reference images of every kNN evaluation (the first N of the train
 *     split); 0 = the whole split
 * @param knnTestLimit query images of every kNN evaluation (the first N of the test split);
 *     0 = the whole split
 * @param knnK neighbour counts reported by kNN
 * @param knnTemperature temperature of the weighted kNN vote
 * @param evalBatchSize images per forward pass when extracting features
 * @param methodKeys the keys that belong to one method ({@code k_prime} of CMSF-2Q, {@code
 *     km_*} of CMSF-KM, {@code conf_th} and {@code labelled_per_batch} of CMSF-semi), each
 *     declared with its default and checks in its method's own file
 * @param labelNoise supervised methods: fraction of training labels replaced by a uniformly
 *     drawn wrong class (seeded)
 * @param labelled semi-supervised: the labelled training images, as a per-class fraction in (0,
 *     1] (e.g. {@code 0.1}, seeded, at least one image per class) or the path of a file of image
 *     names, one per line; empty = none
 * @param keepCheckpoints newest checkpoints kept (the best by kNN is kept as well), at least 1
 * @param checkpointEvery write a mid-epoch checkpoint every N steps; 0 = at the end of each
 *     epoch only
 * @param precision arithmetic of the networks: {@code fp32}, {@code bf16} (encoder
 *     convolutions in bfloat16), or {@code auto}: bf16 on a CPU with native bf16 (AVX-512 BF16
 *     or AMX), fp32 elsewhere and on GPUs; a run records what it resolved. {@code fp16} is
 *     refused with the reason (docs/performance.md)
 * @param valFraction flat image folders ({@code ROOT/<class>/}): fraction of each class held out
 *     as the validation split (seeded); 0 with {@code ROOT/train/} and {@code ROOT/val/}
 * @param subsetClasses train and evaluate on this many seeded random classes; 0 = all
 * @param evalResize evaluation view: shorter side resized to this; 0 = eval_crop for data sets
 *     of equal-size images, eval_crop * 8/7 for image folders (ImageNet's 256 for 224)
 * @param evalCrop evaluation view: center crop side; 0 = the training view size
 * @param strict image folders: abort on an unreadable image instead of skipping it with a
 *     warning
 * @param channels image folders: 3 (RGB) or 1 (grayscale) channels to convert every image to
 * @param emaSchedule target EMA momentum over the run: {@code constant} (m = ema_momentum every
 *     step, the reference) or {@code cosine} (BYOL: m_k = 1 - (1 - ema_momentum) (cos(pi k / K)
 *     + 1) / 2 at global step k of the run's K steps, rising to 1)
 * @param warmupEpochs linear learning-rate warm-up over the first N (fractional) epochs, per
 *     step; 0 = none (the reference)
 * @param scheduleUnit {@code epoch} (the rate is fixed within an epoch, the reference) or
 *     {@code step} (the cosine is evaluated at every step with fractional epoch progress)
 * @param weightDecayExclude {@code none} (every parameter decays, the reference) or {@code
 *     bias-bn} (no weight decay, nor LARS adaptation, on biases and BatchNorm gamma/beta: the
 *     1-D parameters)
 * @param optimizer {@code sgd} (the reference) or {@code lars} (SGD with LARS trust ratios)
 * @param larsEta LARS trust coefficient eta (solo-learn's BYOL: 0.02)
 * @param lrScalingBatch 0 = {@code lr} is absolute (the reference); N > 0 = the rate is {@code
 *     lr * batch_size / N} (linear scaling, e.g. 128 for BYOL's CIFAR recipe)
 * @param checkpointMinutes write a mid-epoch checkpoint once this many minutes of wall time
 *     have passed since the last one, so a kill loses at most that much training; 0 = off
 *     (docs/long-runs.md)
 * @param viewRecipe defaults of both training views: {@code auto}, {@code paper} or {@code
 *     small-grayscale} ({@link ViewRecipe}); a run records the recipe it resolved
 * @param strongView keys of the strong (online) view, empty ones from the recipe
 * @param weakView keys of the weak (target) view, empty ones from the recipe
 */
@JsonPropertyOrder(alphabetic = false)
public record TrainConfig(
    String method,
    String dataset,
    String data,
    int limit,
    int epochs,
    int batchSize,
    int bankSize,
    int k,
    double alpha,
    String arch,
    String stem,
    double width,
    int hidden,
    int projection,
    double emaMomentum,
    double lr,
    double sgdMomentum,
    double weightDecay,
    String schedule,
    List<Integer> lrSteps,
    double lrDecay,
    String views,
    int imageSize,
    long seed,
    String device,
    int workers,
    int prefetch,
    int threads,
    int logEvery,
    int knnEvery,
    int knnTrainLimit,
    int knnTestLimit,
    List<Integer> knnK,
    double knnTemperature,
    int evalBatchSize,
    MethodKeys methodKeys,
    double labelNoise,
    String labelled,
    int keepCheckpoints,
    int checkpointEvery,
    String precision,
    double valFraction,
    int subsetClasses,
    int evalResize,
    int evalCrop,
    boolean strict,
    int channels,
    String emaSchedule,
    double warmupEpochs,
    String scheduleUnit,
    String weightDecayExclude,
    String optimizer,
    double larsEta,
    int lrScalingBatch,
    double checkpointMinutes,
    String viewRecipe,
    ViewConfig strongView,
    ViewConfig weakView) {

  /** The value of {@code k} for {@code k: all} (top-all, METHOD.md section 2.4). */
  public static final int K_ALL = -1;

  /** The defaults of every key. */
  public static TrainConfig defaults() {
    return new TrainConfig(
        "msf",
        "fashion-mnist",
        "",
        0,
        10,
        256,
        4096,
        0,
        -1,
        "resnet18",
        "auto",
        0.5,
        0,
        0,
        0.99,
        0.05,
        0.9,
        1e-4,
        "cosine",
        List.of(),
        0.2,
        "weak-strong",
        0,
        0,
        "auto",
        0,
        4,
        0,
        10,
        1,
        0,
        0,
        List.of(1, 20),
        0.07,
        256,
        MethodKeys.defaults(),
        0.0,
        "",
        3,
        0,
        "fp32",
        0.0,
        0,
        0,
        0,
        false,
        3,
        "constant",
        0.0,
        "epoch",
        "none",
        "sgd",
        0.02,
        0,
        10.0,
        ViewRecipe.AUTO,
        ViewConfig.unset(),
        ViewConfig.unset());
  }

  /** The keys of one method ({@link MethodKeys}), such as CMSF-2Q's. */
  public <T extends MethodKeys.Section> T keys(Class<T> type) {
    return methodKeys.get(type);
  }

  /** This configuration with another {@code precision} (a resolved {@code auto}). */
  public TrainConfig withPrecision(String resolved) {
    return ConfigLoader.with(this, Map.of("precision", resolved));
  }

  /** This configuration with other view settings. */
  public TrainConfig withViews(String recipe, ViewConfig strong, ViewConfig weak) {
    return ConfigLoader.with(
        this, Map.of("view_recipe", recipe, "strong_view", strong, "weak_view", weak));
  }
}
