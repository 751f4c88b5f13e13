// Assertions that only a probe can exercise (e.g. "the server MUST discard …" needs a crafted request):
// id → the test file that shows them pass against one target and fail against another.
export const PROBE_PROVEN: Record<string, string> = {};
