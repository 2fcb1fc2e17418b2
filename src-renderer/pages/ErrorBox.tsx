// The host's error as the admin should read it: its message, any per-field lines, and its hint.
import type { ApiError } from '../api/api-error';

export function ErrorBox({
  error,
  testId,
  headline,
  lines = [],
}: {
  error: ApiError;
  testId: string;
  headline?: string;
  lines?: string[];
}) {
  return (
    <div className="error-box" role="alert" data-testid={testId}>
      <strong>{headline ?? error.message}</strong>
      {lines.length > 0 && (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {error.hint && <p>{error.hint}</p>}
    </div>
  );
}
