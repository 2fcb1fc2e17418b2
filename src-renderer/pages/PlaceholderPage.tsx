// Honest stand-in for pages whose data is still being built elsewhere: says what the page will
// do and what it waits for. Each is replaced by its real page once that data lands.
import { PAGES, type Route } from '../app/routes';

export function PlaceholderPage({ route }: { route: Route }) {
  const page = PAGES[route.page];
  return (
    <section className="page" data-testid={`page-${route.page}`}>
      <h1 tabIndex={-1}>{page.title}</h1>
      <div className="placeholder-note" data-testid="placeholder-note">
        <p>
          <strong>Not built yet.</strong> This page will let you: {page.summary}
        </p>
        {page.waitsFor && (
          <p>
            It needs {page.waitsFor}, and is built once that has landed. Until then nothing here
            changes your server.
          </p>
        )}
      </div>
    </section>
  );
}
