// Small validators that turn bad request bodies into Discord's 50035 error tree.
import { invalidFormBody, type FieldProblem } from '../errors.js';

export type JsonObject = Record<string, unknown>;

export function objectBody(json: unknown): JsonObject {
  if (json === undefined) return {};
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw invalidFormBody([
      {
        path: [],
        code: 'DICT_TYPE_CONVERT',
        message: 'Only dictionaries may be used in a DictType',
      },
    ]);
  return json as JsonObject;
}

export class FieldChecker {
  readonly problems: FieldProblem[] = [];

  string(
    body: JsonObject,
    key: string,
    opts: { min?: number; max: number; required?: boolean },
  ): string | undefined {
    const value = body[key];
    if (value === undefined || value === null) {
      if (opts.required)
        this.problems.push({
          path: [key],
          code: 'BASE_TYPE_REQUIRED',
          message: 'This field is required',
        });
      return undefined;
    }
    if (typeof value !== 'string') {
      this.problems.push({ path: [key], code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
      return undefined;
    }
    const min = opts.min ?? 0;
    if (value.length < min || value.length > opts.max) {
      this.problems.push({
        path: [key],
        code: 'BASE_TYPE_BAD_LENGTH',
        message: `Must be between ${min} and ${opts.max} in length.`,
      });
      return undefined;
    }
    return value;
  }

  int(body: JsonObject, key: string, opts: { min: number; max: number }): number | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.problems.push({
        path: [key],
        code: 'NUMBER_TYPE_COERCE',
        message: `Value "${String(value)}" is not int.`,
      });
      return undefined;
    }
    if (value < opts.min || value > opts.max) {
      this.problems.push({
        path: [key],
        code: value < opts.min ? 'NUMBER_TYPE_MIN' : 'NUMBER_TYPE_MAX',
        message:
          value < opts.min
            ? `int value should be greater than or equal to ${opts.min}.`
            : `int value should be less than or equal to ${opts.max}.`,
      });
      return undefined;
    }
    return value;
  }

  bool(body: JsonObject, key: string): boolean | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.problems.push({
        path: [key],
        code: 'BASE_TYPE_BOOLEAN',
        message: 'Must be either true or false.',
      });
      return undefined;
    }
    return value;
  }

  snowflake(body: JsonObject, key: string): string | null | undefined {
    const value = body[key];
    if (value === undefined) return undefined;
    if (value === null) return null;
    if (
      (typeof value !== 'string' && typeof value !== 'number') ||
      !/^\d{1,20}$/.test(String(value))
    ) {
      this.problems.push({
        path: [key],
        code: 'NUMBER_TYPE_COERCE',
        message: `Value "${String(value)}" is not snowflake.`,
      });
      return undefined;
    }
    return String(value);
  }

  permissions(body: JsonObject, key: string): bigint | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if ((typeof value !== 'string' && typeof value !== 'number') || !/^\d+$/.test(String(value))) {
      this.problems.push({
        path: [key],
        code: 'NUMBER_TYPE_COERCE',
        message: `Value "${String(value)}" is not int.`,
      });
      return undefined;
    }
    return BigInt(value);
  }

  snowflakeList(body: JsonObject, key: string): string[] | undefined {
    const value = body[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.problems.push({ path: [key], code: 'BASE_TYPE_LIST', message: 'Must be a list.' });
      return undefined;
    }
    const out: string[] = [];
    value.forEach((item: unknown, index) => {
      if (
        (typeof item !== 'string' && typeof item !== 'number') ||
        !/^\d{1,20}$/.test(String(item))
      )
        this.problems.push({
          path: [key, index],
          code: 'NUMBER_TYPE_COERCE',
          message: `Value "${String(item)}" is not snowflake.`,
        });
      else out.push(String(item));
    });
    return out;
  }

  /** Throws Discord's 50035 with every problem found so far. */
  done(): void {
    if (this.problems.length > 0) throw invalidFormBody(this.problems);
  }
}
