/**
 * The Java API of cmsf, everything a program that depends on the jar needs; every other package is
 * internal and may change.
 *
 * <ul>
 *   <li>{@link dev.cmsf.api.Training}: a training run from a {@code TrainConfig}, a YAML file or a
 *       preset, with {@code key=value} changes and {@link dev.cmsf.api.ProgressListener}s; it
 *       writes the same run directory as {@code cmsf train}.
 *   <li>{@link dev.cmsf.api.Encoder}: a trained run's encoder, embedding a {@code BufferedImage},
 *       an image file or a batch (backbone features or projections).
 *   <li>{@link dev.cmsf.api.Embeddings}: a set of embeddings ({@code .npy} in and out) with exact
 *       nearest neighbours by cosine similarity, as {@link dev.cmsf.api.Neighbour}s.
 * </ul>
 *
 * <p>The plain data records these types take and return belong to the API too: {@code
 * config.TrainConfig} (every configuration key), {@code report.RunReport} and {@code
 * report.EpochRecord} (what a run measured) and {@code model.EncoderOutput}.
 *
 * <p>{@code examples/QuickStart.java} uses all of it; the test suite compiles and runs it.
 */
package dev.cmsf.api;
