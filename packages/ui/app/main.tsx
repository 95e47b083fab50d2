// docmill's review app: sign in, the tenant's jobs (live), upload, a document
// view (page image beside its Markdown, block boxes, pages to review), search
// and questions. One bundle, built by esbuild, served by the API under /ui/.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api, ApiError, storeKey, storedKey, type Job, type SearchHit, type UiConfig } from './api.js';
import { DocumentView } from './views/document.js';
import { JobsView } from './views/jobs.js';
import { SearchResults } from './views/search.js';
import { parseRoute, type Route } from './route.js';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

function SignIn({ onKey }: { onKey: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // Note: checked against a real route, so a wrong key is said at once, not on the next click.
      await new Api(key).jobs();
      onKey(key);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'That API key was refused.' : `Could not sign in: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <h1>docmill</h1>
      <form onSubmit={submit}>
        <label for="api-key">API key</label>
        <input id="api-key" type="password" autocomplete="off" required minLength={8} value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} />
        <button type="submit" disabled={busy}>Sign in</button>
        {error && <p role="alert" class="error">{error}</p>}
      </form>
    </main>
  );
}

function App() {
  const [config, setConfig] = useState<UiConfig>();
  const [key, setKey] = useState(storedKey());
  const [jobs, setJobs] = useState<Job[]>([]);
  const [hits, setHits] = useState<{ q: string; hits: SearchHit[]; error?: string }>();
  const [query, setQuery] = useState('');
  const route = useRoute();
  const api = useMemo(() => new Api(key), [key]);

  useEffect(() => {
    void api.config().then(setConfig);
  }, []);

  const signOut = () => {
    storeKey(undefined);
    setKey(undefined);
    setJobs([]);
    location.hash = '';
  };

  if (!config) return <p class="loading">Loading…</p>;
  if (config.mode === 'api' && !key) {
    return (
      <SignIn
        onKey={(k) => {
          storeKey(k);
          setKey(k);
        }}
      />
    );
  }

  const search = async (e: Event) => {
    e.preventDefault();
    if (!query.trim()) return setHits(undefined);
    try {
      setHits({ q: query, hits: (await api.search(query)).hits });
    } catch (err) {
      setHits({ q: query, hits: [], error: (err as Error).message });
    }
  };

  return (
    <>
      <header>
        <a class="brand" href="#/">{config.title}</a>
        {config.features.search && (
          <form role="search" onSubmit={search}>
            <label for="search">Search</label>
            <input id="search" type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
            <button type="submit">Go</button>
          </form>
        )}
        {config.mode === 'api' && (
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        )}
      </header>
      {hits && <SearchResults result={hits} jobs={jobs} onClose={() => setHits(undefined)} />}
      {route.view === 'document' ? (
        <DocumentView api={api} config={config} id={route.id} page={route.page} quote={route.quote} review={route.review} />
      ) : (
        <JobsView api={api} config={config} jobs={jobs} setJobs={setJobs} onAuthError={signOut} />
      )}
    </>
  );
}

render(<App />, document.getElementById('app')!);
