// The Chinese font of the share card's preview image. Next's ImageResponse (satori) reads TTF, OTF
// and WOFF, not the system's Noto CJK collection (.ttc), and a whole CJK font is 10+ MB to parse per
// image. So the card uses Noto Sans SC from @fontsource/noto-sans-sc (OFL), which is cut into ~100
// small WOFF files by Unicode range: we read the package's CSS, pick the few files that cover the
// card's characters, and hand only those to ImageResponse (each a few dozen KB).
import { readFile } from "node:fs/promises";
import path from "node:path";

type Range = [number, number];
interface Subset {
  file: string;
  ranges: Range[];
}

const cache = new Map<number, Promise<Subset[]>>();
const fileCache = new Map<string, Promise<ArrayBuffer>>();

function packageDir(): string {
  return path.join(process.cwd(), "node_modules", "@fontsource", "noto-sans-sc");
}

/** "U+4e00-4e5f,U+20" → [[0x4e00, 0x4e5f], [0x20, 0x20]] */
export function parseUnicodeRange(text: string): Range[] {
  return text
    .split(",")
    .map((part) => part.trim().replace(/^U\+/i, ""))
    .filter(Boolean)
    .map((part) => {
      const [a, b] = part.split("-");
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as Range;
    });
}

/** The @font-face blocks of a fontsource CSS file: the .woff file of each and its ranges. */
export function parseSubsets(css: string): Subset[] {
  const out: Subset[] = [];
  for (const block of css.split("@font-face").slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff)\) format\('woff'\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (file && range) out.push({ file, ranges: parseUnicodeRange(range) });
  }
  return out;
}

function subsets(weight: number): Promise<Subset[]> {
  let found = cache.get(weight);
  if (!found) {
    found = readFile(path.join(packageDir(), `${weight}.css`), "utf8").then(parseSubsets);
    cache.set(weight, found);
  }
  return found;
}

/** The subsets (file names) that cover every character of the text, fewest in file order. */
export function filesFor(all: Subset[], text: string): string[] {
  const need = new Set([...text].map((c) => c.codePointAt(0)!).filter((c) => c > 0x20));
  const files: string[] = [];
  for (const s of all) {
    const covered = [...need].filter((c) => s.ranges.some(([a, b]) => c >= a && c <= b));
    if (covered.length === 0) continue;
    files.push(s.file);
    for (const c of covered) need.delete(c);
    if (need.size === 0) break;
  }
  return files;
}

/**
 * Fonts for ImageResponse covering `text` in the given weights: one entry per subset file, each
 * under its own family name (satori keeps one font per name and weight), and `family` is the
 * CSS font-family list naming them all, for the card's root style.
 */
export async function fontsFor(text: string, weights: (400 | 700)[] = [400, 700]) {
  const fonts: { name: string; data: ArrayBuffer; weight: 400 | 700; style: "normal" }[] = [];
  const names = new Set<string>();
  for (const weight of weights) {
    for (const file of filesFor(await subsets(weight), text)) {
      const name = `NotoSC-${/^noto-sans-sc-(\d+)-/.exec(file)?.[1] ?? file}`;
      names.add(name);
      let data = fileCache.get(file);
      if (!data) {
        data = readFile(path.join(packageDir(), "files", file)).then(
          (b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer,
        );
        fileCache.set(file, data);
      }
      fonts.push({ name, data: await data, weight, style: "normal" });
    }
  }
  return { fonts, family: [...names].join(", ") };
}
