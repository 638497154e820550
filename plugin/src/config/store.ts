/**
 * The settings screen's state: the draft mapping plus the connection as typed in this session.
 * Parts of the screen that depend on a value re-render when it changes; nothing else does, so text
 * inputs keep their focus.
 */
import type { Draft } from './draft';
import type { Registration } from './admin-client';

export interface Session {
  serverUrl: string;
  /** typed in this session for the calls that change something; never stored anywhere */
  adminSecret: string;
  /** typed in this session; the server keeps it sealed, kintone never stores it */
  apiToken: string;
  webhookUrl: string;
  /** known only right after the server issued it in this session: the server keeps only its hash */
  webhookSecret: string;
  /** issued by a registration in this session; Save stores it in the proxy config for GET …/status only */
  statusKey: string;
}

export type StateKey = keyof Draft | keyof Session;

export class Store {
  private readonly listeners: Array<{ keys: readonly StateKey[]; run: () => void }> = [];

  constructor(
    readonly draft: Draft,
    readonly session: Session,
  ) {}

  setDraft<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft[key] = value;
    this.notify(key);
  }

  setSession<K extends keyof Session>(key: K, value: Session[K]): void {
    this.session[key] = value;
    this.notify(key);
  }

  applyRegistration(registration: Registration): void {
    this.setSession('webhookUrl', registration.webhookUrl);
    if (registration.webhookSecret) this.setSession('webhookSecret', registration.webhookSecret);
    this.setSession('statusKey', registration.statusKey);
  }

  /** Re-renders `container` from `render` now and whenever one of `keys` changes. */
  bind(container: HTMLElement, keys: readonly StateKey[], render: () => Array<Node | null>): HTMLElement {
    const run = () => container.replaceChildren(...render().filter((n): n is Node => n !== null));
    run();
    this.listeners.push({ keys, run });
    return container;
  }

  private notify(key: StateKey): void {
    for (const listener of this.listeners) if (listener.keys.includes(key)) listener.run();
  }
}
