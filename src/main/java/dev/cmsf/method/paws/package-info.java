/**
 * PAWS, the semi-supervised baseline CMSF-semi is compared with (METHOD.md section 2.5;
 * Assran et al., ICCV 2021; reference code {@code facebookresearch/suncet}): its loss ({@link
 * dev.cmsf.method.paws.PawsLoss}), its class-balanced support batches ({@link
 * dev.cmsf.method.paws.SupportSampler}), its settings with their sources ({@link
 * dev.cmsf.method.paws.PawsSettings}) and its training step ({@link
 * dev.cmsf.method.paws.PawsStep}); {@link dev.cmsf.method.paws.PawsMethod} makes them the method
 * {@code paws} (its keys, checks, labels, views and the run's step, {@code PawsTrainingStep},
 * which draws the support batches).
 *
 * <p>PAWS is not a mean-shift method: no target network, no memory bank, no moving average. The
 * package depends only on the building blocks ({@code data}, {@code model}, {@code optim}), not
 * on the run assembly, so that registering the method is the only change of code outside it.
 */
package dev.cmsf.method.paws;
