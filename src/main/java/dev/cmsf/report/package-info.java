/**
 * What a run leaves for people and tools: metrics records ({@code metrics.jsonl}), the final
 * report ({@code report.json}) and progress bars.
 */
package dev.cmsf.report;
