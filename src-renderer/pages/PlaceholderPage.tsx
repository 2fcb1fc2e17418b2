// Honest stand-in for pages whose issue has not landed yet: says what the page will do.
import { ROUTES, type RouteId } from '../app/routes';

export type PlaceholderRoute = Exclude<RouteId, 'settings' | 'stats' | 'store'>;

export function PlaceholderPage({ id }: { id: PlaceholderRoute }) {
  const route = ROUTES.find((r) => r.id === id);
  return (
    <section className="page" data-testid={`page-${id}`}>
      <h1>{route?.title}</h1>
      <p className="placeholder-note" data-testid="placeholder-note">
        Not built yet. This page will let you: {route?.summary}
      </p>
    </section>
  );
}
