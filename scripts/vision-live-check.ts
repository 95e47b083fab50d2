/**
 * Live check of the vision engines against a REAL server, for whoever has a GPU
 * (or a Mistral key). Not a test: it costs inference and needs the network.
 *
 *   DOCMILL_OPENAI_BASE_URL=http://gpu1:8000 [DOCMILL_MODEL=…] \
 *     node --import @docmill/core/loader scripts/vision-live-check.ts file.pdf [more.pdf | page.png …] [--pages 1-3] [--engine openai|mistral] [--mode chat|ocr]
 *
 * Renders the pages of each PDF (@docmill/pdf) at the engine's size, or takes
 * PNG/JPEG files as page images, transcribes them, and prints per page the
 * Markdown, flags, attempts and usage (prompt/image/completion tokens, latency).
 * Exits 2 with a message when the engine is not configured.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { isDocmillError, loadConfig, parsePageRanges, type PreparedPage, type RenderedImage } from '@docmill/core';
import { pageMarkdown } from '@docmill/markdown';
import { openPdf, sniffType } from '@docmill/pdf';
import { OpenAICompatClient, engineFromConfig } from '@docmill/vision';

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const engineName = argValue(args, '--engine') ?? 'openai';
  const mode = argValue(args, '--mode') === 'ocr' ? 'ocr' : 'chat';
  const pagesSpec = argValue(args, '--pages') ?? '1-3';
  const files = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]!.startsWith('--')));
  const config = loadConfig();
  if (engineName === 'openai' && !config.DOCMILL_OPENAI_BASE_URL) {
    process.stderr.write('vision-live-check: DOCMILL_OPENAI_BASE_URL is not set; nothing to check. Point it at a vLLM server (e.g. http://gpu1:8000) serving DOCMILL_MODEL.\n');
    return 2;
  }
  if (engineName === 'mistral' && !config.MISTRAL_API_KEY) {
    process.stderr.write('vision-live-check: MISTRAL_API_KEY is not set; nothing to check.\n');
    return 2;
  }
  if (files.length === 0) {
    process.stderr.write('usage: node --import @docmill/core/loader scripts/vision-live-check.ts <file.pdf|page.png>… [--pages 1-3] [--engine openai|mistral] [--mode chat|ocr]\n');
    return 2;
  }
  if (engineName === 'openai') {
    for (const url of config.DOCMILL_OPENAI_BASE_URL!.split(',').map((s) => s.trim()).filter(Boolean)) {
      const models = await new OpenAICompatClient({ baseUrl: url, ...(config.DOCMILL_OPENAI_API_KEY ? { apiKey: config.DOCMILL_OPENAI_API_KEY } : {}), timeoutMs: 10_000 }).models();
      process.stdout.write(`${url} serves: ${models.join(', ')}${models.includes(config.DOCMILL_MODEL) ? '' : `  (DOCMILL_MODEL=${config.DOCMILL_MODEL} is NOT among them)`}\n`);
    }
  }
  const engine = engineFromConfig(config, engineName, { mistralMode: mode });
  let failures = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    const type = sniffType(bytes);
    const jobs: Array<{ page: PreparedPage; render?: (req: import('@docmill/core').RenderRequest) => Promise<RenderedImage>; done?: () => void }> = [];
    if (type === 'application/pdf') {
      const doc = await openPdf(bytes);
      for (const index of parsePageRanges(pagesSpec, doc.pageCount)) {
        const p = await doc.getPage(index);
        const { page: textLayer, verdict } = await p.extractText();
        const image = await p.render({ longestSide: engine.renderLongestSide });
        const page: PreparedPage = { index, dimensions: { width: p.width, height: p.height, dpi: image.dpi }, textLayer, verdict, image };
        if (p.label !== undefined) page.label = p.label;
        jobs.push({ page, render: (req) => p.render(req), done: () => p.release() });
      }
    } else if (type === 'image/png' || type === 'image/jpeg') {
      const meta = await sharp(bytes).metadata();
      const w = meta.width ?? 0;
      const h = meta.height ?? 0;
      const image: RenderedImage = { data: bytes, mime: type, width: w, height: h, dpi: 72, rotation: 0 };
      jobs.push({
        page: {
          index: 0,
          dimensions: { width: w, height: h, dpi: 72 },
          textLayer: { index: 0, width: w, height: h, spans: [], source: 'text-layer' },
          verdict: { trustworthy: false, flags: ['needs_ocr', 'no_text_layer'], chars: 0, garbageShare: 0, invisibleShare: 0 },
          image,
        },
      });
    } else {
      process.stderr.write(`${file}: not a PDF, PNG or JPEG; skipped\n`);
      continue;
    }
    for (const job of jobs) {
      const started = performance.now();
      const out = await engine.transcribe(job.page, job.render ? { render: job.render } : {});
      job.done?.();
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n===== ${file} page ${job.page.index + 1} (${secs} s) =====\n`);
      if (out.ok) {
        const d = out.draft;
        process.stdout.write(`${pageMarkdown(d.blocks)}\n`);
        process.stdout.write(`----- engine ${d.engine}, prompt ${d.promptVersion}, flags [${d.flags.join(', ')}], rotation ${d.rotation ?? 0}, confidence ${d.confidence}\n`);
        process.stdout.write(`----- usage ${JSON.stringify(d.usage)}\n`);
      } else {
        failures++;
        process.stdout.write(`FAILED after ${out.attempts} attempts: ${out.error.code}: ${out.error.message}\nusage ${JSON.stringify(out.usage)}\n`);
      }
    }
  }
  await engine.close?.();
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`vision-live-check: ${isDocmillError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
