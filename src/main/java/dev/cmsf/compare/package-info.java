/**
 * {@code cmsf compare}: several methods trained with one budget, data and set of seeds, then
 * tabled beside the raw-pixel and random-initialisation floors with a paired comparison
 * ({@link dev.cmsf.compare.Comparison}).
 *
 * <p>A package of its own because a comparison drives whole runs (it trains, resumes and reads
 * run directories, and evaluates the raw-pixel floor) rather than being part of one: {@code
 * dev.cmsf.train} stays the training of a single run, and the tables and statistics stay in
 * {@code dev.cmsf.report} and {@code dev.cmsf.stats}.
 */
package dev.cmsf.compare;
