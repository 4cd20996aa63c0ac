/** The streaming core: the real SDK client, error classification, retry and resume. */
export * from './types';
export { createAnthropicClient, type ClientOptions } from './client';
export { StreamingService, type StreamingServiceDeps } from './streamingService';
export { classifyError, parseRetryAfter, redact, isPrefillRejection, StreamStalledError, StreamIncompleteError } from './errors';
export { backoffDelay, wait, realTimers, MAX_BACKOFF_MS, WaitAbortedError, type Timers } from './backoff';
export { ContinuationJoiner, CONTINUE_TURN_MIN_OVERLAP, MIN_OVERLAP_CHARS } from './continuationJoiner';
export { CONTINUE_PROMPT, supportsPrefill } from './resumeStrategy';
