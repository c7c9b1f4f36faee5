// A logger that keeps every line, for tests (and the scale bench) that check what a run printed.
import { Logger, Masker } from '../../src/log';

export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  private readonly masker = new Masker();
  info(m: string): void {
    this.lines.push(this.masker.mask(m));
  }
  warn(m: string): void {
    this.lines.push(this.masker.mask(`warning: ${m}`));
  }
  error(m: string): void {
    this.lines.push(this.masker.mask(`error: ${m}`));
  }
  debug(m: string): void {
    this.lines.push(this.masker.mask(`debug: ${m}`));
  }
  secret(v: string | undefined): void {
    this.masker.add(v);
  }
  mask(text: string): string {
    return this.masker.mask(text);
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push(`▸ ${title}`);
    return fn();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}
