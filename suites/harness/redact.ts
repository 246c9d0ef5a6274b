// Every secret a run knows, and the one function every output goes through before it is written or
// printed. Redaction covers the raw value and the encodings it can travel in (JSON-escaped,
// percent-encoded, form-encoded, HTML-escaped, base64 alone or as the password of Basic auth), because a
// server that echoes a request may answer it in any of them.

/** Values shorter than this are not treated as secrets: replacing "ab" everywhere would wreck a report. */
const MIN_SECRET_LENGTH = 4;
/**
 * Secrets found on the wire must be longer: the property checks give users passwords such as "null" or
 * "true", which are not secrets of anyone and would otherwise be replaced in every answer quoted.
 */
const MIN_DISCOVERED_LENGTH = 8;

/** Field and header names whose values are credentials wherever they appear (requests and answers). */
const SECRET_NAME = /(^|[_-])(password|passwd|secret|token|access[_-]?key|api[_-]?key|authorization|admin[_-]?auth|x-lxt-api-token)$|^(new_password|current_password|access_token|refresh_token|id_token|client_secret)$/i;

export interface Secret {
  value: string;
  /** What replaces it, e.g. '$TOKEN'; kept expandable in curl reproductions. */
  placeholder: string;
}

export class Redactor {
  private readonly secrets = new Map<string, Secret>();
  /**
   * Every encoded form of every secret, as one pattern (longest first, so a longer secret is replaced
   * before a part of it) and its placeholders; built when first needed after a change, as a run learns
   * hundreds of secrets (each created user's key and password).
   */
  private matcher: { pattern: RegExp; placeholders: Map<string, string> } | undefined;
  private usernames: string[] = [];
  private discovered = 0;

  constructor(secrets: ReadonlyArray<Secret> = []) {
    for (const secret of secrets) this.add(secret.value, secret.placeholder);
  }

  /** A user name that may travel with a password as HTTP Basic credentials (base64 of `user:password`). */
  addUsername(username: string | undefined): void {
    if (!username || this.usernames.includes(username)) return;
    this.usernames.push(username);
    this.rebuild();
  }

  add(value: string | undefined, placeholder: string): void {
    if (value === undefined || value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) return;
    this.secrets.set(value, { value, placeholder });
    this.rebuild();
  }

  /** A secret found on the wire (a created user's key, a token in an answer), named by where it was found. */
  addDiscovered(value: string, name: string): void {
    if (value.length < MIN_DISCOVERED_LENGTH || this.secrets.has(value) || /^\$[A-Z_0-9]+$/.test(value)) return;
    this.discovered += 1;
    this.add(value, `$${name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_${this.discovered}`);
  }

  /** Secrets held in credential-like fields of a JSON value or a header/field map, at any depth. */
  discover(value: unknown): void {
    const visit = (node: unknown, depth: number): void => {
      if (depth > 32 || typeof node !== 'object' || node === null) return;
      for (const [key, child] of Object.entries(node)) {
        if (typeof child === 'string' && SECRET_NAME.test(key)) {
          // "Bearer <token>" and "Basic <base64>": the credential is the last word.
          const word = child.trim().split(/\s+/).at(-1) ?? '';
          this.addDiscovered(child, key);
          if (word !== child) this.addDiscovered(word, key);
        } else visit(child, depth + 1);
      }
    };
    visit(value, 0);
  }

  list(): Secret[] {
    return [...this.secrets.values()];
  }

  text(text: string): string {
    const matcher = (this.matcher ??= this.build());
    if (matcher.placeholders.size === 0) return text;
    return text.replace(matcher.pattern, (form) => matcher.placeholders.get(form) ?? form);
  }

  /**
   * A copy of a JSON-like value with every string redacted (keys too: an echoed object's keys are the
   * server's). Numbers and literals are left alone, so the JSON stays JSON even for a secret like 12345.
   */
  deep<T>(value: T): T {
    const visit = (node: unknown): unknown => {
      if (typeof node === 'string') return this.text(node);
      if (Array.isArray(node)) return node.map(visit);
      if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([key, child]) => [this.text(key), visit(child)]));
      return node;
    };
    return visit(value) as T;
  }

  private rebuild(): void {
    this.matcher = undefined;
  }

  private build(): { pattern: RegExp; placeholders: Map<string, string> } {
    const forms = new Map<string, string>();
    for (const { value, placeholder } of this.secrets.values()) {
      for (const form of encodings(value)) if (form.length >= MIN_SECRET_LENGTH && !forms.has(form)) forms.set(form, placeholder);
      for (const username of this.usernames) {
        const basic = Buffer.from(`${username}:${value}`).toString('base64');
        forms.set(basic, `${placeholder}_BASIC`);
        forms.set(basic.replace(/=+$/, ''), `${placeholder}_BASIC`);
      }
    }
    const texts = [...forms.keys()].sort((a, b) => b.length - a.length).map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return { pattern: new RegExp(texts.join('|') || '(?!)', 'g'), placeholders: forms };
  }
}

function encodings(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const base64 = Buffer.from(value).toString('base64');
  return [
    value,
    json,
    // JSON.stringify leaves non-ASCII as is; some servers escape it.
    json.replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`),
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(value).toString('base64url'),
  ];
}
