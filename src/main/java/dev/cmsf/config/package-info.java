/**
 * Run configuration as plain data: the {@link dev.cmsf.config.TrainConfig} record with its
 * defaults, loading from YAML and {@code key=value} overrides, and validation with messages
 * that say what to fix.
 */
package dev.cmsf.config;
