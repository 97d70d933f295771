/**
 * Looking inside a trained run: {@code cmsf neighbors} finds a training image's nearest memory
 * bank rows, with and without the method's constraint ({@link dev.cmsf.inspect.NeighbourSearch}),
 * and draws them as a PNG grid ({@link dev.cmsf.inspect.NeighbourGrid}).
 */
package dev.cmsf.inspect;
