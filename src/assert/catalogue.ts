import type { Assertion, Level, Role } from './types.js';

export interface CatalogueFilter {
  ids?: string[];
  roles?: Role[];
  levels?: Level[];
  /** document: 'RFC6611', 'S001' ... (case-insensitive) */
  specs?: string[];
  protos?: string[];
}

/** Filters the catalogue; an id filter may end with '*' as a prefix match. */
export function filterCatalogue(all: readonly Assertion[], f: CatalogueFilter): Assertion[] {
  const specs = f.specs?.map((s) => s.toUpperCase().replace(/\s+/g, ''));
  return all.filter((a) => {
    if (f.ids?.length && !f.ids.some((p) => (p.endsWith('*') ? a.id.startsWith(p.slice(0, -1)) : a.id === p))) return false;
    if (f.roles?.length && !f.roles.includes(a.role)) return false;
    if (f.levels?.length && !f.levels.includes(a.level)) return false;
    if (specs?.length && !specs.includes(a.cite.doc.toUpperCase())) return false;
    if (f.protos?.length && !f.protos.includes(a.proto)) return false;
    return true;
  });
}
