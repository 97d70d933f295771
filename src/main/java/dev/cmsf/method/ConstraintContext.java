package dev.cmsf.method;

import ai.djl.ndarray.NDManager;
import dev.cmsf.config.TrainConfig;

/**
 * What a constraint may need to size and seed itself for a run.
 *
 * @param trainImages images in the training set (data set indices are below this)
 * @param dim width P of the embeddings in the bank
 * @param config the run's configuration (method parameters such as {@code k_prime})
 * @param classes number of classes of the data set
 * @param manager the run's manager, for constraints with networks of their own
 */
public record ConstraintContext(
    int trainImages, int dim, TrainConfig config, int classes, NDManager manager) {}
