package dev.cmsf.report;

/**
 * Linear-probe accuracies that a later evaluation added to {@code report.json} under
 * {@code "linear"}, fractions in [0, 1].
 *
 * @param top1 top-1 accuracy on the test split
 * @param top5 top-5 accuracy on the test split (null when not reported)
 */
public record LinearRecord(double top1, Double top5) {}
