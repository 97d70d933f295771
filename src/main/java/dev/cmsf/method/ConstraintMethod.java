package dev.cmsf.method;

import dev.cmsf.config.ConfigException;
import dev.cmsf.config.MethodKeys;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.data.ImageDataset;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A method of the mean-shift family (METHOD.md section 2): the shared {@link MeanShiftStep}
 * with the method's {@link Constraint}, its default k and alpha, the labels it trains with and
 * any check of its own. Each constraint class declares its method with {@link #named}, so a new
 * constraint method is one class and one line in {@link MethodRegistry}.
 */
public final class ConstraintMethod implements Method {

  /** Where the labels a constraint compares come from. */
  public enum Labels {
    /** None: self-supervised; {@code label_noise} and {@code k: all} are refused. */
    NONE,
    /** Every training image's ground truth, with {@code label_noise} (supervised). */
    GROUND_TRUTH,
    /** The labels of a labelled subset (key {@code labelled}, semi-supervised). */
    LABELLED_SUBSET
  }

  /** A check of a method's own keys, given the resolved neighbour count. */
  @FunctionalInterface
  public interface Check {
    /**
     * Throws a one-line {@link ConfigException} naming the key when {@code config} does not
     * fit the method.
     */
    void check(TrainConfig config, int k);
  }

  private final String name;
  private final String summary;
  private final int k;
  private final double alpha;
  private final Function<ConstraintContext, Constraint> constraint;
  private final Labels labels;
  private final BiFunction<ImageDataset, TrainConfig, TrainingData> data;
  private final Check check;
  private final List<MethodKeys.Section> keys;

  private ConstraintMethod(Builder b) {
    this.name = b.name;
    this.summary = Objects.requireNonNull(b.summary, "summary");
    this.k = b.k;
    this.alpha = b.alpha;
    this.constraint = Objects.requireNonNull(b.constraint, "constraint");
    this.labels = b.labels;
    this.data =
        b.data != null
            ? b.data
            : switch (b.labels) {
              case NONE -> TrainingData::unlabelled;
              case GROUND_TRUTH -> TrainingData::groundTruth;
              case LABELLED_SUBSET ->
                  throw new IllegalArgumentException(name + ": a labelled subset needs its data()");
            };
    this.check = b.check;
    this.keys = b.keys == null ? List.of() : List.of(b.keys);
    if (k < 1 || !(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException(name + ": default k " + k + ", alpha " + alpha);
    }
  }

  /** Starts the declaration of the method called {@code name}. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String summary() {
    return summary;
  }

  /** The default neighbours per query. */
  public int defaultK() {
    return k;
  }

  /** The default weight of the unconstrained loss. */
  public double defaultAlpha() {
    return alpha;
  }

  @Override
  public List<MethodKeys.Section> keys() {
    return keys;
  }

  /** Where the method's labels come from. */
  public Labels labels() {
    return labels;
  }

  @Override
  public boolean usesLabelledSubset() {
    return labels == Labels.LABELLED_SUBSET;
  }

  /**
   * Checks {@code config} against the method and resolves k (its default unless {@code k} is
   * set; top-all for {@code k: all}) and alpha.
   */
  @Override
  public Plan plan(TrainConfig config) {
    // "every allowed row" is a class only when the constraint compares ground-truth labels
    if (config.k() == TrainConfig.K_ALL && labels != Labels.GROUND_TRUTH) {
      fail(
          "k",
          "all",
          "a neighbour count: top-all needs a label constraint (cmsf-sup), not " + name);
    }
    if (config.labelNoise() > 0 && labels != Labels.GROUND_TRUTH) {
      fail(
          "label_noise",
          config.labelNoise(),
          "0: only supervised methods (cmsf-sup, xent) train on labels, not " + name);
    }
    int resolvedK = config.k() > 0 ? config.k() : k;
    if (resolvedK > config.bankSize()) {
      String which = config.k() > 0 ? "" : " (the default of " + name + ")";
      fail("k", resolvedK + which, "at most bank_size (" + config.bankSize() + ")");
    }
    if (check != null) {
      check.check(config, resolvedK);
    }
    Selection selection =
        config.k() == TrainConfig.K_ALL ? Selection.topAll(resolvedK) : Selection.topK(resolvedK);
    return new Plan(this, selection, config.alpha() >= 0 ? config.alpha() : alpha);
  }

  /** Throws the one-line message of a key whose value does not fit. */
  public static void fail(String key, Object value, String expected) {
    throw new ConfigException("key '" + key + "' = " + value + ": expected " + expected);
  }

  /**
   * A constraint method resolved for one configuration.
   *
   * @param method the method
   * @param selection neighbours per query: top-k or top-all
   * @param alpha weight of the unconstrained MSF loss
   */
  public record Plan(ConstraintMethod method, Selection selection, double alpha)
      implements MethodPlan {

    @Override
    public int views() {
      return 2; // online (strong), target (weak)
    }

    @Override
    public TrainingData data(ImageDataset train, TrainConfig config) {
      return method.data.apply(train, config);
    }

    @Override
    public TrainingStep build(MethodContext context) {
      return MeanShiftStep.create(context, method.constraint, selection, alpha);
    }
  }

  /** The declaration of a constraint method; every setting is named. */
  public static final class Builder {
    private final String name;
    private String summary;
    private int k;
    private double alpha = -1;
    private Function<ConstraintContext, Constraint> constraint;
    private Labels labels = Labels.NONE;
    private BiFunction<ImageDataset, TrainConfig, TrainingData> data;
    private Check check;
    private MethodKeys.Section keys;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** One line for {@code --help}. */
    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    /** The default neighbours per query and weight of the unconstrained loss. */
    public Builder defaults(int k, double alpha) {
      this.k = k;
      this.alpha = alpha;
      return this;
    }

    /** Creates the method's constraint for a run. */
    public Builder constraint(Function<ConstraintContext, Constraint> constraint) {
      this.constraint = constraint;
      return this;
    }

    /** Where the labels come from ({@link Labels#NONE} unless set). */
    public Builder labels(Labels labels) {
      this.labels = labels;
      return this;
    }

    /**
     * The method's labels and epoch order, for methods whose data is not the default of their
     * {@link Labels} (a seeded permutation with no labels or the ground truth).
     */
    public Builder data(BiFunction<ImageDataset, TrainConfig, TrainingData> data) {
      this.data = data;
      return this;
    }

    /** A check of the method's own keys, after k is resolved. */
    public Builder check(Check check) {
      this.check = check;
      return this;
    }

    /**
     * The method's own configuration keys: a record of them at their defaults, which checks
     * each on its own.
     */
    public Builder keys(MethodKeys.Section defaults) {
      this.keys = defaults;
      return this;
    }

    /** The method. */
    public ConstraintMethod build() {
      return new ConstraintMethod(this);
    }
  }
}
