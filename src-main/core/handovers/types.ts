/** A handover's shapes live with the API's (the context carries them); this capability uses them. */
export type { Handover, HandoverChange, HandoverResponse } from '../api/types'
