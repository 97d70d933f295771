package dev.cmsf.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.cmsf.augment.ViewSpec;
import dev.cmsf.augment.ViewTransform;
import dev.cmsf.augment.Views;
import dev.cmsf.config.ConfigException;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.config.ViewConfig;
import dev.cmsf.data.BatchLoader;
import dev.cmsf.data.DataSource;
import dev.cmsf.data.DataSplits;
import dev.cmsf.data.ImageDataset;
import dev.cmsf.data.SkippedImages;
import dev.cmsf.data.SubsetDataset;
import dev.cmsf.method.MethodContext;
import dev.cmsf.method.MethodPlan;
import dev.cmsf.method.TrainingData;
import dev.cmsf.method.TrainingStep;
import java.nio.file.Path;
import java.util.List;

/**
 * How a {@link TrainingRun} is put together from a resolved configuration: the data, the
 * training and evaluation views, and the method's step with the networks and state it builds
 * ({@link MethodPlan#build}). Nothing here depends on which method runs.
 */
public final class RunAssembly {
  private RunAssembly() {}

  /**
   * Checks and resolves {@code config} ({@link ResolvedConfig#resolve}: the keys before the
   * data set is read), opens its data and assembles a run at random initialisation on the
   * configured device; closing the run frees every array it made.
   */
  public static TrainingRun open(TrainConfig config) {
    DataSplits[] data = new DataSplits[1]; // opened once the keys passed
    Device[] device = new Device[1];
    ResolvedConfig resolved =
        ResolvedConfig.resolve(
            config,
            () -> {
              device[0] = device(config.device());
              data[0] = DataSplits.open(dataSource(config));
              return ResolvedConfig.Facts.of(data[0], config, device[0]);
            });
    EngineThreads.apply(resolved.config().threads());
    NDManager manager = NDManager.newBaseManager(device[0]);
    try {
      TrainingRun run = assemble(resolved, data[0], manager);
      checkLoaderMemory(run);
      return run;
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * A run of {@code resolved} on {@code data} at random initialisation.
   *
   * @param manager owner of every array of the run (decides the device); closed with the run
   */
  public static TrainingRun assemble(ResolvedConfig resolved, DataSplits data, NDManager manager) {
    TrainConfig config = resolved.config();
    MethodPlan plan = resolved.plan();
    ImageDataset trainSet = SubsetDataset.limit(data.train(), config.limit());
    TrainingData trainingData = plan.data(trainSet, config);
    List<ViewTransform> views = trainingViews(resolved, data, plan);
    long totalSteps =
        (long) BatchLoader.batchCount(trainSet.size(), config.batchSize(), true) * config.epochs();
    TrainingStep step =
        plan.build(
            new MethodContext(
                manager,
                resolved.spec(),
                resolved.heads(),
                resolved.imageSize(),
                resolved.bf16(),
                config,
                trainSet,
                trainingData,
                views,
                totalSteps));
    return new TrainingRun(
        resolved, data, trainSet, trainingData, views, evalView(resolved, data), step, manager);
  }

  /**
   * The method's training views ({@link MethodPlan#trainingViews}) from the strong view and the
   * target's: weak, or strong with strong-strong.
   */
  private static List<ViewTransform> trainingViews(
      ResolvedConfig resolved, DataSplits data, MethodPlan plan) {
    TrainConfig config = resolved.config();
    int size = resolved.imageSize();
    float[] mean = data.stats().mean();
    float[] std = data.stats().std();
    ViewSpec strong = viewSpec(config.strongView(), size, mean, std);
    ViewSpec target =
        "strong-strong".equals(config.views())
            ? strong
            : viewSpec(config.weakView(), size, mean, std);
    List<ViewTransform> views = plan.trainingViews(strong, target);
    if (views.size() != plan.views()) {
      throw new IllegalStateException(
          plan.method().name()
              + ": "
              + views.size()
              + " training views, but views() = "
              + plan.views());
    }
    return views;
  }

  /** The evaluation view (METHOD.md section 3): resize of the shorter side, centre crop. */
  static ViewTransform evalView(ResolvedConfig resolved, DataSplits data) {
    return Views.eval(
        resolved.evalResize(), resolved.evalCrop(), data.stats().mean(), data.stats().std());
  }

  /** The augmentation stages' parameters for a resolved view configuration. */
  static ViewSpec viewSpec(ViewConfig v, int imageSize, float[] mean, float[] std) {
    int side = v.size() != null && v.size() > 0 ? v.size() : imageSize;
    return new ViewSpec(
        side,
        mean,
        std,
        v.cropScale().get(0),
        v.cropScale().get(1),
        v.cropRatio().get(0),
        v.cropRatio().get(1),
        v.flipProbability(),
        v.jitterProbability(),
        v.brightness(),
        v.contrast(),
        v.saturation(),
        v.hue(),
        v.grayscaleProbability(),
        v.blurProbability(),
        v.blurSigma().get(0),
        v.blurSigma().get(1),
        v.solarizeProbability(),
        v.solarizeThreshold(),
        v.affineProbability(),
        v.affineDegrees(),
        v.affineTranslate(),
        v.affineScale().get(0),
        v.affineScale().get(1),
        v.eraseProbability(),
        v.eraseScale().get(0),
        v.eraseScale().get(1),
        v.eraseRatio().get(0),
        v.eraseRatio().get(1));
  }

  /**
   * Refuses, before anything runs, a prefetch that the JVM heap cannot hold: the one check
   * that needs the assembled loader.
   */
  private static void checkLoaderMemory(TrainingRun run) {
    try {
      run.loader(1).close(); // validates the settings; starts no thread
    } catch (IllegalArgumentException e) { // the caller frees the run's arrays
      throw new ConfigException("keys 'prefetch' and 'batch_size': " + e.getMessage());
    }
  }

  /** The data set a configuration names, with its folder, split and subset settings. */
  public static DataSource dataSource(TrainConfig config) {
    Path dir = config.data().isEmpty() ? null : Path.of(config.data());
    return new DataSource(
        config.dataset(),
        dir,
        config.channels(),
        config.imageSize(),
        config.valFraction(),
        config.subsetClasses(),
        config.strict(),
        config.seed(),
        SkippedImages.toStandardError());
  }

  /** The device a {@code device} setting names. */
  public static Device device(String setting) {
    return switch (setting) {
      case "cpu" -> Device.cpu();
      case "gpu" -> {
        if (Engine.getInstance().getGpuCount() == 0) {
          throw new ConfigException(
              "key 'device' = gpu: no GPU visible to the engine (install DJL's CUDA flavour)");
        }
        yield Device.gpu();
      }
      default -> Engine.getInstance().defaultDevice();
    };
  }

  /**
   * The {@code workers} setting, or when 0 the cores the model does not use: all but {@code
   * threads} when set, all but one (which drives the GPU) on a GPU, else none; at least one.
   */
  static int workers(TrainConfig config, boolean gpu, int cores) {
    if (config.workers() > 0) {
      return config.workers();
    }
    int modelCores = config.threads() > 0 ? config.threads() : gpu ? 1 : cores;
    return Math.max(1, cores - modelCores);
  }
}
