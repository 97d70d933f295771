/**
 * Embeddings out of a trained encoder: the float32 {@code .npy} format ({@link dev.cmsf.embed.Npy})
 * with its CSV of index, path and label and the JSON lines alternative ({@link
 * dev.cmsf.embed.EmbeddingWriter}), exact cosine search over a matrix in memory or streamed from a
 * file ({@link dev.cmsf.embed.CosineSearch}), the standalone DJL export of an encoder ({@link
 * dev.cmsf.embed.EncoderExport}) described by {@code model.EncoderDescription} and loaded without
 * its run by {@link dev.cmsf.embed.ExportedEncoder}, and the safetensors export for PyTorch ({@link
 * dev.cmsf.embed.TorchvisionExport}, {@link dev.cmsf.embed.Safetensors}).
 */
package dev.cmsf.embed;
