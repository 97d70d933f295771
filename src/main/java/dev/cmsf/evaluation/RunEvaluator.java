package dev.cmsf.evaluation;

import ai.djl.ndarray.NDManager;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.LabelledSubset;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.eval.CachedFeatures;
import dev.cmsf.eval.FeatureCache;
import dev.cmsf.eval.FineTune;
import dev.cmsf.eval.FineTuneResult;
import dev.cmsf.eval.KnnEvaluation;
import dev.cmsf.eval.KnnReference;
import dev.cmsf.eval.KnnReport;
import dev.cmsf.eval.KnnResult;
import dev.cmsf.eval.LinearEvaluation;
import dev.cmsf.eval.LinearProbe;
import dev.cmsf.eval.LinearProbeResult;
import dev.cmsf.report.Progress;
import dev.cmsf.train.RestoredEncoder;
import dev.cmsf.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a run directory's newest checkpoint (or its random initialisation): kNN, the linear
 * probe and fine-tuning, the entry point {@code cmsf eval} uses. The run directory is read, not
 * trained: the encoder comes from {@link RestoredEncoder}, and the checkpoint's features are
 * kept in the run's feature cache for the next evaluation of the same checkpoint.
 */
public final class RunEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(RunEvaluator.class);
  private final Progress.Factory progress;

  /** Creates an evaluator that shows progress through {@code progress}. */
  public RunEvaluator(Progress.Factory progress) {
    this.progress = progress;
  }

  /**
   * kNN of a run's newest checkpoint (or of its random initialisation) with every requested k,
   * against the train split or a labelled subset of the run's training images.
   * The checkpoint's features of the train and test splits are kept in the run's feature cache,
   * so evaluating it again skips their extraction.
   *
   * @param dir the run directory
   * @param overrides {@code key=value} changes such as {@code knn_k=[1,20,200]}
   * @param randomInit evaluate the untrained network instead of the checkpoint
   * @param reference the reference images
   */
  public KnnReport evaluateKnn(
      Path dir, List<String> overrides, boolean randomInit, KnnReference reference)
      throws IOException {
    RunDirectory directory = RunDirectory.open(dir);
    try (RestoredEncoder encoder = RestoredEncoder.open(dir, overrides, randomInit)) {
      TrainConfig config = encoder.config();
      ImageDataset references;
      String description;
      if (reference.labelledSubset()) {
        LabelledSubset subset = labelledReferences(encoder, reference.spec(), dir);
        references = new SubsetDataset(encoder.train(), subset.indices());
        description = subset.toString();
      } else {
        references = SubsetDataset.limit(encoder.data().train(), config.knnTrainLimit());
        description = references.size() + " images of the train split";
      }
      ImageDataset queries = SubsetDataset.limit(encoder.data().test(), config.knnTestLimit());
      long start = System.nanoTime();
      KnnResult result =
          encoder.checkpoint() == null || reference.labelledSubset()
              ? knn(encoder, references, queries)
              : cachedKnn(encoder, directory, encoder.checkpoint(), references, queries);
      return KnnReport.of(
          reference,
          description,
          randomInit,
          result,
          references.size(),
          (System.nanoTime() - start) / 1e9);
    }
  }

  /** kNN of the encoder: {@code queries} classified by {@code references}, with progress. */
  private KnnResult knn(RestoredEncoder encoder, ImageDataset references, ImageDataset queries) {
    TrainConfig c = encoder.config();
    try (Progress bar =
        progress.start("embed", references.size() + (long) queries.size(), "images")) {
      return new KnnEvaluation(encoder.featureExtractor(), c.knnTemperature())
          .evaluate(references, queries, c.knnK(), encoder.manager(), bar::step);
    }
  }

  /** {@code spec} drawn from the run's training images, else the run's own labelled subset. */
  private static LabelledSubset labelledReferences(RestoredEncoder encoder, String spec, Path dir) {
    if (spec != null) {
      return LabelledSubset.parse(spec, encoder.train(), encoder.config().seed());
    }
    LabelledSubset own = encoder.labelled();
    if (own == null) {
      throw new ConfigException(
          dir
              + ": method "
              + encoder.config().method()
              + " trains"
              + " without labelled images; name them with --labelled FRACTION|FILE");
    }
    return own;
  }

  /** kNN of the loaded checkpoint on features from (or added to) the run's feature cache. */
  private KnnResult cachedKnn(
      RestoredEncoder encoder,
      RunDirectory directory,
      Path checkpoint,
      ImageDataset references,
      ImageDataset queries)
      throws IOException {
    TrainConfig c = encoder.config();
    CachedFeatures source =
        new CachedFeatures(
            encoder.featureExtractor(),
            new FeatureCache(directory.features(), FeatureCache.Stamp.of(checkpoint)),
            progress);
    try (NDManager scope = encoder.manager().newSubManager()) {
      // a split cut by a kNN limit is cached under its own name, beside the whole split
      FeatureCache.Entry train =
          source.of(cacheName("train", references, encoder.data().train()), references, scope);
      FeatureCache.Entry test =
          source.of(cacheName("test", queries, encoder.data().test()), queries, scope);
      return new KnnEvaluation(encoder.featureExtractor(), c.knnTemperature())
          .evaluate(train, test, c.knnK(), scope, references.numClasses());
    }
  }

  private static String cacheName(String split, ImageDataset used, ImageDataset whole) {
    return used.size() == whole.size() ? split : split + "-first-" + used.size();
  }

  /**
   * Linear probe of a run's newest checkpoint (METHOD.md section 4), with the un-augmented
   * features cached in the run directory for the next evaluation of the same checkpoint.
   *
   * @param dir the run directory
   * @param settings the probe's hyper-parameters
   * @param augment train on fresh weak views every epoch instead of the cached features
   */
  public LinearProbeResult evaluateLinear(Path dir, LinearProbe.Settings settings, boolean augment)
      throws IOException {
    RunDirectory directory = RunDirectory.open(dir);
    try (RestoredEncoder encoder = RestoredEncoder.open(dir)) {
      FeatureCache cache =
          new FeatureCache(directory.features(), FeatureCache.Stamp.of(encoder.checkpoint()));
      LinearEvaluation protocol =
          new LinearEvaluation(
              encoder.featureExtractor(), new LinearProbe(settings, progress), progress);
      // the probe trains on the whole train split, also when training used --limit
      return protocol.evaluate(
          encoder.data().train(),
          encoder.data().test(),
          cache,
          augment ? encoder.probeView() : null,
          encoder.manager());
    }
  }

  /**
   * Fine-tunes a copy of the newest checkpoint's online backbone with a new classifier on
   * labelled training images (METHOD.md sections 2.3 and 4) and evaluates it on the test split;
   * the run directory is not changed.
   *
   * @param dir the run directory
   * @param labelled a per-class fraction or a names file, drawn from the run's training images
   *     (after {@code limit}) with the run's seed, as a semi-supervised run draws its own subset;
   *     null for the run's {@code labelled} key
   * @param settings fine-tuning's hyper-parameters ({@link FineTune#defaults})
   * @throws ConfigException when no labelled subset is given or it is invalid
   */
  public FineTuneResult evaluateFineTune(Path dir, String labelled, LinearProbe.Settings settings)
      throws IOException {
    try (RestoredEncoder encoder = RestoredEncoder.open(dir, List.of(), true)) {
      String spec = labelled != null ? labelled : encoder.config().labelled();
      if (spec.isBlank()) {
        throw new ConfigException(
            "--labelled: not given, and the run's configuration has no 'labelled' key");
      }
      LabelledSubset subset;
      try {
        subset = LabelledSubset.parse(spec, encoder.train(), encoder.config().seed());
      } catch (RuntimeException e) {
        throw new ConfigException("--labelled " + spec + ": " + e.getMessage());
      }
      encoder.restoreNewest();
      ImageDataset images = new SubsetDataset(encoder.train(), subset.indices());
      LOG.info("fine-tuning on {}", subset);
      try (NDManager scope = encoder.manager().newSubManager()) {
        return new FineTune(settings, progress)
            .run(
                encoder.onlineBackboneCopy(scope),
                images,
                encoder.data().test(),
                encoder.probeView(),
                encoder.evalView(),
                encoder.workers(),
                scope)
            .withLabelledSpec(spec);
      }
    }
  }
}
