// The violence level vocabulary shared by partner violence and child abuse.

/** `null` in results means the level cannot be known from what was assessed. */
export type ViolenceLevel = 'none' | 'mild' | 'severe';
