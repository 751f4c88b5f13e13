// One JSON-safe conversion for the whole tool (bigint → string, bytes → hex, cycles, Map/Set).
export { toJsonSafe } from '../report/format.js';
