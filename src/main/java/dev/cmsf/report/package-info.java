/**
 * What a run leaves for people and tools: metrics records ({@code metrics.jsonl}), the final
 * report ({@code report.json}) and progress bars; and what {@code cmsf report} makes of them:
 * PNG plots and markdown reports of one run or a comparison of several.
 */
package dev.cmsf.report;
