import type { Target } from './messages';

/** The command that hover links and CodeLenses run: open the panel on a folder, focused on a service, store or edge. */
export const SHOW_IN_MAP_COMMAND = 'stateMap.showInMap';

export interface ShowInMapArgs {
  folder: string;
  target?: Target;
}

/** A `command:` URI for Markdown (hovers): the arguments are JSON in the query. */
export function commandLink(args: ShowInMapArgs): string {
  return `command:${SHOW_IN_MAP_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
}
