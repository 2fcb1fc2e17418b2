// Export the configuration (settings, guilds, mappings; never secrets) as a JSON file, and import
// one back. The host validates an import in full and changes nothing when any field is wrong.
// A document that changes where tokens are sent (API, web and OAuth base URLs) is not imported
// until the admin has seen those addresses and chosen to apply them or to leave them out.
import { useRef, useState, type ChangeEvent } from 'react';
import type { MethodOutput } from '../../../src-main/api/contract';
import type { GitGuildClient } from '../../api/api-client';
import { ApiError } from '../../api/api-error';
import { asApiError } from '../../app/use-health';
import { ErrorBox } from '../ErrorBox';
import { exportFileName, parseConfigFile } from './config-file';

type ImportResult = MethodOutput<'config.import'>;

type Outcome =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'exported'; fileName: string }
  | { state: 'confirm'; fileName: string; document: unknown; result: ImportResult }
  | { state: 'imported'; fileName: string; result: ImportResult }
  | { state: 'cancelled'; fileName: string }
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
    await sendImport(file.name, parsed.document, {});
  }

  /** Asks the host to import; a document that moves network peers comes back for confirmation. */
  async function sendImport(
    fileName: string,
    document: unknown,
    peers: { confirmNetworkPeers?: true; keepNetworkPeers?: true },
  ): Promise<void> {
    setOutcome({ state: 'busy' });
    try {
      const result = await client.api['config.import']({ document, ...peers });
      if (!result.imported) {
        setOutcome({ state: 'confirm', fileName, document, result });
        return;
      }
      setOutcome({ state: 'imported', fileName, result });
      onImported();
    } catch (error) {
      setOutcome({ state: 'failed', error: asApiError(error), fileName });
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
            {outcome.result.networkPeers.status === 'kept' &&
              ' Its server addresses were left out: GitGuild keeps using the current ones.'}
            {outcome.result.networkPeers.status === 'applied' &&
              ' Its server addresses were applied as you confirmed.'}
          </p>
        )}
        {outcome.state === 'cancelled' && (
          <p className="muted" data-testid="config-import-cancelled">
            {outcome.fileName} was not imported. Nothing changed.
          </p>
        )}
      </div>
      {outcome.state === 'confirm' && (
        <PeerConfirmation
          fileName={outcome.fileName}
          changes={outcome.result.networkPeers.changes}
          onApply={() =>
            void sendImport(outcome.fileName, outcome.document, { confirmNetworkPeers: true })
          }
          onKeep={() =>
            void sendImport(outcome.fileName, outcome.document, { keepNetworkPeers: true })
          }
          onCancel={() => setOutcome({ state: 'cancelled', fileName: outcome.fileName })}
        />
      )}
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

/** The confirm step: which addresses would change, why that matters, and the three choices. */
function PeerConfirmation({
  fileName,
  changes,
  onApply,
  onKeep,
  onCancel,
}: {
  fileName: string;
  changes: ImportResult['networkPeers']['changes'];
  onApply: () => void;
  onKeep: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="warn-box" role="alert" data-testid="config-peers-confirm">
      <strong>{fileName} changes where GitGuild sends its tokens. Nothing is imported yet.</strong>
      <ul>
        {changes.map((change) => (
          <li key={change.setting} data-testid="config-peer-change">
            <code>{change.setting}</code>: <code>{change.current}</code> →{' '}
            <code>{change.proposed}</code>
          </li>
        ))}
      </ul>
      <p>
        GitGuild sends your bot token and GitHub token to these servers. A shared or downloaded
        configuration could point them at someone else&apos;s server, so apply these addresses only
        if you know them.
      </p>
      <div className="form-row">
        <button type="button" onClick={onApply} data-testid="config-peers-apply">
          Import with these addresses
        </button>
        <button type="button" onClick={onKeep} data-testid="config-peers-keep">
          Import without them
        </button>
        <button type="button" onClick={onCancel} data-testid="config-peers-cancel">
          Cancel
        </button>
      </div>
    </div>
  );
}

function issueLines(error: ApiError): string[] {
  return error.issues.map((issue) =>
    issue.path ? `${issue.path}: ${issue.message}` : issue.message,
  );
}
