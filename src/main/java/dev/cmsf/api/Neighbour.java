package dev.cmsf.api;

/**
 * One result of a nearest-neighbour search.
 *
 * @param index the row of the embeddings searched
 * @param similarity cosine similarity to the query, in [-1, 1]
 */
public record Neighbour(int index, float similarity) {}
