// CSVLogger: one row per epoch with the epoch logs, as Keras writes it (csv excel dialect: CRLF
// line ends; columns 'epoch' then the log names sorted; numbers as Python prints floats; 'NA'
// where a number is missing, e.g. val_ columns on epochs without validation).
import { ValueError } from '../../errors.js';
import { Callback, type Logs } from './callback.js';
import { pythonFloat } from './format-path.js';
import { localPath, nodeFs } from './node-fs.js';
import { checkOptions } from './options.js';

export type CSVLoggerArgs = {
  filename: string;
  /** Field separator (default ','). */
  separator?: string;
  /** Append to an existing file instead of overwriting it (default false). */
  append?: boolean;
};

type OpenFile = { appendFile(data: string): Promise<void>; close(): Promise<void> };

/** Quotes a field that contains the separator, a quote or a line break (csv's QUOTE_MINIMAL). */
function quote(field: string, separator: string): string {
  return field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export class CSVLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | null = null;
  private file: OpenFile | null = null;
  private writeHeader = true;

  constructor(args: CSVLoggerArgs) {
    super();
    checkOptions('CSVLogger', args, ['filename', 'separator', 'append']);
    if (!args || typeof args.filename !== 'string' || args.filename === '') {
      throw new ValueError(`CSVLogger: filename must be a non-empty path, found ${JSON.stringify(args?.filename)}.`);
    }
    const separator = args.separator ?? ',';
    if (typeof separator !== 'string' || separator.length !== 1) {
      throw new ValueError(`CSVLogger: separator must be a single character, found ${JSON.stringify(separator)}.`);
    }
    this.filename = localPath(args.filename);
    this.separator = separator;
    this.append = Boolean(args.append);
  }

  override async onTrainBegin(): Promise<void> {
    const { fs, path } = await nodeFs('CSVLogger');
    this.keys = null;
    this.writeHeader = true;
    if (this.append) {
      const existing = await fs.readFile(this.filename, 'utf8').catch(() => '');
      this.writeHeader = existing.length === 0;
    }
    await fs.mkdir(path.dirname(this.filename), { recursive: true });
    this.file = await fs.open(this.filename, this.append ? 'a' : 'w');
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    if (!this.file) return;
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      // With validationFreq > 1 the first epoch has no val_ numbers: add their columns now.
      if (!this.keys.some((k) => k.startsWith('val_'))) this.keys.push(...this.keys.map((k) => `val_${k}`));
    }
    const sep = this.separator;
    let text = '';
    if (this.writeHeader) {
      text += ['epoch', ...this.keys].map((k) => quote(k, sep)).join(sep) + '\r\n';
      this.writeHeader = false;
    }
    const cells = this.keys.map((k) => (logs[k] === undefined ? 'NA' : pythonFloat(logs[k])));
    text += [String(epoch), ...cells].map((c) => quote(c, sep)).join(sep) + '\r\n';
    await this.file.appendFile(text);
  }

  override async onTrainEnd(): Promise<void> {
    await this.file?.close();
    this.file = null;
  }
}

export function csvLogger(args: CSVLoggerArgs): CSVLogger {
  return new CSVLogger(args);
}
