// Puts a fidelity set's PDFs into <set>/pdf/ from local clones of their repositories:
//   node bench/fidelity/collect.mjs <dir> [<set>]
// where <set> is the folder holding provenance.jsonl (bench/fidelity, the development set, by
// default; bench/fidelity-heldout, -heldout2 and -heldout3, the held-out sets) and <dir> holds one
// git clone (or bare mirror) per repository named in provenance.jsonl, as <dir>/<owner>+<name> or
// <dir>/<name> (a `repo/` subfolder is looked into too). Each PDF is read at its pinned commit (`git show <commit>:<path>`)
// and checked against its sha256. The PDFs are not committed: they are other people's documents (see README.md beside this file).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const from = process.argv[2];
const here = process.argv[3] ?? import.meta.dirname;
if (!from) {
  process.stderr.write('usage: node bench/fidelity/collect.mjs <dir with one clone per repository> [<set folder>]\n');
  process.exit(2);
}
mkdirSync(join(here, 'pdf'), { recursive: true });
let ok = 0;
const failed = [];
for (const line of readFileSync(join(here, 'provenance.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const p = JSON.parse(line);
  const [owner, name] = p.repo.split('/');
  const candidates = [`${owner}+${name}`, name].flatMap((d) => [join(from, d, 'repo'), join(from, d)]);
  const repo = candidates.find((d) => existsSync(d));
  if (!repo) { failed.push(`${p.pdf}: no clone of ${p.repo} in ${from}`); continue; }
  try {
    const bytes = execFileSync('git', ['--git-dir', existsSync(join(repo, '.git')) ? join(repo, '.git') : repo, 'show', `${p.commit}:${p.path}`], { maxBuffer: 1 << 26 });
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== p.sha256) { failed.push(`${p.pdf}: sha256 ${sha} is not ${p.sha256}`); continue; }
    writeFileSync(join(here, 'pdf', p.pdf), bytes);
    ok++;
  } catch (err) {
    failed.push(`${p.pdf}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
}
process.stdout.write(`${ok} PDFs written to ${join(here, 'pdf')}\n${failed.map((f) => `  missing ${f}\n`).join('')}`);
process.exit(failed.length ? 1 : 0);
