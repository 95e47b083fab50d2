import { DocmillError } from '@docmill/core';

/**
 * The stored layout of one job (DESIGN.md):
 * `jobs/<jobId>/manifest.json`, `document.md`, `document.json`,
 * `pages/0001.png`, `chunks.jsonl`, and `input` (the uploaded bytes, deleted
 * with the job); `inputs/<sha256>` is where earlier versions kept uploads, shared.
 * Does not decide what goes into the files, only where they are.
 */
export const jobKeys = (jobId: string) => {
  checkSegment(jobId);
  const base = `jobs/${jobId}/`;
  return {
    prefix: base,
    manifest: `${base}manifest.json`,
    markdown: `${base}document.md`,
    json: `${base}document.json`,
    chunks: `${base}chunks.jsonl`,
    /** The uploaded bytes (each job its own copy, so that deleting the job frees them). */
    input: `${base}input`,
    /** 0-based page index → `pages/0001.png` (1-based, four digits at least). */
    pageImage: (index: number) => `${base}pages/${String(index + 1).padStart(4, '0')}.png`,
  };
};

/**
 * Where versions before jobKeys(id).input kept the uploaded bytes of a given
 * sha256, shared by every job that used them (read for jobs submitted then).
 */
export function inputKey(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new DocmillError('USAGE_BAD_ARGUMENT', `Not a sha256: "${sha256}".`);
  return `inputs/${sha256}`;
}

/**
 * Throws unless the key is a safe relative key (no "..", no leading "/", no empty segment, no NUL).
 * @param key the key to check
 * @param allowTrailingSlash true for prefixes
 */
export function checkKey(key: string, allowTrailingSlash = false): void {
  const body = allowTrailingSlash && key.endsWith('/') ? key.slice(0, -1) : key;
  if (body === '' && allowTrailingSlash) return;
  if (body.startsWith('/') || body.includes('\0') || body.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new DocmillError('USAGE_BAD_ARGUMENT', `Bad store key "${key}".`);
  }
}

function checkSegment(id: string): void {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new DocmillError('USAGE_BAD_ARGUMENT', `Bad job id "${id}".`);
}
