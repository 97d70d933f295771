package dev.cmsf.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.data.Batch;
import dev.cmsf.data.BatchLoader;
import dev.cmsf.data.EpochOrder;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.Seeds;
import dev.cmsf.optim.CrossEntropy;
import dev.cmsf.optim.LrSchedule;
import dev.cmsf.optim.Sgd;
import dev.cmsf.report.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tuning, the semi-supervised evaluation of METHOD.md sections 2.3 and 4: the whole
 * backbone plus a new {@code Linear(F, classes)} trained on the labelled images only, then
 * top-1 / top-5 on the test split.
 *
 * <p>As the reference's {@code eval_linear.py --fine-tune}: the classifier sees the backbone
 * features L2-normalised and standardised with fixed statistics of the labelled images'
 * un-augmented features (measured once, before training, as the linear probe does), and one SGD
 * trains backbone and classifier together with momentum 0.9, weight decay 1e-4 on every
 * parameter, lr 0.001 for 20 epochs, times 0.1 after epoch 15 (the reference's schedule
 * {@code 15,35,50} cut to 20 epochs). Training views are the weak view (random resized crop and
 * flip); BatchNorm runs in training mode (batch statistics, running statistics updated); the
 * test split goes through the evaluation view in inference mode. Batches of 64 rather than the
 * reference's 256: a labelled subset of Fashion-MNIST (6,000 images at 10%) is twenty times
 * smaller than ImageNet's, and 64 keeps about as many steps per epoch as the probe has.
 */
public final class FineTune {
  // Keeps fine-tuning's streams apart from the other streams derived from the same seed.
  private static final long FINETUNE_STREAM = 0x66696e65L;

  private final LinearProbe.Settings settings;
  private final Progress.Factory progress;

  /**
   * Creates the protocol.
   *
   * @param settings epochs, rate, momentum, weight decay, rate steps, batch size and seed (the
   *     same hyper-parameters as the probe; {@link #defaults} gives fine-tuning's values)
   */
  public FineTune(LinearProbe.Settings settings, Progress.Factory progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** 20 epochs, lr 0.001 times 0.1 after epoch 15, momentum 0.9, wd 1e-4, batches of 64. */
  public static LinearProbe.Settings defaults(long seed) {
    return new LinearProbe.Settings(20, 0.001, 0.9, 1e-4, List.of(15), 0.1, 64, seed);
  }

  /**
   * Fine-tunes and evaluates.
   *
   * @param backbone a trainable copy of the backbone, (B, C, S, S) to (B, F); its parameters
   *     are changed, so never pass the run's own network
   * @param labelled the labelled training images
   * @param test the test split
   * @param trainView the weak view of training
   * @param evalView the deterministic evaluation view
   * @param workers data-loading threads
   * @param manager owner of the temporary arrays
   */
  public FineTuneResult run(
      Block backbone,
      ImageDataset labelled,
      ImageDataset test,
      ViewTransform trainView,
      ViewTransform evalView,
      int workers,
      NDManager manager) {
    long start = System.nanoTime();
    ParameterStore store = new ParameterStore(manager, false);
    FeatureExtractor inference =
        new FeatureExtractor(
            x -> backbone.forward(store, new NDList(x), false).singletonOrThrow(),
            evalView,
            settings.batchSize(),
            workers);
    try (NDManager scope = manager.newSubManager();
        Standardiser stats = statistics(inference, labelled, scope)) {
      LinearClassifier classifier =
          LinearClassifier.create(
              scope,
              Math.toIntExact(stats.dims()),
              labelled.numClasses(),
              LinearClassifier.seed(FINETUNE_STREAM, settings.seed()));
      List<Parameter> trained = new ArrayList<>();
      backbone.getParameters().values().stream()
          .filter(Parameter::requiresGradient)
          .forEach(trained::add);
      trained.addAll(classifier.parameters());
      try (Sgd sgd = new Sgd(trained, settings.momentum(), settings.weightDecay())) {
        train(backbone, store, stats, classifier, sgd, labelled, trainView, workers, scope);
      }
      double[] topK = evaluate(inference, stats, classifier, test, scope);
      return new FineTuneResult(
          topK[0],
          topK[1],
          "finetune",
          labelled.size(),
          "",
          settings.epochs(),
          settings.lr(),
          settings.batchSize(),
          test.size(),
          (System.nanoTime() - start) / 1e9);
    }
  }

  /** The classifier's fixed input statistics: the labelled images' un-augmented features. */
  private Standardiser statistics(
      FeatureExtractor inference, ImageDataset labelled, NDManager scope) {
    try (NDManager features = scope.newSubManager();
        Progress bar = progress.start("statistics", labelled.size(), "images")) {
      return Standardiser.fit(inference.extract(labelled, features, bar::step), scope);
    }
  }

  private void train(
      Block backbone,
      ParameterStore store,
      Standardiser stats,
      LinearClassifier classifier,
      Sgd sgd,
      ImageDataset labelled,
      ViewTransform view,
      int workers,
      NDManager scope) {
    LrSchedule schedule = LrSchedule.step(settings.lr(), settings.lrSteps(), settings.lrDecay());
    int n = labelled.size();
    // keep the last partial batch unless it holds one image: BatchNorm needs two
    boolean dropLast = n % settings.batchSize() == 1;
    int batches = BatchLoader.batchCount(n, settings.batchSize(), dropLast);
    long seed = Seeds.mix(FINETUNE_STREAM, settings.seed());
    try (Progress bar = progress.start("finetune", (long) batches * settings.epochs(), "steps")) {
      for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
        double lr = schedule.rate(epoch);
        double lossSum = 0;
        try (BatchLoader loader =
            BatchLoader.builder(labelled, List.of(view), settings.batchSize())
                .order(EpochOrder.permutation(n, seed, epoch))
                .dropLast(dropLast)
                .seed(seed)
                .epoch(epoch)
                .workers(workers)
                .build()) {
          for (Batch batch : loader) {
            lossSum += step(backbone, store, stats, classifier, sgd, batch, lr, scope);
            bar.step(1);
          }
        }
        bar.message(String.format("epoch %d loss %.4f", epoch, lossSum / Math.max(1, batches)));
      }
    }
  }

  /** One SGD step of backbone and classifier on a batch; returns the loss. */
  private static float step(
      Block backbone,
      ParameterStore store,
      Standardiser stats,
      LinearClassifier classifier,
      Sgd sgd,
      Batch batch,
      double lr,
      NDManager parent) {
    try (NDManager step = parent.newSubManager()) {
      NDArray images = step.create(batch.views()[0], new Shape(batch.viewShape(0)));
      long[] truth = new long[batch.size()];
      for (int i = 0; i < truth.length; i++) {
        truth[i] = batch.labels()[i];
      }
      float loss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        // training mode: batch statistics, running statistics updated
        NDArray features = backbone.forward(store, new NDList(images), true).singletonOrThrow();
        NDArray logits = classifier.logits(stats.apply(features, step));
        NDArray mean = CrossEntropy.mean(logits, step.create(truth));
        collector.backward(mean);
        loss = mean.getFloat();
      }
      sgd.step(lr);
      return loss;
    }
  }

  private double[] evaluate(
      FeatureExtractor inference,
      Standardiser stats,
      LinearClassifier classifier,
      ImageDataset test,
      NDManager scope) {
    try (NDManager features = scope.newSubManager();
        Progress bar = progress.start("evaluate", test.size(), "images")) {
      NDArray standardised = stats.apply(inference.extract(test, features, bar::step), features);
      int[] labels = new int[test.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = test.label(i);
      }
      return classifier.accuracy(standardised, labels, features);
    }
  }
}
