// The ELK layout as its own chunk (about 1.5 MB minified): the panel loads it with a nonce'd script tag
// only when a map is big enough to need it, and hands the loaders to its Mermaid.
import elkLayouts from '@mermaid-js/layout-elk';

(globalThis as unknown as { StateMapElkLayouts: typeof elkLayouts }).StateMapElkLayouts = elkLayouts;
