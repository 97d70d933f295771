package dev.cmsf.train;

/**
 * Metrics of one training step.
 *
 * @param loss the training loss
 * @param purity purity of the constrained selection (NaN without ground truth)
 * @param purityUnconstrained purity of the plain MSF selection
 * @param lr learning rate used
 */
public record StepResult(double loss, double purity, double purityUnconstrained, double lr) {}
