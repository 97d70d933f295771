/**
 * Evaluations of a run directory: kNN, the linear probe and fine-tuning of its newest
 * checkpoint ({@link dev.cmsf.evaluation.RunEvaluator}, behind {@code cmsf eval}), and the
 * raw-pixel kNN floor ({@link dev.cmsf.evaluation.RawPixelFloor}) of {@code cmsf demo} and
 * {@code cmsf compare}.
 *
 * <p>Apart from {@code dev.cmsf.eval} because these read runs (a {@link
 * dev.cmsf.train.RestoredEncoder}, the run directory's feature cache) while the protocols there
 * consume features and know nothing of runs; apart from {@code dev.cmsf.train} because
 * evaluating a run never trains it.
 */
package dev.cmsf.evaluation;
