/** PDFs built with pdf-lib for the tests: text at known positions, styles, a link, rules, images. */
import { PDFDocument, PDFName, PDFString, StandardFonts, TextRenderingMode, degrees, rgb, setTextRenderingMode } from 'pdf-lib';
import sharp from 'sharp';

export const PAGE_W = 612;
export const PAGE_H = 792;

/** A solid-colour PNG made with sharp. */
export async function pngBytes(width: number, height: number, color = { r: 200, g: 30, b: 30 }): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer());
}

/**
 * Page 1 (Letter): Helvetica 12 "Hello world" at baseline (72, 700); Helvetica-Bold 18
 * "Bold title" at (72, 650); Times-Italic 12 "Italic words" at (72, 600); Courier 10
 * "mono code" at (72, 560); "Click here" at (72, 500) under a URI link to
 * https://example.com/docs; a filled 400×1 pt rule at y=480; a stroked line at y=460;
 * a 300×40 filled box (not a rule); a 100×80 pt image at (300, 100).
 */
export async function textPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Fixture title');
  doc.setAuthor('Ada Lovelace');
  doc.setProducer('docmill tests');
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const italic = await doc.embedFont(StandardFonts.TimesRomanItalic);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const page = doc.addPage([PAGE_W, PAGE_H]);
  page.drawText('Hello world', { x: 72, y: 700, size: 12, font: helv });
  page.drawText('Bold title', { x: 72, y: 650, size: 18, font: bold });
  page.drawText('Italic words', { x: 72, y: 600, size: 12, font: italic });
  page.drawText('mono code', { x: 72, y: 560, size: 10, font: mono });
  page.drawText('Click here', { x: 72, y: 500, size: 12, font: helv });
  page.drawText('Not a link', { x: 300, y: 500, size: 12, font: helv });
  const link = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [70, 495, 140, 515],
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of('https://example.com/docs') },
  });
  page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]));
  page.drawRectangle({ x: 72, y: 480, width: 400, height: 1, color: rgb(0, 0, 0) });
  page.drawLine({ start: { x: 72, y: 460 }, end: { x: 472, y: 460 }, thickness: 1, color: rgb(0, 0, 0) });
  page.drawRectangle({ x: 72, y: 380, width: 300, height: 40, color: rgb(0.9, 0.9, 0.9) });
  const img = await doc.embedPng(await pngBytes(50, 40));
  page.drawImage(img, { x: 300, y: 100, width: 100, height: 80 });
  return doc.save();
}

/** One Letter page with /Rotate `angle` (90 by default) and "Rotated text" (Helvetica 12) at baseline (72, 700) in user space. */
export async function rotatedPdf(angle = 90): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([PAGE_W, PAGE_H]);
  page.setRotation(degrees(angle));
  page.drawText('Rotated text', { x: 72, y: 700, size: 12, font: helv });
  return doc.save();
}

/**
 * A "scan with an OCR layer": a page-covering image and invisible text (render mode 3)
 * when `invisible`, else the same text drawn visibly.
 */
export async function scanLikePdf(opts: { invisible: boolean; text?: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([PAGE_W, PAGE_H]);
  const img = await doc.embedPng(await pngBytes(61, 79, { r: 240, g: 240, b: 230 }));
  page.drawImage(img, { x: 0, y: 0, width: PAGE_W, height: PAGE_H });
  if (opts.text !== '') {
    if (opts.invisible) page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
    page.drawText(opts.text ?? 'The quick brown fox jumps over the lazy dog', { x: 72, y: 700, size: 12, font: helv });
    if (opts.invisible) page.pushOperators(setTextRenderingMode(TextRenderingMode.Fill));
  }
  return doc.save();
}

/** `n` small pages, each with "Page i" and a red square; optional /PageLabels (i, ii, then 1, 2, …). */
export async function manyPagesPdf(n: number, opts: { labels?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < n; i++) {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    page.drawText(`Page ${i + 1}`, { x: 72, y: 700, size: 24, font: helv });
    page.drawRectangle({ x: 0, y: 0, width: 100, height: 100, color: rgb(1, 0, 0) });
  }
  if (opts.labels) {
    doc.catalog.set(
      PDFName.of('PageLabels'),
      doc.context.obj({ Nums: [0, { S: PDFName.of('r') }, 2, { S: PDFName.of('D'), St: 1 }] }),
    );
  }
  return doc.save();
}

/** "Name:" in the page content, a text field filled with "Ada Lovelace" at (120, 695) 200×20, a ticked check box. */
export async function formPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([PAGE_W, PAGE_H]);
  page.drawText('Name:', { x: 72, y: 700, size: 12, font: helv });
  const form = doc.getForm();
  const name = form.createTextField('name');
  name.setText('Ada Lovelace');
  name.addToPage(page, { x: 120, y: 695, width: 200, height: 20, font: helv });
  const box = form.createCheckBox('agree');
  box.addToPage(page, { x: 72, y: 650, width: 10, height: 10 });
  box.check();
  return doc.save();
}
