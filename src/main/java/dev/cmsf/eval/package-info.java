/**
 * Evaluation protocols of METHOD.md section 4: nearest-neighbour classification of frozen
 * features ({@link dev.cmsf.eval.KnnClassifier}) and the linear probe
 * ({@link dev.cmsf.eval.LinearProbe}, end to end with its feature cache in
 * {@link dev.cmsf.eval.LinearEvaluation}).
 *
 * <p>Protocols consume already extracted features (global-pooled backbone outputs of
 * un-augmented images) as {@link ai.djl.ndarray.NDArray}s and report accuracies as typed
 * records, so reports never depend on string keys.
 */
package dev.cmsf.eval;
