/**
 * The methods of the mean-shift family as data: a {@link dev.cmsf.method.Constraint} per method,
 * the shared neighbour loss, purity, and the registry from method name to specification
 * (METHOD.md sections 1 and 2).
 */
package dev.cmsf.method;
