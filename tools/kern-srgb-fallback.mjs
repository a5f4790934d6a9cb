#!/usr/bin/env node
// Erzeugt eine sRGB-Fallback-Schicht für die KERN-Farb-Tokens.
//
// KERN 2.x definiert alle Farb-Primitive als oklch(...). Browser ohne oklch()-Unterstützung
// (z. B. Chrome/Edge 109 auf Windows 7/8.1/Server 2012, Firefox < 113, Safari < 15.4) verlieren
// dadurch sämtliche Farben, denn die Tokens sind definiert, nur mit einem ungültigen Wert.
// Dieses Skript liest kern.css, rechnet die Primitive und die semantischen Tokens der hellen und
// dunklen Themes (inkl. der color-mix()-Zustandsfarben und der Schatten-Tokens) nach sRGB um und
// schreibt sie in einen Block `@supports not (color: oklch(0% 0 0)) { ... }`.
//
// Aufruf: node tools/kern-srgb-fallback.mjs [kern.css] [ausgabe.css]
//         node tools/kern-srgb-fallback.mjs --self-check
// Standard: node_modules/@kern-ux/native/dist/kern.css -> static/vendor/kern-fallback.css
import fs from 'node:fs';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------
// Farbmathematik: OKLCH -> OKLab -> lineares sRGB -> sRGB, Gamut-Mapping nach CSS Color 4 § 13.2
// (Chroma-Reduktion bei konstanter Helligkeit und konstantem Farbton, danach Clipping).
// Matrizen: Björn Ottosson, "A perceptual color space for image processing" (2020).
// ---------------------------------------------------------------------------------------------
function oklabToLinearSrgb([L, a, b]) {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.2914855480 * b) ** 3;
  return [
    +4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s,
  ];
}
function linearSrgbToOklab([r, g, b]) {
  const l = Math.cbrt(0.4122214708 * r + 0.5363015350 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s,
  ];
}
const lchToLab = ([L, C, H]) => [L, C * Math.cos((H * Math.PI) / 180), C * Math.sin((H * Math.PI) / 180)];
const gammaEncode = (x) => (x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055);
const inGamut = (rgb) => rgb.every((x) => x >= -1e-6 && x <= 1 + 1e-6);
const clip = (rgb) => rgb.map((x) => Math.min(1, Math.max(0, x)));
const deltaEOK = (lab1, lab2) => Math.hypot(lab1[0] - lab2[0], lab1[1] - lab2[1], lab1[2] - lab2[2]);

// OKLCH (L 0..1, C, H in Grad) -> gamma-kodiertes sRGB 0..1, in den sRGB-Farbraum abgebildet.
export function oklchToSrgb([L, C, H]) {
  if (L >= 1) return [1, 1, 1];
  if (L <= 0) return [0, 0, 0];
  let rgb = oklabToLinearSrgb(lchToLab([L, C, H]));
  if (!inGamut(rgb)) {
    const JND = 0.02, EPS = 0.0001;
    let lo = 0, hi = C, loInGamut = true;
    let clipped = clip(rgb);
    if (deltaEOK(linearSrgbToOklab(clipped), lchToLab([L, C, H])) >= JND) {
      while (hi - lo > EPS) {
        const chroma = (lo + hi) / 2;
        const cur = oklabToLinearSrgb(lchToLab([L, chroma, H]));
        if (loInGamut && inGamut(cur)) { lo = chroma; continue; }
        clipped = clip(cur);
        const e = deltaEOK(linearSrgbToOklab(clipped), lchToLab([L, chroma, H]));
        if (e < JND) {
          if (JND - e < EPS) break;
          loInGamut = false;
          lo = chroma;
        } else {
          hi = chroma;
        }
      }
    }
    rgb = clipped;
  }
  return clip(rgb).map(gammaEncode);
}

const to255 = (x) => Math.round(Math.min(1, Math.max(0, x)) * 255);
const hex2 = (n) => n.toString(16).padStart(2, '0');
export function toCss({ L, C, H, alpha }) {
  // Achromatische Farben haben keinen Farbton ("none"/NaN): für die Umrechnung egal, daher 0.
  const rgb = oklchToSrgb([L, C, Number.isNaN(H) ? 0 : H]);
  if (rgb.some(Number.isNaN) || Number.isNaN(alpha)) throw new Error(`Ungültige Farbe oklch(${L} ${C} ${H} / ${alpha})`);
  const [r, g, b] = rgb.map(to255);
  if (alpha >= 1) return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
  return `rgba(${r}, ${g}, ${b}, ${+alpha.toFixed(3)})`;
}

// ---------------------------------------------------------------------------------------------
// Farbwerte parsen und mischen
// ---------------------------------------------------------------------------------------------
const KEYWORDS = {
  black: { L: 0, C: 0, H: NaN, alpha: 1 },
  white: { L: 1, C: 0, H: NaN, alpha: 1 },
  transparent: { L: 0, C: 0, H: NaN, alpha: 0 },
};

function parseNumberOrPercent(s, percentScale) {
  s = s.trim();
  if (s.endsWith('%')) return (parseFloat(s) / 100) * percentScale;
  return parseFloat(s);
}

// "62.8% 0.2577 29.23" oder "0.725 0.012 271.4" (mit optionalem "/ alpha")
function parseOklchArgs(args) {
  const [channels, alphaPart] = args.split('/');
  const parts = channels.trim().split(/\s+/);
  if (parts.length !== 3) return null;
  const L = parseNumberOrPercent(parts[0], 1);
  const C = parseNumberOrPercent(parts[1], 0.4);
  const H = parts[2] === 'none' ? NaN : parseFloat(parts[2]);
  const alpha = alphaPart === undefined ? 1 : parseNumberOrPercent(alphaPart, 1);
  if ([L, C, alpha].some(Number.isNaN)) return null;
  return { L, C: Math.abs(C) < 1e-9 ? 0 : C, H: C === 0 ? NaN : H, alpha };
}

function parseColor(value) {
  const v = value.trim();
  if (KEYWORDS[v]) return { ...KEYWORDS[v] };
  const m = /^oklch\(([^()]*)\)$/.exec(v);
  if (m) return parseOklchArgs(m[1]);
  return null;
}

// CSS Color 5 color-mix() im Raum oklch mit vormultipliziertem Alpha.
function mixOklch(c1, p1, c2, p2) {
  if (p1 === null && p2 === null) { p1 = 0.5; p2 = 0.5; }
  else if (p1 === null) p1 = 1 - p2;
  else if (p2 === null) p2 = 1 - p1;
  const sum = p1 + p2;
  if (sum <= 0) return null;
  const alphaMult = Math.min(1, sum);
  p1 /= sum; p2 /= sum;
  // Achromatische Farben (und transparent) haben keinen Farbton: er wird von der anderen Farbe übernommen.
  let h1 = c1.H, h2 = c2.H;
  if (Number.isNaN(h1)) h1 = h2;
  if (Number.isNaN(h2)) h2 = h1;
  let H = NaN;
  if (!Number.isNaN(h1)) {
    let d = h2 - h1; // kürzerer Weg
    if (d > 180) d -= 360; else if (d < -180) d += 360;
    H = (h1 + d * p2 + 360) % 360;
  }
  const alpha = c1.alpha * p1 + c2.alpha * p2;
  if (alpha <= 0) return { L: 0, C: 0, H: NaN, alpha: 0 };
  const L = (c1.L * c1.alpha * p1 + c2.L * c2.alpha * p2) / alpha;
  const C = (c1.C * c1.alpha * p1 + c2.C * c2.alpha * p2) / alpha;
  return { L, C, H: Number.isNaN(H) ? 0 : H, alpha: alpha * alphaMult };
}

// Ausdrücke wie "calc(100% - 92%)" oder "calc(0.72 * 100%)" auswerten -> Anteil 0..1
function evalPercentage(expr) {
  let e = expr.trim();
  const calc = /^calc\((.*)\)$/.exec(e);
  if (calc) e = calc[1];
  // Prozent in Zahlen umwandeln (50% -> 0.5), danach nur noch Arithmetik aus Zahlen und + - * /
  const numeric = e.replace(/(\d*\.?\d+)%/g, (_, n) => String(parseFloat(n) / 100));
  const result = evalArithmetic(numeric);
  return result !== null && Number.isFinite(result) ? result : null;
}

// Kleiner Parser für + - * / und Klammern (kein eval).
function evalArithmetic(src) {
  const tokens = src.match(/\d*\.?\d+|[-+*/()]|\S/g) || [];
  let i = 0;
  const peek = () => tokens[i];
  function primary() {
    const t = tokens[i++];
    if (t === '(') { const v = sum(); if (tokens[i++] !== ')') throw new Error('")" erwartet'); return v; }
    if (t === '-') return -primary();
    if (t !== undefined && /^\d*\.?\d+$/.test(t)) return parseFloat(t);
    throw new Error(`Unerwartetes Zeichen ${t}`);
  }
  function product() {
    let v = primary();
    while (peek() === '*' || peek() === '/') v = tokens[i++] === '*' ? v * primary() : v / primary();
    return v;
  }
  function sum() {
    let v = product();
    while (peek() === '+' || peek() === '-') v = tokens[i++] === '+' ? v + product() : v - product();
    return v;
  }
  try {
    const v = sum();
    return i === tokens.length ? v : null;
  } catch {
    return null;
  }
}

// Teilt die Argumente einer Funktion auf der obersten Ebene an Kommas.
function splitTopLevel(s) {
  const out = [];
  let depth = 0, cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

// "var(--x) 40%" / "white calc(...)" -> { color, pct }
function parseMixStop(stop, resolveColor, resolveRaw) {
  const substituted = substituteVars(stop, resolveRaw);
  // Farbe = erstes Token (Schlüsselwort oder oklch(...)); Rest = Prozentangabe
  let colorPart, pctPart;
  if (substituted.startsWith('oklch(')) {
    const end = substituted.indexOf(')') + 1;
    colorPart = substituted.slice(0, end);
    pctPart = substituted.slice(end).trim();
  } else {
    const [first, ...rest] = substituted.split(/\s+/);
    colorPart = first;
    pctPart = rest.join(' ');
  }
  const color = resolveColor(colorPart);
  const pct = pctPart ? evalPercentage(pctPart) : null;
  if (!color || (pctPart && pct === null)) return null;
  return { color, pct };
}

// Ersetzt var(--name) rekursiv durch den Rohwert aus resolveRaw.
function substituteVars(value, resolveRaw, depth = 0) {
  if (depth > 20) throw new Error(`var()-Zyklus in ${value}`);
  return value.replace(/var\(\s*(--[\w-]+)\s*(?:,[^()]*)?\)/g, (_, name) => {
    const raw = resolveRaw(name);
    if (raw === undefined) throw new Error(`Unbekanntes Token ${name}`);
    return substituteVars(raw, resolveRaw, depth + 1);
  });
}

// ---------------------------------------------------------------------------------------------
// Minimaler CSS-Leser: liefert Regeln mit Selektor, umgebender At-Regel und Deklarationen.
// ---------------------------------------------------------------------------------------------
function parseCss(css) {
  css = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules = [];
  const stack = [];
  let buf = '';
  for (let i = 0; i < css.length; i++) {
    const ch = css[i];
    if (ch === '{') {
      stack.push({ prelude: buf.trim(), body: '' });
      buf = '';
    } else if (ch === '}') {
      const node = stack.pop();
      if (!node) { buf = ''; continue; }
      const body = buf;
      buf = '';
      if (!node.prelude.startsWith('@')) {
        const decls = new Map();
        for (const d of splitDeclarations(body)) {
          const idx = d.indexOf(':');
          if (idx > 0) decls.set(d.slice(0, idx).trim(), d.slice(idx + 1).trim().replace(/\s+/g, ' '));
        }
        const atRules = stack.map((n) => n.prelude);
        rules.push({ selector: node.prelude.replace(/\s+/g, ' '), atRules, decls });
      }
    } else {
      buf += ch;
      // Anweisungen wie @charset/@import auf oberster Ebene oder in At-Regeln beenden
      const inStyleRule = stack.length && !stack[stack.length - 1].prelude.startsWith('@');
      if (ch === ';' && !inStyleRule) buf = '';
    }
  }
  return rules;
}
function splitDeclarations(body) {
  const out = [];
  let depth = 0, cur = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ';' && depth === 0) { if (cur.trim()) out.push(cur.trim()); cur = ''; continue; }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fallback erzeugen
// ---------------------------------------------------------------------------------------------
export function buildFallback(css, sourceLabel = 'kern.css') {
  const rules = parseCss(css);
  const isRootNoMedia = (r) => r.selector === ':root' && r.atRules.length === 0;

  // 1. Primitive: :root-Deklarationen mit wörtlichem oklch()-Wert, dazu weitere :root-Tokens
  const rootDecls = new Map();
  for (const r of rules.filter(isRootNoMedia)) for (const [k, v] of r.decls) rootDecls.set(k, v);
  const primitives = new Map();
  for (const [k, v] of rootDecls) {
    if (!k.startsWith('--kern-color-')) continue;
    const c = parseColor(v);
    if (c) primitives.set(k, c);
  }
  if (primitives.size < 50) throw new Error(`Nur ${primitives.size} oklch-Primitive gefunden – hat sich kern.css geändert?`);

  // Schatten-Tokens (oklch(var(--kern-shadow-color) / a)) stehen ebenfalls in :root
  const shadowTokens = [...rootDecls].filter(([k, v]) => k.startsWith('--kern-shadow-elevation-') && v.includes('oklch('));

  // 2. Theme-Blöcke: prefers-color-scheme-Medienblöcke und [data-kern-theme=…]-Selektoren
  const themeBlocks = [];
  for (const r of rules) {
    const media = r.atRules.find((a) => /prefers-color-scheme/.test(a));
    const isMediaRoot = media && r.selector === ':root' && r.atRules.length === 1;
    // nur reine Theme-Selektoren wie "[data-kern-theme=dark], .kern-dark" (nicht die :is()-Ebenenregel)
    const isThemeSel = r.atRules.length === 0 && /\[data-kern-theme=(light|dark)\]/.test(r.selector) &&
      r.selector.split(',').every((s) => /^\s*(\[data-kern-theme=(light|dark)\]|\.kern-(light|dark))\s*$/.test(s));
    const hasColorTokens = [...r.decls.keys()].some((k) => k.startsWith('--kern-color-'));
    if ((isMediaRoot || isThemeSel) && hasColorTokens) themeBlocks.push({ media: isMediaRoot ? media : null, ...r });
  }
  if (themeBlocks.length < 4) throw new Error(`Nur ${themeBlocks.length} Theme-Blöcke gefunden – hat sich kern.css geändert?`);

  const stats = { primitives: primitives.size, semantic: 0, mixed: 0, outOfGamut: 0, skipped: [] };
  for (const c of primitives.values()) {
    const rgb = oklabToLinearSrgb(lchToLab([c.L, c.C, Number.isNaN(c.H) ? 0 : c.H]));
    if (c.L > 0 && c.L < 1 && !inGamut(rgb)) stats.outOfGamut++;
  }

  function resolveBlock(block) {
    const resolveRaw = (name) => (block.decls.has(name) ? block.decls.get(name) : rootDecls.get(name));
    const resolveColor = (text) => {
      const t = substituteVars(text, resolveRaw).trim();
      const direct = parseColor(t);
      if (direct) return direct;
      const mix = /^color-mix\(\s*in oklch\s*,(.*)\)$/.exec(t);
      if (mix) {
        const [a, b] = splitTopLevel(mix[1]);
        const s1 = parseMixStop(a, resolveColor, resolveRaw);
        const s2 = parseMixStop(b, resolveColor, resolveRaw);
        if (!s1 || !s2) return null;
        return mixOklch(s1.color, s1.pct, s2.color, s2.pct);
      }
      return null;
    };
    const out = [];
    for (const [name, value] of block.decls) {
      if (!name.startsWith('--kern-color-')) continue;
      if (!/var\(|color-mix\(|oklch\(/.test(value)) continue; // z. B. Deckkraft-Werte (88 %, 0.4)
      let color = null;
      try { color = resolveColor(value); } catch { color = null; }
      if (!color) { stats.skipped.push(`${block.selector}: ${name}`); continue; }
      if (value.includes('color-mix(')) stats.mixed++;
      stats.semantic++;
      out.push(`    ${name}: ${toCss(color)};`);
    }
    // Schatten mit der Schattenfarbe dieses Themes
    const shadowColor = resolveRaw('--kern-shadow-color');
    if (shadowColor) {
      for (const [name, value] of shadowTokens) {
        const replaced = value.replace(/oklch\(\s*var\(--kern-shadow-color\)\s*\/\s*([\d.]+%?)\s*\)/g, (_, a) => {
          const c = parseOklchArgs(`${shadowColor} / ${a}`);
          return c ? toCss(c) : 'transparent';
        });
        out.push(`    ${name}: ${replaced};`);
      }
    }
    return out;
  }

  const lines = [];
  lines.push('/*');
  lines.push(` * KERN sRGB-Fallback – automatisch erzeugt von tools/kern-srgb-fallback.mjs aus ${sourceLabel}.`);
  lines.push(' * Nicht von Hand bearbeiten. Wirkt nur in Browsern ohne oklch()-Unterstützung.');
  lines.push(' * KERN UX: Lizenziert unter der EUPL-1.2.');
  lines.push(' */');
  lines.push('@supports not (color: oklch(0% 0 0)) {');
  lines.push('  /* Primitive */');
  lines.push('  :root {');
  for (const [name, c] of primitives) lines.push(`    ${name}: ${toCss(c)};`);
  lines.push('  }');

  // Grundzustand ohne prefers-color-scheme-Unterstützung: helles Theme auf :root
  const lightMedia = themeBlocks.find((b) => b.media && /light/.test(b.media));
  if (lightMedia) {
    lines.push('  /* Grundzustand (helles Theme), falls prefers-color-scheme nicht unterstützt wird */');
    lines.push('  :root {');
    lines.push(...resolveBlock(lightMedia));
    lines.push('  }');
  }
  for (const block of themeBlocks) {
    if (block.media) {
      lines.push(`  @media ${block.media.replace(/^@media\s*/, '')} {`);
      lines.push(`    ${block.selector} {`);
      lines.push(...resolveBlock(block).map((l) => `  ${l}`));
      lines.push('    }');
      lines.push('  }');
    } else {
      lines.push(`  ${block.selector} {`);
      lines.push(...resolveBlock(block));
      lines.push('  }');
    }
  }
  lines.push('}');
  return { css: lines.join('\n') + '\n', stats, themeBlocks: themeBlocks.length };
}

// ---------------------------------------------------------------------------------------------
// Selbsttest
// ---------------------------------------------------------------------------------------------
function selfCheck() {
  const cases = [
    ['oklch(62.8% 0.2577 29.23)', '#ff0000', 1],
    ['oklch(100% 0 0)', '#ffffff', 0],
    ['oklch(0% 0 0)', '#000000', 0],
    ['oklch(56.58% 0.0000 0)', '#767676', 1],
    ['oklch(86.644% 0.294827 142.4953)', '#00ff00', 1],
    ['oklch(45.2% 0.313214 264.052)', '#0000ff', 1],
  ];
  let ok = true;
  for (const [input, expected, tol] of cases) {
    const got = toCss(parseColor(input));
    const diff = [1, 3, 5].map((i) => Math.abs(parseInt(got.slice(i, i + 2), 16) - parseInt(expected.slice(i, i + 2), 16)));
    if (Math.max(...diff) > tol) {
      console.error(`Selbsttest fehlgeschlagen: ${input} -> ${got}, erwartet ${expected}`);
      ok = false;
    }
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------
const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  if (!selfCheck()) process.exit(1);
  if (process.argv[2] === '--self-check') {
    console.log('Selbsttest OKLCH -> sRGB: ok');
    process.exit(0);
  }
  const input = process.argv[2] || 'node_modules/@kern-ux/native/dist/kern.css';
  const output = process.argv[3] || 'static/vendor/kern-fallback.css';
  const { css, stats, themeBlocks } = buildFallback(fs.readFileSync(input, 'utf8'), path.basename(input));
  if (stats.skipped.length) {
    console.error(`Nicht aufgelöste Tokens:\n  ${stats.skipped.join('\n  ')}`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, css);
  console.log(
    `${output}: ${stats.primitives} Primitive (${stats.outOfGamut} außerhalb sRGB, abgebildet), ` +
      `${themeBlocks} Theme-Blöcke, ${stats.semantic} semantische Tokens (davon ${stats.mixed} color-mix)`,
  );
}
