// Original file: protos/fedra/v1/admin.proto

/**
 * How far a participant got in a round attempt.
 */
export const ParticipantState = {
  /**
   * Not set.
   */
  PARTICIPANT_STATE_UNSPECIFIED: 'PARTICIPANT_STATE_UNSPECIFIED',
  /**
   * Selected and invited; no answer yet.
   */
  PARTICIPANT_STATE_INVITED: 'PARTICIPANT_STATE_INVITED',
  /**
   * Submitted its signed public keys (setup done).
   */
  PARTICIPANT_STATE_KEYS_SUBMITTED: 'PARTICIPANT_STATE_KEYS_SUBMITTED',
  /**
   * Submitted its encrypted shares (share-keys done).
   */
  PARTICIPANT_STATE_SHARES_SUBMITTED: 'PARTICIPANT_STATE_SHARES_SUBMITTED',
  /**
   * Its masked update arrived and verified (collect-masked done).
   */
  PARTICIPANT_STATE_UPLOADED: 'PARTICIPANT_STATE_UPLOADED',
  /**
   * Signed the survivor set (consistency-check done).
   */
  PARTICIPANT_STATE_SIGNED: 'PARTICIPANT_STATE_SIGNED',
  /**
   * Revealed its shares (unmask done).
   */
  PARTICIPANT_STATE_REVEALED: 'PARTICIPANT_STATE_REVEALED',
  /**
   * Dropped from the attempt; see the drop reason.
   */
  PARTICIPANT_STATE_DROPPED: 'PARTICIPANT_STATE_DROPPED',
} as const;

/**
 * How far a participant got in a round attempt.
 */
export type ParticipantState =
  /**
   * Not set.
   */
  | 'PARTICIPANT_STATE_UNSPECIFIED'
  | 0
  /**
   * Selected and invited; no answer yet.
   */
  | 'PARTICIPANT_STATE_INVITED'
  | 1
  /**
   * Submitted its signed public keys (setup done).
   */
  | 'PARTICIPANT_STATE_KEYS_SUBMITTED'
  | 2
  /**
   * Submitted its encrypted shares (share-keys done).
   */
  | 'PARTICIPANT_STATE_SHARES_SUBMITTED'
  | 3
  /**
   * Its masked update arrived and verified (collect-masked done).
   */
  | 'PARTICIPANT_STATE_UPLOADED'
  | 4
  /**
   * Signed the survivor set (consistency-check done).
   */
  | 'PARTICIPANT_STATE_SIGNED'
  | 5
  /**
   * Revealed its shares (unmask done).
   */
  | 'PARTICIPANT_STATE_REVEALED'
  | 6
  /**
   * Dropped from the attempt; see the drop reason.
   */
  | 'PARTICIPANT_STATE_DROPPED'
  | 7

/**
 * How far a participant got in a round attempt.
 */
export type ParticipantState__Output = typeof ParticipantState[keyof typeof ParticipantState]
