import { Injectable } from '@nestjs/common';

/** What a template makes of the caller's data: plain text, no HTML engine. */
export interface NotificationTemplate<D = Record<string, unknown>> {
  subject(data: D): string;
  text(data: D): string;
}

export interface RenderedNotification {
  subject: string;
  text: string;
}

/**
 * Named templates, registered by the bounded context that sends them (e.g. `shop.quote-sent`).
 * A notification is rendered when it is staged and the text kept on its row, so the worker
 * delivers what the caller saw without knowing any context's templates.
 */
@Injectable()
export class NotificationTemplates {
  private readonly templates = new Map<string, NotificationTemplate<any>>();

  register<D extends Record<string, unknown>>(name: string, template: NotificationTemplate<D>): void {
    if (this.templates.has(name)) throw new Error(`notification template ${name} is already registered`);
    this.templates.set(name, template);
  }

  render(name: string, data: Record<string, unknown>): RenderedNotification {
    const template = this.templates.get(name);
    // A template is the calling code's, never the client's: an unknown one is a programming error.
    if (!template) throw new Error(`no notification template ${name} is registered`);
    return { subject: template.subject(data), text: template.text(data) };
  }
}
