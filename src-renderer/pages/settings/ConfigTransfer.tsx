// Export the configuration (settings, guilds, mappings; never secrets) as a JSON file, and import
// one back. The host validates an import in full and changes nothing when any field is wrong.
import { useRef, useState, type ChangeEvent } from 'react';
import type { GitGuildClient } from '../../api/api-client';
import { ApiError } from '../../api/api-error';
import { asApiError } from '../../app/use-health';
import { ErrorBox } from '../ErrorBox';
import { exportFileName, parseConfigFile } from './config-file';

type Outcome =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'exported'; fileName: string }
  | { state: 'imported'; fileName: string }
  | { state: 'failed'; error: ApiError; fileName?: string };

export function ConfigTransfer({
  client,
  onImported,
}: {
  client: GitGuildClient;
  onImported: () => void;
}) {
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);

  async function exportConfig(): Promise<void> {
    setOutcome({ state: 'busy' });
    try {
      const document = await client.api['config.export']();
      const fileName = exportFileName(new Date());
      const url = URL.createObjectURL(
        new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: 'application/json' }),
      );
      const link = window.document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      // Revoked after the click has been handled; the download keeps its own reference.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setOutcome({ state: 'exported', fileName });
    } catch (error) {
      setOutcome({ state: 'failed', error: asApiError(error) });
    }
  }

  async function importConfig(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    // Cleared at once so choosing the same (fixed) file again fires another change.
    event.target.value = '';
    if (!file) return;
    setOutcome({ state: 'busy' });
    const parsed = parseConfigFile(file.name, file.size, await file.text());
    if (!parsed.ok) {
      setOutcome({
        state: 'failed',
        error: new ApiError('invalid_input', parsed.message),
        fileName: file.name,
      });
      return;
    }
    try {
      await client.api['config.import']({ document: parsed.document });
      setOutcome({ state: 'imported', fileName: file.name });
      onImported();
    } catch (error) {
      setOutcome({ state: 'failed', error: asApiError(error), fileName: file.name });
    }
  }

  return (
    <fieldset className="panel" data-testid="config-transfer">
      <legend>Configuration file</legend>
      <p className="field-hint">
        Settings, guilds and role mappings as one JSON file, for a backup or another machine. Tokens
        and client secrets are never in it.
      </p>
      <div className="form-row">
        <button
          type="button"
          onClick={() => void exportConfig()}
          disabled={outcome.state === 'busy'}
          data-testid="config-export"
        >
          Export configuration
        </button>
        <button
          type="button"
          onClick={() => fileInput.current?.click()}
          disabled={outcome.state === 'busy'}
          data-testid="config-import"
        >
          Import configuration…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(e) => void importConfig(e)}
          data-testid="config-import-file"
        />
      </div>
      <div className="transfer-outcome" role="status">
        {outcome.state === 'exported' && (
          <p className="ok" data-testid="config-exported">
            Saved as {outcome.fileName}.
          </p>
        )}
        {outcome.state === 'imported' && (
          <p className="ok" data-testid="config-imported">
            Imported {outcome.fileName}. Settings, guilds and mappings now come from it.
          </p>
        )}
      </div>
      {outcome.state === 'failed' && (
        <ErrorBox
          error={outcome.error}
          testId="config-error"
          headline={outcome.fileName ? `${outcome.fileName} was not imported.` : undefined}
          lines={
            outcome.fileName
              ? [outcome.error.message, ...issueLines(outcome.error)]
              : issueLines(outcome.error)
          }
        />
      )}
    </fieldset>
  );
}

function issueLines(error: ApiError): string[] {
  return error.issues.map((issue) =>
    issue.path ? `${issue.path}: ${issue.message}` : issue.message,
  );
}
