import type { Route } from './router';
import { VIEWS } from './router';

/** The "Main" navigation: every view one link away; the current one marked for assistive tech. */
export function Nav({ route }: { route: Route }) {
  return (
    <nav aria-label="Main">
      <ul>
        {VIEWS.map(([id, path, text]) => (
          <li key={id}>
            <a
              href={`#${path}`}
              aria-current={route.view === id ? 'page' : undefined}
              // A key's page belongs to "Keys": shown as the section, not as the page itself.
              class={route.view === 'key' && id === 'home' ? 'section' : undefined}
            >
              {text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
