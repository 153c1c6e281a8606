// Trauma for the pyramid: signs in the parent or in the child count (domain.md section 2).

/** true if either is true; false only when both were assessed false; otherwise unknown. */
export function combineTrauma(parent: boolean | null | undefined, child: boolean | null | undefined): boolean | null {
  if (parent === true || child === true) return true;
  if (parent === false && child === false) return false;
  return null;
}
