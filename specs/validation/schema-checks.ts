// The schema checks the precomputed path compiles once: a body against its content's schema, and a set
// of parameters (query, path, headers) against the one object schema Prism builds from them. Each
// follows the Prism function it names and answers only "valid" or "ask Prism".
import type { IHttpParam, IMediaTypeContent } from '@stoplight/types';
import { essenceOf } from './messages.ts';
import { INPUT, prism, type AjvInstance, type Context, type Deserializer, type Schema } from './prism.ts';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/** A compiled schema: true when the value has no problem. */
type Validate = (value: unknown) => boolean;

const ajvInstances = new Map<string, AjvInstance>();

/**
 * validators/utils.js: Prism's Ajv instances (one per JSON Schema draft, coercing or not), made here
 * with the same options, formats and date-time format. Prism's validateAgainstSchema reaches its
 * compiled schema through several fp-ts wrappers on every call; here each schema is compiled once.
 */
function prismAjv(schema: Schema, coerce: boolean): AjvInstance {
  const $schema = String(schema['$schema']);
  const draft = /^https?:\/\/json-schema.org\/draft\/2019-09\/schema#?$/.test($schema) ? 'draft2019_09' : /^https?:\/\/json-schema.org\/draft\/2020-12\/schema#?$/.test($schema) ? 'draft2020_12' : 'default';
  const key = `${draft} ${coerce}`;
  let ajv = ajvInstances.get(key);
  if (!ajv) {
    const logger = {
      warn: (...args: unknown[]) => (typeof args[0] === 'string' && args[0].startsWith('unknown format') ? undefined : console.warn(...args)),
      log: console.log,
      error: console.error,
    };
    ajv = new prism.Ajv[draft]({ allErrors: true, allowUnionTypes: true, allowMatchingProperties: true, strict: false, logger, coerceTypes: coerce });
    prism.addFormats(ajv);
    ajv.addFormat('date-time', prism.fmtDef(prism.date_time, prism.compareDateTime));
    ajvInstances.set(key, ajv);
  }
  return ajv;
}

/**
 * validateAgainstSchema's verdict: no problem when the compiled schema leaves no errors, or throws while
 * validating. Undefined when the schema does not compile: then Prism judges (it reports no problem).
 */
function compileLikePrism(schema: Schema, coerce: boolean, bundle: unknown): Validate | undefined {
  let validate: ReturnType<AjvInstance['compile']>;
  try {
    validate = prismAjv(schema, coerce).compile({ ...schema, __bundled__: bundle });
  } catch {
    return undefined;
  }
  return (value) => {
    try {
      validate(value);
    } catch {
      return true;
    }
    return !validate.errors?.length;
  };
}

/** What a body is judged against: a compiled schema, or nothing (undefined: any body is valid). */
export interface BodyCheck {
  validate: Validate | undefined;
}

/**
 * validators/body.js validate(): the content matching the media type (else the first), and its schema
 * with allOf merged and readOnly (request) or writeOnly (response) properties taken out, as Prism's
 * memoised normaliser does. Null when Prism's own path must judge: a form (Prism deserialises it) or a
 * schema that does not compile.
 */
export function bodyCheck(contents: readonly IMediaTypeContent[], mediaType: string | undefined, context: Context, bundle: unknown): BodyCheck | null {
  let content: IMediaTypeContent | undefined = contents[0];
  if (mediaType !== undefined) {
    const found = prism.findContentByMediaTypeOrFirst(contents as IMediaTypeContent[], mediaType);
    content = found._tag === 'Some' ? found.value.content : contents[0];
  }
  if (!content?.schema) return { validate: undefined };
  let merged = content.schema as Schema;
  try {
    merged = prism.mergeAllOf(merged, { deep: true, ignoreAdditionalProperties: true });
  } catch {
    // Prism validates the schema as it is.
  }
  const normalized = context === INPUT ? prism.stripReadOnlyProperties(merged) : prism.stripWriteOnlyProperties(merged);
  if (normalized._tag === 'None') return { validate: undefined };
  if (mediaType !== undefined && !JSON_MEDIA_TYPE.test(essenceOf(mediaType))) return null;
  const validate = compileLikePrism(normalized.value, false, bundle);
  return validate ? { validate } : null;
}

/**
 * validators/params.js validateParams(): the parameters, by lower-cased name, deserialised by their
 * style, those with a (truthy) value checked against one object schema built from them, with coercion.
 * Deprecation warnings are left to Prism: `hasDeprecated` makes the caller use Prism's path.
 */
export class ParameterChecks {
  readonly hasDeprecated: boolean;
  private readonly parameters: Array<{ name: string; deserialize: Deserializer | undefined; schema: unknown; explode: boolean }>;
  private readonly validate: Validate | undefined;

  constructor(specs: readonly IHttpParam[], deserializers: Record<string, Deserializer>, defaultStyle: string, bundle: unknown) {
    // createJsonSchemaFromParams: properties keyed by toLocaleLowerCase, required by toLowerCase.
    const properties: Record<string, unknown> = {};
    for (const spec of specs) properties[spec.name.toLocaleLowerCase()] = spec.schema;
    for (const [name, schema] of Object.entries(properties)) if (!schema) delete properties[name];
    const schema = { type: 'object', properties, required: specs.filter((spec) => spec.required).map((spec) => spec.name.toLowerCase()).filter(Boolean) };
    this.validate = compileLikePrism(schema, true, bundle);
    const byName = new Map(specs.map((spec) => [spec.name.toLowerCase(), spec]));
    this.parameters = [...byName].map(([name, spec]) => ({ name, deserialize: deserializers[spec.style || defaultStyle], schema: properties[name], explode: spec.explode || false }));
    this.hasDeprecated = specs.some((spec) => spec.deprecated);
  }

  isValid(target: Record<string, unknown> | null): boolean {
    if (!this.validate) return false;
    const lowerCased = Object.fromEntries(Object.entries(target ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    const values: Record<string, unknown> = {};
    for (const { name, deserialize, schema, explode } of this.parameters) {
      const value = deserialize?.(name, lowerCased, schema, explode);
      if (value) values[name] = value;
    }
    return this.validate(values);
  }
}
