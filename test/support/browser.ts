// A headless Chromium driven over the DevTools protocol (its WebSocket, with Node's own WebSocket), to
// look at a page the way a reader does: at a given viewport width, after layout. Chromium comes from
// the system (Debian's `chromium`; CHROMIUM_PATH to use another); without it the caller skips and says so.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);

export interface Viewport {
  width: number;
  height: number;
  /** A phone: the page's <meta name="viewport"> applies. */
  mobile: boolean;
}

interface Pending {
  resolve: (result: any) => void;
  reject: (error: Error) => void;
}

export class Browser {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly events: Array<{ method: string; sessionId?: string; resolve: () => void }> = [];

  private readonly process: ChildProcess;
  private readonly socket: WebSocket;
  private readonly profile: string;

  private constructor(child: ChildProcess, socket: WebSocket, profile: string) {
    this.process = child;
    this.socket = socket;
    this.profile = profile;
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string }; method?: string; sessionId?: string };
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error.message));
        else waiting?.resolve(message.result);
        return;
      }
      const index = this.events.findIndex((event) => event.method === message.method && event.sessionId === message.sessionId);
      if (index !== -1) this.events.splice(index, 1)[0]?.resolve();
    });
  }

  static async launch(): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'userapi-chromium-'));
    const child = spawn(CHROMIUM_PATH, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const endpoint = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start within 30 s: ${output}`)), 30_000);
      child.stderr!.setEncoding('utf8').on('data', (text: string) => {
        output += text;
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      });
      child.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${output}`)));
    });
    const socket = new WebSocket(endpoint);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot connect to ${endpoint}`)), { once: true });
    });
    return new Browser(child, socket, profile);
  }

  send<T = any>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  private event(method: string, sessionId: string): Promise<void> {
    return new Promise((resolve) => this.events.push({ method, sessionId, resolve }));
  }

  /** Opens `url` in a new tab of `viewport`'s size and returns what `expression` evaluates to once it loaded. */
  async evaluate<T>(url: string, viewport: Viewport, expression: string): Promise<T> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    try {
      await this.send('Emulation.setDeviceMetricsOverride', { width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: viewport.mobile }, sessionId);
      await this.send('Page.enable', {}, sessionId);
      const loaded = this.event('Page.loadEventFired', sessionId);
      await this.send('Page.navigate', { url }, sessionId);
      await loaded;
      const { result, exceptionDetails } = await this.send<{ result: { value: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', { expression, returnByValue: true }, sessionId);
      if (exceptionDetails) throw new Error(`the page's script failed: ${exceptionDetails.text}`);
      return result.value;
    } finally {
      await this.send('Target.closeTarget', { targetId });
    }
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    await this.send('Browser.close').catch(() => undefined);
    this.socket.close();
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export interface Overflow {
  innerWidth: number;
  scrollWidth: number;
  /** Elements reaching beyond the viewport's left or right edge, or whose content spills out of them (the first 10), and how many in all. */
  outside: Array<{ element: string; left: number; right: number; text: string }>;
  count: number;
}

/** What overflows the viewport horizontally, measured in the page. */
export const MEASURE_OVERFLOW = `(() => {
  const width = window.innerWidth;
  const outside = [];
  for (const element of document.querySelectorAll('body, body *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    // Its box beyond an edge, or its content spilling out of it (a long word in a table cell).
    const spills = element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX === 'visible';
    if (box.right > width + 0.5 || box.left < -0.5 || spills) {
      outside.push({ element: element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + (element.className ? '.' + element.className : ''), left: box.left, right: box.right, text: (element.textContent || '').slice(0, 60) });
    }
  }
  return { innerWidth: width, scrollWidth: document.documentElement.scrollWidth, outside: outside.slice(0, 10), count: outside.length };
})()`;
