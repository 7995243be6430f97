/**
 * The gate every figure passes (vega-lite's own examples gate): the spec validates against the JSON schema the
 * vega-lite package ships, compiles without a single warning, and embeds its data (no URLs).
 */
import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';
import { loadVegaLite } from './load.js';

export interface SpecValidation {
  /** true when there are no schema errors, no compile warnings or errors, and no external data */
  readonly valid: boolean;
  /** ajv messages, `instancePath: message` */
  readonly schemaErrors: readonly string[];
  /** warnings (and errors) the vega-lite compiler logged */
  readonly compileWarnings: readonly string[];
  /** `data.url` values found anywhere in the spec */
  readonly externalData: readonly string[];
}

type ValidateFunction = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null;
};

let schemaValidator: Promise<ValidateFunction> | undefined;

/**
 * vega-lite-schema.json declares JSON Schema draft-07, which is what ajv's default class implements.
 * ajv is loaded lazily: only validation needs it, rendering does not.
 */
function loadSchemaValidator(): Promise<ValidateFunction> {
  schemaValidator ??= (async () => {
    const require = createRequire(import.meta.url);
    const schema = require('vega-lite/vega-lite-schema.json') as Record<string, unknown>;
    const ajvModule = (await import('ajv')) as unknown as {
      default: new (options: Record<string, unknown>) => { compile(schema: unknown): ValidateFunction };
    };
    const ajv = new ajvModule.default({
      allErrors: true,
      strict: false,
      allowUnionTypes: true,
      logger: false,
      // The formats the schema names; ajv (without ajv-formats) would otherwise warn and ignore them.
      formats: {
        uri: /^[a-z][a-z0-9+.-]*:[^\s]*$/i,
        'uri-reference': /^[^\s]*$/,
        'color-hex': /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i,
      },
    });
    return ajv.compile(schema);
  })();
  return schemaValidator;
}

/** Every `url` under a `data` object, anywhere in the spec. */
function externalUrls(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) externalUrls(v, found);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const data = record['data'];
    if (data !== null && typeof data === 'object' && typeof (data as Record<string, unknown>)['url'] === 'string') {
      found.push((data as Record<string, string>)['url']!);
    }
    for (const v of Object.values(record)) externalUrls(v, found);
  }
  return found;
}

/** Captures what the vega-lite compiler logs instead of printing it. */
class CapturingLogger {
  readonly messages: string[] = [];
  #level = 0;
  level(): number;
  level(level: number): this;
  level(level?: number): number | this {
    if (level === undefined) return this.#level;
    this.#level = level;
    return this;
  }
  error(...args: readonly unknown[]): this {
    this.messages.push(`error: ${args.map(String).join(' ')}`);
    return this;
  }
  warn(...args: readonly unknown[]): this {
    this.messages.push(`warning: ${args.map(String).join(' ')}`);
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

export async function validateSpec(spec: TopLevelSpec): Promise<SpecValidation> {
  const validate = await loadSchemaValidator();
  const schemaErrors = validate(spec)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
  const vl = await loadVegaLite();
  const logger = new CapturingLogger();
  const before = JSON.stringify(spec);
  try {
    vl.compile(spec, { logger });
  } catch (error) {
    logger.messages.push(`error: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (JSON.stringify(spec) !== before) logger.messages.push('error: compiling changed the spec');
  const externalData = externalUrls(spec);
  return {
    valid: schemaErrors.length === 0 && logger.messages.length === 0 && externalData.length === 0,
    schemaErrors,
    compileWarnings: logger.messages,
    externalData,
  };
}
