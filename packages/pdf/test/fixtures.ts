/** PDFs built with pdf-lib for the tests: text at known positions, styles, a link, rules, images. */
import { PDFDocument, PDFName, PDFOperator, PDFOperatorNames, PDFRef, PDFString, StandardFonts, TextRenderingMode, degrees, rgb, setTextRenderingMode } from 'pdf-lib';
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
 * One Letter page printed sideways: three lines of Helvetica 12 ("First line of the page", "Second
 * line below it", "Third line ends it") drawn with their baselines turned `textAngle` degrees
 * (counter-clockwise, as pdf-lib's `rotate`) in user space, on a page with /Rotate `rotate`.
 * Upright on paper, the lines start at x 72 and sit 20 pt apart from y 700 down.
 */
export async function sidewaysPdf(opts: { rotate: number; textAngle: number }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([PAGE_W, PAGE_H]);
  page.setRotation(degrees(opts.rotate));
  const lines = ['First line of the page', 'Second line below it', 'Third line ends it'];
  const t = (opts.textAngle * Math.PI) / 180;
  lines.forEach((text, i) => {
    // The upright position (72, 700 − 20i), turned about the page centre by textAngle.
    const [ux, uy] = [72 - PAGE_W / 2, 700 - 20 * i - PAGE_H / 2];
    const x = PAGE_W / 2 + ux * Math.cos(t) - uy * Math.sin(t);
    const y = PAGE_H / 2 + ux * Math.sin(t) + uy * Math.cos(t);
    page.drawText(text, { x, y, size: 12, font: helv, rotate: degrees(opts.textAngle) });
  });
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

/**
 * Two pages of a tagged PDF with an outline. Page 1: "Mill Survey" (Helvetica-Bold 11) marked as
 * MCID 0 of an H2 element, then "The mills of the valley were counted." (Helvetica 11) as MCID 1
 * of a P element; page 2: "Water wheels" (Helvetica 11) untagged. The outline: "Mill Survey"
 * (page 1) with a child "Water wheels" (page 2, through a named destination), and "Cover" (page 1,
 * printed nowhere). The catalogue says /MarkInfo << /Marked true >>.
 */
export async function taggedOutlinePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const p1 = doc.addPage([PAGE_W, PAGE_H]);
  const p2 = doc.addPage([PAGE_W, PAGE_H]);
  const ctx = doc.context;
  // Note: pdf-lib's operand type leaves out dictionaries, which BDC takes and pdf-lib writes as they are.
  const bdc = (tag: string, mcid: number) => PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(tag), ctx.obj({ MCID: mcid }) as unknown as PDFName]);
  const emc = () => PDFOperator.of(PDFOperatorNames.EndMarkedContent);
  p1.pushOperators(bdc('H2', 0));
  p1.drawText('Mill Survey', { x: 72, y: 700, size: 11, font: bold });
  p1.pushOperators(emc(), bdc('P', 1));
  p1.drawText('The mills of the valley were counted.', { x: 72, y: 680, size: 11, font: helv });
  p1.pushOperators(emc());
  p2.drawText('Water wheels', { x: 72, y: 700, size: 11, font: helv });
  // Structure tree: Document > [H2 (MCID 0), P (MCID 1)], found through the page's /StructParents.
  const rootRef = ctx.nextRef();
  const docElRef = ctx.nextRef();
  const h2 = ctx.register(ctx.obj({ Type: 'StructElem', S: 'H2', P: docElRef, Pg: p1.ref, K: 0 }));
  const para = ctx.register(ctx.obj({ Type: 'StructElem', S: 'P', P: docElRef, Pg: p1.ref, K: 1 }));
  ctx.assign(docElRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: [h2, para] }));
  ctx.assign(rootRef, ctx.obj({ Type: 'StructTreeRoot', K: docElRef, ParentTree: ctx.obj({ Nums: [0, ctx.obj([h2, para])] }), ParentTreeNextKey: 1 }));
  p1.node.set(PDFName.of('StructParents'), ctx.obj(0));
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  doc.catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  // Outline: "Mill Survey" > "Water wheels" (named destination), then "Cover".
  const outlinesRef = ctx.nextRef();
  const surveyRef = ctx.nextRef();
  const wheelsRef = ctx.nextRef();
  const coverRef = ctx.nextRef();
  const xyz = (page: PDFRef) => ctx.obj([page, 'XYZ', null, null, null]);
  ctx.assign(wheelsRef, ctx.obj({ Title: PDFString.of('Water wheels'), Parent: surveyRef, Dest: PDFString.of('wheels') }));
  ctx.assign(surveyRef, ctx.obj({ Title: PDFString.of('Mill Survey'), Parent: outlinesRef, Next: coverRef, First: wheelsRef, Last: wheelsRef, Count: 1, Dest: xyz(p1.ref) }));
  ctx.assign(coverRef, ctx.obj({ Title: PDFString.of('Cover'), Parent: outlinesRef, Prev: surveyRef, Dest: xyz(p1.ref) }));
  ctx.assign(outlinesRef, ctx.obj({ Type: 'Outlines', First: surveyRef, Last: coverRef, Count: 3 }));
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  doc.catalog.set(PDFName.of('Names'), ctx.obj({ Dests: ctx.obj({ Names: [PDFString.of('wheels'), xyz(p2.ref)] }) }));
  return doc.save();
}
