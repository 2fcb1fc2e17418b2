// A failure the member caused or can fix (Sapphire's UserError): its message is written for
// them and shown as is; the identifier goes to the log and lets tests tell refusals apart.
export type CommandErrorId =
  | 'not_in_guild'
  | 'guild_not_managed'
  | 'not_admin'
  | 'not_linked'
  | 'data_not_ready'
  | 'bad_option'
  | 'unknown_user'
  | 'unknown_command';

export class CommandError extends Error {
  constructor(
    readonly identifier: CommandErrorId,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
