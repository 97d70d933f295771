/**
 * The little statistics that repeated runs need: the spread of a figure over seeds and the
 * paired t-test that says whether two methods differ by more than the seed-to-seed noise.
 */
package dev.cmsf.stats;
