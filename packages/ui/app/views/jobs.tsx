// The tenant's jobs: live status and progress (SSE), flags, upload by drag and
// drop with the conversion options, cancel and delete.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Api, type Job, type UiConfig } from '../api.js';
import { documentHref } from '../route.js';

const FINAL = new Set(['succeeded', 'failed', 'canceled']);

/** Pages a person should look at, as the job record counts them (records of older versions: failed and fallback pages). */
export function flaggedCount(job: Job): number {
  return job.reviewPages?.length ?? (job.failedPages?.length ?? 0) + (job.usage?.pagesFallback ?? 0);
}

function UploadForm({ api, config, onJob }: { api: Api; config: UiConfig; onJob: (job: Job) => void }) {
  const [file, setFile] = useState<File>();
  const [options, setOptions] = useState<Record<string, string>>({});
  const [dragging, setDragging] = useState(false);
  const [status, setStatus] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return setStatus('Choose a document first.');
    setStatus(`Uploading ${file.name}…`);
    try {
      const job = await api.submit(file, options);
      onJob(job);
      setStatus(`Submitted ${file.name}.`);
      setFile(undefined);
      if (input.current) input.current.value = '';
    } catch (err) {
      setStatus(err instanceof ApiError ? `${err.code}: ${err.message}` : String(err));
    }
  };

  return (
    <form class="upload" onSubmit={submit} aria-label="Upload a document">
      <label
        class={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer?.files[0];
          if (f) setFile(f);
        }}
      >
        <span>{file ? file.name : 'Drop a PDF or page image here, or choose one'}</span>
        <input ref={input} type="file" aria-label="Document" accept="application/pdf,image/png,image/jpeg,image/tiff,image/webp" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0])} />
      </label>
      <div class="options">
        {config.options.map((o) => (
          <label key={o.name} title={o.description}>
            <span>{o.name}</span>
            {o.kind === 'enum' ? (
              <select value={options[o.name] ?? ''} onChange={(e) => setOptions({ ...options, [o.name]: (e.target as HTMLSelectElement).value })}>
                <option value="">default</option>
                {o.choices!.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            ) : o.kind === 'boolean' ? (
              <input type="checkbox" checked={options[o.name] === 'true'} onChange={(e) => setOptions({ ...options, [o.name]: (e.target as HTMLInputElement).checked ? 'true' : '' })} />
            ) : (
              <input type="text" inputMode={o.kind === 'number' ? 'numeric' : 'text'} value={options[o.name] ?? ''} onInput={(e) => setOptions({ ...options, [o.name]: (e.target as HTMLInputElement).value })} />
            )}
          </label>
        ))}
      </div>
      <button type="submit">Upload</button>
      {status && <p role="status">{status}</p>}
    </form>
  );
}

export function JobsView(props: { api: Api; config: UiConfig; jobs: Job[]; setJobs: (f: (jobs: Job[]) => Job[]) => void; onAuthError: () => void }) {
  const { api, config, jobs, setJobs } = props;
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    api.jobs().then(
      (r) => setJobs(() => r.jobs),
      (err) => {
        if (err instanceof ApiError && err.status === 401) props.onAuthError();
        else setError((err as Error).message);
      },
    );
  }, [api, tick]);

  // Live progress: one event stream per unfinished job; a stream that breaks falls back to a reload.
  const live = jobs.filter((j) => !FINAL.has(j.status)).map((j) => j.id).join(',');
  useEffect(() => {
    const abort = new AbortController();
    for (const id of live.split(',').filter(Boolean)) {
      api
        .follow(id, (update) => setJobs((all) => all.map((j) => (j.id === id ? { ...j, ...update } : j))), abort.signal)
        .catch(() => {
          if (!abort.signal.aborted) setTimeout(() => setTick((t) => t + 1), 3000);
        });
    }
    return () => abort.abort();
  }, [api, live]);

  const remove = async (job: Job) => {
    const final = FINAL.has(job.status);
    if (!final && !confirm(`Cancel and delete ${job.filename ?? job.id}?`)) return;
    if (final && !confirm(`Delete ${job.filename ?? job.id} and its results?`)) return;
    await api.cancelOrDelete(job.id);
    setJobs((all) => all.filter((j) => j.id !== job.id));
  };

  return (
    <main class="jobs">
      {config.features.upload && <UploadForm api={api} config={config} onJob={(job) => setJobs((all) => [job, ...all.filter((j) => j.id !== job.id)])} />}
      {error && <p role="alert" class="error">{error}</p>}
      <table aria-label="Jobs">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Pages</th>
            <th scope="col">Progress</th>
            <th scope="col">Flagged</th>
            <th scope="col">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.length === 0 && (
            <tr>
              <td colSpan={6}>No documents yet.</td>
            </tr>
          )}
          {jobs.map((job) => {
            const { pagesDone, pagesTotal } = job.progress;
            const name = job.filename ?? job.id;
            return (
              <tr key={job.id} data-job={job.id}>
                <td>{job.status === 'succeeded' ? <a href={documentHref(job.id, 1)}>{name}</a> : name}</td>
                <td>
                  <span class={`status ${job.status}`}>{job.status}</span>
                  {job.degraded && <span class="badge warn" title={job.degraded.reason}>degraded</span>}
                  {job.error && <span class="error-code" title={job.error.message}>{job.error.code}</span>}
                </td>
                <td>{pagesTotal || ''}</td>
                <td>
                  <progress max={pagesTotal || 1} value={pagesDone} aria-label={`${name}: ${pagesDone} of ${pagesTotal} pages`} /> {pagesDone}/{pagesTotal}
                </td>
                <td>{flaggedCount(job) ? <a href={documentHref(job.id, 1, { review: true })}>{flaggedCount(job)} to review</a> : '—'}</td>
                <td>
                  {config.features.cancel && (
                    <button type="button" onClick={() => void remove(job)}>
                      {FINAL.has(job.status) ? 'Delete' : 'Cancel'}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </main>
  );
}
