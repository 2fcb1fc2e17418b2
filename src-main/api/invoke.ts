// The one door into the handlers, shared by every transport: unknown methods are refused and
// input is parsed with the method's schema before any handler runs (DESIGN invariant 5).
import { GitGuildError } from '../errors.js';
import { DESKTOP_ADMIN, type Caller } from './caller.js';
import { adminApi, type MethodName } from './contract.js';
import { authorizeCall } from './guild-scope.js';
import type { AdminHandlers } from './handlers.js';
import { describeZodError, fieldIssues } from './validation.js';

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(adminApi, name);
}

export interface InvokeOptions {
  /**
   * Check each answer against the method's output schema. On in development and tests, where a
   * handler drifting from the contract should fail loudly; off in production builds to save work.
   */
  validateOutput?: boolean;
  /** Who calls; Electron's own window (the desktop's admin) when not given. */
  caller?: Caller;
}

const validateOutputByDefault = process.env['NODE_ENV'] !== 'production';

export async function invokeMethod(
  handlers: AdminHandlers,
  name: string,
  rawInput: unknown,
  options: InvokeOptions = {},
): Promise<unknown> {
  if (!isMethodName(name)) {
    throw new GitGuildError('not_found', `Unknown method "${name}".`, {
      hint: `Known methods: ${Object.keys(adminApi).join(', ')}.`,
    });
  }
  const method = adminApi[name];
  const parsed = method.input.safeParse(rawInput);
  if (!parsed.success) {
    throw new GitGuildError(
      'invalid_input',
      `Invalid input for ${name}: ${describeZodError(parsed.error)}`,
      {
        issues: fieldIssues(parsed.error),
      },
    );
  }
  const caller = options.caller ?? DESKTOP_ADMIN;
  // After parsing, so the guild scope is read from validated input; before any handler runs.
  await authorizeCall(caller, name, parsed.data);
  // The map is keyed by name, so the handler and its parsed input always belong together;
  // TypeScript cannot correlate the two through a union key, hence the widening here.
  const handler = handlers[name] as (
    input: unknown,
    context: { caller: Caller },
  ) => Promise<unknown>;
  const output = await handler(parsed.data, { caller });
  if (options.validateOutput ?? validateOutputByDefault) {
    const checked = method.output.safeParse(output);
    if (!checked.success) {
      throw new GitGuildError(
        'internal',
        `The ${name} handler returned output that breaks the contract: ${describeZodError(checked.error)}`,
      );
    }
    return checked.data;
  }
  return output;
}
