/** The memory bank of target embeddings that neighbours are searched in (METHOD.md section 1). */
package dev.cmsf.memory;
