// Public API of the Diameter module.
export { decodeDiameter, encodeDiameter, type DiameterMessage } from './message.js';
export { AVPF, decodeAvps, encodeAvp, encodeAvpList, type DiameterAvp } from './avp.js';
export { CMD, HEADER_LENGTH, commandFlags, isRequest, readHeader, type CommandFlags, type DiameterHeader } from './header.js';
export * from './types.js';
export { avp, rawAvp, diameterMessage, findAvp, findAll, type AvpInput, type AvpKey, type AvpOptions, type MessageOptions } from './build.js';
export { checkGrammar, checkList, checkFlags, walkAvps, type GrammarProblem, type FlagProblem } from './grammar.js';
export { DiameterFramer, createFramer, looksLikeTls, DEFAULT_MAX_LENGTH, TLS_PORT, type FramerOptions } from './framing.js';
export { DiameterMatcher, createMatcher, KIND } from './match.js';
export { diameterModule, describeDiameter, describeAvp, dictionaryFor, type AvpSummary } from './register.js';
export { sampleMessages, faultySamples, prefix17 } from './samples.js';
export * from './dictionary/index.js';
