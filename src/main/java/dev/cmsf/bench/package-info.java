/**
 * {@code cmsf bench}: the benchmark harness ({@link dev.cmsf.bench.Benchmark}) that times
 * training steps, feature extraction, exact kNN and the data pipeline on real data, beside the
 * machine's measured matrix-multiply peak ({@link dev.cmsf.bench.MatmulPeak}).
 *
 * <p>Apart from {@code dev.cmsf.train} because it measures a run rather than training one: it
 * opens a {@link dev.cmsf.train.TrainingRun} and drives its steps directly, without the
 * training loop, checkpoints or a run directory.
 */
package dev.cmsf.bench;
