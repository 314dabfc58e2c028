/**
 * Config parsing shared by the entry points (coordinator, worker, cli). Each
 * entry point declares a schema once; {@link parseConfig} reads flags and
 * `FEDRA_*` environment variables against it and returns one validated,
 * deep-frozen object. Unknown keys and bad values are {@link ConfigError}s
 * whose message names the key, its flag and its environment variable.
 *
 * Only entry points read `process.env`; they pass it in here.
 *
 * @module
 */
import { isIPv4, isIPv6 } from 'node:net';
import { ConfigError, InvalidArgumentError } from './errors.js';

interface FieldBase {
  /** One line for `--help` and the docs. */
  description: string;
  /**
   * A value must come from a flag, the environment or `default`.
   * @default false
   */
  required?: boolean;
  /**
   * The environment variable that sets the key.
   * @default `FEDRA_` + the key in SCREAMING_SNAKE_CASE (`listenAddress` -> `FEDRA_LISTEN_ADDRESS`)
   */
  env?: string;
  /**
   * Never repeat the value in error messages (passwords, tokens).
   * @default false
   */
  secret?: boolean;
}

/** Free text. */
export interface StringField extends FieldBase {
  type: 'string';
  default?: string;
}

/** A filesystem path, kept as written (not resolved). */
export interface PathField extends FieldBase {
  type: 'path';
  default?: string;
}

/** A safe integer, decimal digits only. */
export interface IntField extends FieldBase {
  type: 'int';
  default?: number;
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
}

/** A finite decimal number. */
export interface NumberField extends FieldBase {
  type: 'number';
  default?: number;
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
}

/** `true|false|1|0|yes|no|on|off`, any case. */
export interface BoolField extends FieldBase {
  type: 'bool';
  default?: boolean;
}

/** One of a fixed list of strings. */
export interface EnumField<V extends string = string> extends FieldBase {
  type: 'enum';
  /** The allowed values. */
  values: readonly V[];
  default?: NoInfer<V>;
}

/** A duration such as `250ms`, `30s`, `5m`, `1h30m`; the value is in milliseconds. */
export interface DurationField extends FieldBase {
  type: 'duration';
  /** A duration string, or milliseconds. */
  default?: string | number;
  /** Shortest allowed, in milliseconds. */
  min?: number;
  /** Longest allowed, in milliseconds. */
  max?: number;
}

/** An absolute URL, kept as written. */
export interface UrlField extends FieldBase {
  type: 'url';
  default?: string;
  /** Allowed schemes with their colon, e.g. `['redis:', 'rediss:']`; any when absent. */
  protocols?: readonly string[];
}

/** `host:port` or `[ipv6]:port`; the value is a {@link HostPort}. */
export interface HostPortField extends FieldBase {
  type: 'hostport';
  default?: string;
  /**
   * Accept port 0 (listen on any free port).
   * @default true
   */
  allowPortZero?: boolean;
}

/** One key of a {@link ConfigSchema}. */
export type ConfigField =
  | StringField
  | PathField
  | IntField
  | NumberField
  | BoolField
  | EnumField
  | DurationField
  | UrlField
  | HostPortField;

/** The kinds of value a config key can hold. */
export type ConfigFieldType = ConfigField['type'];

/** Keys (camelCase) to their fields. */
export type ConfigSchema = Readonly<Record<string, ConfigField>>;

/** A parsed `host:port`. */
export interface HostPort {
  /** Host name or IP address, without IPv6 brackets. */
  readonly host: string;
  /** 0-65535. */
  readonly port: number;
}

/** The parsed type of one field. */
export type ConfigFieldValue<F extends ConfigField> = F extends {
  type: 'enum';
  values: readonly (infer V)[];
}
  ? V
  : F extends { type: 'int' | 'number' | 'duration' }
    ? number
    : F extends { type: 'bool' }
      ? boolean
      : F extends { type: 'hostport' }
        ? HostPort
        : string;

/** The parsed config: required or defaulted keys always hold a value. */
export type ConfigValues<S extends ConfigSchema> = {
  readonly [K in keyof S]: S[K] extends { default: string | number | boolean } | { required: true }
    ? ConfigFieldValue<S[K]>
    : ConfigFieldValue<S[K]> | undefined;
};

/** Options for {@link parseConfig}. */
export interface ParseConfigOptions {
  /** The environment, usually `process.env`; only variables with `envPrefix` are read. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * The prefix that marks Fedra's environment variables.
   * @default 'FEDRA_'
   */
  envPrefix?: string;
  /**
   * Ignore prefixed variables the schema does not know, instead of refusing
   * them (for a shell shared by several Fedra processes).
   * @default false
   */
  ignoreUnknownEnv?: boolean;
}

const DEFAULT_ENV_PREFIX = 'FEDRA_';
const KEY_PATTERN = /^[a-z][a-zA-Z0-9]*$/;

/** The environment variable for a key: `listenAddress` -> `FEDRA_LISTEN_ADDRESS`. */
export function envVarName(key: string, prefix: string = DEFAULT_ENV_PREFIX): string {
  return prefix + key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The command-line flag for a key: `listenAddress` -> `--listen-address`. */
export function flagName(key: string): string {
  return `--${key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

/**
 * Checks a schema once, where it is declared (keys, enum values, that every
 * default parses), and returns it frozen with its literal types kept for
 * {@link ConfigValues}.
 *
 * @example
 * ```ts
 * export const coordinatorConfig = defineConfigSchema({
 *   listenAddress: { type: 'hostport', default: '0.0.0.0:50051', description: 'gRPC listen address' },
 *   redisUrl: { type: 'url', protocols: ['redis:', 'rediss:'], required: true, description: 'Redis' },
 *   stageTimeout: { type: 'duration', default: '5m', description: 'default stage deadline' },
 * });
 * const config = parseConfig(coordinatorConfig, flags, { env: process.env });
 * config.listenAddress.port; // number
 * ```
 */
export function defineConfigSchema<const S extends ConfigSchema>(schema: S): S {
  for (const [key, field] of Object.entries(schema)) {
    if (!KEY_PATTERN.test(key)) {
      throw new ConfigError(key, `config key "${key}" must be camelCase ASCII`);
    }
    if (field.type === 'enum' && field.values.length === 0) {
      throw new ConfigError(key, `config key ${key} is an enum without values`);
    }
    const text = defaultText(field);
    if (text !== undefined) parseValue(key, field, text, 'default', envVarName(key));
  }
  return Object.freeze({ ...schema });
}

/**
 * Parses config inputs against a schema. `inputs` are flag values keyed by
 * schema key (camelCase, as commander gives them) or by flag name
 * (kebab-case); flags win over the environment, which wins over defaults.
 * An empty string counts as not set.
 *
 * @throws ConfigError for an unknown key or environment variable, a bad
 *   value, or a missing required key; the message names the key, flag and
 *   environment variable.
 */
export function parseConfig<S extends ConfigSchema>(
  schema: S,
  inputs: Readonly<Record<string, string | undefined>>,
  options: ParseConfigOptions = {},
): ConfigValues<S> {
  const prefix = options.envPrefix ?? DEFAULT_ENV_PREFIX;
  const fields = new Map<string, ConfigField>(Object.entries(schema));
  const envKeys = new Map<string, string>();
  for (const [key, field] of fields) envKeys.set(field.env ?? envVarName(key, prefix), key);

  const fromFlags = new Map<string, string>();
  for (const [name, value] of Object.entries(inputs)) {
    const key = name.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
    const field = fields.get(key);
    if (field === undefined) {
      throw new ConfigError(name, `unknown config key "${name}"${suggest(key, fields.keys())}`);
    }
    if (value === undefined || value === '') continue;
    if (fromFlags.has(key)) {
      throw new ConfigError(key, `${describeKey(key, field, prefix)} is given twice`, {
        envVar: field.env ?? envVarName(key, prefix),
      });
    }
    fromFlags.set(key, value);
  }

  const fromEnv = new Map<string, string>();
  for (const [name, value] of Object.entries(options.env ?? {})) {
    const key = envKeys.get(name);
    if (key === undefined) {
      if (!name.startsWith(prefix) || options.ignoreUnknownEnv === true) continue;
      const known = [...envKeys.keys()];
      throw new ConfigError(name, `unknown environment variable ${name}${suggest(name, known)}`, {
        envVar: name,
      });
    }
    if (value !== undefined && value !== '') fromEnv.set(key, value);
  }

  const result: Record<string, unknown> = {};
  for (const [key, field] of fields) {
    const envVar = field.env ?? envVarName(key, prefix);
    const flagValue = fromFlags.get(key);
    const envValue = fromEnv.get(key);
    const fallback = defaultText(field);
    if (flagValue !== undefined) {
      result[key] = parseValue(key, field, flagValue, flagName(key), envVar);
    } else if (envValue !== undefined) {
      result[key] = parseValue(key, field, envValue, envVar, envVar);
    } else if (fallback !== undefined) {
      result[key] = parseValue(key, field, fallback, 'default', envVar);
    } else if (field.required === true) {
      throw new ConfigError(
        key,
        `missing ${describeKey(key, field, prefix)}: ${field.description}`,
        { envVar },
      );
    } else {
      result[key] = undefined;
    }
  }
  return Object.freeze(result) as ConfigValues<S>;
}

function describeKey(key: string, field: ConfigField, prefix: string): string {
  return `${key} (${flagName(key)} or ${field.env ?? envVarName(key, prefix)})`;
}

function defaultText(field: ConfigField): string | undefined {
  const value = field.default;
  if (value === undefined) return undefined;
  if (field.type === 'duration' && typeof value === 'number') return `${value}ms`;
  return String(value);
}

/** Parses one raw value; `source` says where it came from, for the message. */
function parseValue(
  key: string,
  field: ConfigField,
  raw: string,
  source: string,
  envVar: string,
): unknown {
  try {
    return parseTyped(field, raw.trim());
  } catch (error) {
    const problem = error instanceof InvalidArgumentError ? error.message : String(error);
    const shown = field.secret === true ? '(value hidden)' : JSON.stringify(clip(raw));
    throw new ConfigError(
      key,
      `invalid ${key} (${flagName(key)} or ${envVar}) from ${source}: ${problem}; got ${shown}`,
      { envVar, cause: error },
    );
  }
}

function parseTyped(field: ConfigField, text: string): unknown {
  switch (field.type) {
    case 'string':
      return text;
    case 'path':
      if (text.includes('\0')) throw new InvalidArgumentError('path', 'a path cannot contain NUL');
      return text;
    case 'int':
      return inRange(parseInteger(text), field.min, field.max);
    case 'number':
      return inRange(parseNumber(text), field.min, field.max);
    case 'bool':
      return parseBool(text);
    case 'enum':
      if (!field.values.includes(text)) {
        throw new InvalidArgumentError('enum', `expected one of ${field.values.join(', ')}`);
      }
      return text;
    case 'duration':
      return inRange(parseDuration(text), field.min, field.max);
    case 'url':
      return parseUrl(text, field.protocols);
    case 'hostport':
      return parseHostPort(text, { allowPortZero: field.allowPortZero ?? true });
  }
}

function inRange(value: number, min: number | undefined, max: number | undefined): number {
  if (min !== undefined && value < min) {
    throw new InvalidArgumentError('value', `must be at least ${min}`);
  }
  if (max !== undefined && value > max) {
    throw new InvalidArgumentError('value', `must be at most ${max}`);
  }
  return value;
}

function parseInteger(text: string): number {
  const value = Number(text);
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new InvalidArgumentError('int', 'expected a whole number');
  }
  return value;
}

function parseNumber(text: string): number {
  const value = Number(text);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) || !Number.isFinite(value)) {
    throw new InvalidArgumentError('number', 'expected a finite number');
  }
  return value;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

function parseBool(text: string): boolean {
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new InvalidArgumentError('bool', 'expected true or false');
}

function parseUrl(text: string, protocols: readonly string[] | undefined): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError('url', 'expected an absolute URL');
  }
  if (protocols !== undefined && !protocols.includes(url.protocol)) {
    throw new InvalidArgumentError('url', `expected a URL with scheme ${protocols.join(' or ')}`);
  }
  return text;
}

const DURATION_UNITS_MS = { ms: 1n, s: 1000n, m: 60_000n, h: 3_600_000n, d: 86_400_000n } as const;
const DURATION_PART = /(\d{1,16})(?:\.(\d{1,9}))?(ms|s|m|h|d)/y;

/**
 * Parses a duration to whole milliseconds: one or more `<number><unit>`
 * parts with units `ms`, `s`, `m`, `h`, `d` (`250ms`, `30s`, `1h30m`,
 * `1.5s`), or a bare `0`.
 *
 * @throws InvalidArgumentError when the text is not a duration or does not
 *   come to a whole number of milliseconds.
 */
export function parseDuration(text: string): number {
  if (text === '0') return 0;
  let total = 0n;
  let at = 0;
  while (at < text.length) {
    DURATION_PART.lastIndex = at;
    const match = DURATION_PART.exec(text);
    const [whole = '', fraction = '', unit] = match?.slice(1) ?? [];
    if (match === null || unit === undefined || !isDurationUnit(unit)) {
      throw new InvalidArgumentError(
        'duration',
        'expected a duration such as 250ms, 30s, 5m or 1h30m',
      );
    }
    const unitMs = DURATION_UNITS_MS[unit];
    const scale = 10n ** BigInt(fraction.length);
    const fractionMs = BigInt(fraction || '0') * unitMs;
    if (fractionMs % scale !== 0n) {
      throw new InvalidArgumentError('duration', 'a duration must come to whole milliseconds');
    }
    total += BigInt(whole) * unitMs + fractionMs / scale;
    at = DURATION_PART.lastIndex;
  }
  if (text.length === 0 || total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new InvalidArgumentError(
      'duration',
      'expected a duration such as 250ms, 30s, 5m or 1h30m',
    );
  }
  return Number(total);
}

function isDurationUnit(unit: string): unit is keyof typeof DURATION_UNITS_MS {
  return Object.hasOwn(DURATION_UNITS_MS, unit);
}

/**
 * Formats milliseconds the way {@link parseDuration} reads them, largest
 * units first: `90_000` -> `'1m30s'`, `0` -> `'0s'`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new InvalidArgumentError(
      'ms',
      'a duration is a non-negative whole number of milliseconds',
    );
  }
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = Number(DURATION_UNITS_MS[unit]);
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return rest > 0 ? `${text}${rest}ms` : text;
}

/** Options for {@link parseHostPort}. */
export interface ParseHostPortOptions {
  /**
   * Accept port 0 (listen on any free port).
   * @default true
   */
  allowPortZero?: boolean;
}

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;

/**
 * Parses `host:port`, `ipv4:port` or `[ipv6]:port`.
 *
 * @throws InvalidArgumentError when the port is missing or out of range,
 *   the host is malformed, or an IPv6 address lacks brackets.
 */
export function parseHostPort(text: string, options: ParseHostPortOptions = {}): HostPort {
  const fail = (why: string): never => {
    throw new InvalidArgumentError(
      'hostport',
      `expected host:port (such as 0.0.0.0:50051); ${why}`,
    );
  };
  let host: string;
  let portText: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') return fail('an IPv6 address needs "]:port"');
    host = text.slice(1, close);
    portText = text.slice(close + 2);
    if (!isIPv6(host)) return fail('the bracketed host is not an IPv6 address');
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0) return fail('the port is missing');
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (host.includes(':')) return fail('write IPv6 addresses in brackets, like [::1]:50051');
    if (!isIPv4(host) && !HOSTNAME.test(host))
      return fail('the host is not a valid name or address');
  }
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65_535) return fail('the port must be 0-65535');
  if (port === 0 && options.allowPortZero === false) return fail('port 0 is not allowed here');
  return Object.freeze({ host, port });
}

/** Formats a {@link HostPort} back to text, bracketing IPv6 hosts. */
export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}

/** ` (did you mean x?)` for a close known name, else ''. */
function suggest(name: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` (did you mean ${best}?)`;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
