import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { Message } from '../rules/types';
import type { Lang } from './locale';

export { COMMANDS } from './commandIds';

/** How long a command waits for the editor to answer a request of its own; REFERAT_CLIENT_TIMEOUT_MS sets it (for the tests). */
export const CLIENT_TIMEOUT_MS = Number(process.env.REFERAT_CLIENT_TIMEOUT_MS) > 0 ? Number(process.env.REFERAT_CLIENT_TIMEOUT_MS) : 30000;

/**
 * The editor's answer to a request the server sent it (apply an edit, show a document), or, when
 * none comes within `ms`, an error that says so; a cancelled command stops waiting at once.
 */
export function answered<T>(request: Promise<T>, what: Message, lang: Lang, token?: CancellationToken, ms = CLIENT_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const seconds = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
    const message: Message = {
      da: `Editoren svarede ikke inden for ${seconds} (${what.da}).`,
      en: `The editor did not answer within ${seconds} (${what.en}).`,
    };
    const timer = setTimeout(() => settle(() => reject(new ResponseError(LSPErrorCodes.RequestFailed, message[lang]))), ms);
    const cancelled = token?.onCancellationRequested(() =>
      settle(() => reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled'))),
    );
    function settle(then: () => void): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      cancelled?.dispose();
      then();
    }
    request.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
