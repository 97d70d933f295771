/**
 * The optimiser, {@link dev.cmsf.optim.Sgd}, shared by training, the pseudo-labeller of {@code
 * cmsf-semi} and the evaluation protocols. It lives apart from {@code dev.cmsf.train} so that
 * those users do not depend on the training loop (and {@code dev.cmsf.method}, which the loop
 * depends on, does not depend back on it).
 */
package dev.cmsf.optim;
