// Navigation between the pages listed in routes.ts.
import { ROUTES, type RouteId } from './routes';

export function Sidebar({ current }: { current: RouteId }) {
  return (
    <nav className="sidebar" aria-label="Main" data-testid="sidebar">
      <div className="brand">
        <img src="./icon-256.png" alt="" width={28} height={28} />
        <span>GitGuild</span>
      </div>
      <ul>
        {ROUTES.map((route) => (
          <li key={route.id}>
            <a
              href={`#/${route.id}`}
              className={route.id === current ? 'active' : undefined}
              aria-current={route.id === current ? 'page' : undefined}
              data-testid={`nav-${route.id}`}
            >
              {route.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
