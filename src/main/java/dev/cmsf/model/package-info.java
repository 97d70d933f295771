/**
 * Networks of the method: ResNet backbones ({@link dev.cmsf.model.ResNets}), the MLP used as
 * projection and prediction head ({@link dev.cmsf.model.Mlp}) and their composition into an
 * encoder ({@link dev.cmsf.model.Encoders}, {@link dev.cmsf.model.EncoderNet}).
 *
 * <p>Everything is a plain DJL {@link ai.djl.nn.Block} that follows the PyTorch reference
 * (torchvision ResNet, {@code torch.nn} initialisation and batch-norm semantics), so that
 * hyper-parameters from the papers transfer unchanged. The torch-matching building blocks live
 * in the package-private {@code TorchLayers}.
 */
package dev.cmsf.model;
