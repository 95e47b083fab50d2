// Search hits across the tenant's documents: snippet (highlighted), document, page.
import type { Job, SearchHit } from '../api.js';
import { documentHref } from '../route.js';

function Snippet({ hit }: { hit: SearchHit }) {
  const parts = [];
  let at = 0;
  for (const [start, end] of hit.highlights) {
    if (start > at) parts.push(hit.snippet.slice(at, start));
    parts.push(<mark>{hit.snippet.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(hit.snippet.slice(at));
  return <>{parts}</>;
}

export function SearchResults({ result, jobs, onClose }: { result: { q: string; hits: SearchHit[]; error?: string }; jobs: Job[]; onClose: () => void }) {
  const names = new Map(jobs.map((j) => [j.id, j.filename ?? j.id]));
  return (
    <section class="search-results" aria-label="Search results">
      <h2>
        {result.hits.length} result{result.hits.length === 1 ? '' : 's'} for “{result.q}”
        <button type="button" class="link" onClick={onClose}>
          Close
        </button>
      </h2>
      {result.error && <p role="alert" class="error">{result.error}</p>}
      <ol>
        {result.hits.map((hit) => (
          <li key={`${hit.jobId}:${hit.page}:${hit.snippet.slice(0, 20)}`}>
            <a href={documentHref(hit.jobId, hit.page)} onClick={onClose}>
              {names.get(hit.jobId) ?? hit.jobId}, page {hit.page}
            </a>
            <p>
              <Snippet hit={hit} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
