// The shape every handler module fills in: one async function per AdminApi method, receiving the
// input `invokeMethod` has already parsed with the method's schema (defaults applied).
import type { z } from 'zod';
import type { CallContext } from './caller.js';
import type { AdminApi, MethodName, MethodOutput } from './contract.js';

/** What a handler receives: the schema's parsed (output) type, defaults applied. */
export type ParsedInput<M extends MethodName> = z.output<AdminApi[M]['input']>;

/** `context` says who calls; most handlers do not need it (authorisation happened before). */
export type AdminHandlers = {
  [M in MethodName]: (input: ParsedInput<M>, context: CallContext) => Promise<MethodOutput<M>>;
};

/** The handlers of one domain: a slice of the method map. */
export type HandlersFor<M extends MethodName> = Pick<AdminHandlers, M>;
