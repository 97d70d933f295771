package dev.cmsf.method;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.cmsf.config.TrainConfig;
import dev.cmsf.memory.MemoryBank;
import dev.cmsf.model.MeanShiftNetworks;
import dev.cmsf.optim.EmaSchedule;
import dev.cmsf.optim.Sgd;
import dev.cmsf.report.RankHistogram;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Function;

/**
 * The one training step every method of the mean-shift family shares (METHOD.md section 1):
 * target forward, enqueue, constrained top-k, loss, backward, SGD, EMA. Methods differ only by
 * the {@link Constraint}, k and alpha given here. The step owns what it trains and keeps: the
 * three networks, the memory bank, the optimiser, the EMA and the constraint's state.
 */
public final class MeanShiftStep implements TrainingStep {
  private final MeanShiftNetworks networks;
  private final MemoryBank bank;
  private final Constraint constraint;
  private final Selection selection;
  private final double alpha;
  private final Sgd sgd;
  private final MomentumUpdater ema;
  private final EmaSchedule emaMomentum;
  private StepTimer timer;

  /**
   * Builds the networks, bank, optimiser and EMA of a run and the step over them.
   *
   * @param context the run's manager, architecture, images and configuration
   * @param constraint creates the method's neighbour constraint for this run (after the
   *     networks and the bank, in the order the run's random streams have always been drawn)
   * @param selection neighbours per query: top-k or top-all
   * @param alpha weight of the unconstrained loss
   */
  public static MeanShiftStep create(
      MethodContext context,
      Function<ConstraintContext, Constraint> constraint,
      Selection selection,
      double alpha) {
    MeanShiftNetworks networks = context.meanShiftNetworks();
    TrainConfig config = context.config();
    MemoryBank bank =
        new MemoryBank(
            context.manager(), config.bankSize(), context.heads().projection(), config.seed());
    Sgd sgd = new Sgd(networks.trainableParameters(), Sgd.Settings.of(config));
    MomentumUpdater ema = new MomentumUpdater(networks.momentumPairs());
    return new MeanShiftStep(
        networks,
        bank,
        constraint.apply(context.constraintContext()),
        selection,
        alpha,
        sgd,
        ema,
        EmaSchedule.of(config, context.totalSteps()));
  }

  /**
   * Creates the step over parts made elsewhere; closing it closes the optimiser and the bank.
   *
   * @param networks online, predictor and target networks
   * @param bank the memory bank
   * @param constraint the method's neighbour constraint
   * @param selection neighbours per query: top-k or top-all
   * @param alpha weight of the unconstrained loss
   * @param sgd optimiser of the online encoder and predictor
   * @param ema the target's moving average
   * @param emaMomentum momentum m of the moving average at every global step
   */
  public MeanShiftStep(
      MeanShiftNetworks networks,
      MemoryBank bank,
      Constraint constraint,
      Selection selection,
      double alpha,
      Sgd sgd,
      MomentumUpdater ema,
      EmaSchedule emaMomentum) {
    this.networks = networks;
    this.bank = bank;
    this.constraint = constraint;
    this.selection = selection;
    this.alpha = alpha;
    this.sgd = sgd;
    this.ema = ema;
    this.emaMomentum = emaMomentum;
  }

  @Override
  public MeanShiftNetworks networks() {
    return networks;
  }

  /** The memory bank. */
  public MemoryBank bank() {
    return bank;
  }

  /** The method's neighbour constraint, with its state. */
  public Constraint constraint() {
    return constraint;
  }

  @Override
  public void onMidEpoch(NDManager manager) {
    constraint.onMidEpoch(manager);
  }

  @Override
  public void onEpochEnd(int epoch, NDManager manager) {
    constraint.onEpochEnd(epoch, manager);
  }

  @Override
  public String fingerprint() {
    return "bank="
        + bank.size()
        + "x"
        + bank.dim()
        + " params="
        + networks.trainableParameters().size();
  }

  @Override
  public void save(DataOutputStream out) throws IOException {
    networks.save(out);
    sgd.save(out);
    bank.save(out);
    constraint.save(out);
  }

  @Override
  public void load(DataInputStream in, String fingerprint) throws IOException {
    networks.load(in);
    sgd.load(in);
    bank.load(in);
    constraint.load(in);
  }

  @Override
  public void close() {
    sgd.close();
    bank.close();
  }

  @Override
  public void profile(StepTimer timer) {
    this.timer = timer;
  }

  private void begin() {
    if (timer != null) {
      timer.begin();
    }
  }

  private void mark(String phase) {
    if (timer != null) {
      timer.mark(phase);
    }
  }

  /**
   * The target branch in a manager of its own, outside the gradient collector: its
   * activations are freed before the online forward allocates its own.
   */
  private NDArray targetEmbeddings(NDManager step, StepInput input) {
    try (NDManager branch = step.newSubManager()) {
      NDArray targets = networks.target(branch.create(input.targetView(), input.targetViewShape()));
      targets.attach(step);
      return targets;
    }
  }

  @Override
  public StepResult run(NDManager parent, StepInput input, double lr, long globalStep) {
    begin();
    try (NDManager step = parent.newSubManager()) {
      NDArray online = step.create(input.onlineView(), input.viewShape());
      NDArray targets = targetEmbeddings(step, input); // (B, P)
      mark("target_forward");
      // labelled from the targets themselves where the constraint pseudo-labels
      Labelling labelling =
          constraint.label(targets, input.constraintLabels(), input.imageIndices(), input.truth());
      // enqueue first so that each target is its own nearest neighbour
      int[] rows = bank.enqueue(targets, labelling.labels(), input.truth(), input.imageIndices());
      QueryBatch queries =
          new QueryBatch(input.imageIndices(), labelling.labels(), input.truth(), rows);
      constraint.observe(targets, queries);
      NDArray allowed = constraint.allowed(queries, bank, step);
      mark("bank_and_constraint");
      NeighbourLoss.Result result;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray predictions = networks.query(online); // (B, P)
        mark("online_forward");
        result = selection.loss(predictions, targets, bank.embeddings(), allowed, alpha);
        mark("neighbour_search_and_loss");
        collector.backward(result.loss());
        mark("backward");
      }
      sgd.step(lr);
      mark("sgd");
      ema.update(emaMomentum.momentum(globalStep));
      mark("ema");
      StepResult stepResult =
          new StepResult(
              result.loss().getFloat(),
              Purity.of(result.constrained(), result.constrainedStart(), input.truth(), bank),
              Purity.of(result.unconstrained(), result.k(), input.truth(), bank),
              lr,
              labelling.pseudoLabels(),
              result.constrainedRanks() == null
                  ? null
                  : RankHistogram.of(result.constrainedRanks()));
      mark("metrics");
      return stepResult;
    }
  }
}
