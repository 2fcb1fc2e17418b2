// Moves the app to a route by its hash (routes.ts stays free of the DOM so tests can import it).
import { hashOf, type Route } from './routes';

export function navigate(route: Route): void {
  window.location.hash = hashOf(route);
}
