/**
 * Training a run: the resolved configuration ({@link dev.cmsf.train.ResolvedConfig}), how a run
 * is assembled from it ({@link dev.cmsf.train.RunAssembly}) and what it is made of ({@link
 * dev.cmsf.train.TrainingRun}), the epochs over it ({@link dev.cmsf.train.TrainingLoop}),
 * checkpoints, run directories and their locks, and starting or resuming a run ({@link
 * dev.cmsf.train.RunTrainer}). A run's trained encoder alone is read back by {@link
 * dev.cmsf.train.RestoredEncoder}.
 *
 * <p>Training only: evaluating a run lives in {@code dev.cmsf.evaluation}, comparing methods in
 * {@code dev.cmsf.compare} and the benchmark harness in {@code dev.cmsf.bench}, so that this
 * package is what a training run needs and nothing that merely reads or times one.
 */
package dev.cmsf.train;
