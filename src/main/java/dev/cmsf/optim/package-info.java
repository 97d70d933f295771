/**
 * The optimiser, {@link dev.cmsf.optim.Sgd} (used by training, the pseudo-labeller of {@code
 * cmsf-semi} and the evaluation protocols; LARS and weight-decay exclusion for training), the
 * learning rate per epoch, {@link dev.cmsf.optim.LrSchedule} (training and evaluation), per
 * training step with warm-up and scaling, {@link dev.cmsf.optim.LrPerStep}, and the target EMA
 * momentum per step, {@link dev.cmsf.optim.EmaSchedule} (docs/optimisation.md), and the one
 * cross-entropy of labelled logits, {@link dev.cmsf.optim.CrossEntropy}. They live apart
 * from {@code dev.cmsf.train} so that those users do not depend on the training loop: {@code
 * dev.cmsf.method} and {@code dev.cmsf.eval}, which the loop depends on, would otherwise depend
 * back on it.
 */
package dev.cmsf.optim;
