package dev.cmsf.cli;

import dev.cmsf.config.ConfigLoader;
import dev.cmsf.config.Presets;
import dev.cmsf.config.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that build a training configuration. */
final class TrainOptions {
  @Option(
      names = "--method",
      paramLabel = "NAME",
      description = "byol, msf, cmsf-2q, cmsf-km, cmsf-sup, cmsf-semi, xent or paws")
  String method;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "fashion-mnist (default), cifar10, cifar100 or imagefolder")
  String dataset;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "directory of the data set files (imagefolder: ROOT)")
  Path data;

  @Option(
      names = "--val-fraction",
      paramLabel = "F",
      description = "flat imagefolder ROOT/<class>/: hold out this fraction of each class")
  Double valFraction;

  @Option(
      names = "--subset-classes",
      paramLabel = "N",
      description = "train and evaluate on N seeded random classes")
  Integer subsetClasses;

  @Option(names = "--image-size", paramLabel = "PX", description = "side of the training views")
  Integer imageSize;

  @Option(
      names = "--eval-resize",
      paramLabel = "PX",
      description = "evaluation: resize the shorter side to PX before the center crop")
  Integer evalResize;

  @Option(names = "--eval-crop", paramLabel = "PX", description = "evaluation: center crop side")
  Integer evalCrop;

  @Option(
      names = "--strict",
      description = "imagefolder: abort on an unreadable image instead of skipping it")
  Boolean strict;

  @Option(names = "--workers", paramLabel = "N", description = "decode-and-augment threads")
  Integer workers;

  @Option(names = "--epochs", paramLabel = "N", description = "epochs to train")
  Integer epochs;

  @Option(names = "--limit", paramLabel = "N", description = "train on the first N images only")
  Integer limit;

  @Option(
      names = "--label-noise",
      paramLabel = "FRACTION",
      description = "supervised methods: replace this fraction of training labels by a wrong class")
  Double labelNoise;

  @Option(
      names = "--labelled",
      paramLabel = "FRACTION|FILE",
      description =
          "methods that train on a labelled subset (cmsf-semi, paws): the labelled images, a"
              + " per-class fraction such as 0.01 (seeded) or a file"
              + " of image names, one per line")
  String labelled;

  @Option(
      names = "--conf-th",
      paramLabel = "P",
      description = "cmsf-semi: softmax probability a pseudo-label needs to constrain (0.85)")
  Double confTh;

  @Option(names = "--seed", paramLabel = "N", description = "seed of everything random")
  Long seed;

  @Option(names = "--device", paramLabel = "cpu|gpu|auto", description = "where to train")
  String device;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description = "start from a shipped configuration (cmsf presets lists them)")
  String preset;

  @Option(
      names = "--config",
      paramLabel = "FILE.yaml",
      description = "YAML file of configuration keys (see docs/configuration.md)")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "override one configuration key, e.g. --set batch_size=128 (repeatable)")
  List<String> set = new ArrayList<>();

  /**
   * The configuration: {@code base} (or the preset), then the YAML file, then options, then
   * --set.
   */
  TrainConfig resolve(TrainConfig base) {
    return ConfigLoader.load(preset != null ? Presets.load(preset) : base, config, overrides());
  }

  /** The explicit options and --set entries as key=value overrides, in precedence order. */
  List<String> overrides() {
    List<String> overrides = new ArrayList<>();
    add(overrides, "method", method);
    add(overrides, "dataset", dataset);
    add(overrides, "data", data == null ? null : data.toString());
    add(overrides, "epochs", epochs);
    add(overrides, "limit", limit);
    add(overrides, "seed", seed);
    add(overrides, "label_noise", labelNoise);
    add(overrides, "labelled", labelled);
    add(overrides, "conf_th", confTh);
    add(overrides, "device", device);
    add(overrides, "val_fraction", valFraction);
    add(overrides, "subset_classes", subsetClasses);
    add(overrides, "image_size", imageSize);
    add(overrides, "eval_resize", evalResize);
    add(overrides, "eval_crop", evalCrop);
    add(overrides, "strict", strict);
    add(overrides, "workers", workers);
    overrides.addAll(set);
    return overrides;
  }

  private static void add(List<String> overrides, String key, Object value) {
    if (value != null) {
      overrides.add(key + "=" + (value instanceof String s ? quote(s) : value));
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
