/**
 * Embeddings out of a trained encoder: the float32 {@code .npy} format ({@link dev.cmsf.embed.Npy})
 * with its CSV of index, path and label and the JSON lines alternative ({@link
 * dev.cmsf.embed.EmbeddingWriter}), exact cosine search over a matrix in memory or streamed from a
 * file ({@link dev.cmsf.embed.CosineSearch}), and the standalone DJL export of an encoder ({@link
 * dev.cmsf.embed.EncoderExport}) described by {@code model.EncoderDescription}.
 */
package dev.cmsf.embed;
