// A Keras-like progress display. On a TTY it redraws one line per epoch at most every
// `redrawMs` (reading the running means once per redraw); elsewhere (CI, pipes, browsers) it
// prints one plain line per epoch, so it costs nothing per batch.
import { Callback, type BatchLogs, type Logs } from './callback.js';
import { checkOptions } from './options.js';

export type ProgressBarOptions = {
  /** 'bar' redraws a bar on a TTY; 'epoch-lines' prints only a line per epoch. */
  mode?: 'bar' | 'epoch-lines';
  /** Where to write; defaults to process.stdout in Node, console.log elsewhere. */
  output?: ProgressOutput;
  redrawMs?: number;
  width?: number;
};

export interface ProgressOutput {
  readonly isTTY: boolean;
  write(text: string): void;
}

function defaultOutput(): ProgressOutput {
  const stdout = (globalThis as { process?: { stdout?: { isTTY?: boolean; write(s: string): boolean } } }).process?.stdout;
  if (stdout) return { isTTY: Boolean(stdout.isTTY), write: (s) => void stdout.write(s) };
  return { isTTY: false, write: (s) => console.log(s.replace(/\n$/, '')) };
}

export function formatDuration(seconds: number): string {
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  return `${Math.round(seconds)}s`;
}

export function formatLogs(logs: Logs): string {
  return Object.entries(logs)
    .map(([name, value]) => ` - ${name}: ${formatNumber(value)}`)
    .join('');
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1e-3 || value === 0 ? value.toFixed(4) : value.toExponential(4);
}

export class ProgressBar extends Callback {
  private readonly output: ProgressOutput;
  private readonly mode: 'bar' | 'epoch-lines';
  private readonly redrawMs: number;
  private readonly width: number;
  private epochStart = 0;
  private lastDraw = 0;
  private seen = 0;

  constructor(options: ProgressBarOptions = {}) {
    super();
    checkOptions('ProgressBar', options, ['mode', 'output', 'redrawMs', 'width']);
    this.output = options.output ?? defaultOutput();
    this.mode = options.mode ?? 'bar';
    this.redrawMs = options.redrawMs ?? 250;
    this.width = options.width ?? 20;
  }

  private get drawsBar(): boolean {
    return this.mode === 'bar' && this.output.isTTY;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epochStart = now();
    this.lastDraw = this.epochStart;
    this.seen = 0;
    if (this.drawsBar) this.output.write(`Epoch ${epoch + 1}/${this.params?.epochs ?? '?'}\n`);
  }

  override async onBatchEnd(batch: number, logs: BatchLogs): Promise<void> {
    this.seen = batch + 1;
    if (!this.drawsBar) return;
    const t = now();
    if (t - this.lastDraw < this.redrawMs) return;
    this.lastDraw = t;
    this.output.write(`\r${this.line(this.seen, logs.read(), false)}\x1b[K`);
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    if (this.drawsBar) {
      this.output.write(`\r${this.line(this.seen, logs, true)}\x1b[K\n`);
    } else {
      this.output.write(`Epoch ${epoch + 1}/${this.params?.epochs ?? '?'} - ${this.line(this.seen, logs, true)}\n`);
    }
  }

  /** `37/125 ━━━━━━━━━━──────────  4s 12ms/step - loss: 0.3012` */
  line(done: number, logs: Logs, finished: boolean): string {
    const steps = this.params?.steps ?? null;
    const elapsed = (now() - this.epochStart) / 1000;
    const perStep = done > 0 ? elapsed / done : 0;
    const counter = steps ? `${String(done).padStart(String(steps).length)}/${steps}` : `${done}`;
    let bar = '';
    if (steps && this.drawsBar) {
      const filled = Math.min(this.width, Math.round((done / steps) * this.width));
      bar = ` ${'━'.repeat(filled)}${'─'.repeat(this.width - filled)}`;
    }
    const time = finished || !steps ? formatDuration(elapsed) : `ETA ${formatDuration(perStep * (steps - done))}`;
    return `${counter}${bar} ${time} ${Math.round(perStep * 1000)}ms/step${formatLogs(logs)}`;
  }
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}
