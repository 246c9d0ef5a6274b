// Writes the four forms of a report. Everything passes through the run's redactor again on its way to
// disk (secrets found late included): report.json value by value (so it stays JSON), the others as
// text. A secret a server echoed, in any encoding, never reaches a file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redactor } from '../../harness/redact.ts';
import type { Report } from '../types.ts';
import { renderHtml } from './html.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';

export function writeReports(report: Report, directory: string, secrets: Redactor): void {
  const write = (name: string, text: string): void => writeFileSync(join(directory, name), secrets.text(text));
  writeFileSync(join(directory, 'report.json'), `${JSON.stringify(secrets.deep(report), null, 2)}\n`);
  write('junit.xml', renderJunit(report));
  write('report.md', renderMarkdown(report));
  write('report.html', renderHtml(report));
}
