// Python's str.format for checkpoint paths, as Keras' ModelCheckpoint uses it:
// 'ckpt-{epoch:02d}-{val_loss:.2f}' with {epoch: 3, val_loss: 0.4567} → 'ckpt-03-0.46'.
// Supports the format-spec mini-language for numbers: [[fill]align][sign][0][width][,][.precision][type].
import { ValueError } from '../../errors.js';

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(0)?(\d+)?(,)?(?:\.(\d+))?([dfFeEgG%sn])?$/;

/** Python's repr of a float: shortest round-trip digits, exponent when < 1e-4 or >= 1e16. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = value.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = value < 0 ? '-' : '';
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || '0'}`;
}

function pythonExponent(text: string): string {
  // JS writes 1.5e+2; Python writes 1.5e+02.
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

function formatNumber(value: number, spec: RegExpExecArray, where: string): string {
  const [, , , sign = '-', , , comma, precisionText, type] = spec;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  let body: string;
  const abs = Math.abs(value);
  if (type === 'd' || type === 'n') {
    if (!Number.isInteger(value)) throw new ValueError(`${where}: format code 'd' needs an integer, found ${value}.`);
    body = String(abs);
  } else if (type === 'f' || type === 'F') {
    body = Number.isFinite(abs) ? abs.toFixed(precision ?? 6) : String(abs).toLowerCase().replace('infinity', 'inf');
  } else if (type === 'e' || type === 'E') {
    body = pythonExponent(abs.toExponential(precision ?? 6));
  } else if (type === '%') {
    body = `${(abs * 100).toFixed(precision ?? 6)}%`;
  } else if (type === 'g' || type === 'G') {
    const p = precision === 0 ? 1 : (precision ?? 6);
    const exp = abs === 0 ? 0 : Math.floor(Math.log10(abs));
    body = exp < -4 || exp >= p ? pythonExponent(abs.toExponential(p - 1)) : abs.toFixed(Math.max(0, p - 1 - exp));
    if (body.includes('.')) body = body.replace(/\.?0+(?=e|$)/, '');
  } else {
    body = Number.isInteger(value) ? String(abs) : pythonFloat(abs);
    if (precision !== undefined) body = String(Number(abs.toPrecision(precision)));
  }
  if (type === 'E' || type === 'G' || type === 'F') body = body.toUpperCase();
  if (comma) body = body.replace(/^(\d+)/, (d) => d.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  const signText = value < 0 || Object.is(value, -0) ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
  return signText + body;
}

function pad(text: string, spec: RegExpExecArray, numeric: boolean): string {
  const [, fill, align, , zero, widthText] = spec;
  const width = widthText === undefined ? 0 : Number(widthText);
  if (text.length >= width) return text;
  const padChar = fill ?? (zero && !align ? '0' : ' ');
  const how = align ?? (zero ? '=' : numeric ? '>' : '<');
  const n = width - text.length;
  if (how === '<') return text + padChar.repeat(n);
  if (how === '^') return padChar.repeat(Math.floor(n / 2)) + text + padChar.repeat(Math.ceil(n / 2));
  if (how === '=') {
    const signLength = /^[+\- ]/.test(text) ? 1 : 0;
    return text.slice(0, signLength) + padChar.repeat(n) + text.slice(signLength);
  }
  return padChar.repeat(n) + text;
}

/** Fills `{name}` / `{name:spec}` fields from `values`; `{{` and `}}` are literal braces. */
export function formatPath(template: string, values: Record<string, number | string>, where = 'ModelCheckpoint'): string {
  return template.replace(/\{\{|\}\}|\{([^{}:]*)(?::([^{}]*))?\}/g, (match, name: string | undefined, specText: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    if (!name || !(name in values)) {
      throw new ValueError(
        `${where}: cannot fill the path "${template}": no value named '${name ?? ''}'. Available: ${Object.keys(values).join(', ')}.`,
      );
    }
    const value = values[name];
    const spec = SPEC.exec(specText ?? '');
    if (!spec) throw new ValueError(`${where}: invalid format spec '${specText}' for '${name}' in "${template}".`);
    if (typeof value === 'string') return pad(value, spec, false);
    return pad(formatNumber(value, spec, where), spec, true);
  });
}
