export { PROBE_PROVEN } from './index.js';
