/**
 * Image augmentations that turn one CHW image in [0, 1] into normalised training or evaluation
 * views (METHOD.md section 3).
 *
 * <p>The semantics follow torchvision: {@link dev.cmsf.augment.RandomResizedCrop} with
 * antialiased bilinear resampling ({@link dev.cmsf.augment.BilinearResize}), horizontal flip,
 * {@link dev.cmsf.augment.ColorJitter}, {@link dev.cmsf.augment.Grayscale}, {@link
 * dev.cmsf.augment.GaussianBlur} and {@link dev.cmsf.augment.Normalize}, composed by {@link
 * dev.cmsf.augment.ViewPipeline} and built by the factory {@link dev.cmsf.augment.Views}.
 *
 * <p>Everything here is plain Java working on float arrays, so views can be computed on CPU
 * worker threads while the accelerator trains. All stages are immutable and thread-safe; their
 * scratch memory is kept per thread, so a view costs no large allocation after warm-up. All
 * randomness comes from the {@link java.util.random.RandomGenerator} passed to {@link
 * dev.cmsf.augment.ViewTransform#apply}, which makes every view reproducible from a seed.
 *
 * <p>Any channel count is accepted. Colour operations that need RGB (saturation, hue, grayscale)
 * act on 3-channel images only and leave other channel counts unchanged; they consume the same
 * random draws whatever the channel count, so a seed picks the same geometry for gray and
 * colour data.
 */
package dev.cmsf.augment;
