import { describe, expect, it } from 'vitest';
import { rfc6611Exchange } from './rfc6611.js';
import { runCase } from '../fixtures/kit.js';

describe('rfc6611Exchange', () => {
  it('builds four legs that the pipeline pairs into one transaction', async () => {
    const ex = rfc6611Exchange();
    expect(ex.frames).toHaveLength(4);
    const r = await runCase({ name: 't', description: 't', frames: () => ex.frames, expect: {} }, []);
    expect(r.inputs[0]!.messages.dhcpv6).toBe(4);
    expect(r.inputs[0]!.transactions).toBe(1);
    expect(r.inputs[0]!.decodeIssues).toBe(0);
  });
});
