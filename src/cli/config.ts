import fs from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from '../util/errors.js';

/** Reads a probe config file: JSON or YAML (YAML is a superset of JSON), keys named as the command-line options. */
export function loadConfig(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: ${(e as Error).message}`);
  }
  let v: unknown;
  try {
    v = parse(text);
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(`${file}: expected a mapping of option names to values`);
  return v as Record<string, unknown>;
}
