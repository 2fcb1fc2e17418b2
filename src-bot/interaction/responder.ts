// The one place that talks back to an interaction. It knows whether the interaction is still
// unanswered, deferred or answered and picks the call that fits (reply, edit the deferred reply,
// or follow up), so commands and the error path never have to. Calls are queued: the safety
// defer timer and a command's own reply can race, and Discord accepts only one first response.
import {
  MessageFlags,
  type AttachmentBuilder,
  type ChatInputCommandInteraction,
  type EmbedBuilder,
} from 'discord.js';

export interface CommandReply {
  content?: string;
  embeds?: EmbedBuilder[];
  files?: AttachmentBuilder[];
}

type Phase = 'unanswered' | 'deferred' | 'answered';

export class InteractionResponder {
  private phase: Phase = 'unanswered';
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly interaction: ChatInputCommandInteraction,
    /** Decided before the first response; Discord cannot change it afterwards. */
    readonly ephemeral: boolean,
  ) {}

  get answered(): boolean {
    return this.phase !== 'unanswered';
  }

  /** Acknowledges now ("GitGuild is thinking…") if nothing has been sent yet. */
  defer(): Promise<void> {
    return this.enqueue(async () => {
      if (this.phase !== 'unanswered') return;
      await this.interaction.deferReply(this.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      this.phase = 'deferred';
    });
  }

  /** The command's answer: the first response, the deferred reply's content, or a follow-up. */
  send(reply: CommandReply): Promise<void> {
    return this.enqueue(() => this.deliver(reply, this.ephemeral));
  }

  /** A follow-up after the answer (for example the outcome of /link), same visibility. */
  followUp(reply: CommandReply): Promise<void> {
    return this.enqueue(async () => {
      if (this.phase === 'unanswered') return this.deliver(reply, this.ephemeral);
      await this.interaction.followUp({
        ...reply,
        ...(this.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      });
    });
  }

  /**
   * The error path: a refusal or failure shown only to the member when it is the first response
   * or a follow-up; a deferred reply is replaced (its visibility was fixed when it was deferred).
   */
  fail(reply: CommandReply): Promise<void> {
    return this.enqueue(() => this.deliver(reply, true));
  }

  private async deliver(reply: CommandReply, ephemeral: boolean): Promise<void> {
    const flags = ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
    switch (this.phase) {
      case 'unanswered':
        await this.interaction.reply({ ...reply, ...flags });
        break;
      case 'deferred':
        await this.interaction.editReply(reply);
        break;
      case 'answered':
        await this.interaction.followUp({ ...reply, ...flags });
        break;
    }
    this.phase = 'answered';
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
